"""Duplicate households: an ID number used anywhere blocks; a likely twin asks to confirm."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

from relief.core import audit
from relief.core.actor import Actor
from relief.core.models import AuditEntry
from relief.core.scope import scoped
from relief.households.models import Household

ID_TAKEN = "This ID number is already recorded for another household."
LIKELY_DUPLICATE = (
    "A household with the same head's name and birth year, or the same phone, is already "
    "recorded. If this is another household, tick the confirmation and give the reason."
)
REASON_NEEDED = "Give the reason why this is not the same household."
TOO_MANY_CHECKS = (
    "Too many ID numbers you typed were already recorded: ask your administrator, or try "
    "again in an hour."
)
TAKEN_ANSWERS_PER_HOUR = 10
TAKEN_ACTION = "id_number_taken"


async def _visible(actor: Actor, ids: list[int]) -> set[int]:
    if not ids:
        return set()
    return set(await scoped(actor, Household).filter(id__in=ids).values_list("id", flat=True))  # type: ignore[arg-type]  # flat=True: values, not tuples


def _describe(h: Household | dict[str, Any], visible: set[int]) -> dict[str, Any]:
    """A duplicate as shown to the user: a link only to a record they may open."""
    hid, name = (h["id"], h["head_name"]) if isinstance(h, dict) else (h.id, h.head_name)
    if hid in visible:
        return {"id": hid, "head_name": name, "url": f"/households/{hid}"}
    return {"id": None, "head_name": None, "url": None}


async def id_number_owner(
    actor: Actor, id_number: str, exclude_id: int | None
) -> dict[str, Any] | None:
    """The household already holding this ID number, anywhere in the province.

    The uniqueness check must see every commune (it is province-wide, like the database's
    unique index); only whether the user may open the other record depends on the scope.
    """
    qs = Household.filter(id_number=id_number)
    if exclude_id is not None:
        qs = qs.exclude(id=exclude_id)
    other = await qs.first()
    if other is None:
        return None
    return _describe(other, await _visible(actor, [other.id]))


async def likely_duplicates(
    actor: Actor,
    commune_id: int,
    name_key: str,
    birth_year: int | None,
    phone: str | None,
    exclude_id: int | None,
) -> list[dict[str, Any]]:
    """Same folded name and birth year in the commune, or the same phone anywhere (read as
    plain values: a create runs this every time, and most names have namesakes)."""
    found: dict[int, dict[str, Any]] = {}
    if birth_year is not None:
        same_person = Household.filter(
            commune_id=commune_id, head_name_key=name_key, birth_year=birth_year, archived_at=None
        )
        for h in await same_person.order_by("id").limit(5).values("id", "head_name"):
            found[h["id"]] = h
    if phone:
        same_phone = Household.filter(phone=phone, archived_at=None).order_by("id").limit(5)
        for h in await same_phone.values("id", "head_name"):
            found[h["id"]] = h
    found.pop(exclude_id, None)  # type: ignore[arg-type]
    visible = await _visible(actor, list(found))
    return [_describe(h, visible) for h in found.values()]


async def too_many_taken_answers(actor: Actor) -> bool:
    """Has this user been told "already recorded" too often in the last hour?"""
    if actor.user_id is None:
        return False
    since = datetime.now(UTC) - timedelta(hours=1)
    recent = AuditEntry.filter(user_id=actor.user_id, action=TAKEN_ACTION, at__gte=since)
    return await recent.count() >= TAKEN_ANSWERS_PER_HOUR


async def audit_taken_answer(actor: Actor, commune_id: int, id_number: str) -> None:
    """Every "already recorded" answer is in the audit trail (the number under the contacts
    rule: only admins and the commune see it there)."""
    await audit.record(
        actor, TAKEN_ACTION, "household", commune_id=commune_id, after={"id_number": id_number}
    )


async def serialise(conn, commune_id: int, name_key: str) -> None:
    """Inside a transaction: hold the right to check and record this person in this commune
    until it ends, so that twenty saves of one person at once make one household and ask
    the others for a reason. PostgreSQL: an advisory lock keyed by commune and name key;
    SQLite: the transaction takes the database's write lock now, with a write that changes
    nothing (which also serialises other processes; within one process Tortoise runs one
    transaction at a time). The transaction may be nested in another (a form's one-time key
    wraps the save in its own), so it is never ended and begun again here.
    """
    if conn.capabilities.dialect == "sqlite":
        await conn.execute_query("UPDATE household SET id = id WHERE 0")
        return
    digest = hashlib.sha256(f"household:{commune_id}:{name_key}".encode()).digest()
    key = int.from_bytes(digest[:8], "big", signed=True)
    await conn.execute_query("SELECT pg_advisory_xact_lock($1)", [key])
