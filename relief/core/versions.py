"""Versioned saves: refuse a save based on an old version and say what changed.

Every record that can be edited carries `version`; a form or API client sends the version it
read. `save` writes one `UPDATE ... WHERE id = ? AND version = ?` that bumps the version, and
records the audit entry in the same transaction, so two saves of one version cannot both win.
A save on an old version raises `Conflict` with the fields changed meanwhile (read back from
the audit trail): pages show them beside the user's values, the API answers 409 with them.
A save that sends no version is refused as bad input (`Invalid`, field `version`).

`save_many` is the same write for many rows at once (an import): each row is written only if
it is still at the version its new values were based on, with its audit entry, and the rows
that lost are returned (with the record's values now and the values that were not written)
rather than raised, so that the others are written. Every edit of a versioned record goes
through `save`, `save_many` or `delete` (tests/core/test_versioned_writes.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from tortoise.models import Model
from tortoise.transactions import in_transaction

from relief.core import audit
from relief.core.actor import Actor
from relief.core.errors import Conflict, Invalid
from relief.core.models import AuditEntry
from relief.core.web import MAX_ID

M = TypeVar("M", bound=Model)

STALE = (
    "Someone else saved this record meanwhile. Nothing was overwritten: "
    "check what changed and save again."
)
VERSION_MISSING = "The version of the record you edited is missing."


def read_version(raw: Any) -> int | None:
    """A version as sent (a form's text or the API's number), None when missing or impossible."""
    if isinstance(raw, bool):
        return None
    try:
        version = int(str(raw).strip())
    except (TypeError, ValueError):
        return None
    return version if 0 < version <= MAX_ID else None


def required(raw: Any) -> int:
    """The version sent with a save; a save without one is refused, never applied blindly."""
    version = read_version(raw)
    if version is None:
        raise Invalid({"version": VERSION_MISSING})
    return version


async def changes_since(
    actor: Actor,
    entity: str,
    entity_id: int,
    current: dict[str, Any],
    is_base: Callable[[dict[str, Any]], bool],
) -> list[dict[str, Any]]:
    """Fields changed since the state the user started from, walking the audit trail back.

    The record's own history, whole: the caller read the record through the actor's scope
    (an administrator's edit of a shared register, on no province, is part of it)."""
    entries = (
        await AuditEntry.filter(entity=entity, entity_id=str(entity_id)).order_by("-id").limit(100)
    )
    state = dict(current)
    last_by: dict[str, AuditEntry] = {}
    for entry in entries:
        if is_base(state):
            break
        before = entry.before or {}
        for key in before:
            last_by.setdefault(key, entry)
            state[key] = before[key]
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
    """The Conflict to raise when `base_version` is not the record's current version.

    `current` is the record's audited fields now (with `version`); its details carry the
    current version (to save again over it) and what changed since `base_version`."""
    changed = await changes_since(
        actor, entity, entity_id, current, lambda s: (s.get("version") or 0) <= base_version
    )
    details = {"entity": entity, "version": current.get("version"), "changes": changed}
    return Conflict(STALE, details)


def _audited(fields: Sequence[str]) -> list[str]:
    return [*fields, "version"] if "version" not in fields else list(fields)


async def check(
    actor: Actor, record: Model, base_version: int, *, entity: str, audited: Sequence[str]
) -> None:
    """Refuses early (before the input is read) a save based on an old version."""
    if base_version != getattr(record, "version", None):  # every versioned model has one
        current = audit.snapshot(record, _audited(audited))
        raise await stale(actor, entity, record.pk, current, base_version)


async def _write(record: Model, base_version: int, values: dict[str, Any]) -> bool:
    """The one versioned UPDATE: `values` over `record` if its row is still at `base_version`,
    the version bumped (and `updated_at` set, when the model has it). False: nothing written."""
    model = type(record)
    values = dict(values)
    if "updated_at" in model._meta.fields_map and "updated_at" not in values:
        values["updated_at"] = datetime.now(UTC)
    updated = await model.filter(pk=record.pk, version=base_version).update(
        **values, version=base_version + 1
    )
    return bool(updated)


async def save(
    actor: Actor,
    record: M,
    base_version: int,
    values: dict[str, Any],
    *,
    entity: str,
    audited: Sequence[str],
    action: str = "update",
    commune_id: int | None = None,
    reason: str | None = None,
    then: Callable[[M], Awaitable[Any]] | None = None,
    reload: Callable[[], Awaitable[M]] | None = None,
    also: dict[str, Any] | None = None,
) -> M:
    """Writes `values` over `record` if it is still at `base_version`, with its audit entry.

    `record` is the row as read before the save (the audit's "before"). `then` writes more in
    the same transaction (e.g. a stage event) before the audit entry; `reload` reads the
    saved record back (default: the row itself), inside the transaction so that it is the
    version this save made; `also` is what else the audit entry should say (e.g. the parent
    record). Raises the stale `Conflict` (nothing written) on a lost race.
    """
    fields = _audited(audited)
    model = type(record)
    before = audit.snapshot(record, fields)
    async with in_transaction():
        if not await _write(record, base_version, values):
            fresh = await model.get(pk=record.pk)
            raise await stale(actor, entity, record.pk, audit.snapshot(fresh, fields), base_version)
        fresh = await (reload() if reload else model.get(pk=record.pk))
        if then is not None:
            await then(fresh)
        old, new = audit.changes(before, audit.snapshot(fresh, fields))
        if commune_id is None:
            commune_id = getattr(fresh, "commune_id", None)
        await audit.record(
            actor,
            action,
            entity,
            record.pk,
            commune_id=commune_id,
            before=old,
            after={**(also or {}), **new},
            reason=reason,
        )
    return fresh


@dataclass
class Edit(Generic[M]):
    """One row of `save_many`: the record as read (its audit entry's "before"), the version
    the new values were based on, the values; `reason` and `also` go to its audit entry."""

    record: M
    base_version: int
    values: dict[str, Any]
    reason: str | None = None
    also: dict[str, Any] | None = None


@dataclass
class Lost(Generic[M]):
    """A row `save_many` did not write: its record changed (or went) since the edit's version.

    `current` is the record's audited fields now (with `version`; empty when it is gone),
    `wanted` the values the caller wanted to write, both JSON-safe as the audit trail keeps
    them, so that nothing the caller said is dropped without a trace."""

    edit: Edit[M]
    record: M | None
    current: dict[str, Any]
    wanted: dict[str, Any]


async def save_many(
    actor: Actor,
    edits: Sequence[Edit[M]],
    *,
    entity: str,
    audited: Sequence[str],
    action: str = "update",
    recount: bool = True,
) -> list[Lost[M]]:
    """Writes each edit (all of one model) as `save` does (`UPDATE ... AND version = ?`),
    each with its audit entry, all in one transaction; returns the edits that lost, in their
    order, instead of raising. `recount=False` leaves the kept summary figures to the caller's
    own last audit entry, which must name every place these rows touched (an import's chunk)."""
    fields = _audited(audited)
    entries: list[AuditEntry] = []
    missed: list[Edit[M]] = []
    async with in_transaction():
        for edit in edits:
            record = edit.record
            if not await _write(record, edit.base_version, edit.values):
                missed.append(edit)
                continue
            before = audit.snapshot(record, fields)
            written = {k: audit._plain(v) for k, v in edit.values.items() if k in fields}
            after = {**before, **written, "version": edit.base_version + 1}
            old, new = audit.changes(before, after)
            commune_id = edit.values.get("commune_id", getattr(record, "commune_id", None))
            entries.append(
                audit.entry(
                    actor,
                    action,
                    entity,
                    record.pk,
                    commune_id=commune_id,
                    before=old,
                    after={**(edit.also or {}), **new},
                    reason=edit.reason,
                )
            )
        await audit.record_many(entries, recount=recount)
        if not missed:
            return []
        model = type(missed[0].record)
        now = {r.pk: r for r in await model.filter(pk__in=[e.record.pk for e in missed])}
    lost: list[Lost[M]] = []
    for edit in missed:
        fresh = now.get(edit.record.pk)
        lost.append(
            Lost(
                edit=edit,
                record=fresh,
                current=audit.snapshot(fresh, fields) if fresh is not None else {},
                wanted={k: audit._plain(v) for k, v in edit.values.items()},
            )
        )
    return lost


async def delete(
    actor: Actor,
    record: Model,
    base_version: int,
    *,
    entity: str,
    audited: Sequence[str],
    also: dict[str, Any] | None = None,
    reason: str | None = None,
) -> None:
    """Deletes `record` if it is still at `base_version`, with its audit entry (`also`: what
    else the entry should say of the row)."""
    fields = _audited(audited)
    model = type(record)
    async with in_transaction():
        deleted = await model.filter(pk=record.pk, version=base_version).delete()
        if not deleted:
            fresh = await model.get_or_none(pk=record.pk)
            if fresh is None:
                raise Conflict(STALE, {"changes": []})
            raise await stale(actor, entity, record.pk, audit.snapshot(fresh, fields), base_version)
        await audit.record(
            actor,
            "delete",
            entity,
            record.pk,
            commune_id=getattr(record, "commune_id", None),
            before={**(also or {}), **audit.snapshot(record, fields)},
            reason=reason,
        )
