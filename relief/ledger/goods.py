"""Goods as goods in the books: the stock each commune holds, moved by the donations in kind.

A donation in goods with its quantity and unit (4 tấn xi măng, 200 thùng nước) adds to the
stock of the commune whose fund received it (relief.aid.stock: the province's and central
funds hold theirs under no commune; a gift straight to a house is that house's, not stock);
its reversal takes it back out, refused when the goods were already given out. Aid visits
give it out to households (relief.aid.service). The refresher here runs inside the
donation's transaction (relief.core.summaries), so the stock commits with the entry.

`check` and `rebuild` compare and rewrite the kept stock against a recount of the entries,
as `relief summaries check` and `rebuild` do for the other kept figures.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tortoise.expressions import Q
from tortoise.functions import Count

from relief.aid import stock
from relief.aid.models import AidGiven, GoodsStock
from relief.core.summaries import Change
from relief.ledger.models import Channel, Donation, FundLevel

ZERO = Decimal(0)


def _in_kind() -> Q:
    """Donations that are stock: goods with a quantity, received by a fund that is no house's."""
    return Q(channel=Channel.GOODS, quantity__not_isnull=True) & ~Q(fund__level=FundLevel.HOUSE)


async def refresh(change: Change) -> None:
    """The refresher of relief.core.summaries: a donation in kind, or its reversal, moves the
    stock of the commune that received it."""
    if change.entity != "donation" or change.action not in ("create", "reverse"):
        return
    entity_id = int(change.entity_id or 0)
    if change.action == "create":
        found = await Donation.filter(_in_kind(), id=entity_id, reverses_id=None).first()
    else:  # the reversal written for the donation named
        found = await Donation.filter(_in_kind(), reverses_id=entity_id).order_by("-id").first()
    if found is None or found.quantity is None or not found.goods:
        return
    sign = -1 if found.reverses_id else 1
    await stock.receive(
        found.commune_id,
        found.goods,
        found.unit,
        sign * Decimal(found.quantity),
        int(found.amount),
    )


# --- the kept stock against a recount ----------------------------------------------------------


@dataclass
class Counted:
    name: str
    unit: str
    received: Decimal = ZERO
    received_value: int = 0
    distributed: Decimal = ZERO
    distributed_value: int = 0


async def recount() -> dict[tuple[int | None, str], Counted]:
    """Every commune's stock counted from the entries: donations in kind, and the aid given."""
    out: dict[tuple[int | None, str], Counted] = {}
    rows = await Donation.filter(_in_kind()).values(
        "commune_id", "goods", "unit", "quantity", "amount", "reverses_id"
    )
    for r in rows:
        key = (r["commune_id"], stock.key_of(r["goods"], r["unit"]))
        line = out.setdefault(key, Counted(r["goods"], r["unit"]))
        sign = -1 if r["reverses_id"] else 1
        line.received += sign * Decimal(r["quantity"])
        line.received_value += int(r["amount"])
    held = {row.id: row for row in await GoodsStock.all()}
    given = await AidGiven.filter(stock_id__not_isnull=True).values(
        "stock_id", "quantity", "goods_value"
    )
    for g in given:
        row = held[g["stock_id"]]
        line = out.setdefault((row.commune_id, row.key), Counted(row.name, row.unit))
        line.distributed += Decimal(g["quantity"] or 0)
        line.distributed_value += int(g["goods_value"] or 0)
    return out


async def check() -> list[str]:
    """What differs between the kept stock and its recount (empty: they agree)."""
    counted = await recount()
    problems = []
    kept = {(row.commune_id, row.key): row for row in await GoodsStock.all()}
    for key in sorted(set(counted) | set(kept), key=lambda k: (k[0] or 0, k[1])):
        c, k = counted.get(key), kept.get(key)
        mine = (
            (c.received, c.received_value, c.distributed, c.distributed_value)
            if c
            else (ZERO, 0, ZERO, 0)
        )
        theirs = (
            (
                Decimal(k.received),
                int(k.received_value),
                Decimal(k.distributed),
                int(k.distributed_value),
            )
            if k
            else (ZERO, 0, ZERO, 0)
        )
        if mine != theirs:
            problems.append(f"goods stock {key}: kept {theirs}, counted {mine}")
    return problems


async def rebuild() -> int:
    """Rewrites the kept stock from the recount; the rows aid refers to are kept."""
    counted = await recount()
    kept = {(row.commune_id, row.key): row for row in await GoodsStock.all()}
    for key, c in counted.items():
        values: dict[str, Any] = {
            "received": c.received,
            "received_value": c.received_value,
            "distributed": c.distributed,
            "distributed_value": c.distributed_value,
        }
        if key in kept:
            await GoodsStock.filter(id=kept[key].id).update(**values)
        else:
            await GoodsStock.create(
                commune_id=key[0], key=key[1], name=c.name, unit=c.unit, **values
            )
    for key, row in kept.items():
        if key not in counted:
            await GoodsStock.filter(id=row.id).update(
                received=0, received_value=0, distributed=0, distributed_value=0
            )
    return len(counted)


# --- what the pages show -----------------------------------------------------------------------


@dataclass
class StockLine:
    """One kind of goods of one commune (or the province's funds): in, out, left, households."""

    id: int
    commune_id: int | None
    commune: str
    commune_code: str
    name: str
    unit: str
    received: Decimal
    distributed: Decimal
    received_value: int
    distributed_value: int
    households: int  # households that received some: a count, never who

    @property
    def left(self) -> Decimal:
        return self.received - self.distributed

    @property
    def left_value(self) -> int:
        return self.received_value - self.distributed_value


async def households_by_stock(stock_ids: list[int]) -> dict[int, int]:
    """How many households received goods of each stock row (counts only)."""
    if not stock_ids:
        return {}
    rows = (
        await AidGiven.filter(stock_id__in=stock_ids)
        .group_by("stock_id")
        .annotate(n=Count("household_id", distinct=True))
        .values("stock_id", "n")
    )
    return {r["stock_id"]: int(r["n"]) for r in rows}


async def lines(qs) -> list[StockLine]:
    """The stock rows of a query (scoped by the caller, or public), with names and counts."""
    from relief.places.models import Commune

    rows = list(await qs.order_by("commune_id", "name", "unit", "id"))
    communes = {
        c.id: c for c in await Commune.filter(id__in={r.commune_id for r in rows if r.commune_id})
    }
    counts = await households_by_stock([r.id for r in rows])
    out = []
    for r in rows:
        commune = communes.get(r.commune_id or 0)
        out.append(
            StockLine(
                id=r.id,
                commune_id=r.commune_id,
                commune=commune.name if commune else "",
                commune_code=commune.code if commune else "",
                name=r.name,
                unit=r.unit,
                received=Decimal(r.received),
                distributed=Decimal(r.distributed),
                received_value=int(r.received_value),
                distributed_value=int(r.distributed_value),
                households=counts.get(r.id, 0),
            )
        )
    out.sort(key=lambda x: (x.commune_id is not None, x.commune, x.name, x.unit))
    return out


async def public_lines(commune_id: int | None) -> list[StockLine]:
    """The goods a public page shows: a commune's, or (province) every commune's and the
    province funds'. Quantities, units, values and households counted; no one named."""
    qs = GoodsStock.all() if commune_id is None else GoodsStock.filter(commune_id=commune_id)
    return [line for line in await lines(qs) if line.received or line.distributed]


async def campaign_stock(campaign_id: int) -> list[dict]:
    """A campaign's goods as its final report keeps them: per commune and kind, what the
    campaign brought in, and what the stock has given out to date to how many households
    (a stock holds every campaign's goods of a kind: its out is not the campaign's alone)."""
    brought: dict[tuple[int | None, str], Decimal] = defaultdict(lambda: ZERO)
    rows = await Donation.filter(_in_kind(), campaign_id=campaign_id).values(
        "commune_id", "goods", "unit", "quantity", "reverses_id"
    )
    for r in rows:
        sign = -1 if r["reverses_id"] else 1
        brought[(r["commune_id"], stock.key_of(r["goods"], r["unit"]))] += sign * Decimal(
            r["quantity"]
        )
    held = await lines(
        GoodsStock.filter(
            Q(*[Q(commune_id=c, key=k) for c, k in brought], join_type="OR")
            if brought
            else Q(pk__in=[])
        )
    )
    return [
        {
            "commune": line.commune,
            "goods": line.name,
            "unit": line.unit,
            "received": str(brought[(line.commune_id, stock.key_of(line.name, line.unit))]),
            "distributed": str(line.distributed),
            "left": str(line.left),
            "households": line.households,
        }
        for line in held
    ]
