"""Hamlet notices (thông báo công khai): who received aid and house support, to post in the hamlet.

Decree 93/2021/NĐ-CP asks that what donations bought be made public; the Fatherland Front posts
the recipients' lists in each hamlet. A notice names households and amounts only: its row types
have no field for an ID number, a phone or a birth year, so none can be printed by mistake.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tortoise.functions import Sum

from relief.aid.models import AidGiven
from relief.core.actor import Actor
from relief.core.errors import Invalid, NotFound
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.houses.models import Contribution, HouseCase, Stage
from relief.places.models import Hamlet

MAX_DAYS = 3 * 366


@dataclass(frozen=True)
class AidLine:
    head_name: str
    delegation: str
    visited_on: date
    cash: int
    goods: str
    goods_value: int


@dataclass(frozen=True)
class HouseLine:
    head_name: str
    programme: str  # a Programme value, labelled by the template
    kind: str
    stage: str
    pledged: int
    disbursed: int


@dataclass
class Notice:
    hamlet: Hamlet
    date_from: date
    date_to: date
    aid: list[AidLine] = field(default_factory=list)
    houses: list[HouseLine] = field(default_factory=list)

    @property
    def cash(self) -> int:
        return sum(a.cash for a in self.aid)

    @property
    def goods_value(self) -> int:
        return sum(a.goods_value for a in self.aid)

    @property
    def pledged(self) -> int:
        return sum(h.pledged for h in self.houses)

    @property
    def disbursed(self) -> int:
        return sum(h.disbursed for h in self.houses)


async def hamlet_notice(actor: Actor, hamlet_id: int, date_from: date, date_to: date) -> Notice:
    """Aid given in the period's visits, and houses supported in the period, in one hamlet."""
    if date_from > date_to:
        raise Invalid({"date_to": "The end date is before the start date."})
    if (date_to - date_from).days > MAX_DAYS:
        raise Invalid({"date_to": "Choose a period of at most three years."})
    hamlet = await scoped(actor, Hamlet).get_or_none(id=hamlet_id).select_related("commune")
    if hamlet is None or not can(actor).read_commune(hamlet.commune_id):
        raise NotFound("No such hamlet.")
    notice = Notice(hamlet, date_from, date_to)
    gifts = (
        await scoped(actor, AidGiven)
        .filter(
            hamlet_id=hamlet.id,
            visit__visited_on__gte=date_from,
            visit__visited_on__lte=date_to,
        )
        .select_related("household", "visit")
        .order_by("visit__visited_on", "household__head_name_key", "id")
    )
    notice.aid = [
        AidLine(
            g.household.head_name,
            g.visit.delegation,
            g.visit.visited_on,
            g.cash,
            g.goods,
            g.goods_value,
        )
        for g in gifts
    ]
    # Houses approved by the end of the period and still supported in it (not cancelled,
    # not handed over before it began).
    cases = list(
        await scoped(actor, HouseCase)
        .filter(hamlet_id=hamlet.id, approved_on__lte=date_to)
        .exclude(stage=Stage.CANCELLED)
        .exclude(handed_over_on__lt=date_from)
        .select_related("household")
        .order_by("household__head_name_key", "id")
    )
    money = {
        row["house_case_id"]: row
        for row in await scoped(actor, Contribution)
        .filter(house_case_id__in=[c.id for c in cases])
        .annotate(p=Sum("amount_pledged"), d=Sum("amount_disbursed"))
        .group_by("house_case_id")
        .values("house_case_id", "p", "d")
    }
    notice.houses = [
        HouseLine(
            c.household.head_name,
            c.programme.value,
            c.kind.value,
            c.stage.value,
            int((money.get(c.id) or {}).get("p") or 0),
            int((money.get(c.id) or {}).get("d") or 0),
        )
        for c in cases
    ]
    return notice
