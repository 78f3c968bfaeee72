"""Quick reports: the households' damage summed by SQL, the officer's figures, saved versions,
and the province's sum across communes for one disaster and one moment."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any, TypeVar

from tortoise.functions import Count, Max, Sum
from tortoise.transactions import in_transaction

from relief.core import audit
from relief.core.actor import Actor
from relief.core.errors import Forbidden, Invalid, NotFound
from relief.core.formatting import LOCAL_TZ, local_today
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.disaster_reports import sending
from relief.disaster_reports.models import DisasterReport, PeriodReport
from relief.disaster_reports.records import (
    REPORT,
    REPORT_HOUR,
    ReportIn,
    ReportReturn,
    ReportStep,
    figures_of,
    texts_of,
)
from relief.disaster_reports.table import UNKNOWN_CLASS, add_figures, add_households
from relief.households.models import DamageAssessment, Disaster
from relief.places.models import Commune

FACTS = ("collapsed", "flooded", "roof_blown_off", "landslide_relocation", "relocated")
ENTITY = "disaster_report"
STEPS = sending.STEPS
ALREADY_SENT, NOT_SENT = sending.ALREADY_SENT, sending.NOT_SENT
ALREADY_ANSWERED = sending.ALREADY_ANSWERED


def now() -> datetime:
    """The moment a step is taken (one place, so that tests can set the clock)."""
    return datetime.now(UTC)


@dataclass
class ProvinceSum:
    disaster: Disaster
    as_of: datetime
    reports: list[DisasterReport] = field(default_factory=list)
    households: dict[str, Any] = field(default_factory=dict)
    figures: dict[str, str] = field(default_factory=dict)


async def commune_for(actor: Actor, code: str) -> Commune:
    commune = await scoped(actor, Commune).get_or_none(code=code)
    if commune is None or not can(actor).read_commune(commune.id):
        raise NotFound("No such commune.")
    if not can(actor).read_records:
        raise Forbidden()
    return commune


async def own_commune(actor: Actor) -> Commune | None:
    """The commune an officer of one commune works in (None for the province's roles)."""
    if not can(actor).read_one_commune or actor.commune_id is None:
        return None
    return await Commune.get_or_none(id=actor.commune_id)


async def disaster_for(disaster_id: int) -> Disaster:
    found = await Disaster.get_or_none(id=disaster_id)
    if found is None:
        raise NotFound("No such disaster.")
    return found


def default_as_of(today: date | None = None) -> datetime:
    """17:00 today, Vietnamese time."""
    day = today or local_today()
    return datetime.combine(day, time(REPORT_HOUR), tzinfo=LOCAL_TZ)


async def household_sums(commune_id: int, disaster_id: int, as_of: datetime) -> dict[str, Any]:
    """The households' damage for the report: a GROUP BY, whatever the number of households."""
    qs = DamageAssessment.filter(
        commune_id=commune_id,
        disaster_id=disaster_id,
        assessed_on__lte=as_of.astimezone(LOCAL_TZ).date(),
        household__archived_at__isnull=True,
    )
    return await sums_of(qs)


async def sums_of(qs: Any) -> dict[str, Any]:
    """The damage of the assessments `qs` selects, summed as the quick report shows it."""
    keys = ("band", "house_class", *FACTS)
    rows = (
        await qs.annotate(
            n=Count("id"),
            dead_n=Sum("dead"),
            missing_n=Sum("missing"),
            injured_n=Sum("injured"),
            loss=Sum("estimated_loss"),
            people_n=Sum("household__members"),
            depth=Max("flood_depth_cm"),
        )
        .group_by(*keys)
        .values(*keys, "n", "dead_n", "missing_n", "injured_n", "loss", "people_n", "depth")
    )
    out: dict[str, Any] = {"bands": {}, "households": 0, "estimated_loss": 0}
    for name in (*FACTS, "dead", "missing", "injured", "people", "relocated_people"):
        out[name] = 0
    out["flood_depth_cm"] = None  # the deepest flooding assessed, if any
    for row in rows:
        n = row["n"]
        people = int(row["people_n"] or 0)
        out["people"] += people
        if row["relocated"]:
            out["relocated_people"] += people
        if row["depth"] is not None:
            out["flood_depth_cm"] = max(out["flood_depth_cm"] or 0, int(row["depth"]))
        band = getattr(row["band"], "value", row["band"])
        cls = getattr(row["house_class"], "value", row["house_class"]) or UNKNOWN_CLASS
        by_class = out["bands"].setdefault(band, {})
        by_class[cls] = by_class.get(cls, 0) + n
        out["households"] += n
        out["estimated_loss"] += int(row["loss"] or 0)
        for name in FACTS:
            if row[name]:
                out[name] += n
        for name in ("dead", "missing", "injured"):
            out[name] += int(row[f"{name}_n"] or 0)
    return out


async def save_report(actor: Actor, data: ReportIn) -> DisasterReport:
    """Saves a new version: the households' sums as of its moment plus the officer's figures.

    The commune (in the actor's scope, else 404) and the disaster are those the report names."""
    data, errors = REPORT.check(data)
    if "commune_code" in errors or "disaster_id" in errors:
        raise Invalid(errors)
    commune = await commune_for(actor, data.commune_code)
    disaster = await disaster_for(data.disaster_id)
    if not can(actor).write_commune(commune.id):
        raise Forbidden()
    as_of = None
    if "as_of_date" not in errors and "as_of_hour" not in errors:
        as_of = datetime.combine(data.as_of_date, time(data.as_of_hour), tzinfo=LOCAL_TZ)
        if as_of.date() < disaster.starts_on:
            errors["as_of_date"] = "The report cannot be before the disaster."
    if errors:
        raise Invalid(errors)
    assert as_of is not None
    figures = figures_of(data)
    async with in_transaction():
        households = await household_sums(commune.id, disaster.id, as_of)
        last = (
            await DisasterReport.filter(commune_id=commune.id, disaster_id=disaster.id)
            .annotate(top=Max("number"))
            .values("top")
        )
        number = (last[0]["top"] or 0) + 1 if last else 1
        report = await DisasterReport.create(
            **REPORT.values(data),
            commune_id=commune.id,
            disaster_id=disaster.id,
            as_of=as_of.astimezone(UTC),
            number=number,
            households=households,
            figures=figures,
            texts=texts_of(data),
            created_by=actor.username or "",
        )
        await audit.record(
            actor,
            "create",
            ENTITY,
            report.id,
            commune_id=commune.id,
            after={
                "disaster_id": disaster.id,
                "as_of": as_of.isoformat(),
                "number": number,
                "figures": figures,
            },
        )
    return report


AnyReport = TypeVar("AnyReport", DisasterReport, PeriodReport)


async def readable(actor: Actor, model: type[AnyReport], report_id: int) -> AnyReport:
    """A report of either kind the actor may read, with its commune and disaster."""
    found = (
        await scoped(actor, model)
        .filter(id=report_id)
        .select_related("commune", "disaster")
        .first()
    )
    if found is None or not can(actor).read_records:
        raise NotFound("No such report.")
    return found


async def get_report(actor: Actor, report_id: int) -> DisasterReport:
    return await readable(actor, DisasterReport, report_id)


async def versions_of(actor: Actor, commune_id: int, disaster_id: int) -> list[DisasterReport]:
    """The commune's versions for a disaster, by the moment they report on (newest first),
    then by the order they were saved: a report on yesterday saved today comes after today's."""
    return list(
        await scoped(actor, DisasterReport)
        .filter(commune_id=commune_id, disaster_id=disaster_id)
        .order_by("-as_of", "-number")
        .limit(500)
    )


def _may_send(actor: Actor, report: DisasterReport) -> bool:
    return can(actor).write_commune(report.commune_id)


def _may_answer(actor: Actor, report: DisasterReport) -> bool:
    return can(actor).manage_disasters


# How a quick report is sent and answered (relief.disaster_reports.sending).
FLOW = sending.Flow(
    ENTITY,
    get=lambda actor, report_id: get_report(actor, report_id),
    may_send=_may_send,
    may_answer=_may_answer,
    also=lambda r: {"disaster_id": r.disaster_id, "number": r.number},
    clock=lambda: now(),
)


async def send_report(
    actor: Actor, report_id: int, step: ReportStep, at: datetime | None = None
) -> DisasterReport:
    """The commune sends a version to the province: who and when are kept, and the version
    stays as it was sent (a later change is a new version, sent again). `at`: the moment of
    a step recorded after the fact (the demo's history); the clock's otherwise."""
    return await sending.send(FLOW, actor, report_id, step, at)


async def receive_report(
    actor: Actor, report_id: int, step: ReportStep, at: datetime | None = None
) -> DisasterReport:
    """The province receives a sent version (who, when)."""
    return await sending.receive(FLOW, actor, report_id, step, at)


async def return_report(
    actor: Actor, report_id: int, answer: ReportReturn, at: datetime | None = None
) -> DisasterReport:
    """The province returns a sent version with a comment (required) that the commune reads."""
    return await sending.give_back(FLOW, actor, report_id, answer, at)


async def report_moments(disaster_id: int) -> list[datetime]:
    """The moments communes reported at for a disaster, newest first."""
    rows = (
        await DisasterReport.filter(disaster_id=disaster_id)
        .distinct()
        .order_by("-as_of")
        .limit(200)
        .values_list("as_of", flat=True)
    )
    return list(dict.fromkeys(rows))  # type: ignore[arg-type]  # flat=True: values, not tuples


async def province_sum(actor: Actor, disaster: Disaster, as_of: datetime) -> ProvinceSum:
    """Each commune's latest version at exactly this moment, added up."""
    if not can(actor).manage_disasters:
        raise Forbidden()
    moment = as_of.astimezone(UTC)
    found = (  # the actor's province only: never summed across provinces
        await scoped(actor, DisasterReport)
        .filter(disaster_id=disaster.id, as_of=moment)
        .select_related("commune")
        .order_by("commune__name_key", "-number")
    )
    latest: dict[int, DisasterReport] = {}
    for report in found:
        latest.setdefault(report.commune_id, report)
    result = ProvinceSum(disaster, as_of, list(latest.values()))
    for report in result.reports:
        add_households(result.households, report.households)
        add_figures(result.figures, report.figures)
    return result
