"""Summaries for the province (per commune) and for one commune (per hamlet)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from relief.core.actor import Actor
from relief.core.errors import NotFound
from relief.core.formatting import local_today
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.houses.models import ProgrammeRule
from relief.places.models import Commune, Hamlet
from relief.reports import figures, queries
from relief.reports.figures import Figure
from relief.reports.indicators import Filters, Indicators


def sort_keys(catalogue: Sequence[Figure] | None = None) -> dict[str, Callable[[Row], Any]]:
    """The dashboard's sort keys: the place's name, and each sortable figure of the catalogue
    (a share with nothing to divide by sorts below 0)."""
    keys: dict[str, Callable[[Row], Any]] = {"name": _name_key}
    for figure in catalogue if catalogue is not None else figures.CATALOGUE:
        if figure.sort:
            keys[figure.sort] = _figure_key(figure)
    return keys


def _name_key(row: Row) -> str:
    return row.place.name_key if row.place is not None else ""


def _figure_key(figure: Figure) -> Callable[[Row], Any]:
    return lambda row: figure.sort_value(row.ind)


@dataclass
class Row:
    place: Commune | Hamlet | None  # None: rows whose hamlet is unknown
    ind: Indicators


@dataclass
class Summary:
    as_of: date
    filters: Filters
    rows: list[Row]
    total: Indicators
    commune: Commune | None = None
    by_programme: dict = field(default_factory=dict)
    by_group: dict = field(default_factory=dict)  # (campaign group, kind) -> Indicators
    late_cases: list[queries.LateHouse] = field(default_factory=list)
    handovers_per_day: list[tuple[date, int]] = field(default_factory=list)


async def province_summary(
    actor: Actor,
    filters: Filters,
    *,
    late_after_days: int,
    all_communes: bool = False,
    sort: str = "",
    descending: bool = False,
) -> Summary:
    """One row per commune (the 13 north-eastern ones, or all 92) and the province total."""
    as_of = local_today()  # figures are as of a Vietnamese day
    communes = scoped(actor, Commune)
    if can(actor).read_one_commune:
        communes = communes.filter(id=actor.commune_id)
    elif not all_communes:
        communes = communes.filter(is_focus=True)
    shown = list(await communes.order_by("name_key"))
    ids = [c.id for c in shown]
    handed: dict[str, int] = {}  # the kept weeks of handovers, read with the figures
    per_commune = await queries.by_commune(
        actor, filters, ids, today=as_of, late_after_days=late_after_days, weeks=handed
    )
    rows = [Row(c, per_commune[c.id]) for c in shown]
    keys = sort_keys()
    if sort in keys:
        rows.sort(key=keys[sort], reverse=descending)
    total = Indicators()
    for row in rows:
        total.add(row.ind)
    if queries.reads_kept(actor, filters):
        chart_days = weeks_of(handed)
    else:
        chart_days = await queries.handovers_per_day(actor, filters, ids)
    return Summary(as_of, filters, rows, total, handovers_per_day=chart_days)


async def commune_summary(
    actor: Actor,
    code: str,
    filters: Filters,
    *,
    late_after_days: int,
    late_listed: int = queries.LATE_LISTED,
) -> Summary:
    """Every indicator of one commune, per hamlet, with its late houses (the `late_listed`
    started longest ago; their number is the total's `late`)."""
    if not (len(code) == 5 and code.isdigit()):  # GSO codes are five digits
        raise NotFound("No commune with this code.")
    commune = await scoped(actor, Commune).get_or_none(code=code)
    if commune is None or not can(actor).read_commune(commune.id):
        raise NotFound("No commune with this code.")
    if not can(actor).read_records:
        raise NotFound("No commune with this code.")
    as_of = local_today()
    per_hamlet, total = await queries.by_hamlet(
        actor, filters, commune.id, today=as_of, late_after_days=late_after_days
    )
    hamlets = await scoped(actor, Hamlet).filter(commune_id=commune.id).order_by("name_key")
    rows = [Row(h, per_hamlet.pop(h.id, Indicators())) for h in hamlets]
    leftover = Indicators()
    for ind in per_hamlet.values():  # rows of hamlets that are not (or no longer) listed
        leftover.add(ind)
    if leftover.figures or leftover.late:
        rows.append(Row(None, leftover))
    return Summary(
        as_of,
        filters,
        rows,
        total,
        commune=commune,
        by_programme=total.by_programme(),
        by_group=total.by_group(await campaign_groups()),
        late_cases=await queries.late_cases(
            actor,
            filters,
            today=as_of,
            late_after_days=late_after_days,
            commune_id=commune.id,
            limit=late_listed,
        ),
        handovers_per_day=weeks_of(total.figures),  # counted with the figures
    )


async def campaign_groups() -> dict[tuple[str, str], str]:
    """(programme, kind) -> the campaign group the programme rules put it in (editable)."""
    rows = await ProgrammeRule.all().values_list("programme", "kind", "campaign_group")
    return {
        (str(getattr(p, "value", p)), str(getattr(k, "value", k))): str(getattr(g, "value", g))
        for p, k, g in rows
    }


def weeks_of(named: dict[str, int]) -> list[tuple[date, int]]:
    """The houses handed over per week among some figures (each week's Monday, its count)."""
    prefix = figures.HANDOVERS_WEEK
    return sorted(
        (date.fromisoformat(name[len(prefix) :]), n)
        for name, n in named.items()
        if name.startswith(prefix) and n
    )


def weeks(days: list[tuple[date, int]]) -> list[tuple[date, int]]:
    """Per-day counts folded into weeks starting on Monday (a handful of grouped rows)."""
    out: dict[date, int] = {}
    for day, n in days:
        monday = day - timedelta(days=day.weekday())
        out[monday] = out.get(monday, 0) + n
    return sorted(out.items())
