"""API output shapes of aid visits and the aid each household received (their writes:
records.py); the records' own values come from their catalogues."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

from relief.aid.models import AidGiven, AidVisit
from relief.aid.records import GIFT, VISIT
from relief.core.records import Record

_GIFT = GIFT.out_fields()  # household_id, cash, goods, goods_value
_GiftOut = msgspec.defstruct(
    "GiftOut",
    [
        ("id", int),
        ("visit_id", int),
        _GIFT[0],
        ("head_name", str),
        ("hamlet_id", int),
        *_GIFT[1:],
        ("version", int),
    ],
    bases=(Record,),
    module=__name__,
    kw_only=True,
)


class VisitTotals(msgspec.Struct):
    households: int
    cash: int
    goods_value: int
    total: int


_VisitOut = msgspec.defstruct(
    "VisitOut",
    [
        ("id", int),
        # commune_id among them: left out of a write by an officer, always known once saved
        *((n, int) if n == "commune_id" else (n, t) for n, t in VISIT.out_fields()),
        ("version", int),
        ("url", str),
        ("totals", VisitTotals | None, None),
        ("gifts", list[_GiftOut] | None, None),  # type: ignore[valid-type]  # made at run time
    ],
    bases=(Record,),
    module=__name__,
    kw_only=True,
)

if TYPE_CHECKING:

    class GiftOut(Record): ...

    class VisitOut(Record): ...

else:
    GiftOut, VisitOut = _GiftOut, _VisitOut


class VisitPage(msgspec.Struct):
    items: list[VisitOut]
    total: int
    page: int
    pages: int


def gift_out(g: AidGiven) -> GiftOut:
    head = g.household.head_name if hasattr(g.household, "head_name") else ""
    return GiftOut(
        id=g.id,
        visit_id=g.visit_id,
        head_name=head,
        hamlet_id=g.hamlet_id,
        **GIFT.out_values(g, contacts=True),
        version=g.version,
    )


def visit_out(
    v: AidVisit, totals: dict[str, Any] | None = None, gifts: list[GiftOut] | None = None
) -> VisitOut:
    return VisitOut(
        id=v.id,
        **VISIT.out_values(v, contacts=True),
        version=v.version,
        url=f"/visits/{v.id}",
        totals=VisitTotals(**totals) if totals is not None else None,
        gifts=gifts,
    )
