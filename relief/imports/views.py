"""HTML pages of imports: the template, upload and preview, confirmation, past imports."""

from __future__ import annotations

import asyncio
from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.exceptions import HTTPException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from relief.core import workers
from relief.core.actor import Actor, CurrentActor
from relief.core.errors import Invalid
from relief.core.guards import requires
from relief.core.i18n import gettext
from relief.core.pages import Again, save_form
from relief.core.permissions import Can, can
from relief.core.web import error_response, http_error_handler
from relief.households.models import Disaster
from relief.imports import conflicts, reader, service
from relief.imports.messages import conflict_list, described, layout_lines, summary
from relief.imports.parsing import MAX_BYTES, TOO_LARGE
from relief.imports.template import template_xlsx
from relief.imports.validation import takes_good_rows
from relief.places.models import Commune

WRITERS = requires(Can.write_records)
# The 20 MB file plus the rest of the form; beyond it the page explains the limit.
UPLOAD_LIMIT = MAX_BYTES + 512 * 1024
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def _upload_context(
    actor: Actor, values: dict[str, Any] | None = None, errors: dict[str, str] | None = None
) -> dict[str, Any]:
    disasters = await Disaster.all().order_by("-starts_on", "-id")
    communes = await Commune.all().order_by("name_key") if can(actor).write_any_commune else []
    values = values or {}
    batches = await service.list_batches(actor)
    if "disaster_id" not in values and disasters:
        values["disaster_id"] = str(disasters[0].id)
    return {
        "values": values,
        "errors": errors or {},
        "disaster_options": [(str(d.id), d.name) for d in disasters],
        "commune_options": [(c.code, f"{c.name} ({c.code})") for c in communes],
        "batches": batches,
        "interrupted": {b.id for b in batches if service.interrupted(b)},
    }


def _page(actor: Actor, batch: Any, status_code: int = 200, **extra: Any) -> Template:
    report = service.shown_report(actor, batch)
    context = {
        "b": batch,
        "r": report,
        "error_list": described(report),
        "layout_list": layout_lines(report),
        "conflict_list": conflict_list(report),
        "summary": summary(batch),
        "takes_good_rows": takes_good_rows(batch.errors, report),
        "interrupted": service.interrupted(batch),
        **extra,
    }
    return Template("imports/page.html", context=context, status_code=status_code)


def too_large(request: Request, exc: HTTPException) -> Response:
    """A body over the limit gets the importer's own message; other errors the usual answer."""
    if exc.status_code == 413:
        return error_response(request, 413, TOO_LARGE)
    return http_error_handler(request, exc)


class ImportViews(Controller):
    path = "/imports"
    tags = ["imports"]
    guards = [WRITERS]
    include_in_schema = False

    @get("/", operation_id="importsPage")
    async def home(self, actor: CurrentActor) -> Template:
        """The upload form and the past imports of the commune."""
        # The process that will read the file starts now, while the officer chooses it.
        warming = asyncio.get_running_loop().run_in_executor(None, workers.warm, reader.read_file)
        warming.add_done_callback(lambda done: done.exception())  # a failure shows at upload
        return Template("imports/home.html", context=await _upload_context(actor))

    @get("/template.xlsx", operation_id="importTemplate")
    async def template(self) -> Response:
        """The Excel template with its headers, an example row and the allowed values."""
        return Response(
            template_xlsx(),
            media_type=XLSX_TYPE,
            headers={"Content-Disposition": 'attachment; filename="mau-nhap-ho-gia-dinh.xlsx"'},
        )

    @post(
        "/",
        operation_id="uploadImport",
        request_max_body_size=UPLOAD_LIMIT,
        exception_handlers={HTTPException: too_large},
    )
    async def upload(self, actor: CurrentActor, request: Request) -> Template | Redirect:
        """Keeps the file and shows its preview; nothing is written yet."""
        form = await request.form()
        upload = form.get("file")
        data = await upload.read() if isinstance(upload, UploadFile) else b""
        name = getattr(upload, "filename", "") or ""
        values = {k: v for k, v in form.items() if isinstance(v, str)}

        async def keep(values: dict[str, Any]) -> Any:
            if not data:
                raise Invalid({"file": "Choose the file to import."})
            return await service.upload(
                actor,
                request.app.state.settings.var_dir,
                name,
                data,
                commune_code=values.get("commune"),
                disaster_id=values.get("disaster_id"),
                assessed_on=values.get("assessed_on"),
            )

        async def again(again: Again) -> Template:
            context = await _upload_context(actor, again.values, again.errors)
            context["problem"] = again.problem
            return Template("imports/home.html", context=context, status_code=again.status)

        return await save_form(
            request,
            actor,
            keep,
            lambda batch: f"/imports/{batch.id}",
            again,
            data=values,
            chunked=True,  # reading a large file must not hold a transaction open
        )

    @get("/{import_id:int}", operation_id="importPage")
    async def page(self, actor: CurrentActor, import_id: FromPath[int]) -> Template:
        """The preview of an import, or what it wrote, with its error report."""
        return _page(actor, await service.get_batch(actor, import_id))

    @post("/{import_id:int}/confirm", operation_id="confirmImport")
    async def confirm(
        self, actor: CurrentActor, import_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Writes the kept rows, chunk by chunk in short transactions."""
        settings = request.app.state.settings

        async def confirm(raw: dict[str, Any]) -> None:
            decisions = service.Decisions.from_form(raw)
            good_rows = raw.get("good_rows") == "1"
            await service.confirm(
                actor, settings.var_dir, import_id, decisions, good_rows=good_rows
            )

        async def again(again: Again) -> Template:
            batch = await service.get_batch(actor, import_id)
            return _page(
                actor,
                batch,
                again.status,
                message=gettext(again.message, **again.params),
                errors=again.errors,
                decisions=service.Decisions.from_form(again.values).rows,
            )

        return await save_form(
            request, actor, confirm, f"/imports/{import_id}?saved=1", again, chunked=True
        )

    @get("/{import_id:int}/bad-rows.xlsx", operation_id="importBadRows")
    async def bad_rows(
        self, actor: CurrentActor, import_id: FromPath[int], request: Request
    ) -> Response:
        """The rows not taken in, in the list's layout with their errors, to correct."""
        var_dir = request.app.state.settings.var_dir
        data, name = await service.bad_rows_sheet(actor, var_dir, import_id)
        return Response(
            data,
            media_type=XLSX_TYPE,
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    @post("/{import_id:int}/conflicts/{row:int}", operation_id="settleImportConflict")
    async def settle(
        self, actor: CurrentActor, import_id: FromPath[int], row: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Keeps the record, or takes the file's values, for one conflict of a done import."""

        async def settle(raw: dict[str, Any]) -> None:
            await conflicts.settle(actor, import_id, row, str(raw.get("take") or ""))

        async def again(again: Again) -> Template:
            batch = await service.get_batch(actor, import_id)
            message = gettext(again.message, **again.params) if again.message else ""
            errors = {k: gettext(m) for k, m in (again.errors or {}).items()}
            return _page(actor, batch, again.status, message=message, errors=errors)

        return await save_form(request, actor, settle, f"/imports/{import_id}#conflicts", again)

    @post("/{import_id:int}/resume", operation_id="resumeImport")
    async def resume(
        self, actor: CurrentActor, import_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Writes the rest of an import stopped while writing."""
        settings = request.app.state.settings

        async def resume(raw: dict[str, Any]) -> None:
            decisions = service.Decisions.from_form(raw)
            good_rows = raw.get("good_rows") == "1"
            await service.resume(actor, settings.var_dir, import_id, decisions, good_rows=good_rows)

        async def again(again: Again) -> Template:
            batch = await service.get_batch(actor, import_id)
            message = gettext(again.message, **again.params) if again.message else ""
            return _page(actor, batch, again.status, message=message, errors=again.errors)

        return await save_form(
            request, actor, resume, f"/imports/{import_id}?saved=1", again, chunked=True
        )

    @post("/{import_id:int}/cancel", operation_id="cancelImport")
    async def cancel(
        self, actor: CurrentActor, import_id: FromPath[int], request: Request
    ) -> Redirect:
        """Drops a previewed import: nothing is written, its checked rows are deleted."""
        await service.cancel(actor, request.app.state.settings.var_dir, import_id)
        return Redirect(f"/imports/{import_id}", status_code=303)
