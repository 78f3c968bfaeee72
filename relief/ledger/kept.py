"""Keeping the public books: the ledger's figures per fund, commune and month, recounted inside
each write's transaction, so that the public pages read a few kept rows instead of the entries.

A cell is (fund, commune, year, month): what the fund received in the month (the commune is the
donation's: None for money received by the central or province fund), what it allocated in the
month in that commune (live allocations, as in relief.ledger.books) and what those allocations
have spent to date. A write recounts the cells it can have changed, with the same functions the
ledger's own books use: a donation its month; an allocation (made or reversed) its month and
those of the other allocations of its visit (a visit's gifts are spent from its allocations in
order); a contribution disbursed, or a visit's gifts changed, the cells of the allocations that
pay them. Recounting, not adding deltas, keeps one definition of each figure.

Concurrency (PostgreSQL): a cell of a commune changes only under that commune's lock (the one
the kept summary figures take), and a cell of money received by a province-level fund only
under that fund's lock (every donation takes it); a second writer waits for the first to
commit, then recounts with its rows. Every ledger write takes its fund before the commune.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from tortoise.expressions import Q
from tortoise.functions import Count, Sum

from relief.core import appended, counts
from relief.core.summaries import Change
from relief.core.text import fold
from relief.houses.models import HouseCase
from relief.ledger import statement_totals
from relief.ledger.models import (
    Allocation,
    Donation,
    DonorTotal,
    Fund,
    FundLevel,
    HouseTally,
    LedgerFigure,
    LedgerLevelChange,
    ProvinceDonor,
)
from relief.places.models import Commune, Hamlet

Cell = tuple[int, int | None, int, int]  # fund, commune (None: a province-level receipt), y, m

# The province's books by fund level and year (province 0: the central fund's own receipts),
# the cells' sums appended by each write that moves them (relief.core.appended).
LEVELS = appended.Appended(
    LedgerLevelChange, ("province_key", "level", "year"), ("received", "allocated", "spent")
)
FIGURE = ("received", "allocated", "spent")

# The audited entities whose writes can change a cell.
WATCHED = frozenset({"donation", "allocation", "contribution", "aid_visit", "aid_given"})
# Those that can move a house case to another stage or commune.
HOUSE_WRITES = frozenset({"house_case", "handover", "import_batch", "household"})


def _day(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _int(value) -> int | None:
    if isinstance(value, int):
        return value
    return int(value) if isinstance(value, str) and value.isdigit() else None


async def _allocation_cells(condition: Q) -> set[Cell]:
    rows = await Allocation.filter(condition).values("fund_id", "commune_id", "allocated_on")
    return {
        (r["fund_id"], r["commune_id"], r["allocated_on"].year, r["allocated_on"].month)
        for r in rows
    }


async def cells_of(change: Change) -> set[Cell]:
    """The cells a write can have changed."""
    from relief.aid.models import AidGiven

    rid = _int(change.entity_id)
    if change.entity == "donation":
        commune = next(iter(sorted(change.commune_ids)), None)
        cells = set()
        for side in (change.before, change.after):
            fund, day = _int(side.get("fund_id")), _day(side.get("received_on"))
            if fund and day:
                cells.add((fund, commune, day.year, day.month))
        return cells
    visits: set[int] = set()
    if change.entity == "allocation":
        visits = set(
            await Allocation.filter(id=rid, aid_visit_id__not_isnull=True).values_list(  # type: ignore[arg-type]  # flat=True: values, not tuples
                "aid_visit_id", flat=True
            )
        )
        condition = Q(id=rid)
    elif change.entity == "contribution":
        condition = Q(contribution_id=rid)
    elif change.entity == "aid_visit":
        visits = {rid or 0}
        condition = Q(pk__in=[])
    else:  # a gift of a visit: the visit named on either side, or the gift's own
        visits = change.named("visit_id") | set(
            await AidGiven.filter(id=rid).values_list("visit_id", flat=True)  # type: ignore[arg-type]  # flat=True: values, not tuples
        )
        condition = Q(pk__in=[])
    if visits:
        condition |= Q(aid_visit_id__in=sorted(visits))
    return await _allocation_cells(condition)


def _month_range(year: int, month: int) -> tuple[date, date]:
    start = date(year, month, 1)
    end = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return start, end


async def count(
    where: Q, received: Q | None = None, allocated: Q | None = None
) -> dict[Cell, tuple[int, int, int]]:
    """Received, allocated and spent of every cell of the entries matching `where` (on fund
    and commune) and their own date conditions, counted as the ledger's books count them."""
    from relief.ledger.service import _spent_by_allocation, live_allocations

    out: dict[Cell, list[int]] = defaultdict(lambda: [0, 0, 0])
    for fund, commune, day, total in (
        await Donation.filter(where, received or Q())
        .group_by("fund_id", "commune_id", "received_on")
        .annotate(s=Sum("amount"))
        .values_list("fund_id", "commune_id", "received_on", "s")
    ):
        out[(fund, commune, day.year, day.month)][0] += int(total or 0)
    rows = await live_allocations(where & (allocated or Q()))
    spent = await _spent_by_allocation(where & (allocated or Q())) if rows else {}
    for row in rows:
        day = row["allocated_on"]
        cell = out[(row["fund_id"], row["commune_id"], day.year, day.month)]
        cell[1] += row["amount"]
        cell[2] += spent.get(row["id"], 0)
    return {cell: (r, a, s) for cell, (r, a, s) in out.items()}


async def recount(cell: Cell) -> tuple[int, int, int]:
    """One cell's received, allocated and spent, from the entries."""
    fund, commune, year, month = cell
    start, end = _month_range(year, month)
    place = Q(commune_id__isnull=True) if commune is None else Q(commune_id=commune)
    found = await count(
        place & Q(fund_id=fund),
        Q(received_on__gte=start, received_on__lte=end),
        Q(allocated_on__gte=start, allocated_on__lte=end),
    )
    return found.get(cell, (0, 0, 0))


async def _write(cells: dict[Cell, tuple[int, int, int]], replace: bool = True) -> None:
    """Writes these cells' rows; replacing (a write's recount), their change of the province's
    books by level appended too (a rebuild rewrites those itself)."""
    levels = dict(await Fund.filter(id__in={c[0] for c in cells}).values_list("id", "level"))
    rows = []
    moved: dict[Cell, dict[str, int]] = {}
    for cell, figures in sorted(
        cells.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0, kv[0][2], kv[0][3])
    ):
        fund, commune, year, month = cell
        if replace:
            place = Q(commune_id__isnull=True) if commune is None else Q(commune_id=commune)
            old = LedgerFigure.filter(place, fund_id=fund, year=year, month=month)
            was = await old.values_list(*FIGURE)
            await old.delete()
            moved[cell] = {
                name: now - sum(row[i] for row in was)
                for i, (name, now) in enumerate(zip(FIGURE, figures, strict=True))
            }
        if any(figures):
            rows.append(
                LedgerFigure(
                    fund_id=fund,
                    level=levels[fund],
                    commune_id=commune,
                    year=year,
                    month=month,
                    **dict(zip(FIGURE, figures, strict=True)),
                )
            )
    if rows:
        await LedgerFigure.bulk_create(rows, batch_size=500)
    if moved:
        await LEVELS.move(await by_level(moved))


async def by_level(cells: dict[Cell, dict[str, int]]) -> dict[appended.Key, dict[str, int]]:
    """Cells' figures summed per province, fund level and year: a cell's province is its
    commune's; of no commune, its fund's (0: the central fund)."""
    funds = {
        fund: (province or 0, str(level))
        for fund, province, level in await Fund.filter(id__in={c[0] for c in cells}).values_list(
            "id", "province_id", "level"
        )
    }
    communes = dict(
        await Commune.filter(id__in={c[1] for c in cells if c[1] is not None}).values_list(
            "id", "province_id"
        )
    )
    out: dict[appended.Key, dict[str, int]] = {}
    for (fund, commune, year, _month), figures in cells.items():
        province, level = funds[fund]
        key = (communes[commune] if commune is not None else province, level, year)
        target = out.setdefault(key, dict.fromkeys(FIGURE, 0))
        for name in FIGURE:
            target[name] += figures.get(name, 0)
    return {key: sums for key, sums in out.items() if any(sums.values())}


async def rewrite(cells: set[Cell]) -> None:
    """Recounts these cells and replaces their kept rows (in the caller's transaction)."""
    await _write({cell: await recount(cell) for cell in cells})


async def refresh(change: Change) -> None:
    """The refresher of relief.core.summaries: recounts the cells a write touched, a named
    donor's total in its fund, and the house cases by stage of the communes touched."""
    from relief.reports.kept import lock_communes

    if change.entity in HOUSE_WRITES:
        await _houses_changed(change)
        return
    if change.entity not in WATCHED:
        return
    if await _allocation_made(change):
        return
    cells = await cells_of(change)
    if change.entity == "donation":
        for side in (change.before, change.after):
            if side.get("named_publicly") and side.get("fund_id"):
                await recount_donor(int(side["fund_id"]), fold(side.get("donor_name") or ""))
        if change.after.get("named_publicly"):  # a donation and a reversal are each written once
            await add_to_province_donor(
                change.after.get("donor_name") or "", int(change.after.get("amount") or 0)
            )
    if not cells:
        return
    await lock_communes({c[1] for c in cells if c[1] is not None})
    await rewrite(cells)


async def _allocation_made(change: Change) -> bool:
    """An allocation made (not a reversal): its month's cell moved by its own amount and the
    spending it changed, instead of recounted (a month's cell grows with its entries). The
    spending is counted under the commune's lock, as the books count it, with the allocation
    and without it: a visit's gifts are spent from its allocations in order, so a new one can
    take spending from a later one that another writer made meanwhile. False: recounted."""
    from relief.aid.models import AidGiven
    from relief.ledger.service import _spent_by_allocation, live_allocations, spend_in_order
    from relief.reports.kept import lock_communes

    rid, after = _int(change.entity_id), change.after
    if change.entity != "allocation" or change.action != "create" or rid is None:
        return False
    fund, day, amount = (
        _int(after.get("fund_id")),
        _day(after.get("allocated_on")),
        after.get("amount"),
    )
    if after.get("reverses_id") is not None or len(change.commune_ids) != 1:
        return False
    if fund is None or day is None or not isinstance(amount, int):
        return False
    commune = next(iter(change.commune_ids))
    await lock_communes({commune})
    moved: dict[Cell, dict[str, int]] = defaultdict(lambda: {"allocated": 0, "spent": 0})
    moved[(fund, commune, day.year, day.month)]["allocated"] += amount
    visit = _int(after.get("aid_visit_id"))
    if visit is None:  # a house's: it spends what its contribution disbursed
        spent = (await _spent_by_allocation(Q(id=rid))).get(rid, 0)
        moved[(fund, commune, day.year, day.month)]["spent"] += spent
    else:
        rows = await live_allocations(Q(aid_visit_id=visit))
        sums = (
            await AidGiven.filter(visit_id=visit)
            .annotate(c=Sum("cash"), g=Sum("goods_value"))
            .values("c", "g")
        )
        given = {visit: int(sums[0]["c"] or 0) + int(sums[0]["g"] or 0)} if sums else {}
        now = spend_in_order(rows, given)
        was = spend_in_order([r for r in rows if r["id"] != rid], given)
        for row in rows:
            if d := now.get(row["id"], 0) - was.get(row["id"], 0):
                on = row["allocated_on"]
                moved[(row["fund_id"], row["commune_id"], on.year, on.month)]["spent"] += d
    levels = dict(await Fund.filter(id__in={c[0] for c in moved}).values_list("id", "level"))
    for (f, c, year, month), amounts in sorted(moved.items()):
        key = {"fund_id": f, "commune_id": c, "year": year, "month": month}
        level = str(getattr(levels[f], "value", levels[f]))
        await counts.add(
            LedgerFigure,
            key,
            amounts,
            also={"level": level, "received": 0},
            counted=FIGURE,
        )
    await LEVELS.move(await by_level(dict(moved)))
    return True


async def recount_donor(fund_id: int, key: str) -> None:
    """A named donor's kept total in one fund (the fund is locked by the donation's write)."""
    await DonorTotal.filter(fund_id=fund_id, donor_key=key).delete()
    await _insert_donors(Q(fund_id=fund_id, donor_key=key))


async def add_to_province_donor(name: str, amount: int) -> None:
    """Adds a named donation (negative: its reversal) to the donor's province-wide total.

    Added, not recounted: every fund's donations reach this row, and an atomic upsert keeps
    two writers of two funds from losing one another's amount (each waits on the row)."""
    key = fold(name)
    connection = ProvinceDonor._meta.db
    table = ProvinceDonor._meta.db_table
    marks = ("$1", "$2", "$3") if connection.capabilities.dialect == "postgres" else ("?",) * 3
    await connection.execute_query(
        f'INSERT INTO "{table}" (donor_key, donor_name, total) VALUES ({", ".join(marks)}) '
        f'ON CONFLICT (donor_key) DO UPDATE SET total = "{table}".total + excluded.total',
        [key, name[:200], amount],
    )


async def _province_donors() -> dict[str, tuple[str, int]]:
    """Each named donor's total over every fund, counted from the donations."""
    totals = (
        await Donation.filter(named_publicly=True)
        .group_by("donor_key")
        .annotate(total=Sum("amount"))
        .values_list("donor_key", "total")
    )
    names = dict(
        await Donation.filter(named_publicly=True).distinct().values_list("donor_key", "donor_name")
    )
    return {key: (names.get(key, ""), int(total or 0)) for key, total in totals}


async def _insert_donors(where: Q) -> None:
    rows = (
        await Donation.filter(where, named_publicly=True)
        .group_by("fund_id", "commune_id", "donor_key")
        .annotate(total=Sum("amount"))
        .values("fund_id", "commune_id", "donor_key", "total")
    )
    names = dict(
        await Donation.filter(where, named_publicly=True)
        .distinct()
        .values_list("donor_key", "donor_name")
    )
    await DonorTotal.bulk_create(
        [
            DonorTotal(
                fund_id=r["fund_id"],
                commune_id=r["commune_id"],
                donor_key=r["donor_key"],
                donor_name=names.get(r["donor_key"], ""),
                total=int(r["total"] or 0),
            )
            for r in rows
            if r["total"]
        ],
        batch_size=500,
    )


async def _houses_changed(change: Change) -> None:
    """A write that can move a house case to another stage or commune: the kept house counts
    of its commune moved by a stage move, recounted for anything else."""
    from relief.reports.kept import lock_communes

    communes = set(change.commune_ids)
    if change.entity == "household":
        # Only a household moved to another commune takes its house cases along. Its audit
        # entry names the hamlets it left and went to (its commune follows the hamlet and
        # is not audited): the commune of each.
        hamlets = change.named("hamlet_id")
        if len(hamlets) < 2 and len(change.named("commune_id")) < 2:
            return
        communes |= set(
            await Hamlet.filter(id__in=sorted(hamlets)).values_list("commune_id", flat=True)  # type: ignore[arg-type]  # flat=True: values, not tuples
        )
        if len(communes) < 2:
            return  # another hamlet of the same commune
    if change.entity == "import_batch" and not change.after.get("moved"):
        return  # an import's households stay in its commune unless a chunk moved one
    moved = _stage_moved(change)
    if moved is not None:
        await lock_communes({moved[0]})
        await move_houses(*moved)
        return
    if change.entity == "house_case" and _int(change.entity_id):
        communes |= set(
            await HouseCase.filter(id=_int(change.entity_id)).values_list(  # type: ignore[arg-type]  # flat=True: values, not tuples
                "commune_id", flat=True
            )
        )
    if communes:
        await lock_communes(communes)
        await count_houses(communes)


def _stage_moved(change: Change) -> tuple[int, dict[str, int]] | None:
    """A case's stage move in its commune: the case leaves one stage's count for another's
    (None: any other write, recounted)."""
    before, after = change.before.get("stage"), change.after.get("stage")
    if change.entity != "house_case" or change.action != "stage" or not (before and after):
        return None
    if "commune_id" in change.before or "commune_id" in change.after:
        return None
    if len(change.commune_ids) != 1:
        return None
    return next(iter(change.commune_ids)), {str(after): 1, str(before): -1}


async def move_houses(commune_id: int, moved: dict[str, int]) -> None:
    """Moves the kept number of house cases per stage of one commune by a write's change (in
    its transaction, under the commune's lock): each count in place, a row at 0 deleted, as
    `count_houses` would write them."""
    for stage, d in sorted(moved.items()):
        await counts.add(HouseTally, {"commune_id": commune_id, "stage": stage}, {"cases": d})


async def count_houses(communes: set[int] | None) -> None:
    """Rewrites the kept number of house cases per stage of these communes (None: all)."""
    old = HouseTally.all() if communes is None else HouseTally.filter(commune_id__in=communes)
    await old.delete()
    cases = HouseCase.all() if communes is None else HouseCase.filter(commune_id__in=communes)
    rows = (
        await cases.group_by("commune_id", "stage")
        .annotate(n=Count("id"))
        .values_list("commune_id", "stage", "n")
    )
    await HouseTally.bulk_create(
        [HouseTally(commune_id=c, stage=str(getattr(s, "value", s)), cases=n) for c, s, n in rows],
        batch_size=500,
    )


async def recount_all() -> dict[Cell, tuple[int, int, int]]:
    """Every cell, counted commune by commune (each count reads one commune's entries)."""
    communes = set(await Donation.all().distinct().values_list("commune_id", flat=True))
    communes |= set(await Allocation.all().distinct().values_list("commune_id", flat=True))
    out: dict[Cell, tuple[int, int, int]] = {}
    for commune in sorted(communes, key=lambda c: c or 0):
        out.update(
            await count(Q(commune_id__isnull=True) if commune is None else Q(commune_id=commune))
        )
    return {cell: figures for cell, figures in out.items() if any(figures)}


async def differences() -> list[str]:
    """Every kept cell that differs from a recount of the entries, as readable lines."""
    kept = {
        (r["fund_id"], r["commune_id"], r["year"], r["month"]): (
            r["received"],
            r["allocated"],
            r["spent"],
        )
        for r in await LedgerFigure.all().values(
            "fund_id", "commune_id", "year", "month", "received", "allocated", "spent"
        )
    }
    truth = await recount_all()
    lines = await _other_differences() + await statement_totals.differences()
    lines += LEVELS.differences(
        "ledger books by level (province, level, year)",
        await LEVELS.sums(),
        await by_level({cell: dict(zip(FIGURE, f, strict=True)) for cell, f in truth.items()}),
    )
    for cell in sorted(set(kept) | set(truth), key=lambda c: (c[0], c[1] or 0, c[2], c[3])):
        mine, right = kept.get(cell, (0, 0, 0)), truth.get(cell, (0, 0, 0))
        if mine != right:
            lines.append(
                f"ledger fund {cell[0]} commune {cell[1] or '-'} {cell[3]:02d}/{cell[2]}: "
                f"kept {mine}, recount {right}"
            )
    return lines


async def rebuild() -> int:
    """Rewrites every kept cell from the entries; returns how many rows it kept."""
    from tortoise.transactions import in_transaction

    async with in_transaction():
        await LedgerFigure.all().delete()
        cells = await recount_all()
        await _write(cells, replace=False)
        await LEVELS.rewrite(
            await by_level({cell: dict(zip(FIGURE, f, strict=True)) for cell, f in cells.items()})
        )
        await DonorTotal.all().delete()
        await _insert_donors(Q())
        await ProvinceDonor.all().delete()
        await ProvinceDonor.bulk_create(
            [
                ProvinceDonor(donor_key=key, donor_name=name[:200], total=total)
                for key, (name, total) in (await _province_donors()).items()
            ],
            batch_size=500,
        )
        await count_houses(None)
        await _write_fund_totals()
        await statement_totals.rebuild()
    return await LedgerFigure.all().count()


async def _fund_totals() -> dict[int, tuple[int, int]]:
    """Each fund's received and allocated to date, every entry and reversal counted."""
    out: dict[int, list[int]] = {row["id"]: [0, 0] for row in await Fund.all().values("id")}
    for side, model in enumerate((Donation, Allocation)):
        for row in (
            await model.all().group_by("fund_id").annotate(s=Sum("amount")).values("fund_id", "s")
        ):
            out[row["fund_id"]][side] = int(row["s"] or 0)
    return {fund_id: (r, a) for fund_id, (r, a) in out.items()}


async def _write_fund_totals() -> None:
    """Rewrites each fund's kept totals (relief.ledger.service._move keeps them) from a count."""
    for fund_id, (received, allocated) in (await _fund_totals()).items():
        await Fund.filter(id=fund_id).update(received_total=received, allocated_total=allocated)


async def _other_differences() -> list[str]:
    """The kept donors' totals and house counts that differ from a recount."""
    kept_donors = set(await DonorTotal.all().values_list("fund_id", "donor_key", "total"))
    donors = {
        (fund, key, int(total))
        for fund, key, total in await Donation.filter(named_publicly=True)
        .group_by("fund_id", "donor_key")
        .annotate(total=Sum("amount"))
        .values_list("fund_id", "donor_key", "total")
        if total
    }
    kept_houses = set(await HouseTally.all().values_list("commune_id", "stage", "cases"))
    houses = {
        (c, str(getattr(stage, "value", stage)), n)
        for c, stage, n in await HouseCase.all()
        .group_by("commune_id", "stage")
        .annotate(n=Count("id"))
        .values_list("commune_id", "stage", "n")
    }
    kept_province = {
        (key, total)
        for key, total in await ProvinceDonor.all().values_list("donor_key", "total")
        if total
    }
    province = {(key, total) for key, (_, total) in (await _province_donors()).items() if total}
    lines = [f"ledger donor total kept {row}, not in a recount" for row in kept_donors - donors]
    lines += [f"province donor kept {row}, not in a recount" for row in kept_province - province]
    lines += [f"province donor {row} missing from the kept" for row in province - kept_province]
    lines += [f"ledger donor total {row} missing from the kept" for row in donors - kept_donors]
    lines += [f"public house count kept {row}, not in a recount" for row in kept_houses - houses]
    lines += [f"public house count {row} missing from the kept" for row in houses - kept_houses]
    kept_funds = {
        fund_id: (received, allocated)
        for fund_id, received, allocated in await Fund.all().values_list(
            "id", "received_total", "allocated_total"
        )
    }
    for fund_id, right in (await _fund_totals()).items():
        if kept_funds.get(fund_id) != right:
            lines.append(
                f"ledger fund {fund_id} received and allocated to date: "
                f"kept {kept_funds.get(fund_id)}, recount {right}"
            )
    return sorted(lines)


async def rebuild_if_missing() -> bool:
    """Fills the kept books of a database that has entries (or houses) but none kept yet."""
    books_missing = not await LedgerFigure.exists() and await Donation.exists()
    houses_missing = not await HouseTally.exists() and await HouseCase.exists()
    donors_missing = (
        not await ProvinceDonor.exists() and await Donation.filter(named_publicly=True).exists()
    )
    if not (books_missing or houses_missing or donors_missing):
        return False
    await rebuild()
    return True


# --- reading -----------------------------------------------------------------------------------


@dataclass
class Sums:
    received: int = 0
    allocated: int = 0
    spent: int = 0


def _grouped(qs, *keys: str):
    return (
        qs.group_by(*keys)
        .annotate(r=Sum("received"), a=Sum("allocated"), s=Sum("spent"))
        .values(*keys, "r", "a", "s")
    )


async def by_level_and_month(commune_id: int | None, year: int) -> list[dict]:
    """Kept sums up to the end of a year, per fund level, year and month: a commune's own
    funds (its fund and its direct gifts), or (None) every fund."""
    qs = LedgerFigure.filter(year__lte=year)
    if commune_id is not None:
        qs = qs.filter(commune_id=commune_id, level__in=[FundLevel.COMMUNE, FundLevel.HOUSE])
    return list(await _grouped(qs, "level", "year", "month"))


async def by_commune(year: int) -> dict[int, dict[str, Sums]]:
    """Each commune's own funds, kept sums: {"year": the year's, "to_date": up to its end}."""
    qs = LedgerFigure.filter(
        year__lte=year, level__in=[FundLevel.COMMUNE, FundLevel.HOUSE], commune_id__not_isnull=True
    )
    out: dict[int, dict[str, Sums]] = defaultdict(lambda: {"year": Sums(), "to_date": Sums()})
    for row in await _grouped(qs, "commune_id", "year"):
        targets = [out[row["commune_id"]]["to_date"]]
        if row["year"] == year:
            targets.append(out[row["commune_id"]]["year"])
        for target in targets:
            target.received += int(row["r"] or 0)
            target.allocated += int(row["a"] or 0)
            target.spent += int(row["s"] or 0)
    return dict(out)


async def latest_year(
    commune_id: int | None, since: int | None = None, upto: int | None = None
) -> int | None:
    """The latest year with money in kept figures (between `since` and `upto` when given): a
    commune's own funds, or (None) every fund."""
    qs = LedgerFigure.filter(Q(received__not=0) | Q(allocated__not=0) | Q(spent__not=0))
    if since is not None:
        qs = qs.filter(year__gte=since)
    if upto is not None:
        qs = qs.filter(year__lte=upto)
    if commune_id is not None:
        qs = qs.filter(commune_id=commune_id, level__in=[FundLevel.COMMUNE, FundLevel.HOUSE])
    found = await qs.order_by("-year").first()
    return found.year if found is not None else None
