"""Pages of the event summary and periodic reports (relief.disaster_reports.period): the
reports a commune owes, the draft of one drawn from the records with the commune's own lines,
a report as sent with the province's answer, its paper and XLSX, and the province's grid."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath, Parameter
from litestar.response import Redirect, Response, Template

from relief.core.actor import Actor, CurrentActor
from relief.core.formatting import LOCAL_TZ
from relief.core.guards import requires
from relief.core.i18n import current_language
from relief.core.pages import Again, save_form
from relief.core.permissions import Can, can
from relief.core.web import MAX_ID
from relief.disaster_reports import period, sending, service
from relief.disaster_reports.labels import PERIOD_KINDS, REPORT_STATES
from relief.disaster_reports.models import PeriodReport
from relief.disaster_reports.records import RETURN, STEP
from relief.disaster_reports.table import GROUPS, class_grid, value
from relief.disaster_reports.xlsx import period_xlsx
from relief.households.labels import DISASTER_KINDS, HOUSE_CLASSES
from relief.houses.labels import KINDS, SOURCES
from relief.places.models import Commune

STAFF = requires(Can.read_records)
PROVINCE = requires(Can.manage_disasters)
WRITERS = requires(Can.write_records)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The quick report's lines counted from the households (the rest are the commune's own
# figures of a day, which these reports do not repeat).
DAMAGE_GROUPS = [
    (g, [line for line in g.lines if line.source == "households"])
    for g in GROUPS
    if any(line.source == "households" for line in g.lines)
]

GRID_ROWS = 50  # communes a page of the province's grid


def paper_title(p: PeriodReport) -> tuple[str, str]:
    """The paper's title and subtitle, in the circular's words."""
    if p.kind == period.EVENT:
        name = p.disaster.name if p.disaster else ""
        return "BÁO CÁO TỔNG HỢP", f"Tình hình thiệt hại và công tác khắc phục hậu quả {name}"
    if p.kind == period.HALF_YEAR:
        return "BÁO CÁO", f"Sơ kết công tác phòng, chống thiên tai 6 tháng đầu năm {p.year}"
    return "BÁO CÁO", f"Tổng kết công tác phòng, chống thiên tai năm {p.year}"


def paper_words(report: PeriodReport) -> dict[str, Any]:
    from relief.settings import Settings, active

    settings = active()
    return {
        "issuer": settings.report_issuer if settings else Settings.report_issuer,
        "number": f"{report.number:02d}/BC-BCH",
        "on": (report.sent_at or period.now()).astimezone(LOCAL_TZ).date(),
        "recipients": list(settings.report_recipients if settings else Settings.report_recipients),
        "signer": "TM. Ban Chỉ huy",
        "title": paper_title(report),
    }


def _words() -> dict[str, Any]:
    return {
        "kinds": PERIOD_KINDS,
        "states": REPORT_STATES,
        "damage_groups": DAMAGE_GROUPS,
        "value": value,
        "class_grid": class_grid,
        "class_labels": [*HOUSE_CLASSES.values(), "Not known"],
        "house_kinds": KINDS,
        "sources": SOURCES,
        "texts": period.TEXTS,
        "title_of": period.title_of,
    }


def _drafts(p: period.Period) -> dict[str, str]:
    """The commune's lines drafted from the records: the disaster's kind and days."""
    if p.disaster is None:
        return {}
    d = p.disaster
    days = d.starts_on.strftime("%d/%m/%Y")
    if d.ends_on:
        days += " – " + d.ends_on.strftime("%d/%m/%Y")
    return {"situation": f"{DISASTER_KINDS.label(d.kind)} {d.name}, {days}"}


async def _draft_page(
    actor: Actor, commune: Commune, p: period.Period, again: Again | None = None
) -> Template:
    sent = await period.sent_for(actor, commune, p)
    at = period.now()
    owed = period.state_of(p, sent, at)
    values = (
        again.values
        if again
        else (dict(sent[0].texts) if sent else _drafts(p))  # the last one sent, or drafts
    )
    context = {
        "commune": commune,
        "p": p,
        "figures": await period.figures(commune.id, p),
        "sent": sent,
        "owed": owed,
        "values": values,
        "errors": again.errors if again else {},
        "problem": again.problem if again else None,
        "may_send": can(actor).write_commune(commune.id) and not period.pending(sent),
        **_words(),
    }
    status = again.status if again else 200
    return Template("disaster_reports/period_draft.html", context=context, status_code=status)


async def _report_page(actor: Actor, report: PeriodReport, again: Again | None = None) -> Template:
    context = {
        "report": report,
        "figures": report.figures,
        "may_answer": not sending.answered(report) and can(actor).manage_disasters,
        "errors": again.errors if again else {},
        "values": again.values if again else {},
        "problem": again.problem if again else None,
        "draft_href": _draft_href(report),
        **_words(),
    }
    status = again.status if again else 200
    return Template("disaster_reports/period_report.html", context=context, status_code=status)


def _draft_href(report: PeriodReport) -> str:
    key = report.disaster_id if report.kind == period.EVENT else report.year
    return f"/communes/{report.commune.code}/period-reports/{report.kind}/{key}"


async def _answer(
    actor: Actor, report_id: int, request: Request, step: Any, record: Any
) -> Template | Redirect:
    report = await period.get(actor, report_id)
    return await save_form(
        request,
        actor,
        lambda raw: step(actor, report_id, record.form_patch(raw)),
        lambda done: f"/period-reports/{done.id}",
        lambda again: _report_page(actor, report, again),
    )


class PeriodReportViews(Controller):
    path = "/"
    guards = [STAFF]
    include_in_schema = False

    @get("/communes/{commune_code:str}/period-reports", operation_id="periodReportsOwed")
    async def owed(self, actor: CurrentActor, commune_code: FromPath[str]) -> Template:
        """The event summary and periodic reports the commune owes, with deadline and state."""
        commune = await service.commune_for(actor, commune_code)
        context = {"commune": commune, "owed": await period.owed(actor, commune), **_words()}
        return Template("disaster_reports/period_owed.html", context=context)

    @get(
        "/communes/{commune_code:str}/period-reports/{kind:str}/{key:int}",
        operation_id="periodReportDraft",
    )
    async def draft(
        self,
        actor: CurrentActor,
        commune_code: FromPath[str],
        kind: FromPath[str],
        key: FromPath[int],
    ) -> Template:
        """The report drawn from the records now, the commune's own lines, and those sent."""
        commune = await service.commune_for(actor, commune_code)
        return await _draft_page(actor, commune, await period.period_of(kind, key))

    @post(
        "/communes/{commune_code:str}/period-reports/{kind:str}/{key:int}",
        operation_id="periodReportSend",
        guards=[WRITERS],
    )
    async def send(
        self,
        actor: CurrentActor,
        commune_code: FromPath[str],
        kind: FromPath[str],
        key: FromPath[int],
        request: Request,
    ) -> Template | Redirect:
        """Sends the report: the records' figures and the commune's lines, locked together."""
        commune = await service.commune_for(actor, commune_code)
        p = await period.period_of(kind, key)
        return await save_form(
            request,
            actor,
            lambda raw: period.send(actor, commune, p, period.PERIOD.form(raw)),
            lambda done: f"/period-reports/{done.id}",
            lambda again: _draft_page(actor, commune, p, again),
        )

    @get("/period-reports", operation_id="periodReportsGrid", guards=[PROVINCE])
    async def province(
        self, actor: CurrentActor, page: Annotated[int, Parameter(ge=1, le=MAX_ID)] = 1
    ) -> Template:
        """Each commune's event summary and periodic reports: sent on time, late, missing;
        the communes GRID_ROWS a page (a page of a national reader's whole country would
        not fit a phone), the totals over them all."""
        g = await period.grid(actor)
        pages = max(1, -(-len(g.rows) // GRID_ROWS))
        rows = g.rows[(page - 1) * GRID_ROWS : page * GRID_ROWS]
        context = {"g": g, "rows": rows, "page": page, "pages": pages, **_words()}
        return Template("disaster_reports/period_grid.html", context=context)

    @get("/period-reports/{period_report_id:int}", operation_id="periodReportPage")
    async def show(self, actor: CurrentActor, period_report_id: FromPath[int]) -> Template:
        """The report as it was sent, with the province's answer."""
        return await _report_page(actor, await period.get(actor, period_report_id))

    @post(
        "/period-reports/{period_report_id:int}/receive",
        operation_id="periodReportReceive",
        guards=[PROVINCE],
    )
    async def receive(
        self, actor: CurrentActor, period_report_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """The province receives the report."""
        return await _answer(actor, period_report_id, request, period.receive, STEP)

    @post(
        "/period-reports/{period_report_id:int}/return",
        operation_id="periodReportReturn",
        guards=[PROVINCE],
    )
    async def give_back(
        self, actor: CurrentActor, period_report_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """The province returns the report to the commune, saying why."""
        return await _answer(actor, period_report_id, request, period.give_back, RETURN)

    @get("/period-reports/{period_report_id:int}/print", operation_id="periodReportPaper")
    async def paper(self, actor: CurrentActor, period_report_id: FromPath[int]) -> Template:
        """The report on A4 in the administrative layout."""
        report = await period.get(actor, period_report_id)
        context = {"report": report, "figures": report.figures, **paper_words(report), **_words()}
        return Template("disaster_reports/period_paper.html", context=context)

    @get("/period-reports/{period_report_id:int}/xlsx", operation_id="periodReportXlsx")
    async def xlsx(self, actor: CurrentActor, period_report_id: FromPath[int]) -> Response:
        """The report as an XLSX sheet with the administrative heading, on A4."""
        report = await period.get(actor, period_report_id)
        token = current_language.set("vi")  # a paper to sign and file: in Vietnamese
        try:
            content = period_xlsx(report, paper_words(report), period.title_of(report))
        finally:
            current_language.reset(token)
        name = f"bao-cao-{report.kind.replace('_', '-')}-{report.commune.code}-{report.number}"
        return Response(
            content,
            media_type=XLSX,
            headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
        )
