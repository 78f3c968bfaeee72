"""The summaries' reads: kept figures for the default view, the same aggregations live when a
filter is set (relief.reports.figures), and the few figures that depend on today."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from tortoise.functions import Count

from relief.core.actor import Actor
from relief.core.permissions import can
from relief.houses.models import Stage
from relief.reports import figures, kept, kept_totals
from relief.reports.figures import COMMUNE_WIDE, STARTED_DAY, Places
from relief.reports.indicators import UNDER_CONSTRUCTION, Filters, Indicators


def reads_kept(actor: Actor, filters: Filters) -> bool:
    """The default view of those who read whole communes comes from the kept figures; a
    filter, or a sponsor's partial view, is aggregated live."""
    return filters.is_default and can(actor).read_kept_figures


def _late(actor: Actor, filters: Filters, places: Places, today: date, late_after_days: int):
    return figures.house_cases(actor, filters, places).filter(
        stage__in=UNDER_CONSTRUCTION, started_on__lt=today - timedelta(days=late_after_days)
    )


def threshold(today: date, late_after_days: int) -> date:
    """A house under construction that was started before this day is late."""
    return today - timedelta(days=late_after_days)


def indicators(named: dict[str, int], before: date) -> Indicators:
    """A place's indicators from its counts: its late houses summed from its houses under
    construction per day started (a live count's), or read as kept_totals.LATE (a kept read's,
    which leaves the days out)."""
    if kept_totals.LATE in named:
        named = dict(named)
        return Indicators(named, late=named.pop(kept_totals.LATE))
    late = figures.late_of(named, before)
    return Indicators({n: v for n, v in named.items() if not n.startswith(STARTED_DAY)}, late)


async def by_commune(
    actor: Actor,
    filters: Filters,
    communes: list[int],
    *,
    today: date,
    late_after_days: int,
    weeks: dict[str, int] | None = None,
) -> dict[int, Indicators]:
    """The indicators of each of these communes (only these are counted); from the kept
    figures, with their houses handed over per week put into `weeks` when it is given."""
    before = threshold(today, late_after_days)
    if reads_kept(actor, filters):
        per_commune = await kept.read_communes(
            communes, late_before=before, weeks=weeks is not None
        )
        if weeks is not None:
            weeks.update(per_commune.pop(kept_totals.WEEKS, {}))
    else:
        per_commune = await figures.count_communes(filters, communes, actor)
    return {c: indicators(per_commune.get(c, {}), before) for c in communes}


async def by_hamlet(
    actor: Actor, filters: Filters, commune_id: int, *, today: date, late_after_days: int
) -> tuple[dict[int, Indicators], Indicators]:
    """The indicators of each hamlet of one commune, and the commune's total (in which a visit
    that reached several hamlets counts once)."""
    before = threshold(today, late_after_days)
    if reads_kept(actor, filters):
        per_place = await kept.read_commune(commune_id, before)
    else:
        per_place = await figures.count(filters, Places.of([commune_id]), actor)
    hamlets: dict[int, Indicators] = defaultdict(Indicators)
    late = 0
    for (_, hamlet), named in per_place.items():
        ind = indicators(named, before)
        late += ind.late
        if hamlet != COMMUNE_WIDE:
            hamlets[hamlet] = ind
    # The commune's total of the hamlets' rows (its late houses are theirs: a case has one).
    counted = {
        p: {n: v for n, v in named.items() if n != kept_totals.LATE}
        for p, named in per_place.items()
    }
    total = indicators(kept.rollup(counted).get(commune_id, {}), before)
    total.late = late
    return dict(hamlets), total


async def handovers_per_day(
    actor: Actor, filters: Filters, communes: list[int]
) -> list[tuple[date, int]]:
    """Houses handed over per day in these communes (the chart groups the days into weeks)."""
    qs = figures.house_cases(actor, filters, Places.of(communes)).filter(stage=Stage.HANDED_OVER)
    rows = await qs.annotate(n=Count("id")).group_by("handed_over_on").values("handed_over_on", "n")
    return sorted((row["handed_over_on"], row["n"]) for row in rows if row["handed_over_on"])


@dataclass(frozen=True)
class LateHouse:
    """A late house as the commune page lists it: plain values, no model loaded."""

    id: int
    code: str
    hamlet_name: str
    head_name: str
    stage: Stage
    started_on: date


LATE_LISTED = 200  # late houses listed by the commune's workbook and API


async def late_cases(
    actor: Actor,
    filters: Filters,
    *,
    today: date,
    late_after_days: int,
    commune_id: int,
    limit: int = LATE_LISTED,
) -> list[LateHouse]:
    """Houses started more than the threshold ago and not completed, oldest first."""
    qs = _late(actor, filters, Places.of([commune_id]), today, late_after_days)
    names = ("id", "code", "hamlet__name", "household__head_name", "stage", "started_on")
    rows = await qs.order_by("started_on", "id").limit(limit).values_list(*names)
    return [
        LateHouse(i, code, hamlet, head, Stage(getattr(stage, "value", stage)), started)
        for i, code, hamlet, head, stage, started in rows
    ]
