"""Imports: upload and preview (nothing written), confirm (every row in one transaction)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tortoise.transactions import in_transaction

from relief.core import audit
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.scope import Actor, Role, can_write_commune, scoped
from relief.households.models import Disaster, Household
from relief.households.service import today
from relief.imports.models import ImportBatch, ImportKind, ImportStatus
from relief.imports.parsing import MAX_BYTES, TOO_LARGE, detect_kind, open_table
from relief.imports.validation import UNDECIDED, Checker, Report, checked_chunks, load_places
from relief.imports.writer import IdBlock, write_chunk
from relief.places.models import Commune

ENTITY = "import_batch"
EMPTY_FILE = "The file is empty."
NO_COMMUNE = "Choose the commune of this list."
NO_SUCH_DISASTER = "Choose the disaster."
ALREADY_IMPORTED = "This file was already imported (import no. {id}): its rows are recorded."
NOT_PREVIEWED = "This import is no longer waiting for confirmation."
FILE_GONE = "The uploaded file is no longer kept: upload it again."
HAS_ERRORS = "The file has errors: correct them in the file and upload it again."


def may_import(actor: Actor) -> bool:
    return actor.is_admin or actor.role is Role.COMMUNE


@dataclass
class Decisions:
    """The officer's answer for each flagged row: keep (with a reason) or drop."""

    rows: dict[int, tuple[str, str]]

    @classmethod
    def from_form(cls, raw: dict[str, Any]) -> Decisions:
        rows: dict[int, tuple[str, str]] = {}
        for key, value in raw.items():
            if key.startswith("dup_") and key[4:].isdigit() and value in ("keep", "drop"):
                reason = str(raw.get(f"reason_{key[4:]}") or "").strip()[:500]
                rows[int(key[4:])] = (value, reason)
        return cls(rows)


async def _commune(actor: Actor, code: str | None) -> Commune:
    if actor.role is Role.COMMUNE:
        commune = await Commune.get_or_none(id=actor.commune_id)
    else:
        commune = await Commune.get_or_none(code=(code or "").strip()) if code else None
    if commune is None:
        raise Invalid({"commune": NO_COMMUNE})
    if not may_import(actor) or not can_write_commune(actor, commune.id):
        raise Forbidden()
    return commune


async def _disaster(disaster_id: Any) -> Disaster | None:
    if disaster_id in (None, ""):
        return None
    try:
        found = await Disaster.get_or_none(id=int(disaster_id))
    except (TypeError, ValueError, OverflowError):
        found = None
    if found is None:
        raise Invalid({"disaster_id": NO_SUCH_DISASTER})
    return found


def _path(var_dir: Path, batch: ImportBatch) -> Path:
    return var_dir / "imports" / batch.stored_name


async def _already(commune_id: int, checksum: str) -> ImportBatch | None:
    return (
        await ImportBatch.filter(
            commune_id=commune_id, checksum=checksum, status=ImportStatus.CONFIRMED
        )
        .order_by("id")
        .first()
    )


async def _check_file(
    actor: Actor, batch: ImportBatch, path: Path, decisions: Decisions, write: bool
) -> Report:
    """Reads and checks the whole file; with `write`, also writes each chunk (caller's txn)."""
    table = open_table(path, batch.kind)
    batch.encoding = table.encoding
    commune = await Commune.get(id=batch.commune_id)
    disaster = await Disaster.get_or_none(id=batch.disaster_id) if batch.disaster_id else None
    places = await load_places(commune, disaster, today())
    report = Report(table.headers, table.extra_columns)
    checker = await Checker.start(actor, places, report, decisions.rows)
    ids = None
    kept: list[tuple[int, str]] = []
    async for _rows, outcome in checked_chunks(table, checker):
        kept.extend(outcome.kept_duplicates)
        if write and not report.error_count and not report.flagged:
            if ids is None:  # the transaction's connection, as the models see it now
                ids = IdBlock(Household._meta.db)
            await write_chunk(outcome, ids, batch.disaster_id, ids.conn)
    report.kept = kept  # type: ignore[attr-defined]
    return report


def _apply(batch: ImportBatch, report: Report) -> None:
    batch.rows = min(report.rows, 100_000)
    batch.created = report.created
    batch.updated = report.updated
    batch.skipped = report.skipped
    batch.flagged = report.flagged
    batch.errors = report.error_count
    batch.report = {**batch.report, **report.as_json()}


async def upload(
    actor: Actor,
    var_dir: Path,
    file_name: str,
    data: bytes,
    *,
    commune_code: str | None = None,
    disaster_id: Any = None,
) -> ImportBatch:
    """Keeps the file under var/imports and previews it: counts, errors, flagged rows."""
    if not may_import(actor):
        raise Forbidden()
    commune = await _commune(actor, commune_code)
    disaster = await _disaster(disaster_id)
    if len(data) > MAX_BYTES:
        raise Invalid({"file": TOO_LARGE})
    if not data.strip():
        raise Invalid({"file": EMPTY_FILE})
    kind = detect_kind(file_name, data[:8192])
    checksum = hashlib.sha256(data).hexdigest()
    stored = f"{checksum[:16]}-{secrets.token_hex(4)}.{kind.value}"
    folder = var_dir / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / stored).write_bytes(data)
    batch = ImportBatch(
        commune_id=commune.id,
        disaster_id=disaster.id if disaster else None,
        uploaded_by_id=actor.user_id,
        username=actor.username,
        file_name=(Path(file_name).name or "file")[:255],
        stored_name=stored,
        checksum=checksum,
        size=len(data),
        kind=kind,
        report={},
    )
    try:
        report = await _check_file(actor, batch, folder / stored, Decisions({}), write=False)
    except Invalid:
        (folder / stored).unlink(missing_ok=True)
        raise
    _apply(batch, report)
    previous = await _already(commune.id, checksum)
    if previous is not None:
        batch.report["already_imported"] = previous.id
    await batch.save()
    return batch


async def get_batch(actor: Actor, batch_id: int) -> ImportBatch:
    batch = await scoped(actor, ImportBatch).filter(id=batch_id).select_related("commune").first()
    if batch is None:
        raise NotFound("No such import.")
    return batch


async def list_batches(actor: Actor, limit: int = 100) -> list[ImportBatch]:
    qs = scoped(actor, ImportBatch).select_related("commune").order_by("-id")
    return list(await qs.limit(limit))


async def confirm(actor: Actor, var_dir: Path, batch_id: int, decisions: Decisions) -> ImportBatch:
    """Checks the file again and writes all of it in one transaction, or nothing."""
    batch = await get_batch(actor, batch_id)
    if not may_import(actor) or not can_write_commune(actor, batch.commune_id):
        raise Forbidden()
    if batch.status is not ImportStatus.PREVIEWED:
        raise Conflict(NOT_PREVIEWED)
    previous = await _already(batch.commune_id, batch.checksum)
    if previous is not None:
        raise Conflict(ALREADY_IMPORTED, id=previous.id)
    path = _path(var_dir, batch)
    if not path.is_file():
        raise Conflict(FILE_GONE)
    failed: Report | None = None
    try:
        async with in_transaction():
            # Taken first: a second confirmation of the same import waits here, then finds
            # it confirmed (and on SQLite the write lock is held from this statement on).
            claimed = await ImportBatch.filter(id=batch.id, status=ImportStatus.PREVIEWED).update(
                status=ImportStatus.CONFIRMED, confirmed_at=datetime.now(UTC)
            )
            if not claimed:
                raise Conflict(NOT_PREVIEWED)
            report = await _check_file(actor, batch, path, decisions, write=True)
            if report.error_count or report.flagged:
                failed = report
                raise _Rollback()
            _apply(batch, report)
            kept = report.kept  # type: ignore[attr-defined]
            await ImportBatch.filter(id=batch.id).update(
                created=batch.created,
                updated=batch.updated,
                skipped=batch.skipped,
                flagged=0,
                errors=0,
                rows=batch.rows,
                encoding=batch.encoding,
                report=batch.report,
            )
            await audit.record(
                actor,
                "import",
                ENTITY,
                batch.id,
                commune_id=batch.commune_id,
                after={
                    "file_name": batch.file_name,
                    "checksum": batch.checksum,
                    "rows": batch.rows,
                    "created": batch.created,
                    "updated": batch.updated,
                    "skipped": batch.skipped,
                    "disaster_id": batch.disaster_id,
                    "kept_duplicates": [{"row": n, "reason": r} for n, r in kept[:500]],
                },
            )
    except _Rollback:
        assert failed is not None
        _apply(batch, failed)
        if failed.flagged and not failed.error_count:
            # Undecided rows: still waiting for the officer, nothing lost.
            await ImportBatch.filter(id=batch.id).update(flagged=batch.flagged, report=batch.report)
            raise Invalid({"decisions": UNDECIDED}) from None
        batch.status = ImportStatus.FAILED
        await batch.save()
        raise Invalid({"file": HAS_ERRORS}) from None
    return await get_batch(actor, batch.id)


class _Rollback(Exception):
    """Leaves the transaction without writing anything."""


def kind_of(batch: ImportBatch) -> ImportKind:
    return batch.kind
