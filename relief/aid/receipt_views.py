"""Pages of the sign-for-receipt list of a visit: print, XLSX, and ticking who received."""

from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Response, Template

from relief.aid import receipts
from relief.aid.service import get_visit
from relief.core import audit
from relief.core.actor import CurrentActor
from relief.core.formatting import local_today
from relief.core.forms import Form, read_form
from relief.core.guards import requires
from relief.core.pages import Again, save_form
from relief.core.permissions import Can

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _ids(form: Form, name: str) -> list[int]:
    return [int(v) for v in form.values(name) if v.strip().isdigit() and len(v.strip()) < 10]


class ReceiptViews(Controller):
    path = "/visits/{visit_id:int}/receipts"
    tags = ["aid"]
    guards = [requires(Can.read_records)]
    include_in_schema = False

    @get("/", operation_id="receiptListPage")
    async def page(
        self,
        actor: CurrentActor,
        request: Request,
        visit_id: FromPath[int],
        hamlet_id: FromQuery[int | None] = None,
    ) -> Template:
        """The list each household signs when it receives the aid, per hamlet, to print."""
        return await _page(actor, request, visit_id, hamlet_id)

    @get("/xlsx", operation_id="receiptListXlsx")
    async def xlsx(
        self, actor: CurrentActor, visit_id: FromPath[int], hamlet_id: FromQuery[int | None] = None
    ) -> Response:
        """The same list as an Excel workbook, one sheet per hamlet."""
        data = await receipts.receipt_list(actor, visit_id, hamlet_id)
        await audit.record(
            actor,
            "export",
            "receipt_list",
            visit_id,
            commune_id=data.visit.commune_id,
            after={"format": "xlsx", "rows": len(data.rows)},
        )
        return Response(
            receipts.receipt_xlsx(data),
            media_type=XLSX,
            headers={
                "Content-Disposition": f'attachment; filename="danh-sach-ky-nhan-{visit_id}.xlsx"'
            },
        )

    @post("/", operation_id="markReceivedPage", guards=[requires(Can.write_records)])
    async def mark(
        self, actor: CurrentActor, request: Request, visit_id: FromPath[int]
    ) -> Template | Redirect:
        """Ticks the households that signed the list (and unticks the others)."""
        await get_visit(actor, visit_id)  # 404 out of scope before any form error
        data = await read_form(request)
        hamlet = Form(data).integer("hamlet_id")

        async def mark(values: dict) -> object:
            form = Form(values)
            on = form.date("received_on", required=True)
            form.check()
            return await receipts.mark_received(actor, visit_id, _ids(form, "received"), on)

        async def again(again: Again) -> Template:
            return await _page(actor, request, visit_id, hamlet, errors=again.errors, again=again)

        query = f"?hamlet_id={hamlet}&saved=1" if hamlet else "?saved=1"
        done = f"/visits/{visit_id}/receipts{query}"
        return await save_form(request, actor, mark, done, again, data=data)


async def _page(actor, request, visit_id, hamlet_id, errors=None, again=None) -> Template:
    data = await receipts.receipt_list(actor, visit_id, hamlet_id)
    return Template(
        template_name="aid/receipts.html",
        context={
            "data": data,
            "hamlet_id": hamlet_id,
            "today": local_today(),
            "saved": request.query_params.get("saved"),
            "errors": errors or {},
            "problem": again.problem if again else None,
        },
        status_code=again.status if again else 200,
    )
