"""The aid records, their fields declared once (relief.core.records): a visit, and what one
household received in it (a row of the visit, `aid_given`).

What a write of each is, how a page form or a JSON body is read into it, the audited fields
and the API's values come from these catalogues; what needs the database (the visit's
commune and disaster, the household, aid given twice) stays in the service.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from relief.core.formatting import local_today
from relief.core.records import Catalogue, Entry, Record
from relief.core.text import normalize_text
from relief.core.web import MAX_ID

NO_HOUSEHOLD = "Choose a household of the visit's commune."
NO_DISASTER = "Choose the disaster."
NO_COMMUNE = "Choose the commune."


def _id(name: str, label: str, message: str, **more: Any) -> Entry:
    messages = {"required": message, "out_of_range": message, "not_integer": message}
    return Entry(name, int, label, min=1, max=MAX_ID, messages=messages, **more)


NO_STOCK_CHOSEN = "Choose the goods from the commune's stock."
NO_QUANTITY = "Enter the quantity given."
ABOVE_ZERO = "Enter a quantity above 0."


def _gift_rules(data: Any, errors: dict[str, str]) -> None:
    """Goods with a value are described; goods from the stock have a quantity; a row gives
    something."""
    stocked = data.stock_id is not None or "stock_id" in errors
    if data.goods_value and not data.goods and not stocked and "goods" not in errors:
        errors["goods"] = "Describe the goods whose value is given."
    if data.quantity is not None and not stocked:
        errors["stock_id"] = NO_STOCK_CHOSEN
    if data.stock_id is not None and data.quantity is None and "quantity" not in errors:
        errors["quantity"] = NO_QUANTITY
    if not (data.cash or data.goods or data.goods_value or stocked) and "cash" not in errors:
        errors["cash"] = "Enter the cash given, or the goods."


def _quantity(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.001"))


GIFT: Catalogue[GiftWrite, GiftPatch] = Catalogue(
    "aid_given",
    (
        _id("household_id", "Household", NO_HOUSEHOLD, required=True, fixed=True),
        Entry("cash", int, "Cash", default=0, kind="money"),
        Entry("goods", str, "Goods", default="", max_length=255, clean=normalize_text),
        Entry("goods_value", int, "Value of the goods", default=0, kind="money"),
        # Goods as goods: drawn from the commune's stock (relief.aid.stock), in its unit; the
        # value, when not given, is the quantity at the stock's average value.
        _id("stock_id", "Goods from the stock", NO_STOCK_CHOSEN, fixed=True),
        Entry(
            "quantity",
            float,
            "Quantity",
            min=0,
            max=1_000_000_000,
            clean=lambda text: text.replace(",", "."),
            check=lambda q: ABOVE_ZERO if q <= 0 else None,
            store=_quantity,
            load=lambda q: float(q) if q is not None else None,
        ),
        # Needed when the household already had the same kind of aid for this disaster
        # (relief.aid.completeness); kept in the audit entry, not on the row.
        Entry("repeat_reason", str, "Reason", default="", stored=False, fixed=True),
    ),
    write="GiftIn",
    partial="GiftPatch",
    module=__name__,
    rules=_gift_rules,
    doc=(
        "What one household of the visit's commune received: cash, goods and their value.",
        "Corrected amounts of a household's aid read at `version`.",
    ),
)

if TYPE_CHECKING:

    class GiftWrite(Record): ...

    class GiftPatch(Record): ...

    GiftIn = GiftWrite

else:
    GiftIn = GiftWrite = GIFT.write
    GiftPatch = GIFT.partial


def _visit_rules(data: Any, errors: dict[str, str]) -> None:
    """A visit cannot be dated in the future."""
    day = data.visited_on
    if "visited_on" not in errors and day is not None and day > local_today():
        errors["visited_on"] = "This date is in the future."


VISIT: Catalogue[VisitWrite, VisitPatch] = Catalogue(
    "aid_visit",
    (
        Entry("visited_on", date, "Visited on", required=True),
        Entry("delegation", str, "Delegation", required=True, max_length=255, clean=normalize_text),
        Entry("leader", str, "Leader", default="", max_length=150, clean=normalize_text),
        Entry("notes", str, "Notes", default="", max_length=4000),
        _id("disaster_id", "Disaster", NO_DISASTER),
        # An administrator's only: a commune officer's visits are of the own commune.
        _id("commune_id", "Commune", NO_COMMUNE, fixed=True, audited=False),
        Entry(
            "gifts", list[GiftIn], "Households", default=[], stored=False, fixed=True, items=GIFT
        ),
    ),
    write="VisitIn",
    partial="VisitPatch",
    module=__name__,
    rules=_visit_rules,
    doc=(
        "An aid visit; `commune_id` is needed from an administrator only; `gifts` may list its "
        "households at once.",
        "The fields to change of a visit read at `version`; fields left out keep theirs.",
    ),
)

if TYPE_CHECKING:

    class VisitWrite(Record): ...

    class VisitPatch(Record): ...

    VisitIn = VisitWrite

else:
    VisitIn = VisitWrite = VISIT.write
    VisitPatch = VISIT.partial
