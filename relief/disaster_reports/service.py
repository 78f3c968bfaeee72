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
from relief.core.text import normalize_text
from relief.disaster_reports.models import DisasterReport
from relief.disaster_reports.table import UNKNOWN_CLASS, add_figures, add_households, read_figures
from relief.households.models import DamageAssessment, Disaster
from relief.places.models import Commune

REPORT_HOUR = 17  # communes report daily "tính đến 17 giờ" (see docs/domain.md)
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


def read_as_of(raw: dict[str, Any], errors: dict[str, str]) -> datetime | None:
    """The report's moment from a date and an hour (0–23), Vietnamese time."""
    from relief.core.forms import parse_date

    text = str(raw.get("as_of_date") or "").strip()
    hour_text = str(raw.get("as_of_hour") or REPORT_HOUR).strip()
    day = None
    try:
        day = parse_date(text) if text else None
    except ValueError:
        errors["as_of_date"] = "Enter a date as dd/mm/yyyy."
    if day is None and "as_of_date" not in errors:
        errors["as_of_date"] = "This field is required."
    if not hour_text.isdigit() or not 0 <= int(hour_text) <= 23:
        errors["as_of_hour"] = "Enter an hour from 0 to 23."
        return None
    if day is None:
        return None
    if day > local_today():
        errors["as_of_date"] = "This date is in the future."
        return None
    return datetime.combine(day, time(int(hour_text)), tzinfo=LOCAL_TZ)


async def save_report(
    actor: Actor, commune: Commune, disaster: Disaster, raw: dict[str, Any]
) -> DisasterReport:
    """Saves a new version: the households' sums as of its moment plus the officer's figures."""
    if not can(actor).write_commune(commune.id):
        raise Forbidden()
    errors: dict[str, str] = {}
    as_of = read_as_of(raw, errors)
    figures = read_figures(raw, errors)
    note = normalize_text(str(raw.get("note") or "").strip())
    if len(note) > 4000:
        errors["note"] = "This text is too long."
    if as_of is not None and as_of.date() < disaster.starts_on:
        errors["as_of_date"] = "The report cannot be before the disaster."
    if errors:
        raise Invalid(errors)
    assert as_of is not None
    async with in_transaction():
        households = await household_sums(commune.id, disaster.id, as_of)
        last = (
            await DisasterReport.filter(commune_id=commune.id, disaster_id=disaster.id)
            .annotate(top=Max("number"))
            .values("top")
        )
        number = (last[0]["top"] or 0) + 1 if last else 1
        report = await DisasterReport.create(
            commune_id=commune.id,
            disaster_id=disaster.id,
            as_of=as_of.astimezone(UTC),
            number=number,
            households=households,
            figures=figures,
            note=note,
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
