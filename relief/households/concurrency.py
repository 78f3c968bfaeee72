"""Optimistic concurrency: refuse a save based on an old version and say what changed.

Every versioned record carries `version`; a form or API client sends the version it read.
The update is one `UPDATE ... WHERE id = ? AND version = ?`, so two saves of the same
version cannot both win. What changed meanwhile is read back from the audit trail.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from relief.core.errors import Conflict
from relief.core.models import AuditEntry
from relief.core.scope import Actor, scoped

STALE = (
    "Someone else saved this record meanwhile. Nothing was overwritten: "
    "check what changed and save again."
)


async def changes_since(
    actor: Actor,
    entity: str,
    entity_id: int,
    current: dict[str, Any],
    is_base: Callable[[dict[str, Any]], bool],
) -> list[dict[str, Any]]:
    """Fields changed since the state the user started from, walking the audit trail back."""
    entries = (
        await scoped(actor, AuditEntry)
        .filter(entity=entity, entity_id=str(entity_id))
        .order_by("-id")
        .limit(100)
    )
    state = dict(current)
    last_by: dict[str, AuditEntry] = {}
    for entry in entries:
        if is_base(state):
            break
        for key in entry.before or {}:
            last_by.setdefault(key, entry)
            state[key] = entry.before[key]
    changed = []
    for key, entry in last_by.items():
        if key == "version" or state.get(key) == current.get(key):
            continue
        changed.append(
            {
                "field": key,
                "was": state.get(key),
                "now": current.get(key),
                "by": entry.username,
                "at": entry.at.isoformat(),
            }
        )
    return changed


async def stale(
    actor: Actor, entity: str, entity_id: int, current: dict[str, Any], base_version: int
) -> Conflict:
    """The Conflict to raise when `base_version` is not the record's current version."""
    changed = await changes_since(
        actor, entity, entity_id, current, lambda s: (s.get("version") or 0) <= base_version
    )
    return Conflict(STALE, {"version": current.get("version"), "changes": changed})


# Ids and versions beyond a 32-bit column are refused as input, not sent to the database.
MAX_ID = 2**31 - 1
# No relief amount comes near a million billion đồng; more is a typing slip (and would not fit).
MAX_AMOUNT = 10**15
TOO_LARGE = "This amount is too large."


def bounded_money(form: Any, name: str) -> int | None:
    """A money field of `form`, refused beyond MAX_AMOUNT."""
    value = form.money(name)
    if value is not None and value > MAX_AMOUNT:
        form.errors[name] = TOO_LARGE
        return None
    return value


def read_version(raw: Any) -> int | None:
    try:
        version = int(str(raw).strip())
    except (TypeError, ValueError):
        return None
    return version if 0 < version <= MAX_ID else None
