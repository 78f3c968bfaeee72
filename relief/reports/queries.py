"""The summary aggregates: one GROUP BY per table over the commune and hamlet ids stored on the
counted rows, so a summary costs the same few queries whatever the number of households."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from tortoise.functions import Count, Sum

from relief.aid.models import AidGiven, AidVisit
from relief.core.scope import Actor, scoped
from relief.households.models import DamageAssessment
from relief.houses.models import Contribution, HouseCase, Stage
from relief.reports.indicators import UNDER_CONSTRUCTION, Filters, Indicators

COMMUNE, HAMLET = "commune_id", "hamlet_id"


def _within(qs, field: str, filters: Filters):
    if filters.date_from:
        qs = qs.filter(**{f"{field}__gte": filters.date_from})
    if filters.date_to:
        qs = qs.filter(**{f"{field}__lte": filters.date_to})
    return qs


def _only(qs, commune_id: int | None):
    return qs.filter(commune_id=commune_id) if commune_id else qs


async def indicators_by(
    actor: Actor,
    group: str,
    filters: Filters,
    *,
    today: date,
    late_after_days: int,
    commune_id: int | None = None,
) -> dict[int | None, Indicators]:
    """Indicators per commune (group=COMMUNE) or per hamlet of one commune (group=HAMLET)."""
    out: dict[int | None, Indicators] = defaultdict(Indicators)

    damage = _only(scoped(actor, DamageAssessment), commune_id)
    if filters.disaster_id:
        damage = damage.filter(disaster_id=filters.disaster_id)
    damage = _within(damage, "assessed_on", filters)
    for row in (
        await damage.annotate(n=Count("id"))
        .group_by(group, "band", "relocated")
        .values(group, "band", "relocated", "n")
    ):
        ind = out[row[group]]
        band = getattr(row["band"], "value", row["band"])
        ind.damage[band] = ind.damage.get(band, 0) + row["n"]
        if row["relocated"]:
            ind.relocated += row["n"]

    gifts = _only(scoped(actor, AidGiven), commune_id)
    if filters.disaster_id:
        gifts = gifts.filter(visit__disaster_id=filters.disaster_id)
    gifts = _within(gifts, "visit__visited_on", filters)
    sums = {
        "reached": Count("household_id", distinct=True),
        "cash_sum": Sum("cash"),
        "goods_sum": Sum("goods_value"),
    }
    if group == HAMLET:  # per commune, the visits are counted on aid_visit below
        sums["visits"] = Count("visit_id", distinct=True)
    for row in await gifts.annotate(**sums).group_by(group).values(group, *sums):
        ind = out[row[group]]
        ind.households_reached += row["reached"]
        ind.cash += int(row["cash_sum"] or 0)
        ind.goods_value += int(row["goods_sum"] or 0)
        ind.visits += row.get("visits", 0)
    if group == COMMUNE:
        # A visit counts for its commune even before anyone is recorded as helped.
        visits = _visits(actor, filters, commune_id)
        for row in await visits.annotate(n=Count("id")).group_by(COMMUNE).values(COMMUNE, "n"):
            out[row[COMMUNE]].visits += row["n"]

    houses = _houses(actor, filters, commune_id)
    for row in (
        await houses.annotate(n=Count("id")).group_by(group, "stage").values(group, "stage", "n")
    ):
        stage = getattr(row["stage"], "value", row["stage"])
        out[row[group]].stages[stage] = row["n"]
    late = houses.filter(
        stage__in=UNDER_CONSTRUCTION, started_on__lt=today - timedelta(days=late_after_days)
    )
    for row in await late.annotate(n=Count("id")).group_by(group).values(group, "n"):
        out[row[group]].late += row["n"]

    money = _only(scoped(actor, Contribution), commune_id)
    if filters.disaster_id:
        money = money.filter(house_case__disaster_id=filters.disaster_id)
    if filters.programme:
        money = money.filter(house_case__programme=filters.programme)
    money_group = COMMUNE if group == COMMUNE else "house_case__hamlet_id"
    for row in (
        await money.annotate(
            pledged_sum=Sum("amount_pledged"), disbursed_sum=Sum("amount_disbursed")
        )
        .group_by(money_group, "source")
        .values(money_group, "source", "pledged_sum", "disbursed_sum")
    ):
        ind = out[row[money_group]]
        source = getattr(row["source"], "value", row["source"])
        ind.pledged[source] = int(row["pledged_sum"] or 0)
        ind.disbursed[source] = int(row["disbursed_sum"] or 0)
    return out


def _visits(actor: Actor, filters: Filters, commune_id: int | None):
    visits = _only(scoped(actor, AidVisit), commune_id)
    if filters.disaster_id:
        visits = visits.filter(disaster_id=filters.disaster_id)
    return _within(visits, "visited_on", filters)


async def visit_count(actor: Actor, filters: Filters, commune_id: int) -> int:
    """A commune's visits: one visit to several hamlets counts once."""
    return await _visits(actor, filters, commune_id).count()


def _houses(actor: Actor, filters: Filters, commune_id: int | None):
    houses = _only(scoped(actor, HouseCase), commune_id)
    if filters.disaster_id:
        houses = houses.filter(disaster_id=filters.disaster_id)
    if filters.programme:
        houses = houses.filter(programme=filters.programme)
    return _within(houses, "proposed_on", filters)


async def houses_by_programme_and_kind(
    actor: Actor, filters: Filters, commune_id: int | None
) -> dict[tuple[str, str], Indicators]:
    """House cases by stage for each programme and kind (new build / repair)."""
    out: dict[tuple[str, str], Indicators] = defaultdict(Indicators)
    qs = _houses(actor, filters, commune_id)
    for row in (
        await qs.annotate(n=Count("id"))
        .group_by("programme", "kind", "stage")
        .values("programme", "kind", "stage", "n")
    ):
        key = (
            getattr(row["programme"], "value", row["programme"]),
            getattr(row["kind"], "value", row["kind"]),
        )
        out[key].stages[getattr(row["stage"], "value", row["stage"])] = row["n"]
    return out


async def handovers_per_day(
    actor: Actor, filters: Filters, commune_id: int | None = None
) -> list[tuple[date, int]]:
    """Houses handed over per day (the chart groups the days into weeks)."""
    qs = _houses(actor, filters, commune_id).filter(stage=Stage.HANDED_OVER)
    rows = await qs.annotate(n=Count("id")).group_by("handed_over_on").values("handed_over_on", "n")
    return sorted((row["handed_over_on"], row["n"]) for row in rows if row["handed_over_on"])


async def late_cases(
    actor: Actor, filters: Filters, *, today: date, late_after_days: int, commune_id: int | None
) -> list[HouseCase]:
    """Houses started more than the threshold ago and not completed, oldest first."""
    qs = _houses(actor, filters, commune_id).filter(
        stage__in=UNDER_CONSTRUCTION, started_on__lt=today - timedelta(days=late_after_days)
    )
    return list(await qs.select_related("hamlet", "household").order_by("started_on").limit(200))
