"""Imports of a commune's year lists: upload and preview (the file read and every row matched;
nothing of the year's list or of any household written), the officer's choice for each row
that matches several households, confirm (the year's entries, the list it replaces, and each
household's flags with an audit entry, in one transaction), cancel.

The file is read as the households' importer reads one (relief.imports.parsing, in a worker
process); its rows are matched by relief.imports.register_match and the flags they set are
relief.households.register_flags'.
"""

from __future__ import annotations

import asyncio
import hashlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from relief.core import audit, once, workers
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.i18n import current_language, gettext
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.households.models import (
    MatchKind,
    MeritKind,
    PovertyStatus,
    RegisterEntry,
    RegisterKind,
    RegisterList,
    RegisterStatus,
)
from relief.households.register_flags import FLAGS, apply, flag_changes, later_year
from relief.households.register_records import REGISTER_IMPORT, RegisterImportIn
from relief.imports.parsing import MAX_BYTES, TOO_LARGE, detect_kind
from relief.imports.register_match import changes_of, match_rows
from relief.imports.register_rows import read_register
from relief.imports.service import EMPTY_FILE, importing_commune
from relief.imports.validation import SAVED_MEANWHILE
from relief.places.models import Hamlet

ENTITY = "register_list"
ALREADY = "This file is already the list in force of {year} (import no. {id})."
NOT_PREVIEWED = "This import is no longer waiting for confirmation."
HAS_ERRORS = "The file has errors: correct them in the file and upload it again."
UNDECIDED = "Choose the household of each row that matches several, or none of them."
NOT_LISTED = "Choose one of the households listed for this row, or none of them."
AT_ONCE = (
    "Another import of this list and year was confirmed at the same moment: look at the list "
    "in force, then upload the file again if it is still needed."
)
NO_SUCH_IMPORT = "No such import."
NONE = "none"


async def upload(
    actor: Actor,
    wanted: RegisterImportIn,
    file_name: str,
    data: bytes,
    *,
    commune_code: str | None = None,
    read_here: bool = False,
) -> RegisterList:
    """Reads a list's file and matches its rows: the preview, kept with the import (its
    submission key too, relief.core.once); nothing else is written."""
    if not can(actor).import_records:
        raise Forbidden()
    wanted = REGISTER_IMPORT.validate(wanted)
    commune = await importing_commune(actor, commune_code)
    if len(data) > MAX_BYTES:
        raise Invalid({"file": TOO_LARGE})
    if not data.strip():
        raise Invalid({"file": EMPTY_FILE})
    file_kind = detect_kind(file_name, data[:8192])
    kind, year = RegisterKind(wanted.kind), int(wanted.year)
    checksum = hashlib.sha256(data).hexdigest()
    same = await RegisterList.filter(
        commune_id=commune.id,
        kind=kind,
        year=year,
        checksum=checksum,
        status=RegisterStatus.CURRENT,
    ).first()
    if same is not None:
        raise Invalid({"file": gettext(ALREADY, year=year, id=same.id)})
    hamlets = dict(await Hamlet.filter(commune_id=commune.id).values_list("name_key", "name"))
    args = (data, file_kind, kind, hamlets, current_language.get())
    if read_here:
        read = await asyncio.to_thread(read_register, *args)
    else:
        read = await workers.in_process(read_register, *args)
    if "rows" not in read:
        raise Invalid(read["errors"])
    rows: list[dict[str, Any]] = read["rows"]
    named = await match_rows(commune.id, rows)
    report = {**read["report"], **await changes_of(commune.id, kind, year, rows)}
    report["seen"].update({str(h.id): h.version for h in named.values()})
    report["households"] = {str(h.id): h.head_name for h in named.values()}
    found = RegisterList(
        commune_id=commune.id,
        kind=kind,
        year=year,
        file_name=(Path(file_name).name or "file")[:255],
        file_kind=file_kind.value,
        checksum=checksum,
        size=len(data),
        sheet=read["sheet"][:100],
        headers=read["headers"],
        extra_columns=read["extra_columns"],
        uploaded_by_id=actor.user_id,
        username=actor.username,
        preview=rows,
        report=report,
    )
    _count(found, rows, read["count"])
    async with in_transaction():
        await found.save()
        await once.record(found)
    return found


def _count(found: RegisterList, rows: list[dict[str, Any]], read: int | None = None) -> None:
    if read is not None:
        found.rows = read
    found.errors = len(found.report.get("errors") or [])
    matches = [row["match"] for row in rows]
    found.several = matches.count(MatchKind.SEVERAL.value)
    found.unmatched = matches.count(MatchKind.NONE.value)
    found.matched = len(matches) - found.several - found.unmatched


async def get_import(actor: Actor, list_id: int) -> RegisterList:
    found = await scoped(actor, RegisterList).filter(id=list_id).select_related("commune").first()
    if found is None:
        raise NotFound(NO_SUCH_IMPORT)
    return found


async def list_imports(actor: Actor, limit: int = 30) -> list[RegisterList]:
    qs = scoped(actor, RegisterList).select_related("commune").order_by("-id")
    return list(await qs.limit(limit))


async def _writable(actor: Actor, list_id: int) -> RegisterList:
    found = await get_import(actor, list_id)
    if not can(actor).import_records or not can(actor).write_commune(found.commune_id):
        raise Forbidden()
    if found.status is not RegisterStatus.PREVIEWED:
        raise Conflict(NOT_PREVIEWED)
    return found


def choices_from_form(raw: dict[str, Any]) -> dict[int, str]:
    """The officer's choice for each row that matches several households: its id, or none."""
    chosen: dict[int, str] = {}
    for key, value in raw.items():
        picked = isinstance(value, str) and (value == NONE or value.isdigit())
        if key.startswith("pick_") and key[5:].isdigit() and picked:
            chosen[int(key[5:])] = value
    return chosen


def _decide(rows: list[dict[str, Any]], choices: dict[int, str]) -> None:
    """The rows with the officer's choices, or Invalid naming the rows still to decide."""
    undecided, wrong = [], []
    for row in rows:
        if row["match"] != MatchKind.SEVERAL.value:
            continue
        pick = choices.get(row["row"])
        if pick is None:
            undecided.append(row["row"])
        elif pick == NONE:
            row["match"] = MatchKind.NONE.value
        elif int(pick) in row["candidates"]:
            row["match"], row["household_id"] = MatchKind.CHOSEN.value, int(pick)
        else:
            wrong.append(row["row"])
    if undecided or wrong:
        errors = {f"pick_{n}": NOT_LISTED for n in wrong}
        errors.update({f"pick_{n}": UNDECIDED for n in undecided})
        raise Invalid({"choices": UNDECIDED if undecided else NOT_LISTED, **errors})


def _entry(found: RegisterList, row: dict[str, Any]) -> RegisterEntry:
    code = row["code"]
    poverty = found.kind is RegisterKind.POVERTY
    return RegisterEntry(
        register_list_id=found.id,
        commune_id=found.commune_id,
        kind=found.kind,
        year=found.year,
        row=row["row"],
        household_id=row["household_id"],
        match=MatchKind(row["match"]),
        candidates=row["candidates"],
        name=row["name"],
        name_key=row["name_key"][:120],
        id_number=row["id_number"],
        hamlet=row["hamlet"],
        birth_year=row["birth_year"],
        poverty_status=PovertyStatus(code) if poverty and code else None,
        merit_kind=MeritKind(code) if not poverty and code else None,
        kind_text=row["kind_text"],
        extra=row["extra"],
    )


def _conflict(found: RegisterList, lost: Any) -> dict[str, Any]:
    """A household saved after the preview, listed with the list's flags and its own now."""
    h = lost.record or lost.edit.record
    changes = [
        {
            "entity": "household",
            "field": name,
            "file": lost.wanted.get(name),
            "current": lost.current.get(name),
        }
        for name in FLAGS[found.kind]
        if lost.wanted.get(name) != lost.current.get(name)
    ]
    rows = found.report.get("rows_of", {}).get(str(h.id), [])
    return {
        "row": rows[0] if rows else "–",
        "id": h.id,
        "head_name": h.head_name,
        "url": f"/households/{h.id}",
        "fields": [c["field"] for c in changes],
        "changes": changes,
        "message": SAVED_MEANWHILE,
    }


async def confirm(actor: Actor, list_id: int, choices: dict[int, str]) -> RegisterList:
    """Makes the previewed list the year's list in force: its entries written, the list it
    replaces kept as replaced, and each household's flags set over the version the preview
    read (one saved meanwhile is listed as a conflict, not overwritten), in one transaction."""
    found = await _writable(actor, list_id)
    if found.errors:
        raise Invalid({"file": HAS_ERRORS})
    rows = found.preview
    _decide(rows, choices)
    seen = {int(k): v for k, v in (found.report.get("seen") or {}).items()}
    listed = [(r["row"], r["household_id"], r["code"]) for r in rows]
    rows_of: dict[str, list[int]] = {}
    for number, hid, _code in listed:
        if hid is not None:
            rows_of.setdefault(str(hid), []).append(number)
    found.report["rows_of"] = rows_of
    try:
        async with in_transaction():
            replaced = await RegisterList.filter(
                commune_id=found.commune_id,
                kind=found.kind,
                year=found.year,
                status=RegisterStatus.CURRENT,
            ).values_list("id", flat=True)
            await RegisterList.filter(id__in=list(replaced)).update(
                status=RegisterStatus.SUPERSEDED, replaced_by_id=found.id
            )
            claimed = await RegisterList.filter(
                id=found.id, status=RegisterStatus.PREVIEWED
            ).update(status=RegisterStatus.CURRENT, confirmed_at=datetime.now(UTC))
            if not claimed:
                raise Conflict(NOT_PREVIEWED)
            await RegisterEntry.bulk_create([_entry(found, r) for r in rows], batch_size=500)
            lost = []
            if await later_year(found.commune_id, found.kind, found.year) is None:
                changes = await flag_changes(found.commune_id, found.kind, found.year, listed)
                lost = await apply(actor, found, changes, seen)
                found.report["written"] = len(changes) - len(lost)
            conflicts = [_conflict(found, x) for x in lost]
            found.report.update(conflicts=conflicts, conflict_count=len(conflicts))
            for key in ("seen", "households", "rows_of"):  # the preview's, not the list's
                found.report.pop(key, None)
            _count(found, rows)
            await RegisterList.filter(id=found.id).update(
                preview=[],
                report=found.report,
                matched=found.matched,
                several=0,
                unmatched=found.unmatched,
            )
            await audit.record(
                actor,
                "import",
                ENTITY,
                found.id,
                commune_id=found.commune_id,
                after={
                    "kind": found.kind.value,
                    "year": found.year,
                    "file_name": found.file_name,
                    "checksum": found.checksum,
                    "rows": len(rows),
                    "matched": found.matched,
                    "unmatched": found.unmatched,
                    "households_changed": found.report.get("written", 0),
                    "conflicts": len(conflicts),
                    "replaced": list(replaced),
                },
            )
            await once.record(found)
    except IntegrityError:  # the year's list made current by another confirmation meanwhile
        raise Conflict(AT_ONCE) from None
    return await get_import(actor, found.id)


async def cancel(actor: Actor, list_id: int) -> RegisterList:
    """Drops a previewed import: nothing of it is kept but the record that it was cancelled."""
    found = await _writable(actor, list_id)
    async with in_transaction():
        claimed = await RegisterList.filter(id=found.id, status=RegisterStatus.PREVIEWED).update(
            status=RegisterStatus.CANCELLED, preview=[]
        )
        if not claimed:
            raise Conflict(NOT_PREVIEWED)
        await audit.record(actor, "cancel", ENTITY, found.id, commune_id=found.commune_id)
    return await get_import(actor, found.id)
