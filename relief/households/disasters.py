"""Disasters: province-wide reference data, managed by the province and administrators."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from relief.core import audit
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.forms import Form
from relief.core.paging import Paged, paginate
from relief.core.scope import Actor, Role, scoped
from relief.core.text import normalize_text
from relief.households.concurrency import STALE, changes_since
from relief.households.models import Disaster, DisasterKind

ENTITY = "disaster"
AUDITED = ["name", "kind", "starts_on", "ends_on", "description"]
IN_USE = "This disaster has damage assessments, visits or house cases: it cannot be deleted."


def may_manage(actor: Actor) -> bool:
    return actor.role in (Role.ADMIN, Role.PROVINCE)


def version_of(disaster: Disaster) -> str:
    """Disasters carry no version column: a fingerprint of their fields stands in for it."""
    return _fingerprint(audit.snapshot(disaster, AUDITED))


def _fingerprint(values: dict[str, Any]) -> str:
    text = json.dumps({k: values.get(k) for k in AUDITED}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


async def list_disasters(actor: Actor) -> list[Disaster]:
    return list(await scoped(actor, Disaster).order_by("-starts_on", "-id"))


async def disasters_page(actor: Actor, page: int, per_page: int) -> Paged[Disaster]:
    return await paginate(scoped(actor, Disaster).order_by("-starts_on", "-id"), page, per_page)


async def get_disaster(actor: Actor, disaster_id: int) -> Disaster:
    disaster = await scoped(actor, Disaster).get_or_none(id=disaster_id)
    if disaster is None:
        raise NotFound("No such disaster.")
    return disaster


def _read(raw: dict[str, Any]) -> dict[str, Any]:
    form = Form(raw)
    values = {
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
    if not may_manage(actor):
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
    """Saves an edit made on the fingerprint `raw["version"]`; a stale one is refused."""
    if not may_manage(actor):
        raise Forbidden()
    disaster = await get_disaster(actor, disaster_id)
    base = str(raw.get("version") or "").strip()
    if not base:
        raise Invalid({"version": "The version of the record you edited is missing."})
    current = audit.snapshot(disaster, AUDITED)
    if base != _fingerprint(current):
        changed = await changes_since(
            actor, ENTITY, disaster.id, current, lambda s: _fingerprint(s) == base
        )
        raise Conflict(STALE, {"version": _fingerprint(current), "changes": changed})
    if partial:
        stored = {
            "name": disaster.name,
            "kind": disaster.kind.value,
            "starts_on": disaster.starts_on.isoformat(),
            "ends_on": disaster.ends_on.isoformat() if disaster.ends_on else "",
            "description": disaster.description,
        }
        raw = {**stored, **raw}
    values = _read(raw)
    async with in_transaction():
        # The fingerprint is checked again under the write: no lost update between the two.
        locked = await Disaster.filter(id=disaster.id).select_for_update().first()
        if locked is None or _fingerprint(audit.snapshot(locked, AUDITED)) != base:
            raise Conflict(STALE, {"changes": []})
        await Disaster.filter(id=disaster.id).update(**values)
        fresh = await Disaster.get(id=disaster.id)
        old, new = audit.changes(current, audit.snapshot(fresh, AUDITED))
        await audit.record(actor, "update", ENTITY, disaster.id, before=old, after=new)
    return fresh


async def delete_disaster(actor: Actor, disaster_id: int) -> None:
    """Only a disaster nothing refers to (typed by mistake) can be deleted."""
    if not may_manage(actor):
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
