"""HTML pages of the year lists' imports: the upload form and past imports, the preview (rows
matched, rows to choose, rows matching none, the households the list marks or unmarks, the
change from the year's list in force), the confirmation and the cancellation."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.datastructures import UploadFile
from litestar.exceptions import HTTPException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from relief.core.actor import Actor, CurrentActor
from relief.core.errors import Invalid
from relief.core.formatting import local_today
from relief.core.guards import requires
from relief.core.i18n import gettext
from relief.core.pages import Again, save_form
from relief.core.permissions import Can, can
from relief.households.models import MatchKind, RegisterKind
from relief.households.register_records import REGISTER_IMPORT
from relief.imports import registers
from relief.imports.messages import conflict_list, described, layout_lines
from relief.imports.views import UPLOAD_LIMIT, too_large
from relief.places.models import Commune

WRITERS = requires(Can.write_records)
NO_FILE = "Choose the file to import."


async def _upload_context(
    actor: Actor, values: dict[str, Any], errors: dict[str, str] | None = None
) -> dict[str, Any]:
    communes = await Commune.all().order_by("name_key") if can(actor).write_any_commune else []
    return {
        "values": values,
        "errors": errors or {},
        "kind_options": [(k.value, k) for k in RegisterKind],
        "commune_options": [(c.code, f"{c.name} ({c.code})") for c in communes],
        "imports": await registers.list_imports(actor),
    }


def _page(actor: Actor, found: Any, status_code: int = 200, **extra: Any) -> Template:
    report = found.report or {}
    rows = found.preview or []
    context = {
        "l": found,
        "r": report,
        "error_list": described(report),
        "layout_list": layout_lines(report),
        "conflict_list": conflict_list(report),
        "several": [r for r in rows if r["match"] == MatchKind.SEVERAL.value],
        "unmatched": [r for r in rows if r["match"] == MatchKind.NONE.value],
        "matched": [r for r in rows if r["household_id"] is not None],
        "names": report.get("households") or {},
        "choices": {},
        "errors": {},
        **extra,
    }
    return Template("imports/register.html", context=context, status_code=status_code)


class RegisterImportViews(Controller):
    path = "/imports/registers"
    tags = ["imports"]
    guards = [WRITERS]
    include_in_schema = False

    @get("/", operation_id="registerImportsPage")
    async def home(
        self, actor: CurrentActor, commune: FromQuery[str] = "", kind: FromQuery[str] = ""
    ) -> Template:
        """The upload form of a commune's list or register, and the past imports."""
        values = {"year": str(local_today().year), "commune": commune, "kind": kind or "poverty"}
        return Template("imports/registers.html", context=await _upload_context(actor, values))

    @post(
        "/",
        operation_id="uploadRegister",
        request_max_body_size=UPLOAD_LIMIT,
        exception_handlers={HTTPException: too_large},
    )
    async def upload(self, actor: CurrentActor, request: Request) -> Template | Redirect:
        """Reads the file and shows its preview; nothing of the list is written yet."""
        form = await request.form()
        upload = form.get("file")
        data = await upload.read() if isinstance(upload, UploadFile) else b""
        name = getattr(upload, "filename", "") or ""
        values = {k: v for k, v in form.items() if isinstance(v, str)}

        async def keep(values: dict[str, Any]) -> Any:
            wanted = REGISTER_IMPORT.form(values)
            if not data:  # every error at once, the file's with the form's
                _, errors = REGISTER_IMPORT.check(wanted)
                raise Invalid({**errors, "file": NO_FILE})
            return await registers.upload(
                actor, wanted, name, data, commune_code=values.get("commune")
            )

        async def again(again: Again) -> Template:
            context = await _upload_context(actor, again.values, again.errors)
            context["problem"] = again.problem
            return Template("imports/registers.html", context=context, status_code=again.status)

        return await save_form(
            request,
            actor,
            keep,
            lambda found: f"/imports/registers/{found.id}",
            again,
            data=values,
            chunked=True,  # reading the file must not hold a transaction open
        )

    @get("/{register_id:int}", operation_id="registerImportPage")
    async def page(self, actor: CurrentActor, register_id: FromPath[int]) -> Template:
        """The preview of a list's import, or what its confirmation wrote."""
        return _page(actor, await registers.get_import(actor, register_id))

    @post("/{register_id:int}/confirm", operation_id="confirmRegisterImport")
    async def confirm(
        self, actor: CurrentActor, register_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Makes the list the year's list in force, and sets the households' flags."""

        async def confirm(raw: dict[str, Any]) -> Any:
            return await registers.confirm(actor, register_id, registers.choices_from_form(raw))

        async def again(again: Again) -> Template:
            found = await registers.get_import(actor, register_id)
            message = gettext(again.message, **again.params)
            return _page(
                actor,
                found,
                again.status,
                message=message,
                errors=again.errors,
                choices=registers.choices_from_form(again.values),
            )

        return await save_form(
            request,
            actor,
            confirm,
            lambda found: f"/imports/registers/{found.id}?saved=1",
            again,
            chunked=True,
        )

    @post("/{register_id:int}/cancel", operation_id="cancelRegisterImport")
    async def cancel(
        self, actor: CurrentActor, register_id: FromPath[int], request: Request
    ) -> Redirect:
        """Drops a previewed import: nothing of the list is written."""
        await registers.cancel(actor, register_id)
        return Redirect(f"/imports/registers/{register_id}", status_code=303)
