"""Duplicate households: an ID number used anywhere blocks; a likely twin asks to confirm."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from relief.core import audit
from relief.core.actor import Actor
from relief.core.models import AuditEntry
from relief.core.scope import in_scope, numbered, scoped
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


@dataclass
class Found:
    """What a household's save must know of the others, read in one statement (`lookup`)."""

    hamlet: dict[str, Any] | None  # the hamlet chosen, with its commune's name and province
    owner: dict[str, Any] | None  # the household already holding the ID number, anywhere
    # Likely duplicates by id, as {"id", "head_name"}, and those the user may open.
    twins: dict[int, dict[str, Any]]
    visible: set[int] = field(default_factory=set)


def _twin(visible: str) -> str:
    """The head of a twins' part: `b` says whether the user may open the twin (`visible`: the
    scope's condition on the row `t`)."""
    return (
        "SELECT * FROM (SELECT 'twin' AS kind, t.id, t.head_name, t.commune_id, "
        f"CAST(NULL AS VARCHAR(200)) AS a, CASE WHEN {visible} THEN 1 ELSE 0 END AS b "
    )


async def lookup(
    actor: Actor,
    hamlet_id: int | None,
    id_number: str | None,
    exclude_id: int | None,
    name_key: str,
    birth_year: int | None,
    phone: str | None,
) -> Found:
    """The hamlet chosen (with its commune), the household already holding this ID number
    anywhere in the province (the uniqueness check must see every commune, like the database's
    unique index), and the likely duplicates: the same folded name and birth year in the
    hamlet's commune, or the same phone anywhere (at most 5 of each). One plain statement, run
    inside the save's transaction after `serialise`: each of them through the query builder
    cost a create more than its SQL (issue 29). Which twins the user may open is answered in
    the same statement, by the scope's own condition (`relief.core.scope.in_scope`)."""
    parts = [
        "SELECT 'hamlet' AS kind, h.id AS id, h.name AS name, h.commune_id AS commune_id, "
        "c.name AS commune_name, c.province_id AS province_id "
        'FROM "hamlet" h JOIN "commune" c ON c.id = h.commune_id WHERE h.id = ?'
    ]
    values: list[Any] = [hamlet_id or 0]
    if id_number:
        parts.append(
            "SELECT 'owner', id, head_name, commune_id, CAST(NULL AS VARCHAR(200)), "
            'CAST(NULL AS INTEGER) FROM "household" WHERE id_number = ? AND id <> ?'
        )
        values += [id_number, exclude_id or 0]
    if (birth_year is not None and name_key) or phone:
        visible, scope_values = in_scope(actor, Household, "t")
    if birth_year is not None and name_key:
        parts.append(
            _twin(visible) + 'FROM "household" t WHERE t.commune_id = '
            '(SELECT commune_id FROM "hamlet" WHERE id = ?) AND t.head_name_key = ? AND '
            "t.birth_year = ? AND t.archived_at IS NULL ORDER BY t.id LIMIT 5) AS same_person"
        )
        values += [*scope_values, hamlet_id or 0, name_key, birth_year]
    if phone:
        parts.append(
            _twin(visible) + 'FROM "household" t WHERE t.phone = ? AND t.archived_at IS NULL '
            "ORDER BY t.id LIMIT 5) AS same_phone"
        )
        values += [*scope_values, phone]
    connection = Household._meta.db
    sql = numbered(" UNION ALL ".join(parts), connection.capabilities.dialect)
    found = Found(hamlet=None, owner=None, twins={})
    for row in await connection.execute_query_dict(sql, values):
        if row["kind"] == "hamlet":
            found.hamlet = row
        elif row["kind"] == "owner":
            found.owner = {"id": row["id"], "head_name": row["name"]}
        elif row["id"] != exclude_id:
            found.twins[row["id"]] = {"id": row["id"], "head_name": row["name"]}
            if row["province_id"]:  # the column `b`: the user may open it
                found.visible.add(row["id"])
    return found


def shown(found: Found) -> list[dict[str, Any]]:
    """The likely duplicates as shown to the user, a link only to those in their scope (read
    with them by `lookup`)."""
    return [_describe(h, found.visible) for h in found.twins.values()]


async def describe(actor: Actor, households: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Other households as shown to the user: a link only to those in their scope."""
    visible = await _visible(actor, [h["id"] for h in households])
    return [_describe(h, visible) for h in households]


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


async def serialise(conn, name_key: str) -> None:
    """Inside a transaction: hold the right to check and record this person until it ends,
    so that twenty saves of one person at once make one household and ask the others for a
    reason. PostgreSQL: an advisory lock keyed by the folded name (the commune is read with
    the duplicates, after the lock: one name's saves in two communes wait for each other);
    SQLite: the transaction takes the database's write lock now, with a write that changes
    nothing (which also serialises other processes; within one process Tortoise runs one
    transaction at a time). The transaction may be nested in another (a form's one-time key
    wraps the save in its own), so it is never ended and begun again here.
    """
    if conn.capabilities.dialect == "sqlite":
        await conn.execute_query("UPDATE household SET id = id WHERE 0")
        return
    digest = hashlib.sha256(f"household:{name_key}".encode()).digest()
    key = int.from_bytes(digest[:8], "big", signed=True)
    await conn.execute_query("SELECT pg_advisory_xact_lock($1)", [key])
