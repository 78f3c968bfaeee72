"""Quick reports: the households' damage summed by SQL, the officer's figures, saved versions,
and the province's sum across communes for one disaster and one moment."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from tortoise.functions import Count, Max, Sum
from tortoise.transactions import in_transaction

from relief.core import audit
from relief.core.actor import Actor
from relief.core.errors import Forbidden, Invalid, NotFound
from relief.core.formatting import LOCAL_TZ, local_today
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.disaster_reports.models import DisasterReport
from relief.disaster_reports.records import REPORT, REPORT_HOUR, ReportIn, figures_of
from relief.disaster_reports.table import UNKNOWN_CLASS, add_figures, add_households
from relief.households.models import DamageAssessment, Disaster
from relief.places.models import Commune

FACTS = ("collapsed", "flooded", "roof_blown_off", "landslide_relocation", "relocated")
ENTITY = "disaster_report"


@dataclass
class ProvinceSum:
    disaster: Disaster
    as_of: datetime
    reports: list[DisasterReport] = field(default_factory=list)
    households: dict[str, Any] = field(default_factory=dict)
    figures: dict[str, str] = field(default_factory=dict)


async def commune_for(actor: Actor, code: str) -> Commune:
    commune = await Commune.get_or_none(code=code)
    if commune is None or not can(actor).read_commune(commune.id):
        raise NotFound("No such commune.")
    if not can(actor).read_records:
        raise Forbidden()
    return commune


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
    keys = ("band", "house_class", *FACTS)
    rows = (
        await qs.annotate(
            n=Count("id"),
            dead_n=Sum("dead"),
            missing_n=Sum("missing"),
            injured_n=Sum("injured"),
            loss=Sum("estimated_loss"),
        )
        .group_by(*keys)
        .values(*keys, "n", "dead_n", "missing_n", "injured_n", "loss")
    )
    out: dict[str, Any] = {"bands": {}, "households": 0, "estimated_loss": 0}
    for name in (*FACTS, "dead", "missing", "injured"):
        out[name] = 0
    for row in rows:
        n = row["n"]
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


async def get_report(actor: Actor, report_id: int) -> DisasterReport:
    found = (
        await scoped(actor, DisasterReport)
        .filter(id=report_id)
        .select_related("commune", "disaster")
        .first()
    )
    if found is None or not can(actor).read_records:
        raise NotFound("No such report.")
    return found


async def versions(actor: Actor, commune_id: int, disaster_id: int) -> list[DisasterReport]:
    return list(
        await scoped(actor, DisasterReport)
        .filter(commune_id=commune_id, disaster_id=disaster_id)
        .order_by("-number")
        .limit(500)
    )


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
    found = (
        await DisasterReport.filter(disaster_id=disaster.id, as_of=moment)
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
