"""Households: reading through the scope, and every write with its rules and audit entry."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from relief.core import audit, versions
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.options import OptionList
from relief.core.permissions import can
from relief.core.records import base_version
from relief.core.scope import scoped
from relief.core.text import fold
from relief.households import duplicates, words
from relief.households.follow import move_records
from relief.households.models import Household
from relief.households.records import HOUSEHOLD, HouseholdPatch, HouseholdWrite
from relief.places.models import Commune, Hamlet

ENTITY = "household"
AUDITED = [*HOUSEHOLD.audited, "archived_at", "version"]
ARCHIVED = "This household is archived: restore it before changing it."


class InvalidWithDetails(Invalid):
    """Field errors plus what the user needs to resolve them (e.g. the other record)."""

    def __init__(self, field_errors: dict[str, str], details: dict[str, Any]) -> None:
        super().__init__(field_errors)
        self.details = details


async def get_household(actor: Actor, household_id: int) -> Household:
    household = (
        await scoped(actor, Household)
        .filter(id=household_id)
        .select_related("hamlet", "commune")
        .first()
    )
    if household is None:
        raise NotFound("No such household.")
    return household


async def writable_hamlets(actor: Actor) -> list[Hamlet]:
    """The hamlets the actor may put a household in: their commune's, or all for an admin."""
    if can(actor).write_any_commune:
        return list(await Hamlet.all().select_related("commune").order_by("commune_id", "name_key"))
    if can(actor).write_records and actor.commune_id is not None:
        return list(await Hamlet.filter(commune_id=actor.commune_id).order_by("name_key"))
    return []


class _IdTaken(Exception):
    """The ID number typed is another household's: answered after the save's transaction is
    rolled back, so that the answer's audit entry stays (`_taken`)."""

    def __init__(self, owner: dict[str, Any], commune_id: int) -> None:
        super().__init__("id_number taken")
        self.owner, self.commune_id = owner, commune_id


async def _checked(
    actor: Actor, errors: dict[str, str], data: HouseholdWrite, current: Household | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The rules that need the database, inside the save's transaction after `serialise` (so
    that two saves of the same person at once cannot both find no twin): the hamlet in the
    actor's commune, the ID number free, the likely duplicates confirmed with a reason. Read
    in one statement (`duplicates.lookup`). Returns the hamlet (with its commune) and what the
    user needs to resolve a duplicate; raises every error at once."""
    name_key = fold(data.head_name)
    identity_changed = current is None or (
        name_key != current.head_name_key
        or data.birth_year != current.birth_year
        or data.phone != current.phone
    )
    twins = bool(data.head_name) and identity_changed
    hamlet_id = None if "hamlet_id" in errors else data.hamlet_id
    found = await duplicates.lookup(
        actor,
        hamlet_id,
        data.id_number if data.id_number and "id_number" not in errors else None,
        current.id if current else None,
        name_key,
        # Values refused by the rules are not looked for (a birth year past SQLite's integers)
        data.birth_year if twins and "birth_year" not in errors else None,
        data.phone if twins and "phone" not in errors else None,
    )
    hamlet = found.hamlet
    if hamlet_id is not None and (
        hamlet is None or not can(actor).write_commune(hamlet["commune_id"])
    ):
        errors["hamlet_id"] = "Choose a hamlet of your commune."
        hamlet = None
    details: dict[str, Any] = {}
    # Whether an ID number is recorded is told only to someone allowed to record this
    # household where they said (scope and hamlet checked first), at a limited rate, and
    # every answer is audited: otherwise the form is an oracle for any ID number.
    if found.owner is not None and hamlet is not None:
        raise _IdTaken(found.owner, hamlet["commune_id"])
    _raise(errors, details)
    assert hamlet is not None
    if found.twins:
        details["likely_duplicates"] = duplicates.shown(found)
        if not data.confirm_duplicate:
            errors["confirm_duplicate"] = duplicates.LIKELY_DUPLICATE
        elif not data.duplicate_reason:
            errors["duplicate_reason"] = duplicates.REASON_NEEDED
    _raise(errors, details)
    return hamlet, details


async def _taken(
    actor: Actor, errors: dict[str, str], data: HouseholdWrite, taken: _IdTaken
) -> InvalidWithDetails:
    """The answer to an ID number already recorded (its transaction rolled back): rate limited,
    and every "already recorded" answer in the audit trail."""
    details: dict[str, Any] = {}
    if await duplicates.too_many_taken_answers(actor):
        errors["id_number"] = duplicates.TOO_MANY_CHECKS
    else:
        errors["id_number"] = duplicates.ID_TAKEN
        details["id_number_taken_by"] = (await duplicates.describe(actor, [taken.owner]))[0]
        assert data.id_number is not None
        await duplicates.audit_taken_answer(actor, taken.commune_id, data.id_number)
    return InvalidWithDetails(dict(errors), details)


def _values(data: HouseholdWrite, hamlet: dict[str, Any]) -> dict[str, Any]:
    """The row's values: the catalogue's, the commune of the hamlet and the name's search key."""
    return {
        **HOUSEHOLD.values(data),
        "commune_id": hamlet["commune_id"],
        "head_name_key": fold(data.head_name),
    }


def _reason(data: HouseholdWrite, details: dict[str, Any]) -> str | None:
    return data.duplicate_reason if details.get("likely_duplicates") else None


def _raise(errors: dict[str, str], details: dict[str, Any]) -> None:
    if errors:
        raise InvalidWithDetails(dict(errors), details)


_INSERTS: dict[str, tuple[list[tuple[str, Any]], str]] = {}


def _statement(dialect: str) -> tuple[list[tuple[str, Any]], str]:
    """The household's INSERT and its columns with their fields (made once: the fields of the
    relations are known once Tortoise is initialised)."""
    found = _INSERTS.get(dialect)
    if found is None:
        meta = Household._meta
        columns = [
            (column, meta.fields_map[name])
            for name, column in meta.fields_db_projection.items()
            if name != meta.pk_attr
        ]
        names = ", ".join(f'"{c}"' for c, _ in columns)
        marks = [f"${i}" for i in range(1, len(columns) + 1)] if dialect == "postgres" else None
        values = ", ".join(marks or ["?"] * len(columns))
        returning = " RETURNING id" if dialect == "postgres" else ""
        statement = f'INSERT INTO "household" ({names}) VALUES ({values}){returning}'
        found = _INSERTS[dialect] = (columns, statement)
    return found


async def _insert(conn: Any, values: dict[str, Any]) -> Household:
    """A new household by one plain parameterised INSERT, each value through its own field as
    Tortoise stores it (the times of an insert made now, the defaults of the fields not
    given), and its search words (`words.write`): through the query builder the insert cost a
    create more than its SQL (issue 29). The model is the row as written, for the answer."""
    household = Household(**values)
    columns, statement = _statement(conn.capabilities.dialect)
    row = [f.to_db_value(getattr(household, f.model_field_name), household) for _, f in columns]
    found = await conn.execute_insert(statement, row)
    household.id = found if isinstance(found, int) else found["id"]
    household._saved_in_db = True
    named = [(household.id, household.commune_id, household.head_name_key)]
    await words.write(named, conn, new=True)
    return household


async def create_household(actor: Actor, data: HouseholdWrite) -> Household:
    """Validates everything, checks duplicates, saves and audits in one transaction."""
    if not can(actor).write_records:
        raise Forbidden()
    data, errors = HOUSEHOLD.check(data)
    try:
        async with in_transaction() as conn:
            await duplicates.serialise(conn, fold(data.head_name))
            hamlet, details = await _checked(actor, errors, data, None)
            household = await _insert(conn, _values(data, hamlet))
            after = audit.snapshot(household, AUDITED)
            if details.get("likely_duplicates"):
                after["likely_duplicates"] = [d["id"] for d in details["likely_duplicates"]]
            await audit.record(
                actor,
                "create",
                ENTITY,
                household.id,
                commune_id=household.commune_id,
                after=after,
                reason=_reason(data, details),
            )
    except _IdTaken as taken:
        raise await _taken(actor, errors, data, taken) from None
    except IntegrityError as exc:  # another save took the ID number a moment ago
        raise InvalidWithDetails({"id_number": duplicates.ID_TAKEN}, {}) from exc
    # As a read would give it, without reading it again: the insert set every column.
    commune = Commune(
        id=hamlet["commune_id"], name=hamlet["commune_name"], province_id=hamlet["province_id"]
    )
    household.hamlet = Hamlet(id=hamlet["id"], name=hamlet["name"], commune_id=commune.id)
    household.commune = household.hamlet.commune = commune
    return household


async def _writable(actor: Actor, household_id: int) -> Household:
    household = await get_household(actor, household_id)
    if not can(actor).write_commune(household.commune_id):
        raise Forbidden()
    return household


async def update_household(actor: Actor, household_id: int, patch: HouseholdPatch) -> Household:
    """Saves an edit made on `patch.version`: the fields sent over those stored, checked as a
    whole; a stale version is refused with what changed."""
    household = await _writable(actor, household_id)
    if household.archived_at is not None:
        raise Conflict(ARCHIVED)
    version = base_version(patch)
    await versions.check(actor, household, version, entity=ENTITY, audited=AUDITED)
    data, errors = HOUSEHOLD.check(HOUSEHOLD.merge(household, patch))
    try:
        async with in_transaction() as conn:
            await duplicates.serialise(conn, fold(data.head_name))
            hamlet, details = await _checked(actor, errors, data, household)

            async def then(fresh: Household) -> None:
                if hamlet["id"] != household.hamlet_id:  # its records move with it
                    await move_records(household.id, hamlet["commune_id"], hamlet["id"])

            fresh = await versions.save(
                actor,
                household,
                version,
                _values(data, hamlet),
                entity=ENTITY,
                audited=AUDITED,
                reason=_reason(data, details),
                then=then,
                reload=lambda: get_household(actor, household.id),
            )
    except _IdTaken as taken:
        raise await _taken(actor, errors, data, taken) from None
    except IntegrityError as exc:
        raise InvalidWithDetails({"id_number": duplicates.ID_TAKEN}, {}) from exc
    return fresh


async def set_archived(
    actor: Actor, household_id: int, raw: dict[str, Any], *, archived: bool
) -> Household:
    """Archives (or restores) a household: it leaves the lists but keeps its whole history."""
    household = await _writable(actor, household_id)
    version = versions.required(raw.get("version"))
    await versions.check(actor, household, version, entity=ENTITY, audited=AUDITED)
    if (household.archived_at is not None) == archived:
        return household
    reason = str(raw.get("reason") or "").strip()[:500]
    if archived and not reason:
        raise Invalid({"reason": "Give the reason for archiving this household."})
    return await versions.save(
        actor,
        household,
        version,
        {"archived_at": datetime.now(UTC) if archived else None},
        entity=ENTITY,
        audited=AUDITED,
        action="archive" if archived else "restore",
        reason=reason or None,
        reload=lambda: get_household(actor, household.id),
    )


async def visible_hamlets(actor: Actor) -> list[Hamlet]:
    """Hamlets to filter the list by: the officer's commune's, or those of every commune."""
    if can(actor).read_one_commune:
        return list(await Hamlet.filter(commune_id=actor.commune_id).order_by("name_key"))
    return list(await Hamlet.all().select_related("commune").order_by("commune_id", "name_key"))


async def hamlet_choices(actor: Actor) -> OptionList:
    """The hamlets to filter the list by, as (id, label) read as plain values: the officer's
    commune's by name, or every commune's named with their commune (a province's thousand
    hamlets, built as models, were half the province's list page: issue 29).

    Kept per process with their option tags written (`OptionList`), and read again when the
    hamlets changed (`_hamlets_mark`: one loaded, renamed or moved) or after HAMLETS_KEPT_FOR
    (a commune renamed by `relief load-places`): the served app never writes them."""
    key = actor.commune_id if can(actor).read_one_commune else None
    mark = await _hamlets_mark()
    kept = _hamlet_choices.get(key)
    if kept is not None and kept[0] == mark and time.monotonic() - kept[1] < HAMLETS_KEPT_FOR:
        return kept[2]
    if key is not None:
        rows = await Hamlet.filter(commune_id=key).order_by("name_key").values_list("id", "name")
        choices = OptionList((str(hamlet_id), name) for hamlet_id, name in rows)
    else:
        found = (
            await Hamlet.all()
            .order_by("commune_id", "name_key")
            .values_list("id", "name", "commune__name")
        )
        choices = OptionList(
            (str(hamlet_id), f"{name} ({commune})") for hamlet_id, name, commune in found
        )
    if len(_hamlet_choices) > 2000:
        _hamlet_choices.clear()
    _hamlet_choices[key] = (mark, time.monotonic(), choices)
    return choices


HAMLETS_KEPT_FOR = 60.0  # seconds
_hamlet_choices: dict[int | None, tuple[tuple, float, OptionList]] = {}


async def _hamlets_mark() -> tuple:
    """What tells one set of hamlets from another: their number, highest id, the length of
    their names and their communes added up (one statement over a few thousand short rows)."""
    rows = await Hamlet._meta.db.execute_query_dict(
        "SELECT count(*) AS n, max(id) AS top, sum(length(name)) AS names, "
        'sum(commune_id) AS communes FROM "hamlet"'
    )
    return tuple(rows[0].values()) if rows else ()
