"""Disasters: province-wide reference data, managed by the province and administrators."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from relief.core import audit, versions
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, NotFound
from relief.core.paging import Paged, paginate
from relief.core.permissions import can
from relief.core.records import base_version
from relief.core.scope import scoped
from relief.households.models import Disaster
from relief.households.records import DISASTER, DisasterPatch, DisasterWrite

ENTITY = "disaster"
AUDITED = DISASTER.audited
IN_USE = "This disaster has damage assessments, visits or house cases: it cannot be deleted."


async def list_disasters(actor: Actor) -> list[Disaster]:
    return list(await scoped(actor, Disaster).order_by("-starts_on", "-id"))


async def disasters_page(actor: Actor, page: int, per_page: int) -> Paged[Disaster]:
    return await paginate(scoped(actor, Disaster).order_by("-starts_on", "-id"), page, per_page)


async def get_disaster(actor: Actor, disaster_id: int) -> Disaster:
    disaster = await scoped(actor, Disaster).get_or_none(id=disaster_id)
    if disaster is None:
        raise NotFound("No such disaster.")
    return disaster


async def create_disaster(actor: Actor, data: DisasterWrite) -> Disaster:
    if not can(actor).manage_disasters:
        raise Forbidden()
    data = DISASTER.validate(data)
    async with in_transaction():
        disaster = await Disaster.create(**DISASTER.values(data))
        await audit.record(
            actor, "create", ENTITY, disaster.id, after=audit.snapshot(disaster, AUDITED)
        )
    return disaster


async def update_disaster(actor: Actor, disaster_id: int, patch: DisasterPatch) -> Disaster:
    """Saves an edit made on `patch.version`: the fields sent over those stored; a stale one
    is refused with what changed."""
    if not can(actor).manage_disasters:
        raise Forbidden()
    disaster = await get_disaster(actor, disaster_id)
    version = base_version(patch)
    await versions.check(actor, disaster, version, entity=ENTITY, audited=AUDITED)
    data = DISASTER.validate(DISASTER.merge(disaster, patch))
    return await versions.save(
        actor, disaster, version, DISASTER.values(data), entity=ENTITY, audited=AUDITED
    )


async def delete_disaster(actor: Actor, disaster_id: int) -> None:
    """Only a disaster nothing refers to (typed by mistake) can be deleted."""
    if not can(actor).manage_disasters:
        raise Forbidden()
    disaster = await get_disaster(actor, disaster_id)
    used = (
        await Disaster.filter(id=disaster.id, damage_assessments__id__isnull=False).exists()
        or await Disaster.filter(id=disaster.id, aid_visits__id__isnull=False).exists()
    )
    if used:
        raise Conflict(IN_USE)
    try:
        async with in_transaction():
            before = audit.snapshot(disaster, AUDITED)
            await Disaster.filter(id=disaster.id).delete()
            await audit.record(actor, "delete", ENTITY, disaster.id, before=before)
    except IntegrityError as exc:  # a house case refers to it (no reverse relation to ask)
        raise Conflict(IN_USE) from exc
