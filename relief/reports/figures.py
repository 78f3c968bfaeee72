"""Every summary figure defined once: the catalogue (`CATALOGUE`, at the end) and the SQL
aggregations it is counted with, for any set of places and filters (the rules in words:
docs/indicators.md).

The filtered views run these aggregations live; the kept rows (relief.reports.kept) are the
same aggregations run without filters for the hamlets a write touched, and `relief summaries
check` runs them for everything and compares. A kept count is a name and a whole number for a
place (commune id, hamlet id); hamlet 0 holds what belongs to the commune as a whole. The
figures the pages, exports and API show are read from those counts by the catalogue.
"""

from __future__ import annotations

import hashlib
import inspect
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum, StrEnum
from typing import Any

from tortoise.expressions import Subquery
from tortoise.functions import Count, Sum

from relief.aid.models import AidGiven, AidVisit
from relief.core.actor import SYSTEM, Actor
from relief.core.scope import scoped
from relief.households.models import DamageAssessment, DamageBand, Household
from relief.houses.models import Contribution, FundingSource, HouseCase, Stage
from relief.reports.indicators import UNDER_CONSTRUCTION, Filters, Indicators

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
# The houses handed over in a commune per week ("handovers:<Monday>", on the commune's own row,
# hamlet 0): the dashboards' chart, kept beside the houses' counts.
HANDOVERS_WEEK = "handovers:"
# The houses under construction per day they were started ("started:<day>", at the case's
# hamlet): the late houses as of any day are the sum of the days before its threshold, a row
# per day of the campaign whatever the number of houses (`late_of`).
STARTED_DAY = "started:"
KEPT_BESIDE = {HOUSES: (HANDOVERS_WEEK, STARTED_DAY)}  # kept counts of a family no figure reads


def late_of(named: dict[str, int], before: date) -> int:
    """The houses still under construction that were started before `before` (the late ones,
    `before` being today less the days a house may take), from a place's counts."""
    last = f"{STARTED_DAY}{before.isoformat()}"
    return sum(v for name, v in named.items() if STARTED_DAY <= name < last)


def family_names(family: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The kept names of a family's counts: whole names, and prefixes ("damage:total"), as
    the catalogue's figures of that family read them."""
    read = {name for f in CATALOGUE if f.family == family for name in f.reads}
    read |= set(KEPT_BESIDE.get(family, ()))
    return (
        frozenset(n for n in read if not n.endswith(":")),
        tuple(sorted(n for n in read if n.endswith(":"))),
    )


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
    for family in sorted(families):
        await COUNTERS[family].count(actor, filters, places, place, put)


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
    # Handed over per week, on the commune's own row: counted over its whole commune, as its
    # visits are (a recount of some hamlets rewrites the commune's row).
    handed = house_cases(actor, filters, Places.of(places.communes))
    handed = handed.filter(stage=Stage.HANDED_OVER, handed_over_on__not_isnull=True)
    days = handed.annotate(n=Count("id")).group_by("commune_id", "handed_over_on")
    for row in await days.values("commune_id", "handed_over_on", "n"):
        monday = row["handed_over_on"] - timedelta(days=row["handed_over_on"].weekday())
        put(row["commune_id"], COMMUNE_WIDE, f"{HANDOVERS_WEEK}{monday.isoformat()}", row["n"])
    # Under construction per day started, at the case's own place: the late houses' buckets.
    building = house_cases(actor, filters, places).filter(
        stage__in=UNDER_CONSTRUCTION, started_on__not_isnull=True
    )
    days = building.annotate(n=Count("id")).group_by(*place, "started_on")
    for row in await days.values(*place, "started_on", "n"):
        day = row["started_on"].isoformat()
        put(row["commune_id"], row.get("hamlet_id"), f"{STARTED_DAY}{day}", row["n"])


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


# --- How each family is counted -------------------------------------------------------------

Put = Callable[[int, int | None, str, Any], None]


@dataclass(frozen=True)
class Counter:
    """How one family's kept counts are made: its aggregation (which puts every count of the
    family for each place) and the record queries it reads. Their source is part of the
    definitions' digest: a change to it rebuilds the kept figures at the next start."""

    count: Callable[[Actor, Filters, Places, tuple[str, ...], Put], Awaitable[None]]
    records: tuple[Callable[..., Any], ...] = ()


COUNTERS: dict[str, Counter] = {
    DAMAGE: Counter(_damage, (damage_records,)),
    AID: Counter(_aid, (gifts, visits)),
    HOUSES: Counter(_houses, (house_cases,)),
    MONEY: Counter(_money, (contributions,)),
}
# What every family's counting goes through: the places and dates, the codes, the sums.
SHARED = (_at, _within, _value, _count, count)


# --- The catalogue: every figure the pages, the exports and the API show, once ----------------


class Format(Enum):
    """How a figure is written: a number of things, whole đồng, or a share (0 to 1, None when
    its whole is 0). Never shown as words: a plain Enum, not a code with labels."""

    COUNT = "count"
    MONEY = "money"
    PERCENT = "percent"


# Where a figure is shown (a figure of the API is also in the typed schema).
API, EXPORT, DASHBOARD = "api", "export", "dashboard"
EVERYWHERE = frozenset({API, EXPORT})


@dataclass(frozen=True)
class Figure:
    """One figure: its name in the API (and in the houses and money groups there, by family),
    the family of kept counts it is read from, how it is counted, its words and format, and
    where it is shown.

    How it is counted: `reads` names the kept counts it is made of (a name ending in ":" is a
    prefix: every count of that kind), counted by its family's `Counter`; `attr` names the
    property of `Indicators` that derives it from them (the rule in words is its docstring
    and docs/indicators.md); a `ratio` is the share of one such property in another. A figure
    that reads no kept count and is no ratio (`late`) is counted live, each time it is shown.
    """

    name: str
    family: str
    label: str  # msgid of its column heading on the pages
    format: Format = Format.COUNT
    reads: tuple[str, ...] = ()
    attr: str = ""  # the Indicators property (default: its one kept count, else its name)
    heading: str = ""  # msgid of its export column, when not the label; "{part}" in a split
    sort: str = ""  # its key on the dashboard's sortable table ("" when not sortable)
    split: type[StrEnum] | None = None  # one value per code (band, stage, funding source)
    ratio: tuple[str, str] | None = None  # (part, whole): two Indicators properties
    shown: frozenset[str] = EVERYWHERE
    warn: bool = False  # a value other than 0 is shown as a warning on the dashboard

    @property
    def kept(self) -> bool:
        return bool(self.reads)

    def value(self, ind: Indicators) -> Any:
        """Its value for one place: a number, a share (None: nothing to divide by), or per
        code of its split."""
        if self.ratio is not None:
            part, whole = (getattr(ind, attr) for attr in self.ratio)
            return part / whole if whole else None
        if self.attr:
            raw = getattr(ind, self.attr)
        elif len(self.reads) == 1 and not self.reads[0].endswith(":"):
            raw = ind.get(self.reads[0])  # one kept count needs no property of its own
        else:
            raw = getattr(ind, self.name)
        if self.split is not None:
            return {code.value: raw.get(code.value, 0) for code in self.split}
        return raw

    def sort_value(self, ind: Indicators) -> float:
        value = self.value(ind)
        return -1 if value is None else value

    def definition(self) -> str:
        """What decides its kept rows, as text for the digest: its names, and the source of
        its family's counting."""
        lines = [
            f"{self.name} {self.family} {self.format.value} reads {','.join(self.reads)}"
            f" ratio {self.ratio}"
        ]
        if self.kept:
            counter = COUNTERS[self.family]
            lines += [inspect.getsource(fn) for fn in (counter.count, *counter.records)]
        return "\n".join(lines)


CATALOGUE: tuple[Figure, ...] = (
    # Damage (of live households, counted distinct).
    Figure(
        "affected_households",
        DAMAGE,
        "Affected households",
        reads=("affected",),
        attr="affected",
        sort="affected",
        shown=EVERYWHERE | {DASHBOARD},
    ),
    Figure(
        "damage_by_band",
        DAMAGE,
        "Damage",
        reads=("damage:",),
        attr="damage",
        heading="{part}",
        split=DamageBand,
    ),
    Figure(
        "relocated_households",
        DAMAGE,
        "Relocated",
        reads=("relocated",),
        attr="relocated",
        heading="Relocated households",
        sort="relocated",
        shown=EVERYWHERE | {DASHBOARD},
    ),
    # Aid (a visit once per commune).
    Figure(
        "aid_visits",
        AID,
        "Aid visits",
        reads=("visits",),
        attr="visits",
        shown=EVERYWHERE | {DASHBOARD},
    ),
    Figure("households_reached", AID, "Households reached", reads=("reached",)),
    Figure(
        "cash",
        AID,
        "Cash given",
        Format.MONEY,
        reads=("cash",),
        shown=EVERYWHERE | {DASHBOARD},
    ),
    Figure("goods_value", AID, "Goods value", Format.MONEY, reads=("goods_value",)),
    # Houses (each case once, at its current stage).
    Figure(
        "need",
        HOUSES,
        "Houses needed",
        reads=("house:",),
        sort="need",
        shown=EVERYWHERE | {DASHBOARD},
    ),
    Figure("approved", HOUSES, "Approved", reads=("house:",)),
    Figure("not_started", HOUSES, "Not started", reads=("house:",)),
    Figure(
        "under_construction",
        HOUSES,
        "Under construction",
        reads=("house:",),
        sort="under_construction",
        shown=EVERYWHERE | {DASHBOARD},
    ),
    Figure("started", HOUSES, "Started", reads=("house:",), shown=frozenset({API})),
    Figure(
        "completed",
        HOUSES,
        "Completed",
        reads=("house:",),
        sort="completed",
        shown=EVERYWHERE | {DASHBOARD},
    ),
    Figure(
        "handed_over",
        HOUSES,
        "Handed over",
        reads=("house:",),
        sort="handed_over",
        shown=EVERYWHERE | {DASHBOARD},
    ),
    Figure(
        "handed_over_of_need",
        HOUSES,
        "Handed over of need",
        Format.PERCENT,
        ratio=("handed_over", "need"),
        sort="handed_over_pct",
        shown=EVERYWHERE | {DASHBOARD},
    ),
    Figure("cancelled", HOUSES, "Cancelled", reads=("house:",)),
    # Late depends on today: summed from the kept houses under construction per day started
    # ("started:<day>") up to today's threshold (relief.reports.queries), or counted live.
    Figure("late", HOUSES, "Late", sort="late", shown=EVERYWHERE | {DASHBOARD}, warn=True),
    Figure(
        "by_stage",
        HOUSES,
        "Houses by stage",
        reads=("house:",),
        attr="stages",
        split=Stage,
        shown=frozenset({API}),
    ),
    # Money (at the hamlet of the house case funded).
    Figure(
        "pledged",
        MONEY,
        "Pledged",
        Format.MONEY,
        reads=("pledged:",),
        attr="pledged_total",
        sort="pledged",
        shown=EVERYWHERE | {DASHBOARD},
    ),
    Figure(
        "disbursed",
        MONEY,
        "Disbursed",
        Format.MONEY,
        reads=("disbursed:",),
        attr="disbursed_total",
        sort="disbursed",
        shown=EVERYWHERE | {DASHBOARD},
    ),
    Figure(
        "disbursed_of_pledged",
        MONEY,
        "Disbursed of pledged",
        Format.PERCENT,
        ratio=("disbursed_total", "pledged_total"),
        shown=EVERYWHERE | {DASHBOARD},
    ),
    Figure(
        "pledged_by_source",
        MONEY,
        "Pledged",
        Format.MONEY,
        reads=("pledged:",),
        attr="pledged",
        heading="Pledged: {part}",
        split=FundingSource,
    ),
    Figure(
        "disbursed_by_source",
        MONEY,
        "Disbursed",
        Format.MONEY,
        reads=("disbursed:",),
        attr="disbursed",
        heading="Disbursed: {part}",
        split=FundingSource,
    ),
)


def by_name(name: str) -> Figure:
    for figure in CATALOGUE:
        if figure.name == name:
            return figure
    raise KeyError(name)


def shown_in(where: str, catalogue: Sequence[Figure] | None = None) -> list[Figure]:
    """The figures shown in one place (API, EXPORT, DASHBOARD), in the catalogue's order."""
    return [f for f in (CATALOGUE if catalogue is None else catalogue) if where in f.shown]


def digest(catalogue: Sequence[Figure] | None = None) -> str:
    """A digest of what decides the kept rows: every figure's definition (its name, family,
    format and the kept counts it reads, with the source of its family's counting) and the
    counting they share. Stored beside the kept figures; a start with another digest rebuilds
    them (relief.reports.kept.rebuild_if_changed)."""
    hashed = hashlib.sha256()
    for part in (
        *(f.definition() for f in (CATALOGUE if catalogue is None else catalogue)),
        *(inspect.getsource(fn) for fn in SHARED),
    ):
        hashed.update(part.encode() + b"\0")
    return hashed.hexdigest()
