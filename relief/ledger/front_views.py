"""The pages of the Front's report to the higher Front (relief.ledger.front_reports)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from relief.core.actor import Actor, CurrentActor
from relief.core.formatting import local_today
from relief.core.forms import Form, read_form
from relief.core.guards import requires
from relief.core.pages import Again, save_form
from relief.core.permissions import Can, can
from relief.core.web import MAX_ID
from relief.disaster_reports.records import RETURN, STEP
from relief.ledger import front_reports
from relief.ledger.models import FrontReport
from relief.places.models import Commune

READERS = requires(Can.read_ledger)
KEEPERS = requires(Can.keep_ledger)


def _month(text: str | None) -> tuple[int, int]:
    """A month as YYYY-MM; else last month (the month a report is usually sent for)."""
    year_text, _, month_text = (text or "").partition("-")
    if year_text.isdigit() and month_text.isdigit() and 1 <= int(month_text) <= 12:
        return int(year_text), int(month_text)
    today = local_today()
    return (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)


async def _list_page(
    actor: Actor,
    month: str | None = None,
    commune_id: int | None = None,
    again: Again | None = None,
) -> Template:
    home = can(actor).home_commune
    commune_id = home if home is not None else commune_id
    commune = await Commune.get_or_none(id=commune_id) if commune_id else None
    year, number = _month((again.values.get("month") if again else None) or month)
    may_send = commune is not None and can(actor).keep_ledger and can(actor).keep_fund(commune.id)
    lines = await front_reports.figures(commune.id, year, number) if commune else []
    if may_send and commune is not None:  # a month awaiting the province's answer is not resent
        may_send = not await front_reports.pending(commune.id, year, number)
    context: dict[str, Any] = {
        "commune": commune,
        "month": f"{year:04d}-{number:02d}",
        "year": year,
        "number": number,
        "lines": lines,
        "total": front_reports.total(lines),
        "may_send": may_send,
        "reports": await front_reports.listed(actor, commune_id),
        "errors": again.errors if again else {},
        "problem": again.problem if again else None,
        "today": local_today(),
    }
    status = again.status if again else 200
    return Template("ledger/front_reports.html", context=context, status_code=status)


async def _report_page(actor: Actor, report: FrontReport, again: Again | None = None) -> Template:
    answered = report.received_at is not None or report.returned_at is not None
    context = {
        "report": report,
        "total": front_reports.total(report.figures),
        "may_answer": not answered and front_reports.may_answer(actor),
        "errors": again.errors if again else {},
        "values": again.values if again else {},
        "problem": again.problem if again else None,
        "today": local_today(),
    }
    status = again.status if again else 200
    return Template("ledger/front_report.html", context=context, status_code=status)


class FrontReportViews(Controller):
    path = "/ledger/front-reports"
    tags = ["ledger"]
    include_in_schema = False
    guards = [READERS]

    @get("/", operation_id="frontReportsPage")
    async def index(
        self,
        actor: CurrentActor,
        month: FromQuery[str | None] = None,
        commune_id: FromQuery[int | None] = None,
    ) -> Template:
        """A commune's month as it would be sent and its reports sent; the province's list of
        every commune's reports."""
        return await _list_page(actor, month, commune_id)

    @post("/", operation_id="frontReportSend", guards=[KEEPERS])
    async def send(self, actor: CurrentActor, request: Request) -> Template | Redirect:
        """The commune's Front sends the month's figures to the province's Front."""
        data = await read_form(request)
        home = can(actor).home_commune
        commune_id = (
            home if home is not None else Form(data).integer("commune_id", min=1, max=MAX_ID)
        )

        async def save(values: dict) -> FrontReport:
            year_text, _, month_text = str(values.get("month") or "").partition("-")
            year = int(year_text) if year_text.isdigit() else None
            month = int(month_text) if month_text.isdigit() else None
            return await front_reports.send(actor, commune_id, year, month)

        return await save_form(
            request,
            actor,
            save,
            lambda done: f"/ledger/front-reports/{done.id}",
            lambda again: _list_page(actor, None, commune_id, again),
            data=data,
        )

    @get("/{front_report_id:int}", operation_id="frontReportPage")
    async def show(self, actor: CurrentActor, front_report_id: FromPath[int]) -> Template:
        """One report as it was sent, with the province's answer."""
        return await _report_page(actor, await front_reports.get(actor, front_report_id))

    @post("/{front_report_id:int}/receive", operation_id="frontReportReceive", guards=[KEEPERS])
    async def receive(
        self, actor: CurrentActor, front_report_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """The province's Front receives the report."""
        return await _answer(actor, front_report_id, request, front_reports.receive, STEP)

    @post("/{front_report_id:int}/return", operation_id="frontReportReturn", guards=[KEEPERS])
    async def give_back(
        self, actor: CurrentActor, front_report_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """The province's Front returns the report to the commune, saying why."""
        return await _answer(actor, front_report_id, request, front_reports.return_, RETURN)


async def _answer(
    actor: Actor, report_id: int, request: Request, step: Any, record: Any
) -> Template | Redirect:
    """Receives or returns the report (`step`, the form read by `record`); on an error, the
    report's page again with the form kept."""
    report = await front_reports.get(actor, report_id)
    return await save_form(
        request,
        actor,
        lambda raw: step(actor, report_id, record.form_patch(raw)),
        lambda done: f"/ledger/front-reports/{done.id}",
        lambda again: _report_page(actor, report, again),
    )
