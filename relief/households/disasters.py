"""Disasters: province-wide reference data, managed by the province and administrators."""

from __future__ import annotations

from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from relief.core import audit, versions
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, NotFound
from relief.core.forms import Form
from relief.core.paging import Paged, paginate
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.core.text import normalize_text
from relief.households.models import Disaster, DisasterKind

ENTITY = "disaster"
AUDITED = ["name", "kind", "starts_on", "ends_on", "description"]
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


def disaster_form_values(disaster: Disaster) -> dict[str, str]:
    """The edit form's values from the stored disaster (a partial API update starts from them)."""
    return {
        "name": disaster.name,
        "kind": disaster.kind.value,
        "starts_on": disaster.starts_on.isoformat(),
        "ends_on": disaster.ends_on.isoformat() if disaster.ends_on else "",
        "description": disaster.description,
        "version": str(disaster.version),
    }


def _read(raw: dict[str, Any]) -> dict[str, Any]:
    form = Form(raw)
    values: dict[str, Any] = {
        "name": normalize_text(form.text("name", required=True, max_length=150)),
        "kind": form.choice("kind", DisasterKind, required=True),
        "starts_on": form.date("starts_on", required=True),
        "ends_on": form.date("ends_on"),
        "description": form.text("description", max_length=4000),
    }
    starts, ends = values["starts_on"], values["ends_on"]
    if starts and ends and ends < starts:
        form.errors["ends_on"] = "The end date cannot be before the start date."
    form.check()
    return values


async def create_disaster(actor: Actor, raw: dict[str, Any]) -> Disaster:
    if not can(actor).manage_disasters:
        raise Forbidden()
    values = _read(raw)
    async with in_transaction():
        disaster = await Disaster.create(**values)
        await audit.record(
            actor, "create", ENTITY, disaster.id, after=audit.snapshot(disaster, AUDITED)
        )
    return disaster


async def update_disaster(
    actor: Actor, disaster_id: int, raw: dict[str, Any], *, partial: bool = False
) -> Disaster:
    """Saves an edit made on `raw["version"]`; a stale one is refused with what changed."""
    if not can(actor).manage_disasters:
        raise Forbidden()
    disaster = await get_disaster(actor, disaster_id)
    base_version = versions.required(raw.get("version"))
    await versions.check(actor, disaster, base_version, entity=ENTITY, audited=AUDITED)
    if partial:  # fields left out keep their stored values
        raw = {**disaster_form_values(disaster), **raw}
    values = _read(raw)
    return await versions.save(
        actor, disaster, base_version, values, entity=ENTITY, audited=AUDITED
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
