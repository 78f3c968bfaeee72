"""The event summary report (báo cáo tổng hợp đợt thiên tai) a commune makes after a disaster
ends, and its periodic reports (báo cáo định kỳ: six-monthly and yearly), Joint Circular
43/2015 Art. 7.2-7.3 (docs/domain.md, "The event summary and periodic reports").

Each is drawn from the kept records: the households' damage (the quick report's sums), the aid
given by source (the aid visits, by the delegation that brought it; the houses' money disbursed,
by funding source) and the houses started, completed and handed over (new build and repair);
the commune writes its own lines (situation, response, lessons, proposals). Sending makes the
locked copy (`PeriodReport`); the province receives it or returns it the way it answers the
quick report (relief.disaster_reports.sending). The reports owed, their deadlines and states are
computed like the quick report's days (`duty.slot_of`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from tortoise.functions import Count, Max, Sum
from tortoise.transactions import in_transaction

from relief.aid.models import AidGiven
from relief.core import audit
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.formatting import LOCAL_TZ, local_today
from relief.core.permissions import can
from relief.core.records import Catalogue, Entry, Record
from relief.core.scope import scoped
from relief.core.text import normalize_text
from relief.core.web import MAX_ID
from relief.disaster_reports import duty, sending, service
from relief.disaster_reports.labels import PERIOD_KINDS
from relief.disaster_reports.models import PeriodReport
from relief.disaster_reports.records import ReportReturn, ReportStep
from relief.disaster_reports.table import Text
from relief.households.models import DamageAssessment, Disaster
from relief.houses.models import Contribution, HouseCase, HouseKind, Stage
from relief.places.models import Commune
from relief.settings import Settings, active

ENTITY = "period_report"
EVENT, HALF_YEAR, YEAR = "event", "half_year", "year"
KINDS = (EVENT, HALF_YEAR, YEAR)
YEARS_SHOWN = 2  # the periodic reports owed: this year's and last year's
NO_PERIOD = "No such report period."
NOT_ENDED = "The disaster has not ended yet: its summary is made once it has."

# The commune's own lines, in words (the circular's summary: the situation, the response and
# its results, the lessons learnt, the proposals).
TEXTS: tuple[Text, ...] = (
    Text("situation", "Situation", "The disasters of the period: type, time, extent."),
    Text("response", "Response", "What the commune did, and its results."),
    Text("lessons", "Lessons learnt"),
    Text("proposals", "Proposals", "What the commune asks of the province."),
)

PERIOD: Catalogue[PeriodIn, Record] = Catalogue(
    "period_report",
    tuple(
        Entry(t.key, str, t.label, default="", max_length=4000, clean=normalize_text) for t in TEXTS
    ),
    write="PeriodIn",
    partial="PeriodPatch",
    module=__name__,
    doc=("The commune's own lines of an event summary or periodic report, by key.", ""),
)

if TYPE_CHECKING:

    class PeriodIn(Record):
        situation: str
        response: str
        lessons: str
        proposals: str

else:
    PeriodIn = PERIOD.write


def now() -> datetime:
    """The moment a report is sent (one place, so that tests can set the clock)."""
    return datetime.now(UTC)


def _settings() -> Settings:
    return active() or Settings  # type: ignore[return-value]  # the class holds the defaults


@dataclass(frozen=True)
class Period:
    """One report owed: its kind, what it is about (a disaster, or a year), its days and its
    deadline (local time)."""

    kind: str
    key: int  # the disaster's id (event), or the year
    starts_on: date
    ends_on: date
    deadline: datetime
    disaster: Disaster | None = None

    @property
    def year(self) -> int:
        return self.ends_on.year


def _deadline(day: date) -> datetime:
    return datetime.combine(day, time(_settings().commune_report_hour), tzinfo=LOCAL_TZ)


def event_period(disaster: Disaster) -> Period:
    """The summary of a disaster: from its first day to its last (today while it goes on),
    due `event_report_days` after its last day, at the daily report's hour."""
    end = disaster.ends_on or local_today()
    due = end + timedelta(days=_settings().event_report_days)
    return Period(EVENT, disaster.id, disaster.starts_on, end, _deadline(due), disaster)


def year_period(kind: str, year: int) -> Period:
    """The six-monthly report covers January to June, due by the set day of June; the
    yearly one January to December, due by the set day of December."""
    if kind == HALF_YEAR:
        due = date(year, 6, _settings().half_year_report_day)
        return Period(kind, year, date(year, 1, 1), date(year, 6, 30), _deadline(due))
    due = date(year, 12, _settings().year_report_day)
    return Period(kind, year, date(year, 1, 1), date(year, 12, 31), _deadline(due))


async def period_of(kind: str, key: int) -> Period:
    if kind == EVENT and 0 < key <= MAX_ID:
        return event_period(await service.disaster_for(key))
    if kind in (HALF_YEAR, YEAR) and 2000 <= key <= 2100:
        return year_period(kind, key)
    raise NotFound(NO_PERIOD)


def title_of(p: Period | PeriodReport) -> str:
    """The report's name as a heading: its kind and what it is about."""
    kind = PERIOD_KINDS.label(p.kind)
    if p.kind == EVENT:
        disaster = p.disaster
        return f"{kind}: {disaster.name}" if disaster is not None else kind
    return f"{kind} {p.year}"


# What the report draws from the records.


async def damage(commune_id: int, period: Period) -> dict[str, Any]:
    """The households' damage: every assessment of the disaster made up to today (event: the
    summary closes the assessment, which goes on after the disaster's last day), or every
    assessment made in the period (periodic), summed as the quick report sums it."""
    until = min(period.ends_on, local_today())
    if period.kind == EVENT:
        as_of = datetime.combine(local_today(), time(23, 59), tzinfo=LOCAL_TZ)
        return await service.household_sums(commune_id, period.key, as_of)
    qs = DamageAssessment.filter(
        commune_id=commune_id,
        assessed_on__gte=period.starts_on,
        assessed_on__lte=until,
        household__archived_at__isnull=True,
    )
    return await service.sums_of(qs)


async def aid(commune_id: int, period: Period) -> dict[str, Any]:
    """The aid given to households, by the delegation that brought it: households reached,
    cash and goods (valued), in whole đồng."""
    qs = AidGiven.filter(commune_id=commune_id)
    if period.kind == EVENT:
        qs = qs.filter(visit__disaster_id=period.key)
    else:
        qs = qs.filter(
            visit__visited_on__gte=period.starts_on, visit__visited_on__lte=period.ends_on
        )
    rows = (
        await qs.annotate(
            households=Count("household_id", distinct=True),
            cash_n=Sum("cash"),
            goods_n=Sum("goods_value"),
        )
        .group_by("visit__delegation")
        .order_by("visit__delegation")
        .values("visit__delegation", "households", "cash_n", "goods_n")
    )
    sources = [
        {
            "source": row["visit__delegation"],
            "households": int(row["households"] or 0),
            "cash": int(row["cash_n"] or 0),
            "goods_value": int(row["goods_n"] or 0),
        }
        for row in rows
    ]
    reached = await qs.distinct().values_list("household_id", flat=True)
    return {
        "sources": sources,
        "households": len(set(reached)),
        "cash": sum(s["cash"] for s in sources),
        "goods_value": sum(s["goods_value"] for s in sources),
    }


HOUSE_COUNTS = (
    ("started", "started_on"),
    ("completed", "completed_on"),
    ("handed_over", "handed_over_on"),
)


async def houses(commune_id: int, period: Period) -> dict[str, Any]:
    """The house cases started, completed and handed over, new build and repair: those that
    answer the disaster (event), or whose step fell in the period (periodic); and the money
    disbursed to those cases, by funding source. Cancelled cases are left out."""
    cases = HouseCase.filter(commune_id=commune_id).exclude(stage=Stage.CANCELLED)
    if period.kind == EVENT:
        cases = cases.filter(disaster_id=period.key)
    counts: dict[str, dict[str, int]] = {
        k.value: {name: 0 for name, _ in HOUSE_COUNTS} for k in HouseKind
    }
    ids: set[int] = set()
    for name, column in HOUSE_COUNTS:
        dated = cases.filter(**{f"{column}__isnull": False})
        if period.kind != EVENT:
            dated = dated.filter(
                **{f"{column}__gte": period.starts_on, f"{column}__lte": period.ends_on}
            )
        rows = await dated.annotate(n=Count("id")).group_by("kind").values("kind", "n")
        for row in rows:
            kind = getattr(row["kind"], "value", row["kind"])
            counts[kind][name] = int(row["n"])
        ids.update(await dated.values_list("id", flat=True))  # type: ignore[arg-type]
    money: dict[str, int] = {}
    if ids:
        rows = (
            await Contribution.filter(house_case_id__in=sorted(ids))
            .annotate(paid=Sum("amount_disbursed"))
            .group_by("source")
            .values("source", "paid")
        )
        for row in rows:
            source = getattr(row["source"], "value", row["source"])
            if row["paid"]:
                money[source] = int(row["paid"])
    return {"counts": counts, "money": money, "money_total": sum(money.values())}


async def figures(commune_id: int, period: Period) -> dict[str, Any]:
    return {
        "damage": await damage(commune_id, period),
        "aid": await aid(commune_id, period),
        "houses": await houses(commune_id, period),
    }


# Sending, reading and the province's answer.


async def get(actor: Actor, report_id: int) -> PeriodReport:
    return await service.readable(actor, PeriodReport, report_id)


FLOW = sending.Flow(
    ENTITY,
    get=lambda actor, report_id: get(actor, report_id),
    may_send=lambda actor, report: can(actor).write_commune(report.commune_id),
    may_answer=lambda actor, report: can(actor).manage_disasters,
    also=lambda r: {"kind": r.kind, "year": r.year, "number": r.number},
    clock=lambda: now(),
)


async def sent_for(actor: Actor, commune: Commune, period: Period) -> list[PeriodReport]:
    """The reports the commune sent for this period, newest first."""
    qs = scoped(actor, PeriodReport).filter(commune_id=commune.id, kind=period.kind)
    qs = qs.filter(disaster_id=period.key) if period.kind == EVENT else qs.filter(year=period.key)
    return list(await qs.order_by("-sent_at", "-id").limit(100))


def pending(reports: list[PeriodReport]) -> bool:
    """A report of the period sent and not returned (received, or awaiting the answer)."""
    return any(r.returned_at is None for r in reports)


ALREADY = (
    "This period's report was already sent; it can be sent again once the province returns it."
)


async def send(actor: Actor, commune: Commune, period: Period, data: PeriodIn) -> PeriodReport:
    """The commune sends its report: the records' figures as they stand now and its own lines,
    locked together. Once the province has it (awaiting the answer, or received), no other is
    sent for the period; a returned one is corrected by sending again."""
    if not can(actor).write_commune(commune.id):
        raise Forbidden()
    data, errors = PERIOD.check(data)
    ended = period.disaster is None or (
        period.disaster.ends_on is not None and period.disaster.ends_on <= local_today()
    )
    if not ended:
        errors["situation"] = errors.get("situation") or NOT_ENDED
    if errors:
        raise Invalid(errors)
    texts = {t.key: text for t in TEXTS if (text := getattr(data, t.key) or "")}
    async with in_transaction():
        if pending(await sent_for(actor, commune, period)):
            raise Conflict(ALREADY)
        drawn = await figures(commune.id, period)
        last = (
            await PeriodReport.filter(commune_id=commune.id, year=period.year)
            .annotate(top=Max("number"))
            .values("top")
        )
        number = (last[0]["top"] or 0) + 1 if last else 1
        report = await PeriodReport.create(
            commune_id=commune.id,
            kind=period.kind,
            disaster_id=period.key if period.kind == EVENT else None,
            year=period.year,
            starts_on=period.starts_on,
            ends_on=period.ends_on,
            number=number,
            figures=drawn,
            texts=texts,
            sent_at=now(),
            sent_by=actor.username or "",
        )
        await audit.record(
            actor,
            "send_report",
            ENTITY,
            report.id,
            commune_id=commune.id,
            after={"kind": period.kind, "key": period.key, "number": number, "texts": texts},
        )
    return report


async def receive(actor: Actor, report_id: int, step: ReportStep) -> PeriodReport:
    return await sending.receive(FLOW, actor, report_id, step)


async def give_back(actor: Actor, report_id: int, answer: ReportReturn) -> PeriodReport:
    return await sending.give_back(FLOW, actor, report_id, answer)


# The reports owed (the duty calendar's part for these reports).


@dataclass(frozen=True)
class Owed:
    """A report owed by a commune: its period, its state and the report the state is about."""

    period: Period
    state: str
    timely: str
    report_id: int | None


def periods_owed(disasters: list[Disaster], today: date | None = None) -> list[Period]:
    """The reports owed now: the summary of each disaster that has ended, and this year's and
    last year's six-monthly and yearly reports once their period has begun; latest first."""
    today = today or local_today()
    out = [event_period(d) for d in disasters if d.ends_on is not None and d.ends_on <= today]
    for year in range(today.year, today.year - YEARS_SHOWN, -1):
        out += [year_period(YEAR, year), year_period(HALF_YEAR, year)]
    return sorted(out, key=lambda p: p.deadline, reverse=True)


def state_of(period: Period, reports: list[PeriodReport], at: datetime) -> Owed:
    found = [
        duty.Sent(
            r.id, r.commune_id, r.number, r.sent_at or at, r.sent_at, r.received_at, r.returned_at
        )
        for r in reports
    ]
    slot = duty.slot_of(period.deadline.date(), False, period.deadline, found, at)
    return Owed(period, slot.state, slot.timely, slot.report_id)


def _matches(report: PeriodReport, period: Period) -> bool:
    if report.kind != period.kind:
        return False
    return report.disaster_id == period.key if period.kind == EVENT else report.year == period.key


async def owed(actor: Actor, commune: Commune) -> list[Owed]:
    """Every event summary and periodic report the commune owes, with its state."""
    at = now()
    disasters = await duty.recent_disasters()
    reports = list(
        await scoped(actor, PeriodReport).filter(commune_id=commune.id).order_by("id").limit(500)
    )
    return [
        state_of(p, [r for r in reports if _matches(r, p)], at)
        for p in periods_owed(disasters, at.astimezone(LOCAL_TZ).date())
    ]


@dataclass
class Grid:
    periods: list[Period]
    rows: list[tuple[Commune, list[Owed]]]
    totals: list[dict[str, int]]


async def grid(actor: Actor) -> Grid:
    """The province's view: each commune by each report owed, with the counts per report."""
    if not can(actor).manage_disasters:
        raise Forbidden()
    at = now()
    periods = periods_owed(await duty.recent_disasters(), at.astimezone(LOCAL_TZ).date())
    reports = list(await scoped(actor, PeriodReport).order_by("id").limit(20000))
    by_commune: dict[int, list[PeriodReport]] = {}
    for report in reports:
        by_commune.setdefault(report.commune_id, []).append(report)
    rows = []
    totals: list[dict[str, int]] = [{} for _ in periods]
    for commune in await scoped(actor, Commune).order_by("-is_focus", "name_key"):
        mine = by_commune.get(commune.id, [])
        cells = [state_of(p, [r for r in mine if _matches(r, p)], at) for p in periods]
        for n, cell in enumerate(cells):
            totals[n][cell.timely] = totals[n].get(cell.timely, 0) + 1
        rows.append((commune, cells))
    return Grid(periods, rows, totals)
