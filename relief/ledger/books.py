"""Reading the ledger: a fund's books (thu – chi – tồn), a sponsor's reconciliation, statements.

The figures, defined once here and in docs/indicators.md:
- received: donations dated in the period (reversals count negative);
- allocated: live allocations dated in the period (reversed ones and reversals left out);
- spent: what those allocations have spent to date (a house's contribution disbursed; a visit's
  gifts, from its allocations in order, each up to its amount);
- balance at the end of the period: everything received up to its end minus everything spent
  from allocations made up to its end; unallocated: received minus allocated, the same way.
"""

from __future__ import annotations

import heapq
import itertools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from tortoise.expressions import Q, Subquery
from tortoise.functions import Sum
from tortoise.queryset import ValuesQuery

from relief.core.actor import Actor
from relief.core.errors import Forbidden, NotFound
from relief.core.paging import Paged, paginate
from relief.core.permissions import can
from relief.core.scope import plain_rows, scoped
from relief.houses.models import Contribution, FundingSource, HouseCase
from relief.houses.portal import sponsor_commitment
from relief.ledger.models import (
    Allocation,
    Donation,
    Fund,
    FundLevel,
    LedgerFigure,
    LedgerLevelChange,
)
from relief.ledger.service import _spent_by_allocation, live_allocations
from relief.places.models import Commune
from relief.sponsors.models import Sponsor

FUND_ORDER = {FundLevel.CENTRAL: 0, FundLevel.PROVINCE: 1, FundLevel.COMMUNE: 2, FundLevel.HOUSE: 3}


@dataclass
class FundLine:
    fund_id: int
    level: FundLevel
    commune_id: int | None
    received: int = 0
    allocated: int = 0
    spent: int = 0
    received_to_date: int = 0
    allocated_to_date: int = 0
    spent_to_date: int = 0

    @property
    def balance(self) -> int:
        """Tồn: received up to the end of the period minus spent from it."""
        return self.received_to_date - self.spent_to_date

    @property
    def unallocated(self) -> int:
        return self.received_to_date - self.allocated_to_date


@dataclass
class Books:
    lines: list[FundLine]
    date_from: date | None
    date_to: date | None

    @property
    def total(self) -> FundLine:
        total = FundLine(fund_id=0, level=FundLevel.COMMUNE, commune_id=None)
        for line in self.lines:
            for name in (
                "received",
                "allocated",
                "spent",
                "received_to_date",
                "allocated_to_date",
                "spent_to_date",
            ):
                setattr(total, name, getattr(total, name) + getattr(line, name))
        return total


def _in(day: date, date_from: date | None, date_to: date | None) -> bool:
    return (date_from is None or day >= date_from) and (date_to is None or day <= date_to)


async def funds_of(commune_id: int | None, actor: Actor | None = None) -> list[Fund]:
    """A commune's funds (its own and its direct gifts), or every fund the actor reads (a
    province's officers: their own province's; without an actor, every fund)."""
    if commune_id is not None:
        qs = Fund.filter(commune_id=commune_id)
    else:
        qs = Fund.all() if actor is None else scoped(actor, Fund)
    funds = list(await qs)
    return sorted(funds, key=lambda f: (FUND_ORDER[f.level], f.commune_id or 0))


@dataclass
class Entries:
    """The dated amounts behind a set of funds' books, read once: (fund, day, amount[, spent])."""

    received: list[tuple[int, date, int]]
    allocated: list[tuple[int, date, int, int]]


async def entries(fund_ids: list[int], date_to: date | None = None) -> Entries:
    if not fund_ids:
        return Entries([], [])
    upto = Q(received_on__lte=date_to) if date_to else Q()
    received = [
        (row["fund_id"], row["received_on"], int(row["s"] or 0))
        for row in await Donation.filter(upto, fund_id__in=fund_ids)
        .group_by("fund_id", "received_on")
        .annotate(s=Sum("amount"))
        .values("fund_id", "received_on", "s")
    ]
    condition = Q(fund_id__in=fund_ids) & (Q(allocated_on__lte=date_to) if date_to else Q())
    rows = await live_allocations(condition)
    spent = await _spent_by_allocation(condition) if rows else {}
    allocated = [
        (row["fund_id"], row["allocated_on"], row["amount"], spent.get(row["id"], 0))
        for row in rows
    ]
    return Entries(received, allocated)


def _lines(
    funds: list[Fund], found: Entries, date_from: date | None, date_to: date | None
) -> list[FundLine]:
    lines = {f.id: FundLine(fund_id=f.id, level=f.level, commune_id=f.commune_id) for f in funds}
    for fund_id, day, amount in found.received:
        if date_to is not None and day > date_to:
            continue
        line = lines[fund_id]
        line.received_to_date += amount
        if _in(day, date_from, date_to):
            line.received += amount
    for fund_id, day, amount, spent in found.allocated:
        if date_to is not None and day > date_to:
            continue
        line = lines[fund_id]
        line.allocated_to_date += amount
        line.spent_to_date += spent
        if _in(day, date_from, date_to):
            line.allocated += amount
            line.spent += spent
    return list(lines.values())


async def books(
    funds: list[Fund], date_from: date | None = None, date_to: date | None = None
) -> Books:
    """Each fund's received, allocated, spent and balance for the period (open ends allowed)."""
    found = await entries([f.id for f in funds], date_to)
    return Books(_lines(funds, found, date_from, date_to), date_from, date_to)


async def kept_books(funds: list[Fund], year: int) -> Books:
    """A year's books of these funds read from the kept figures (relief.ledger.kept: one row
    per fund, commune and month, recounted with every write by the same definitions as
    `books`), not counted from every entry: the province's page reads a few hundred rows."""
    lines = {f.id: FundLine(fund_id=f.id, level=f.level, commune_id=f.commune_id) for f in funds}
    rows = (
        await LedgerFigure.filter(fund_id__in=list(lines), year__lte=year)
        .group_by("fund_id", "year")
        .annotate(r=Sum("received"), a=Sum("allocated"), s=Sum("spent"))
        .values("fund_id", "year", "r", "a", "s")
    )
    for row in rows:
        line = lines[row["fund_id"]]
        received, allocated, spent = int(row["r"] or 0), int(row["a"] or 0), int(row["s"] or 0)
        line.received_to_date += received
        line.allocated_to_date += allocated
        line.spent_to_date += spent
        if row["year"] == year:
            line.received += received
            line.allocated += allocated
            line.spent += spent
    return Books(list(lines.values()), date(year, 1, 1), date(year, 12, 31))


async def kept_books_by_level(actor: Actor, funds: list[Fund], year: int) -> Books:
    """The province's books of a year from the kept figures, one line per fund level: the
    central and the province funds (`funds`: their rows), then every commune's funds together
    and every gift straight to a house together, as on the public page (`totals_by_level`), of
    the communes in the actor's scope. Grouped in SQL: a dozen rows, whatever the number of
    communes, funds and entries (the statement built once per scope and year)."""
    ids = {f.level: f.id for f in funds if f.commune_id is None}
    lines = {
        level: FundLine(fund_id=ids.get(level, 0), level=level, commune_id=None)
        for level in FUND_ORDER
    }
    # A province's (or the country's) from its sums kept by level and year: a few rows a
    # level, whatever the number of communes and months (relief.ledger.kept.LEVELS); an actor
    # bound to a commune sums its commune's figures.
    kept: type[LedgerFigure] | type[LedgerLevelChange] = (
        LedgerLevelChange if can(actor).read_every_commune else LedgerFigure
    )
    rows = await plain_rows(
        actor,
        kept,
        ("kept books by level", kept.__name__, year),
        lambda: (
            scoped(actor, kept)
            .filter(year__lte=year)
            .group_by("level", "year")
            .annotate(r=Sum("received"), a=Sum("allocated"), s=Sum("spent"))
            .values("level", "year", "r", "a", "s")
        ),
    )
    for row in rows:
        line, row_year = lines[FundLevel(row["level"])], row["year"]
        received, allocated, spent = int(row["r"] or 0), int(row["a"] or 0), int(row["s"] or 0)
        line.received_to_date += received
        line.allocated_to_date += allocated
        line.spent_to_date += spent
        if row_year == year:
            line.received += received
            line.allocated += allocated
            line.spent += spent
    shown = [
        line
        for line in lines.values()
        if line.fund_id or line.received_to_date or line.allocated_to_date or line.spent_to_date
    ]
    return Books(shown, date(year, 1, 1), date(year, 12, 31))


@dataclass
class Listed:
    """One page of a list, newest first, without a count: its rows and whether older follow."""

    items: list
    page: int
    older: bool


# What the ledger page shows of each entry listed (read as values, not as models), with its
# fund's commune (who may reverse it).
DONATION_SHOWN = (
    "id", "fund_id", "received_on", "donor_name", "named_publicly", "channel", "goods",
    "quantity", "unit", "amount", "reference", "receipt_number", "reverses_id",
    "fund__commune_id",
)  # fmt: skip
ALLOCATION_SHOWN = (
    "id", "fund_id", "allocated_on", "decision_number", "decision_date", "house_case_id",
    "aid_visit_id", "contribution_id", "amount", "reverses_id", "fund__commune_id",
    "house_case__code", "contribution__amount_disbursed",
)  # fmt: skip


async def by_month(funds: list[Fund], year: int) -> list[tuple[int, FundLine]]:
    """The funds' books month by month for a year, all funds together, from one read."""
    found = await entries([f.id for f in funds], date(year, 12, 31))
    result = []
    for month in range(1, 13):
        start = date(year, month, 1)
        end = date(year + (month == 12), month % 12 + 1, 1)
        period = Books(_lines(funds, found, start, end - timedelta(days=1)), start, end)
        result.append((month, period.total))
    return result


async def commune_books(
    actor: Actor, commune_id: int | None, date_from: date | None, date_to: date | None
) -> Books:
    """The books an actor may read: a commune's, or (None) the whole province's."""
    if not can(actor).read_ledger:
        raise Forbidden()
    if not can(actor).read_commune(commune_id):
        raise NotFound()
    if commune_id is not None and not await scoped(actor, Commune).filter(id=commune_id).exists():
        raise NotFound()  # another province's commune
    return await books(await funds_of(commune_id, actor), date_from, date_to)


def donations_query(
    actor: Actor,
    commune_id: int | None,
    date_from: date | None = None,
    date_to: date | None = None,
):
    """Donations received (newest first) by a commune's funds, or the province's own funds."""
    qs = scoped(actor, Donation).filter(commune_id=commune_id)
    if date_from:
        qs = qs.filter(received_on__gte=date_from)
    if date_to:
        qs = qs.filter(received_on__lte=date_to)
    return qs.order_by("-received_on", "-id")


async def allocations(
    actor: Actor, commune_id: int | None, page: int = 1, per_page: int = 200
) -> Paged[Allocation]:
    """Allocations (newest first), each with what it has spent (`spent`) and its house case's
    code (`house_code`), counted (the API's pages)."""
    found = await paginate(allocations_query(actor, commune_id), page, per_page)
    await _spent_and_codes(found.items)
    return found


def allocations_query(actor: Actor, commune_id: int | None):
    """Allocations of a commune, or (None) of every commune in scope, newest first."""
    qs = scoped(actor, Allocation)
    if commune_id is not None:
        qs = qs.filter(commune_id=commune_id)
    return qs.order_by("-allocated_on", "-id")


# The province's own funds (its fund, and the central fund to a national reader) whose
# donations are read fund by fund, each in its index's order, and merged; more (a national
# reader of every province's funds) are read by one sorted statement.
FUNDS_MERGED = 4


async def _listed_donations(
    actor: Actor, commune_id: int | None, start: int, size: int, own_funds: list[int] | None
) -> list[dict]:
    """A page of the donations listed (newest first). A commune's: by its (commune_id,
    received_on) index. The province's own (no commune): fund by fund, each by the index
    (fund_id, received_on, id) walked backward to the page's end, merged, rather than every
    donation of no commune read through the scope's condition and sorted (PostgreSQL did
    that: 17,371 rows at full bench scale for a page of 26). A donation of no commune is
    always of a fund of no commune (`service.record_donation`): `own_funds` are those funds."""
    if commune_id is not None or own_funds is None or len(own_funds) > FUNDS_MERGED:
        return await plain_rows(
            actor,
            Donation,
            ("ledger donations", commune_id, start, size),
            lambda: (
                donations_query(actor, commune_id).offset(start).limit(size).values(*DONATION_SHOWN)
            ),
        )

    def of_fund(fund_id: int) -> Callable[[], ValuesQuery[Any]]:
        return lambda: (
            donations_query(actor, None)
            .filter(fund_id=fund_id)
            .limit(start + size)
            .values(*DONATION_SHOWN)
        )

    ends = [
        await plain_rows(actor, Donation, ("ledger fund donations", f, start + size), of_fund(f))
        for f in sorted(own_funds)
    ]
    merged = heapq.merge(*ends, key=lambda row: (str(row["received_on"]), row["id"]), reverse=True)
    return list(itertools.islice(merged, start, start + size))


async def listed_entries(
    actor: Actor,
    commune_id: int | None,
    page: int,
    per_page: int,
    own_funds: list[int] | None = None,
) -> tuple[Listed, Listed]:
    """The ledger page's two lists, a page of each (the donations received by the commune's
    funds or the province's own, `own_funds`: the ids of its funds of no commune), and the
    allocations), the allocations with what each spent and their house case's code. Each
    list is read by statements built once per scope and page (`plain_rows`), its rows read as
    plain values."""
    start, size = (page - 1) * per_page, per_page + 1  # one more: an older page follows
    donations = [
        {
            **row,
            "received_on": _day(row["received_on"]),
            "named_publicly": bool(row["named_publicly"]),
            "quantity": None if row["quantity"] is None else Decimal(str(row["quantity"])),
        }
        for row in await _listed_donations(actor, commune_id, start, size, own_funds)
    ]
    allocations = [
        {
            **row,
            "allocated_on": _day(row["allocated_on"]),
            "decision_date": _day(row["decision_date"]),
        }
        for row in await plain_rows(
            actor,
            Allocation,
            ("ledger allocations", commune_id, start, size),
            lambda: (
                allocations_query(actor, commune_id)
                .offset(start)
                .limit(size)
                .values(*ALLOCATION_SHOWN)
            ),
        )
    ]
    listed_donations = Listed(donations[:per_page], page, len(donations) > per_page)
    allocated = Listed(allocations[:per_page], page, len(allocations) > per_page)
    if allocated.items:
        ids = [a["id"] for a in allocated.items]
        reversed_ = set(
            await Allocation.filter(reverses_id__in=ids).values_list("reverses_id", flat=True)
        )
        live = [a for a in allocated.items if a["reverses_id"] is None and a["id"] not in reversed_]
        disbursed = {
            a["contribution_id"]: int(a["contribution__amount_disbursed"] or 0)
            for a in live
            if a["contribution_id"]
        }
        spent = await _spent_by_allocation(Q(id__in=ids), live, disbursed)
        for row in allocated.items:
            row["spent"] = spent.get(row["id"], 0)
            row["house_code"] = row["house_case__code"] or ""
    return listed_donations, allocated


def _day(value: date | str | None) -> date | None:
    """A date as the database gives it (SQLite: ISO text)."""
    return date.fromisoformat(value) if isinstance(value, str) else value


async def _codes(case_ids: set[int | None]) -> dict[int, str]:
    wanted = {c for c in case_ids if c}
    return dict(await HouseCase.filter(id__in=wanted).values_list("id", "code")) if wanted else {}


async def _spent_and_codes(items: list[Allocation]) -> None:
    """Sets each allocation's `spent` and its house case's `house_code`."""
    if not items:
        return
    spent = await _spent_by_allocation(Q(id__in=[a.id for a in items]))
    codes = await _codes({a.house_case_id for a in items})
    for row in items:
        row.spent = spent.get(row.id, 0)
        row.house_code = codes.get(row.house_case_id or 0, "")


# --- sponsors --------------------------------------------------------------------------------


@dataclass
class SponsorHouseMoney:
    house_case_id: int
    code: str
    received: int = 0  # allocated to the house from the sponsor's donations
    pledged: int = 0  # the sponsor's contributions to the house
    spent: int = 0  # disbursed to the house


@dataclass
class SponsorReconciliation:
    sponsor: Sponsor
    pledged: int  # its pledges (houses.portal.sponsor_commitment, as on /portal)
    contributed: int  # its contributions put on houses (the same definition)
    received: int
    allocated: int
    spent: int
    houses: list[SponsorHouseMoney] = field(default_factory=list)
    untraced: int = 0  # the sponsor's contributions no donation accounts for


async def sponsor_reconciliation(actor: Actor, sponsor_id: int) -> SponsorReconciliation:
    """A sponsor's pledge → money received → spent per house."""
    sponsor = await scoped(actor, Sponsor).get_or_none(id=sponsor_id)
    if sponsor is None:
        raise NotFound()
    commitment = await sponsor_commitment(sponsor_id)
    received = await Donation.filter(sponsor_id=sponsor_id).annotate(s=Sum("amount")).values("s")
    donation_ids = Subquery(Donation.filter(sponsor_id=sponsor_id).values("id"))
    traced = await live_allocations(Q(donation_id__in=donation_ids))
    traced_contributions = {a["contribution_id"] for a in traced if a["contribution_id"]}
    houses: dict[int, SponsorHouseMoney] = {}
    rows = await Contribution.filter(sponsor_id=sponsor_id, source=FundingSource.SPONSOR).values(
        "id", "house_case_id", "amount_pledged", "amount_disbursed"
    )
    codes = dict(
        await HouseCase.filter(id__in={r["house_case_id"] for r in rows}).values_list("id", "code")
    )
    untraced = 0
    for row in rows:
        house = houses.setdefault(
            row["house_case_id"],
            SponsorHouseMoney(row["house_case_id"], codes.get(row["house_case_id"], "")),
        )
        house.pledged += row["amount_pledged"]
        house.spent += row["amount_disbursed"]
        if row["id"] in traced_contributions:
            house.received += row["amount_pledged"]
        else:
            untraced += row["amount_pledged"]
    return SponsorReconciliation(
        sponsor=sponsor,
        pledged=commitment.pledged,
        contributed=commitment.contributed,
        received=int(received[0]["s"] or 0),
        allocated=sum(a["amount"] for a in traced),
        spent=sum(h.spent for h in houses.values()),
        houses=sorted(houses.values(), key=lambda h: h.code),
        untraced=untraced,
    )


def totals_by_level(lines: list[FundLine]) -> dict[FundLevel, FundLine]:
    grouped: dict[FundLevel, FundLine] = defaultdict(lambda: FundLine(0, FundLevel.COMMUNE, None))
    for line in lines:
        target = grouped[line.level]
        target.level = line.level
        for name in (
            "received",
            "allocated",
            "spent",
            "received_to_date",
            "allocated_to_date",
            "spent_to_date",
        ):
            setattr(target, name, getattr(target, name) + getattr(line, name))
    return dict(sorted(grouped.items(), key=lambda kv: FUND_ORDER[kv[0]]))
