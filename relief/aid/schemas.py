"""API input and output shapes of aid visits and the aid each household received."""

from __future__ import annotations

from datetime import date

import msgspec
from msgspec import UNSET, UnsetType


class GiftIn(msgspec.Struct):
    """What one household of the visit's commune received: cash, goods and their value."""

    household_id: int
    cash: int = 0
    goods: str = ""
    goods_value: int = 0
    # Needed when the household already had the same kind of aid for this disaster.
    repeat_reason: str = ""


class VisitIn(msgspec.Struct):
    """An aid visit; `commune_id` is needed from an administrator only; `gifts` may list its
    households at once."""

    visited_on: date
    delegation: str
    leader: str = ""
    notes: str = ""
    disaster_id: int | None = None
    commune_id: int | None = None
    gifts: list[GiftIn] = []


class VisitPatch(msgspec.Struct):
    """The fields to change of a visit read at `version`; fields left out keep theirs."""

    version: int
    visited_on: date | UnsetType = UNSET
    delegation: str | UnsetType = UNSET
    leader: str | UnsetType = UNSET
    notes: str | UnsetType = UNSET
    disaster_id: int | UnsetType | None = UNSET


class GiftPatch(msgspec.Struct):
    """Corrected amounts of a household's aid read at `version`."""

    version: int
    cash: int | UnsetType = UNSET
    goods: str | UnsetType = UNSET
    goods_value: int | UnsetType = UNSET


class GiftOut(msgspec.Struct):
    id: int
    visit_id: int
    household_id: int
    head_name: str
    hamlet_id: int
    cash: int
    goods: str
    goods_value: int
    version: int


class VisitTotals(msgspec.Struct):
    households: int
    cash: int
    goods_value: int
    total: int


class VisitOut(msgspec.Struct):
    id: int
    commune_id: int
    disaster_id: int | None
    visited_on: str
    delegation: str
    leader: str
    notes: str
    version: int
    url: str
    totals: VisitTotals | None = None
    gifts: list[GiftOut] | None = None


class VisitPage(msgspec.Struct):
    items: list[VisitOut]
    total: int
    page: int
    pages: int


def gift_out(g) -> GiftOut:
    head = g.household.head_name if hasattr(g.household, "head_name") else ""
    return GiftOut(
        id=g.id,
        visit_id=g.visit_id,
        household_id=g.household_id,
        head_name=head,
        hamlet_id=g.hamlet_id,
        cash=g.cash,
        goods=g.goods,
        goods_value=g.goods_value,
        version=g.version,
    )


def visit_out(v, totals: dict | None = None, gifts: list[GiftOut] | None = None) -> VisitOut:
    return VisitOut(
        id=v.id,
        commune_id=v.commune_id,
        disaster_id=v.disaster_id,
        visited_on=v.visited_on.isoformat(),
        delegation=v.delegation,
        leader=v.leader,
        notes=v.notes,
        version=v.version,
        url=f"/visits/{v.id}",
        totals=VisitTotals(**totals) if totals is not None else None,
        gifts=gifts,
    )
