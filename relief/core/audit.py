"""Appending to the audit trail, inside the caller's transaction."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any

from relief.core import summaries
from relief.core.actor import Actor
from relief.core.contacts import hide_contacts
from relief.core.formatting import LOCAL_TZ
from relief.core.models import AuditEntry
from relief.core.scope import scoped


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(obj: Any, names: list[str]) -> dict[str, Any]:
    """The named fields of a record as JSON-safe values, for before/after."""
    return {name: _plain(getattr(obj, name)) for name in names}


def changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict, dict]:
    """Only the fields that changed, on each side."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def entry(
    actor: Actor,
    action: str,
    entity: str,
    entity_id: int | str | None = None,
    *,
    commune_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str | None = None,
) -> AuditEntry:
    """An audit entry, not saved yet (`record` saves one, `record_many` several at once)."""
    return AuditEntry(
        user_id=actor.user_id,
        username=actor.username,
        ip=actor.ip,
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        commune_id=commune_id,
        # The actor's province (a province's or a commune's account): an action on no commune
        # is its province's; a national actor's is of none (relief.core.scope).
        province_id=actor.province_id,
        before={k: _plain(v) for k, v in before.items()} if before else None,
        after={k: _plain(v) for k, v in after.items()} if after else None,
        reason=reason,
    )


async def _recount(entry: AuditEntry, before: dict[str, Any], after: dict[str, Any]) -> None:
    # Every write passes here, after its rows are written and before its commit: the kept
    # summary figures of the places it touched are recounted in the same transaction.
    communes = {entry.commune_id, *(d.get("commune_id") for d in (before, after))}
    await summaries.changed(
        summaries.Change(
            action=entry.action,
            entity=entry.entity,
            entity_id=entry.entity_id,
            commune_ids=frozenset(c for c in communes if isinstance(c, int)),
            before=before,
            after=after,
        )
    )


# The columns an entry is written with, in order (`_insert`): the id is the database's.
_COLUMNS = (
    "at", "user_id", "username", "ip", "action", "entity", "entity_id", "commune_id",
    "province_id", "before", "after", "reason",
)  # fmt: skip


def _statement(dialect: str) -> str:
    marks = [f"${i}" for i in range(1, len(_COLUMNS) + 1)] if dialect == "postgres" else None
    values = ", ".join(marks or ["?"] * len(_COLUMNS))
    returning = " RETURNING id" if dialect == "postgres" else ""
    columns = ", ".join(f'"{c}"' for c in _COLUMNS)
    return f'INSERT INTO "audit_entry" ({columns}) VALUES ({values}){returning}'


_STATEMENTS = {dialect: _statement(dialect) for dialect in ("sqlite", "postgres")}


def _row(made: AuditEntry) -> list[Any]:
    """An entry's values as the database stores them, each through its own field (the JSON of
    before/after, the time of an entry made now): the row Tortoise would have written."""
    fields = AuditEntry._meta.fields_map
    return [fields[c].to_db_value(getattr(made, c), made) for c in _COLUMNS]


async def _insert(entries: list[AuditEntry]) -> None:
    """The one way an entry reaches the trail: a plain parameterised INSERT in the caller's
    transaction (an entry is written with every write: building it as a model through the
    query builder cost a create more than the statement itself). One entry gets its id."""
    connection = AuditEntry._meta.db
    statement = _STATEMENTS[connection.capabilities.dialect]
    if len(entries) == 1:
        made = entries[0]
        found = await connection.execute_insert(statement, _row(made))
        made.id = found if isinstance(found, int) else found["id"]
        made._saved_in_db = True
        return
    await connection.execute_many(statement, [_row(made) for made in entries])


async def record(
    actor: Actor,
    action: str,
    entity: str,
    entity_id: int | str | None = None,
    *,
    commune_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str | None = None,
) -> AuditEntry:
    made = entry(
        actor,
        action,
        entity,
        entity_id,
        commune_id=commune_id,
        before=before,
        after=after,
        reason=reason,
    )
    await _insert([made])
    await _recount(made, before or {}, after or {})
    return made


async def record_many(entries: list[AuditEntry], *, recount: bool = True) -> None:
    """Saves entries made by `entry` in one statement. `recount=False` when the caller's own
    last entry names every place these writes touched (an import's chunk), so that the kept
    figures are recounted once for all of them rather than once per entry."""
    if not entries:
        return
    for start in range(0, len(entries), 500):
        await _insert(entries[start : start + 500])
    if recount:
        for made in entries:
            await _recount(made, made.before or {}, made.after or {})


# Entries per page of the audit trail. A new record's entry lists every field, about a kilobyte
# of page each: 50 of them took the page past the 60 KB a phone page may weigh
# (tests/e2e/phone_walk.py).
PAGE_SIZE = 25


# Entities whose phone is a public contact (a sponsor's office), not a household's.
PUBLIC_CONTACTS = {"sponsor"}


async def search(
    actor: Actor,
    *,
    username: str = "",
    entity: str = "",
    action: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    page: int = 1,
) -> tuple[list[AuditEntry], int]:
    """The actor's part of the trail, newest first, filtered; returns a page and the count."""
    qs = scoped(actor, AuditEntry)
    if username:
        qs = qs.filter(username=username.strip().lower())
    if entity:
        qs = qs.filter(entity=entity)
    if action:
        qs = qs.filter(action=action)
    if date_from:
        # Days are Vietnamese days: from local midnight to local midnight.
        start = datetime.combine(date_from, time.min, tzinfo=LOCAL_TZ)
        qs = qs.filter(at__gte=start.astimezone(UTC))
    if date_to:
        end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=LOCAL_TZ)
        qs = qs.filter(at__lt=end.astimezone(UTC))
    total = await qs.count()
    entries = await qs.order_by("-id").offset((max(page, 1) - 1) * PAGE_SIZE).limit(PAGE_SIZE)
    for entry in entries:  # a household's ID number and phone under the contacts rule
        if entry.entity not in PUBLIC_CONTACTS:
            entry.before = hide_contacts(actor, entry.commune_id, entry.before)
            entry.after = hide_contacts(actor, entry.commune_id, entry.after)
    return list(entries), total
