"""Handover ceremonies: completed houses handed over together, all or none."""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.transactions import in_transaction

from relief.core import audit
from relief.core.actor import Actor
from relief.core.bodies import MAX_ITEMS, TOO_MANY_ITEMS
from relief.core.errors import REQUIRED, Conflict, Forbidden, Invalid, NotFound
from relief.core.paging import Paged, paginate
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.houses.models import Handover, HouseCase, Stage
from relief.houses.records import HANDOVER, HandoverIn
from relief.houses.stages import record_move
from relief.places.models import Hamlet
from relief.sponsors.models import Sponsor

HANDOVER_FIELDS = HANDOVER.audited
HandoverInput = HandoverIn  # the write of a handover (relief.houses.records)


def _handovers(actor: Actor, commune_id: int | None, commune_code: str | None = None):
    qs = scoped(actor, Handover).select_related("commune", "hamlet")
    if commune_id is not None:
        qs = qs.filter(commune_id=commune_id)
    if commune_code is not None:
        qs = qs.filter(commune__code=commune_code)
    return qs.order_by("-held_on", "-id")


async def list_handovers(actor: Actor, commune_id: int | None = None) -> list[Handover]:
    return list(await _handovers(actor, commune_id))


async def handovers_page(
    actor: Actor, commune_id: int | None, commune_code: str | None, page: int, per_page: int
) -> Paged[Handover]:
    qs = _handovers(actor, commune_id, commune_code).prefetch_related("sponsors")
    return await paginate(qs, page, per_page)


async def get_handover(actor: Actor, handover_id: int) -> Handover:
    found = (
        await scoped(actor, Handover)
        .select_related("commune", "hamlet")
        .prefetch_related("sponsors")
        .get_or_none(id=handover_id)
    )
    if found is None:
        raise NotFound("No such handover.")
    return found


async def houses_of(actor: Actor, handover: Handover) -> list[HouseCase]:
    qs = scoped(actor, HouseCase).filter(handover_id=handover.id)
    return list(await qs.select_related("household", "hamlet").order_by("code"))


async def ready_houses(actor: Actor, commune_id: int | None) -> list[HouseCase]:
    """Completed houses waiting for a handover, for the form's list."""
    qs = scoped(actor, HouseCase).filter(stage=Stage.COMPLETED)
    if commune_id is not None:
        qs = qs.filter(commune_id=commune_id)
    return list(await qs.select_related("household", "hamlet", "commune").order_by("code"))


async def create_handover(actor: Actor, data: HandoverIn) -> Handover:
    """Records the ceremony and hands over every house in it, in one transaction, or nothing."""
    if not can(actor).write_records:
        raise Forbidden()
    data, errors = HANDOVER.check(data)
    commune_id = data.commune_id or actor.commune_id
    if commune_id is None:
        errors.setdefault("commune_id", REQUIRED)
    elif not can(actor).write_commune(commune_id):
        raise Forbidden()
    hamlet_id = None if "hamlet_id" in errors else data.hamlet_id
    if hamlet_id is not None and not await Hamlet.exists(id=hamlet_id, commune_id=commune_id):
        errors["hamlet_id"] = "Choose a hamlet of this commune."
    # The API's bodies are capped where they are decoded; the page's form is capped here.
    too_many = [n for n in ("sponsor_ids", "house_ids") if len(getattr(data, n) or ()) > MAX_ITEMS]
    if too_many:
        raise Invalid({**errors, **dict.fromkeys(too_many, TOO_MANY_ITEMS)})
    sponsor_ids = sorted(set(data.sponsor_ids or ()))
    sponsors = list(await scoped(actor, Sponsor).filter(id__in=sponsor_ids)) if sponsor_ids else []
    if len(sponsors) != len(sponsor_ids):
        errors.setdefault("sponsor_ids", "No such sponsor.")
    house_ids = sorted(set(data.house_ids or ()))
    if not house_ids:
        errors.setdefault("house_ids", "Choose the houses handed over.")
    if errors:
        raise Invalid(errors)
    assert data.held_on is not None  # else errors named it
    houses = list(await scoped(actor, HouseCase).filter(id__in=house_ids).order_by("code"))
    if len(houses) != len(house_ids):
        raise Invalid({"house_ids": "No such house case."})
    elsewhere = [h.code for h in houses if h.commune_id != commune_id]
    if elsewhere:
        raise Conflict(
            "Every house handed over must be in the commune of the handover.",
            details={"houses": elsewhere},
        )
    not_ready = [h.code for h in houses if h.stage is not Stage.COMPLETED]
    if not_ready:
        raise Conflict(
            "Only completed houses can be handed over; nothing was saved.",
            details={"houses": not_ready},
        )
    too_early = [h.code for h in houses if data.held_on < h.stage_on]
    if too_early:
        raise Conflict(
            "The handover cannot be dated before a house was completed; nothing was saved.",
            details={"houses": too_early},
        )
    async with in_transaction():
        handover = await Handover.create(**{**HANDOVER.values(data), "commune_id": commune_id})
        if sponsors:
            await handover.sponsors.add(*sponsors)
        for house in houses:
            # The version check inside refuses the whole handover if a house moved meanwhile.
            await record_move(
                actor,
                house,
                Stage.HANDED_OVER,
                data.held_on,
                None,
                house.version,
                handover_id=handover.id,
            )
        await audit.record(
            actor,
            "create",
            "handover",
            handover.id,
            commune_id=commune_id,
            after={
                **audit.snapshot(handover, HANDOVER_FIELDS),
                "sponsor_ids": sponsor_ids,
                "house_ids": [h.id for h in houses],
            },
        )
    return await get_handover(actor, handover.id)


@dataclass
class Minutes:
    """What the handover minutes (biên bản bàn giao) of one house show."""

    case: HouseCase
    handover: Handover
    sponsors: list[Sponsor]
    funding: object  # funding.Funding
    contributions: list


async def minutes_of(actor: Actor, house_id: int) -> Minutes:
    from relief.houses import funding  # funding imports the stage machine, as we do
    from relief.houses.service import get_case

    case = await get_case(actor, house_id)
    if case.stage is not Stage.HANDED_OVER or case.handover_id is None:
        raise Conflict("The minutes are printed once the house has been handed over.")
    handover = await get_handover(actor, case.handover_id)
    contributions = await funding.list_contributions(actor, house_id)
    # The sponsors whose money is in this house sign its minutes; failing those, the
    # sponsors present at the ceremony.
    sponsors: dict[int, Sponsor] = {c.sponsor.id: c.sponsor for c in contributions if c.sponsor}
    return Minutes(
        case=case,
        handover=handover,
        sponsors=list(sponsors.values()) or list(handover.sponsors),
        funding=await funding.funding_of(actor, house_id),
        contributions=contributions,
    )
