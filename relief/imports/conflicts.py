"""A conflict of an import settled row by row: the officer keeps the record as it is, or takes
the file's values over it. Taking them saves the household (and its damage) through their
own services, on the version read now, with their audit entries; either choice is recorded
on the import's report and in its audit trail."""

from __future__ import annotations

from typing import Any

from tortoise.transactions import in_transaction

from relief.core import audit
from relief.core.actor import Actor
from relief.core.audit import _plain
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.permissions import can
from relief.households import damage as damage_service
from relief.households import service as household_service
from relief.households.models import DamageAssessment
from relief.households.records import DAMAGE, HOUSEHOLD
from relief.imports.models import ImportBatch, ImportStatus

ENTITY = "import_batch"
CHOICES = ("record", "file")
NO_SUCH_CONFLICT = "No conflict on row {row} of this import."
SETTLED = "The conflict on row {row} is already settled."
CHANGED_AGAIN = (
    "The household changed again since this conflict was listed: open it and correct it there."
)
NO_ASSESSMENT = (
    "The household has no damage assessment for this disaster any more: record it on its page."
)
NOT_DONE = "Conflicts are settled once the import is done."
CHOOSE = "Choose: keep the record, or take the file's values."


def _conflict(batch: ImportBatch, row: int) -> tuple[int, dict[str, Any]]:
    for index, entry in enumerate(batch.report.get("conflicts") or []):
        if entry.get("row") == row:
            return index, entry
    raise NotFound(NO_SUCH_CONFLICT, row=row)


def _still(record: Any, changes: list[dict[str, Any]]) -> bool:
    """Whether the record still holds what the conflict listed as its current values."""
    return all(_plain(getattr(record, c["field"], None)) == c.get("was") for c in changes)


async def _take_file(actor: Actor, batch: ImportBatch, entry: dict[str, Any]) -> None:
    household = await household_service.get_household(actor, int(entry["id"]))
    changes = entry.get("changes") or []
    own = [c for c in changes if c.get("entity", "household") == "household"]
    damage = [c for c in changes if c.get("entity") == "damage_assessment"]
    if any("value" not in c for c in changes) or not _still(household, own):
        raise Conflict(CHANGED_AGAIN)
    if own:
        patch = {c["field"]: c["value"] for c in own}
        sent = HOUSEHOLD.body_patch({**patch, "version": household.version})
        await household_service.update_household(actor, household.id, sent)
    if damage:
        found = await DamageAssessment.get_or_none(
            household_id=household.id, disaster_id=batch.disaster_id
        )
        if found is None:
            raise Conflict(NO_ASSESSMENT)
        if not _still(found, damage):
            raise Conflict(CHANGED_AGAIN)
        patch = {c["field"]: c["value"] for c in damage}
        sent_damage = DAMAGE.body_patch({**patch, "version": found.version})
        await damage_service.update_assessment(actor, found.id, sent_damage)


async def settle(actor: Actor, batch_id: int, row: int, choice: str) -> ImportBatch:
    """Keeps the record (`choice` "record") or takes the file's values ("file") for the
    conflict on `row` of a done import; audited on the import."""
    from relief.imports.service import get_batch

    batch = await get_batch(actor, batch_id)
    if not can(actor).import_records or not can(actor).write_commune(batch.commune_id):
        raise Forbidden()
    if batch.status is not ImportStatus.CONFIRMED:
        raise Conflict(NOT_DONE)
    if choice not in CHOICES:
        raise Invalid({"take": CHOOSE})
    index, entry = _conflict(batch, row)
    if entry.get("settled"):
        raise Conflict(SETTLED, row=row)
    if choice == "file":
        if not entry.get("id"):
            raise Forbidden()
        await _take_file(actor, batch, entry)
    async with in_transaction():
        fresh = await ImportBatch.select_for_update().get(id=batch.id)
        conflicts = list(fresh.report.get("conflicts") or [])
        if index >= len(conflicts) or conflicts[index].get("settled"):
            raise Conflict(SETTLED, row=row)
        conflicts[index] = {**conflicts[index], "settled": choice}
        fresh.report = {**fresh.report, "conflicts": conflicts}
        await fresh.save(update_fields=["report"])
        await audit.record(
            actor,
            "settle_conflict",
            ENTITY,
            batch.id,
            commune_id=batch.commune_id,
            after={"row": row, "taken": choice, "household_id": entry.get("id")},
        )
    return await get_batch(actor, batch.id)
