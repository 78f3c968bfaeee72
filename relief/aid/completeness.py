"""Whether aid reached everyone: affected households not yet visited, and aid given twice.

Affected means assessed for the disaster (a damage assessment exists). Aid "of the same kind"
means cash twice, or goods twice, for one disaster from two different visits: a second
delegation may rightly give again, so it is allowed, but only with a reason, kept in the audit.
"""

from __future__ import annotations

from dataclasses import dataclass

from relief.aid.models import AidGiven, AidVisit
from relief.core.actor import Actor
from relief.core.errors import Invalid, NotFound
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.households.models import DamageAssessment, Disaster, Household
from relief.places.models import Hamlet

REPEAT_REASON = "repeat_reason"
GIVEN_TWICE = (
    "This household already received the same kind of aid for this disaster from another "
    "visit: give the reason to record it again."
)


@dataclass
class Unreached:
    disaster: Disaster
    hamlet: Hamlet
    households: list[Household]
    affected: int


async def unreached(actor: Actor, disaster_id: int, hamlet_id: int) -> Unreached:
    """Households of the hamlet assessed for the disaster that no visit for it has reached."""
    disaster = await Disaster.get_or_none(id=disaster_id)
    hamlet = await scoped(actor, Hamlet).get_or_none(id=hamlet_id).select_related("commune")
    if disaster is None or hamlet is None:
        raise NotFound("No such hamlet.")
    if not can(actor).read_commune(hamlet.commune_id):
        raise NotFound("No such hamlet.")
    affected = scoped(actor, DamageAssessment).filter(disaster_id=disaster.id, hamlet_id=hamlet.id)
    affected_ids = set(await affected.values_list("household_id", flat=True))
    reached = set(
        await scoped(actor, AidGiven)
        .filter(hamlet_id=hamlet.id, visit__disaster_id=disaster.id)
        .values_list("household_id", flat=True)
    )
    missing = affected_ids - reached
    households = list(
        await scoped(actor, Household)
        .filter(id__in=missing, archived_at=None)
        .select_related("hamlet")
        .order_by("head_name_key")
    )
    return Unreached(disaster, hamlet, households, len(affected_ids))


async def check_repeat(visit: AidVisit, household_id: int, gift: dict, reason: object) -> str:
    """Refuses the same kind of aid twice for one disaster without a reason; returns the reason.

    `visit` may be one not saved yet (a visit created with its households at once).
    """
    reason = str(reason or "").strip()
    if visit.disaster_id is None:
        return ""
    earlier = AidGiven.filter(household_id=household_id, visit__disaster_id=visit.disaster_id)
    if visit.id is not None:
        earlier = earlier.exclude(visit_id=visit.id)
    goods = bool(gift.get("goods") or gift.get("goods_value"))
    twice = any(
        (gift.get("cash") and row.cash) or (goods and (row.goods or row.goods_value))
        for row in await earlier
    )
    if twice and not reason:
        raise Invalid({REPEAT_REASON: GIVEN_TWICE})
    if len(reason) > 500:
        raise Invalid({REPEAT_REASON: "This text is too long."})
    return reason if twice else ""
