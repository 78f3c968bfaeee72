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

from tortoise.functions import Count, Sum

from relief.aid.models import AidGiven, AidVisit
from relief.core.scope import SYSTEM, Actor, scoped
from relief.households.models import DamageAssessment
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
    """Damage records of live (not archived) households, at the household's current hamlet."""
    qs = _at(scoped(actor, DamageAssessment), places).filter(household__archived_at__isnull=True)
    if filters.disaster_id:
        qs = qs.filter(disaster_id=filters.disaster_id)
    return _within(qs, "assessed_on", filters)


def gifts(actor: Actor, filters: Filters, places: Places):
    qs = _at(scoped(actor, AidGiven), places)
    if filters.disaster_id:
        qs = qs.filter(visit__disaster_id=filters.disaster_id)
    return _within(qs, "visit__visited_on", filters)


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
    if filters.disaster_id:
        qs = qs.filter(house_case__disaster_id=filters.disaster_id)
    if filters.programme:
        qs = qs.filter(house_case__programme=filters.programme)
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


def family_of(name: str) -> str:
    """The family of a figure name (as `count` names them)."""
    for family, (names, prefixes) in FAMILY_NAMES.items():
        if name in names or name.startswith(prefixes):
            return family
    raise ValueError(name)


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

    if DAMAGE in families:
        await _damage(actor, filters, places, put)
    if AID in families:
        await _aid(actor, filters, places, put)
    if HOUSES in families:
        await _houses(actor, filters, places, put)
    if MONEY in families:
        await _money(actor, filters, places, put)
    return dict(out)


async def _damage(actor: Actor, filters: Filters, places: Places, put) -> None:
    # Distinct live households, so two disasters' records count one household once.
    damage = damage_records(actor, filters, places)
    per_household = Count("household_id", distinct=True)
    for row in await damage.annotate(n=per_household).group_by(*PLACE).values(*PLACE, "n"):
        put(row["commune_id"], row["hamlet_id"], "affected", row["n"])
    for row in (
        await damage.annotate(n=per_household).group_by(*PLACE, "band").values(*PLACE, "band", "n")
    ):
        put(row["commune_id"], row["hamlet_id"], f"damage:{_value(row['band'])}", row["n"])
    relocated = damage.filter(relocated=True).annotate(n=per_household)
    for row in await relocated.group_by(*PLACE).values(*PLACE, "n"):
        put(row["commune_id"], row["hamlet_id"], "relocated", row["n"])


async def _aid(actor: Actor, filters: Filters, places: Places, put) -> None:
    # Per hamlet, the visits that reached it; per commune, every visit once.
    sums = {
        "reached": Count("household_id", distinct=True),
        "cash_sum": Sum("cash"),
        "goods_sum": Sum("goods_value"),
        "visit_n": Count("visit_id", distinct=True),
    }
    for row in (
        await gifts(actor, filters, places).annotate(**sums).group_by(*PLACE).values(*PLACE, *sums)
    ):
        c, h = row["commune_id"], row["hamlet_id"]
        put(c, h, "reached", row["reached"])
        put(c, h, "cash", row["cash_sum"])
        put(c, h, "goods_value", row["goods_sum"])
        put(c, h, "visits", row["visit_n"])
    commune_visits = visits(actor, filters, places.communes).annotate(n=Count("id"))
    for row in await commune_visits.group_by("commune_id").values("commune_id", "n"):
        put(row["commune_id"], COMMUNE_WIDE, "visits", row["n"])


async def _houses(actor: Actor, filters: Filters, places: Places, put) -> None:
    # Each case once, at its current stage, by programme and kind.
    keys = (*PLACE, "programme", "kind", "stage")
    cases = house_cases(actor, filters, places).annotate(n=Count("id"))
    for row in await cases.group_by(*keys).values(*keys, "n"):
        name = f"house:{_value(row['programme'])}:{_value(row['kind'])}:{_value(row['stage'])}"
        put(row["commune_id"], row["hamlet_id"], name, row["n"])


async def _money(actor: Actor, filters: Filters, places: Places, put) -> None:
    # By source, at the hamlet of the house case it funds.
    money = (
        contributions(actor, filters, places)
        .annotate(pledged_sum=Sum("amount_pledged"), disbursed_sum=Sum("amount_disbursed"))
        .group_by("commune_id", "house_case__hamlet_id", "source")
        .values("commune_id", "house_case__hamlet_id", "source", "pledged_sum", "disbursed_sum")
    )
    for row in await money:
        c, h, source = row["commune_id"], row["house_case__hamlet_id"], _value(row["source"])
        put(c, h, f"pledged:{source}", row["pledged_sum"])
        put(c, h, f"disbursed:{source}", row["disbursed_sum"])
