"""The public complaint form of a commune's posted lists: no account, bounded, nothing
personal shown back (the answer page shows a receipt number and a date only).

Its pages are never cached (the form carries the visitor's own CSRF token), unlike the
commune's public books, which link here.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.datastructures import CacheControlHeader
from litestar.params import FromPath
from litestar.response import Redirect, Template

from relief.accounts.auth import client_ip
from relief.beneficiaries import complaints
from relief.beneficiaries.records import PUBLIC_COMPLAINT
from relief.core.actor import Actor
from relief.core.errors import Conflict, Invalid
from relief.core.forms import read_form
from relief.core.i18n import gettext

NO_STORE = CacheControlHeader(no_store=True)


async def _form(code: str, status: int = 200, **extra: Any) -> Template:
    commune, open_lists = await complaints.posted_lists(code)
    context: dict[str, Any] = {
        "commune": commune,
        "open_lists": open_lists,
        "form": {},
        "errors": {},
        "problem": None,
    }
    context.update(extra)
    return Template("beneficiaries/public_form.html", context=context, status_code=status)


class PublicComplaintViews(Controller):
    path = "/public/{commune_code:str}/complaints"
    tags = ["public"]
    include_in_schema = False
    cache_control = NO_STORE

    @get("/", operation_id="publicComplaintForm")
    async def form(self, commune_code: FromPath[str]) -> Template:
        """The lists the commune posts now, and the form to lodge a complaint about one."""
        return await _form(commune_code)

    @post("/", operation_id="lodgePublicComplaint")
    async def lodge(self, commune_code: FromPath[str], request: Request) -> Template | Redirect:
        """Lodges a complaint without an account; answers with its receipt number only."""
        values = await read_form(request)
        actor = Actor(role=None, ip=client_ip(request.scope))
        try:
            made = await complaints.lodge_public_complaint(
                actor, commune_code, PUBLIC_COMPLAINT.form(values)
            )
        except Invalid as exc:
            return await _form(commune_code, 422, form=values, errors=exc.field_errors)
        except Conflict as exc:
            return await _form(commune_code, 429, form=values, problem=gettext(exc.message))
        return Redirect(f"/public/{commune_code[:10]}/complaints/{made.receipt}", status_code=303)

    @get("/{receipt:str}", operation_id="publicComplaintReceipt")
    async def receipt(self, commune_code: FromPath[str], receipt: FromPath[str]) -> Template:
        """The receipt of a complaint: its number and the date received, nothing else."""
        number, received_on = await complaints.receipt(commune_code, receipt)
        return Template(
            "beneficiaries/public_receipt.html",
            context={"commune_code": commune_code[:10], "number": number, "on": received_on},
        )
