"""Pages that correct a contribution: delete it with a reason, or give it another sponsor."""

from __future__ import annotations

from litestar import Controller, Request, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from relief.accounts.auth import CurrentActor, roles
from relief.core.errors import Conflict, Invalid
from relief.core.forms import Form, read_form
from relief.houses import contribution_fixes as fixes
from relief.houses.api import WRITERS
from relief.houses.funding import get_contribution
from relief.houses.views import _error_context, case_page


class ContributionFixViews(Controller):
    path = "/contributions/{contribution_id:int}"
    tags = ["houses"]
    include_in_schema = False
    guards = [roles(*WRITERS)]

    async def _answer(self, actor, house_id: int, contribution_id: int, exc) -> Template:
        ctx = _error_context(exc)
        errors = ctx.pop("errors", {})
        return await case_page(
            actor,
            house_id,
            exc.status_code,
            focus="money",
            row_errors={contribution_id: errors},
            **ctx,
        )

    @post("/delete", operation_id="deleteContributionPage")
    async def delete(
        self, actor: CurrentActor, contribution_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Deletes a contribution booked by mistake (the reason is kept in the audit trail)."""
        house_id = (await get_contribution(actor, contribution_id)).house_case_id
        form = Form(await read_form(request))
        try:
            await fixes.delete_contribution(
                actor, contribution_id, form.text("reason", max_length=500), form.integer("version")
            )
        except (Invalid, Conflict) as exc:
            return await self._answer(actor, house_id, contribution_id, exc)
        return Redirect(f"/houses/{house_id}#money", status_code=303)

    @post("/sponsor", operation_id="reassignContributionPage")
    async def reassign(
        self, actor: CurrentActor, contribution_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Gives the contribution to the sponsor who really made it."""
        house_id = (await get_contribution(actor, contribution_id)).house_case_id
        form = Form(await read_form(request))
        try:
            await fixes.reassign_contribution(
                actor,
                contribution_id,
                form.integer("sponsor_id"),
                form.text("reason", max_length=500),
                form.integer("version"),
            )
        except (Invalid, Conflict) as exc:
            return await self._answer(actor, house_id, contribution_id, exc)
        return Redirect(f"/houses/{house_id}#money", status_code=303)
