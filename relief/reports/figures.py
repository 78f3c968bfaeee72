"""Every summary figure defined once, as SQL aggregations over the records for any set of
places and filters (the rules in words: docs/indicators.md).

The filtered views run these aggregations live; the kept rows (relief.reports.kept) are the
same aggregations run without filters for the hamlets a write touched, and `relief summaries
check` runs them for everything and compares. A figure is a name and a whole number for a
place (commune id, hamlet id); hamlet 0 holds what belongs to the commune as a whole.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tortoise.expressions import Subquery
from tortoise.functions import Count, Sum

from relief.aid.models import AidGiven, AidVisit
from relief.core.actor import SYSTEM, Actor
from relief.core.scope import scoped
from relief.households.models import DamageAssessment, Household
from relief.houses.models import Contribution, HouseCase
from relief.reports.indicators import Filters

COMMUNE_WIDE = 0  # the hamlet id of figures that belong to the commune as a whole

Place = tuple[int, int]
Figures = dict[Place, dict[str, int]]


@dataclass(frozen=True)
class Places:
    """Where to count: some communes (None: all), and within them some hamlets (None: all)."""

    communes: frozenset[int] | None = None
    hamlets: frozenset[int] | None = None

    @classmethod
    def of(cls, communes: Iterable[int] | None, hamlets: Iterable[int] | None = None) -> Places:
        return cls(
            None if communes is None else frozenset(communes),
            None if hamlets is None else frozenset(hamlets),
        )


def _value(v: Any) -> str:
    return str(getattr(v, "value", v))


def _at(qs, places: Places, commune: str = "commune_id", hamlet: str = "hamlet_id"):
    if places.communes is not None:
        qs = qs.filter(**{f"{commune}__in": sorted(places.communes)})
    if places.hamlets is not None:
        qs = qs.filter(**{f"{hamlet}__in": sorted(places.hamlets)})
    return qs


def _within(qs, field: str, filters: Filters):
    if filters.date_from:
        qs = qs.filter(**{f"{field}__gte": filters.date_from})
    if filters.date_to:
        qs = qs.filter(**{f"{field}__lte": filters.date_to})
    return qs


def damage_records(actor: Actor, filters: Filters, places: Places):
    """Damage records of live (not archived) households, at the household's current hamlet.

    Archived households are few: their ids are excluded (a short list read from the household
    index) rather than every record joined to its household, so the counts read the damage
    indexes alone."""
    archived = _at(Household.filter(archived_at__isnull=False), places).values("id")
    qs = _at(scoped(actor, DamageAssessment), places).exclude(household_id__in=Subquery(archived))
    if filters.disaster_id:
        qs = qs.filter(disaster_id=filters.disaster_id)
    return _within(qs, "assessed_on", filters)


def gifts(actor: Actor, filters: Filters, places: Places):
    qs = _at(scoped(actor, AidGiven), places)
    if filters.disaster_id or filters.date_from or filters.date_to:
        # The visits of the disaster or dates first (a few), then their gifts: no join per gift.
        chosen = _at(AidVisit.all(), Places(places.communes))
        if filters.disaster_id:
            chosen = chosen.filter(disaster_id=filters.disaster_id)
        qs = qs.filter(visit_id__in=Subquery(_within(chosen, "visited_on", filters).values("id")))
    return qs


def visits(actor: Actor, filters: Filters, communes: frozenset[int] | None):
    qs = _at(scoped(actor, AidVisit), Places(communes))
    if filters.disaster_id:
        qs = qs.filter(disaster_id=filters.disaster_id)
    return _within(qs, "visited_on", filters)


def house_cases(actor: Actor, filters: Filters, places: Places):
    qs = _at(scoped(actor, HouseCase), places)
    if filters.disaster_id:
        qs = qs.filter(disaster_id=filters.disaster_id)
    if filters.programme:
        qs = qs.filter(programme=filters.programme)
    return _within(qs, "proposed_on", filters)


def contributions(actor: Actor, filters: Filters, places: Places):
    qs = _at(scoped(actor, Contribution), places, hamlet="house_case__hamlet_id")
    if filters.disaster_id or filters.programme:
        # The cases of the disaster or programme, from their index, then their money from its.
        cases = _at(HouseCase.all(), places)
        if filters.disaster_id:
            cases = cases.filter(disaster_id=filters.disaster_id)
        if filters.programme:
            cases = cases.filter(programme=filters.programme)
        qs = qs.filter(house_case_id__in=Subquery(cases.values("id")))
    return qs


PLACE = ("commune_id", "hamlet_id")

# The figures in four families, each counted from one kind of record: a write recounts only
# the families of the records it changed.
DAMAGE, AID, HOUSES, MONEY = "damage", "aid", "houses", "money"
FAMILIES = frozenset({DAMAGE, AID, HOUSES, MONEY})


# Each family's figure names: whole names, and prefixes ("damage:collapsed").
FAMILY_NAMES: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    DAMAGE: (frozenset({"affected", "relocated"}), ("damage:",)),
    AID: (frozenset({"reached", "cash", "goods_value", "visits"}), ()),
    HOUSES: (frozenset(), ("house:",)),
    MONEY: (frozenset(), ("pledged:", "disbursed:")),
}


async def count(
    filters: Filters,
    places: Places,
    actor: Actor = SYSTEM,
    families: frozenset[str] = FAMILIES,
) -> Figures:
    """Every figure of every place in `places` (zeros left out), as the actor may see them;
    only those of `families` when a recount needs no more."""
    out: Figures = defaultdict(dict)

    def put(commune: int, hamlet: int | None, name: str, value: Any) -> None:
        value = int(value or 0)
        if value:
            figures = out[(commune, hamlet or COMMUNE_WIDE)]
            figures[name] = figures.get(name, 0) + value

    await _count(actor, filters, places, families, PLACE, put)
    return dict(out)


async def count_communes(
    filters: Filters, communes: Iterable[int] | None, actor: Actor = SYSTEM
) -> dict[int, dict[str, int]]:
    """Every figure of each commune as a whole, grouped by commune in SQL: what `count` gives
    per hamlet, summed (a household and its records are in one hamlet, so its distinct counts
    add up), with each visit once. The province's filtered view: one row per commune and
    figure to read, not one per hamlet."""
    out: dict[int, dict[str, int]] = defaultdict(dict)

    def put(commune: int, hamlet: int | None, name: str, value: Any) -> None:
        value = int(value or 0)
        if value:
            out[commune][name] = out[commune].get(name, 0) + value

    await _count(actor, filters, Places.of(communes), FAMILIES, ("commune_id",), put)
    return dict(out)


async def _count(actor, filters, places, families, place, put) -> None:
    if DAMAGE in families:
        await _damage(actor, filters, places, place, put)
    if AID in families:
        await _aid(actor, filters, places, place, put)
    if HOUSES in families:
        await _houses(actor, filters, places, place, put)
    if MONEY in families:
        await _money(actor, filters, places, place, put)


async def _damage(actor: Actor, filters: Filters, places: Places, place, put) -> None:
    # Distinct live households, so two disasters' records count one household once.
    damage = damage_records(actor, filters, places)
    if filters.disaster_id:
        # One record per household and disaster: for one disaster, records are households,
        # and one GROUP BY over the index gives every damage figure.
        keys = (*place, "band", "relocated")
        rows = await damage.annotate(n=Count("id")).group_by(*keys).values(*keys, "n")
        for row in rows:
            c, h, n = row["commune_id"], row.get("hamlet_id"), row["n"]
            put(c, h, "affected", n)
            put(c, h, f"damage:{_value(row['band'])}", n)
            if row["relocated"]:
                put(c, h, "relocated", n)
        return
    per_household = Count("household_id", distinct=True)
    for row in await damage.annotate(n=per_household).group_by(*place).values(*place, "n"):
        put(row["commune_id"], row.get("hamlet_id"), "affected", row["n"])
    for row in (
        await damage.annotate(n=per_household).group_by(*place, "band").values(*place, "band", "n")
    ):
        put(row["commune_id"], row.get("hamlet_id"), f"damage:{_value(row['band'])}", row["n"])
    relocated = damage.filter(relocated=True).annotate(n=per_household)
    for row in await relocated.group_by(*place).values(*place, "n"):
        put(row["commune_id"], row.get("hamlet_id"), "relocated", row["n"])


async def _aid(actor: Actor, filters: Filters, places: Places, place, put) -> None:
    # Per hamlet, the visits that reached it; per commune, every visit once.
    sums = {
        "reached": Count("household_id", distinct=True),
        "cash_sum": Sum("cash"),
        "goods_sum": Sum("goods_value"),
    }
    per_hamlet = "hamlet_id" in place
    if per_hamlet:
        sums["visit_n"] = Count("visit_id", distinct=True)
    for row in (
        await gifts(actor, filters, places).annotate(**sums).group_by(*place).values(*place, *sums)
    ):
        c, h = row["commune_id"], row.get("hamlet_id")
        put(c, h, "reached", row["reached"])
        put(c, h, "cash", row["cash_sum"])
        put(c, h, "goods_value", row["goods_sum"])
        if per_hamlet:
            put(c, h, "visits", row["visit_n"])
    commune_visits = visits(actor, filters, places.communes).annotate(n=Count("id"))
    for row in await commune_visits.group_by("commune_id").values("commune_id", "n"):
        put(row["commune_id"], COMMUNE_WIDE, "visits", row["n"])


async def _houses(actor: Actor, filters: Filters, places: Places, place, put) -> None:
    # Each case once, at its current stage, by programme and kind.
    keys = (*place, "programme", "kind", "stage")
    cases = house_cases(actor, filters, places).annotate(n=Count("id"))
    for row in await cases.group_by(*keys).values(*keys, "n"):
        name = f"house:{_value(row['programme'])}:{_value(row['kind'])}:{_value(row['stage'])}"
        put(row["commune_id"], row.get("hamlet_id"), name, row["n"])


async def _money(actor: Actor, filters: Filters, places: Places, place, put) -> None:
    # By source, at the hamlet of the house case it funds.
    at = ("commune_id", "house_case__hamlet_id") if "hamlet_id" in place else ("commune_id",)
    money = (
        contributions(actor, filters, places)
        .annotate(pledged_sum=Sum("amount_pledged"), disbursed_sum=Sum("amount_disbursed"))
        .group_by(*at, "source")
        .values(*at, "source", "pledged_sum", "disbursed_sum")
    )
    for row in await money:
        c, h, source = row["commune_id"], row.get("house_case__hamlet_id"), _value(row["source"])
        put(c, h, f"pledged:{source}", row["pledged_sum"])
        put(c, h, f"disbursed:{source}", row["disbursed_sum"])
