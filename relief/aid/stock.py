"""Goods as goods: each commune's stock of a kind of goods, in its unit, with its value.

A row of `goods_stock` is a kept figure: goods received into a fund (relief.ledger.goods,
on every donation in kind and its reversal) add to `received`; a household's row of an aid
visit that draws from the stock (relief.aid.service) adds to `distributed`, and its
correction or removal moves it back. Each write moves the row by its own quantity, inside
its transaction and with the row locked (PostgreSQL `SELECT … FOR UPDATE`; SQLite writes one
transaction at a time), so that two visits cannot both give the last sack; `relief
summaries check` compares every row with a recount of the entries (relief.ledger.goods).

The stock never goes below zero: a distribution beyond it is refused (409 in the API, the
error beside the quantity on a page), and goods already given out cannot be reversed.
"""

from __future__ import annotations

from decimal import Decimal

from relief.aid.models import GoodsStock
from relief.core.errors import Conflict, Invalid
from relief.core.text import fold, normalize_text

OUT_OF_STOCK = "More than the commune's stock holds: see what is left beside the goods."
NO_STOCK = "Choose goods held in the stock of the visit's commune."
ALREADY_GIVEN = (
    "These goods were already given out: the stock cannot fall below what was distributed."
)
ZERO = Decimal(0)


class OutOfStock(Invalid):
    """A distribution beyond the stock: the field's error on a page, 409 in the API."""

    status_code = 409


def key_of(name: str, unit: str) -> str:
    """A kind of goods' key: its name and unit folded ("Gạo tẻ", "Kg": "gao te|kg")."""
    return f"{fold(name)}|{fold(unit)}"[:300]


def left(row: GoodsStock) -> Decimal:
    return Decimal(row.received) - Decimal(row.distributed)


def value_of(row: GoodsStock, quantity: Decimal) -> int:
    """The value of a quantity at the stock's average value when received (whole đồng)."""
    received = Decimal(row.received)
    if received <= 0 or quantity <= 0:
        return 0
    return int((Decimal(row.received_value) * quantity / received).to_integral_value())


async def receive(
    commune_id: int | None, name: str, unit: str, quantity: Decimal, value: int
) -> GoodsStock:
    """Moves the stock by goods received (negative on a reversal): in the caller's transaction."""
    key = key_of(name, unit)
    row = await GoodsStock.filter(commune_id=commune_id, key=key).select_for_update().first()
    if row is None:
        row = await GoodsStock.create(
            commune_id=commune_id,
            key=key,
            name=normalize_text(name)[:255],
            unit=normalize_text(unit)[:20],
        )
    received = Decimal(row.received) + quantity
    if received < Decimal(row.distributed):
        raise Conflict(ALREADY_GIVEN)
    row.received = received
    row.received_value = int(row.received_value) + value
    await GoodsStock.filter(id=row.id).update(
        received=row.received, received_value=row.received_value
    )
    return row


async def held(commune_id: int, stock_id: int) -> GoodsStock | None:
    """A kind of goods in a commune's stock."""
    return await GoodsStock.get_or_none(id=stock_id, commune_id=commune_id)


async def draw(commune_id: int, stock_id: int, quantity: Decimal, value: int) -> None:
    """Gives goods out of a commune's stock (negative: gives them back), in the caller's
    transaction with the row locked; refused beyond what the stock holds."""
    row = await GoodsStock.filter(id=stock_id, commune_id=commune_id).select_for_update().first()
    if row is None:
        raise Invalid({"stock_id": NO_STOCK})
    if quantity > 0 and quantity > left(row):
        raise OutOfStock({"quantity": OUT_OF_STOCK})
    await GoodsStock.filter(id=row.id).update(
        distributed=Decimal(row.distributed) + quantity,
        distributed_value=int(row.distributed_value) + value,
    )


async def in_stock(commune_id: int) -> list[GoodsStock]:
    """The goods a commune holds now, by name (what a visit's form offers)."""
    rows = await GoodsStock.filter(commune_id=commune_id).order_by("name", "unit", "id")
    return [row for row in rows if left(row) > 0]
