"""HTML pages and JSON API of the quick report: a commune's versions, the province's sum."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Response, Template

from relief.core.actor import Actor, CurrentActor
from relief.core.errors import Invalid
from relief.core.formatting import LOCAL_TZ
from relief.core.guards import requires
from relief.core.i18n import current_language, gettext
from relief.core.pages import Again, save_form
from relief.core.permissions import Can, can
from relief.core.sections import Section
from relief.disaster_reports import duty, period, service
from relief.disaster_reports.labels import REPORT_STATES
from relief.disaster_reports.models import DisasterReport
from relief.disaster_reports.records import REPORT, RETURN, STEP, ReportIn
from relief.disaster_reports.table import GROUPS, RESPONSE, SITUATION, class_grid, value
from relief.disaster_reports.xlsx import as_of_words, to_xlsx
from relief.households.labels import HOUSE_CLASSES
from relief.households.models import Disaster
from relief.places.models import Commune

STAFF = requires(Can.read_records)
PROVINCE = requires(Can.manage_disasters)
WRITERS = requires(Can.write_records)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(content: bytes, name: str) -> Response:
    return Response(
        content,
        media_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
    )


def _labels() -> dict[str, Any]:
    return {
        "groups": GROUPS,
        "situation": SITUATION,
        "response": RESPONSE,
        "class_labels": [*HOUSE_CLASSES.values(), "Not known"],
        "value": value,
        "as_of_words": as_of_words,
        "class_grid": class_grid,
    }


def _commune_column(report: DisasterReport) -> list[tuple[str, dict, dict]]:
    return [(report.commune.name, report.households, report.figures)]


def _report(raw: dict[str, Any], commune: Commune, disaster: Disaster) -> ReportIn:
    """The posted form as a report of the commune and the disaster of the page."""
    return REPORT.form({**raw, "commune_code": commune.code, "disaster_id": str(disaster.id)})


async def _answer_step(
    actor: Actor, report_id: int, request: Request, step: Any, record: Any
) -> Template | Redirect:
    """Sends, receives or returns a version (`step`, with the form read by `record`); on an
    error, the version's page again with the form kept."""
    report = await service.get_report(actor, report_id)
    return await save_form(
        request,
        actor,
        lambda raw: step(actor, report_id, record.form_patch(raw)),
        lambda done: f"/disaster-reports/{done.id}",
        lambda again: _report_page(actor, report, again),
    )


class DisasterReportViews(Controller):
    path = "/"
    guards = [STAFF]
    include_in_schema = False

    @get("/disasters/{disaster_id:int}/reports/{commune_code:str}", operation_id="quickReportForm")
    async def form(
        self, actor: CurrentActor, disaster_id: FromPath[int], commune_code: FromPath[str]
    ) -> Template:
        """Today's sums of the households and the form for the commune's own figures."""
        commune, disaster = await _places(actor, commune_code, disaster_id)
        return await _form_page(actor, commune, disaster, {}, {})

    @post(
        "/disasters/{disaster_id:int}/reports/{commune_code:str}",
        operation_id="quickReportSave",
        guards=[WRITERS],
    )
    async def save(
        self,
        actor: CurrentActor,
        disaster_id: FromPath[int],
        commune_code: FromPath[str],
        request: Request,
    ) -> Template | Redirect:
        """Saves a new version of the report; earlier versions stay as they were."""
        commune, disaster = await _places(actor, commune_code, disaster_id)
        return await save_form(
            request,
            actor,
            lambda raw: service.save_report(actor, _report(raw, commune, disaster)),
            lambda report: f"/disaster-reports/{report.id}",
            lambda again: _form_page(
                actor, commune, disaster, again.values, again.errors, again.status
            ),
        )

    @get("/disaster-reports/{report_id:int}", operation_id="quickReportPage")
    async def show(self, actor: CurrentActor, report_id: FromPath[int]) -> Template:
        """One saved version, as it was saved, with its sending and the province's answer."""
        return await _report_page(actor, await service.get_report(actor, report_id))

    @post(
        "/disaster-reports/{report_id:int}/send",
        operation_id="quickReportSend",
        guards=[WRITERS],
    )
    async def send(
        self, actor: CurrentActor, report_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """The commune sends this version to the province."""
        return await _answer_step(actor, report_id, request, service.send_report, STEP)

    @post(
        "/disaster-reports/{report_id:int}/receive",
        operation_id="quickReportReceive",
        guards=[PROVINCE],
    )
    async def receive(
        self, actor: CurrentActor, report_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """The province receives this version."""
        return await _answer_step(actor, report_id, request, service.receive_report, STEP)

    @post(
        "/disaster-reports/{report_id:int}/return",
        operation_id="quickReportReturn",
        guards=[PROVINCE],
    )
    async def give_back(
        self, actor: CurrentActor, report_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """The province returns this version to the commune, saying why."""
        return await _answer_step(actor, report_id, request, service.return_report, RETURN)

    @get("/duty", operation_id="quickReportDuty")
    async def duty_index(self, actor: CurrentActor) -> Template:
        """The quick reports owed: a commune's own, or each disaster's grid for the province."""
        disasters = await duty.recent_disasters()
        commune = await service.own_commune(actor)
        today = await duty.due_today(actor, commune) if commune else []
        owed = await period.owed(actor, commune) if commune else []
        context = {
            "disasters": disasters,
            "commune": commune,
            "today": today,
            "owed": owed,
            "title_of": period.title_of,
            **_words(),
        }
        return Template("disaster_reports/duty_index.html", context=context)

    @get(
        "/disasters/{disaster_id:int}/duty",
        operation_id="quickReportGrid",
        guards=[PROVINCE],
    )
    async def duty_grid(
        self, actor: CurrentActor, disaster_id: FromPath[int], request: Request
    ) -> Template:
        """Completeness and timeliness of the quick reports, communes by days."""
        disaster = await service.disaster_for(disaster_id)
        until = _day(request.query_params.get("until"))
        found = await duty.grid(actor, disaster, until)
        return Template("disaster_reports/duty_grid.html", context={"g": found, **_words()})

    @get(
        "/disasters/{disaster_id:int}/duty/{commune_code:str}",
        operation_id="quickReportCalendar",
    )
    async def duty_calendar(
        self, actor: CurrentActor, disaster_id: FromPath[int], commune_code: FromPath[str]
    ) -> Template:
        """Every quick report the commune owes for the disaster, with its deadline and state."""
        commune, disaster = await _places(actor, commune_code, disaster_id)
        slots = await duty.calendar(actor, commune, disaster)
        context = {"commune": commune, "disaster": disaster, "slots": slots, **_words()}
        return Template("disaster_reports/duty_calendar.html", context=context)

    @get("/disaster-reports/{report_id:int}/print", operation_id="quickReportPaper")
    async def paper(self, actor: CurrentActor, report_id: FromPath[int]) -> Template:
        """The version on A4 in the administrative layout: heading, number, place and date,
        the situation, the table, the houses by band and class, recipients and signature."""
        report = await service.get_report(actor, report_id)
        context = {"report": report, **paper_words(report), **_labels()}
        return Template("disaster_reports/paper.html", context=context)

    @get("/disaster-reports/{report_id:int}/xlsx", operation_id="quickReportXlsx")
    async def xlsx(self, actor: CurrentActor, report_id: FromPath[int]) -> Response:
        """The version as an XLSX sheet in the circular's layout."""
        report = await service.get_report(actor, report_id)
        # A paper to sign and file: in Vietnamese whatever the interface language.
        token = current_language.set("vi")
        try:
            content = _commune_xlsx(report)
        finally:
            current_language.reset(token)
        return _xlsx(content, f"bao-cao-nhanh-{report.commune.code}-{report.number}")

    @get(
        "/disasters/{disaster_id:int}/province-report",
        operation_id="provinceQuickReport",
        guards=[PROVINCE],
    )
    async def province(
        self, actor: CurrentActor, disaster_id: FromPath[int], request: Request
    ) -> Template:
        """The communes' reports at one moment, side by side and added up."""
        disaster = await service.disaster_for(disaster_id)
        moments = await service.report_moments(disaster.id)
        as_of = _moment(request.query_params.get("as_of"), moments)
        total = await service.province_sum(actor, disaster, as_of) if as_of else None
        context = {"disaster": disaster, "moments": moments, "total": total, **_labels()}
        return Template("disaster_reports/province.html", context=context)

    @get(
        "/disasters/{disaster_id:int}/province-report/xlsx",
        operation_id="provinceQuickReportXlsx",
        guards=[PROVINCE],
    )
    async def province_xlsx(
        self, actor: CurrentActor, disaster_id: FromPath[int], request: Request
    ) -> Response:
        """The province's sum with one column per commune, in the circular's layout."""
        disaster = await service.disaster_for(disaster_id)
        moments = await service.report_moments(disaster.id)
        as_of = _moment(request.query_params.get("as_of"), moments)
        if as_of is None:
            raise Invalid({"as_of": "No commune has reported for this disaster yet."})
        total = await service.province_sum(actor, disaster, as_of)
        province = await province_name()
        token = current_language.set("vi")  # a paper to sign and file: in Vietnamese
        try:
            columns = [(gettext("Province total"), total.households, total.figures)]
            columns += [(r.commune.name, r.households, r.figures) for r in total.reports]
            content = to_xlsx(
                f"Tỉnh {province}",
                "",
                disaster.name,
                as_of,
                columns,
                paper=province_paper_words(as_of),
                households=total.households,
            )
        finally:
            current_language.reset(token)
        stamp = as_of.astimezone(LOCAL_TZ).strftime("%Y%m%d-%H")
        return _xlsx(content, f"bao-cao-nhanh-tinh-{stamp}")


def _commune_xlsx(report: DisasterReport) -> bytes:
    return to_xlsx(
        f"{_kind(report.commune)} {report.commune.name}",
        "",
        report.disaster.name,
        report.as_of,
        _commune_column(report),
        paper=paper_words(report),
        texts=report.texts,
        households=report.households,
    )


def paper_words(report: DisasterReport) -> dict[str, Any]:
    """The quick report's administrative parts: issuer, number, date, recipients, signer."""
    from relief.settings import Settings, active

    settings = active()
    issuer = settings.report_issuer if settings else Settings.report_issuer
    recipients = settings.report_recipients if settings else Settings.report_recipients
    return {
        "issuer": issuer,
        "number": f"{report.number:02d}/BC-BCH",
        "on": report.as_of.astimezone(LOCAL_TZ).date(),
        "recipients": list(recipients),
        "signer": "TM. Ban Chỉ huy",
    }


def province_paper_words(as_of: datetime) -> dict[str, Any]:
    """The province's sum as a paper: its steering committee issues it, the number is left
    for the office to write, dated the moment it sums; the recipients are a setting."""
    from relief.settings import Settings, active

    settings = active()
    return {
        "issuer": settings.report_issuer if settings else Settings.report_issuer,
        "number": "      /BC-BCH",
        "on": as_of.astimezone(LOCAL_TZ).date(),
        "recipients": list(
            settings.province_report_recipients if settings else Settings.province_report_recipients
        ),
        "signer": "TM. Ban Chỉ huy",
        "signer_title": "Trưởng ban",
    }


async def province_name() -> str:
    """The province's name without its kind ("Thái Nguyên")."""
    from relief.places.models import Province

    province = await Province.all().order_by("id").first()
    name = province.name if province else ""
    return name.removeprefix("Tỉnh ").removeprefix("Thành phố ")


def _kind(commune: Commune) -> str:
    from relief.places.labels import commune_kind_word

    return commune_kind_word(commune)


def _words() -> dict[str, Any]:
    return {"states": REPORT_STATES, **_labels()}


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


async def _report_page(
    actor: Actor, report: DisasterReport, again: Again | None = None
) -> Template:
    others = await service.versions_of(actor, report.commune_id, report.disaster_id)
    answered = report.received_at is not None or report.returned_at is not None
    context = {
        "report": report,
        "others": others,
        "may_send": report.sent_at is None and can(actor).write_commune(report.commune_id),
        "may_answer": report.sent_at is not None and not answered and can(actor).manage_disasters,
        "errors": again.errors if again else {},
        "values": again.values if again else {},
        "problem": again.problem if again else None,
        **_labels(),
    }
    status = again.status if again else 200
    return Template("disaster_reports/report.html", context=context, status_code=status)


def _moment(text: str | None, moments: list[datetime]) -> datetime | None:
    """The chosen moment (ISO), or the newest one reported."""
    if text:
        try:
            chosen = datetime.fromisoformat(text)
        except ValueError:
            chosen = None
        if chosen is not None:
            return chosen if chosen.tzinfo else chosen.replace(tzinfo=LOCAL_TZ)
    return moments[0] if moments else None


async def _places(actor: Actor, commune_code: str, disaster_id: int) -> tuple[Commune, Disaster]:
    return await service.commune_for(actor, commune_code), await service.disaster_for(disaster_id)


async def _form_page(
    actor: Actor,
    commune: Commune,
    disaster: Disaster,
    raw: dict,
    errors: dict,
    status: int = 200,
) -> Template:
    versions = await service.versions_of(actor, commune.id, disaster.id)
    as_of = service.default_as_of()
    households = await service.household_sums(commune.id, disaster.id, as_of)
    values = dict(raw) or (
        {**versions[0].figures, **versions[0].texts} if versions else _drafts(disaster, households)
    )
    values.setdefault("as_of_date", as_of.date().isoformat())
    values.setdefault("as_of_hour", str(service.REPORT_HOUR))
    context = {
        "commune": commune,
        "disaster": disaster,
        "households": households,
        "values": values,
        "errors": errors,
        "versions": versions,
        **_labels(),
    }
    return Template("disaster_reports/form.html", context=context, status_code=status)


def _drafts(disaster: Disaster, households: dict[str, Any]) -> dict[str, str]:
    """The first version's parts in words, drafted from the records: the disaster's kind and
    start, the deepest flooding assessed; the officer completes and corrects them."""
    from relief.core.i18n import gettext
    from relief.households.labels import DISASTER_KINDS

    drafts = {
        "kind": DISASTER_KINDS.label(disaster.kind),
        "when": gettext("From {day}").format(day=disaster.starts_on.strftime("%d/%m/%Y")),
    }
    depth = households.get("flood_depth_cm")
    if depth:
        metres = f"{depth / 100:.2f}".rstrip("0").rstrip(".").replace(".", ",")
        drafts["flood_depth"] = gettext("Up to {metres} m").format(metres=metres)
    return drafts


# What this area adds to pages of other areas (relief.core.sections, registered by relief.app).


async def commune_section(actor: Actor, commune: Commune) -> Section | None:
    """The commune summary: the quick reports due today, and each recent disaster's links."""
    if not can(actor).read_records:
        return None
    recent = await duty.recent_disasters()
    return Section(
        "disaster_reports/_section.html",
        {
            "commune": commune,
            "today": await duty.due_today(actor, commune, recent),
            "disasters": recent,
            "states": REPORT_STATES,
        },
    )


async def dashboard_section(actor: Actor, _: Any) -> Section | None:
    """The province dashboard: each recent disaster's reports by commune and day, and sum."""
    if not can(actor).manage_disasters:
        return None
    context = {"commune": None, "today": None, "disasters": await duty.recent_disasters()}
    return Section("disaster_reports/_section.html", context)


async def disaster_section(actor: Actor, disaster: Disaster) -> Section | None:
    """The disaster's page: its quick reports (the officer's commune, or the province's)."""
    if not can(actor).read_records:
        return None
    commune = await service.own_commune(actor)
    context = {"commune": commune, "today": None, "disasters": [disaster]}
    return Section("disaster_reports/_section.html", context)
