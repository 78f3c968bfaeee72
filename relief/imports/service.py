"""Imports: upload and preview (nothing written), confirm (chunk by chunk, short transactions)."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from tortoise.transactions import in_transaction

from relief.core import audit, heap, once, workers
from relief.core.actor import Actor
from relief.core.contacts import CONTACT_FIELDS, hide_contacts
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.formatting import local_today
from relief.core.forms import parse_date
from relief.core.i18n import current_language, gettext
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.households.models import Disaster
from relief.households.records import FUTURE
from relief.imports import bad_rows, reader, store
from relief.imports.models import ImportBatch, ImportStatus
from relief.imports.parsing import MAX_BYTES, TOO_LARGE, detect_kind
from relief.imports.rows import Seen
from relief.imports.validation import (
    CHUNK,
    UNDECIDED,
    Checker,
    Outcome,
    Report,
    load_places,
    takes_good_rows,
)
from relief.imports.writer import Unwritten, pieces, write_chunk
from relief.places.models import Commune

ENTITY = "import_batch"
EMPTY_FILE = "The file is empty."
NO_COMMUNE = "Choose the commune of this list."
NO_SUCH_DISASTER = "Choose the disaster."
ALREADY_IMPORTED = "This file was already imported (import no. {id}): its rows are recorded."
NOT_PREVIEWED = "This import is no longer waiting for confirmation."
FILE_GONE = "The uploaded file is no longer kept: upload it again."
HAS_ERRORS = "The file has errors: correct them in the file and upload it again."
FILE_ERRORS = (
    "The file's errors concern every row (a missing column, too many rows): correct the file "
    "and upload it again."
)
NO_BAD_ROWS = "The rows to correct of this import are no longer kept: upload the file again."
CANCELLED = "The import is cancelled: nothing was written."
NOT_INTERRUPTED = "This import is not interrupted: it is being written, or it is done."
# An import writing that saved no piece for this long was stopped (its process killed): a
# piece of WRITE_ROWS rows takes seconds, even on a busy machine.
STALLED_AFTER = timedelta(minutes=10)
WRITE_FAILED = (
    "Writing stopped at row {row}: {written} rows were saved before it. Upload the rest again."
)


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


async def importing_commune(actor: Actor, code: str | None) -> Commune:
    """The commune a file is imported for: the officer's own, or the one an administrator
    names by its code."""
    if not can(actor).import_records:
        raise Forbidden()
    if can(actor).write_any_commune:
        commune = await Commune.get_or_none(code=(code or "").strip()) if code else None
    else:
        commune = await Commune.get_or_none(id=actor.commune_id)
    if commune is None:
        raise Invalid({"commune": NO_COMMUNE})
    if not can(actor).write_commune(commune.id):
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


def _assessed_on(raw: Any) -> date | None:
    """The assessment date given for a whole list (a list without the column): a past day."""
    text = str(raw or "").strip()
    if not text:
        return None
    try:
        day = parse_date(text)
    except ValueError as exc:
        raise Invalid({"assessed_on": str(exc)}) from None
    if day > local_today():
        raise Invalid({"assessed_on": FUTURE})
    return day


def _path(var_dir: Path, batch: ImportBatch) -> Path:
    return store.folder(var_dir) / batch.stored_name


async def _already(commune_id: int, checksum: str) -> ImportBatch | None:
    return (
        await ImportBatch.filter(
            commune_id=commune_id, checksum=checksum, status=ImportStatus.CONFIRMED
        )
        .order_by("id")
        .first()
    )


def _apply(batch: ImportBatch, report: Report) -> None:
    batch.rows = min(report.rows, 100_000)
    batch.created = report.created
    batch.updated = report.updated
    batch.skipped = report.skipped
    batch.flagged = report.flagged
    batch.errors = report.error_count
    batch.report = {**batch.report, **report.as_json()}


async def _chunks(path: Path) -> AsyncIterator[list]:
    """A chunk file's lists, each read in a worker thread (a few milliseconds each)."""
    chunks = store.read_chunks(path)
    try:
        while (chunk := await asyncio.to_thread(next, chunks, None)) is not None:
            yield chunk
    finally:
        chunks.close()


async def _followed(path: Path, reading: asyncio.Future) -> AsyncIterator[Any]:
    """The items the reader writes to `path` (store.frame_writer), each as soon as it is
    whole, until the reader has ended and none is left."""
    with path.open("rb") as fh:
        while True:
            ended = reading.done()  # before looking: what it wrote before it ended is taken
            item = await asyncio.to_thread(store.next_frame, fh)
            if item is not store.NOT_YET:
                yield item
            elif ended:
                return
            else:
                await asyncio.wait({reading}, timeout=0.05)


async def _checked(
    actor: Actor,
    var_dir: Path,
    batch: ImportBatch,
    data: bytes,
    keep: Path | None,
    read_here: bool = False,
) -> Report:
    """Reads the file and checks each row on its own in a worker process (the event loop
    keeps answering), or in a thread of this process when `read_here` (the command line,
    where nothing else waits); meanwhile checks the rows read so far against the database, a
    chunk at a time (the two use the machine's two processors); the rows without errors are
    kept in `keep` (when given)."""
    commune = await Commune.get(id=batch.commune_id)
    disaster = await Disaster.get_or_none(id=batch.disaster_id) if batch.disaster_id else None
    places = await load_places(commune, disaster, local_today())
    if batch.report.get("assessed_on"):
        places.assessed_on = date.fromisoformat(batch.report["assessed_on"])
    read_to = store.folder(var_dir) / f"{secrets.token_hex(8)}.read"
    read_to.parent.mkdir(parents=True, exist_ok=True)
    read_to.touch()  # followed from the start; the reader writes it over
    read_args = (data, batch.kind, places, current_language.get(), read_to)
    if read_here:
        reading = asyncio.ensure_future(asyncio.to_thread(reader.read_file, *read_args))
    else:
        reading = asyncio.ensure_future(workers.in_process(reader.read_file, *read_args))
    checked: Report | None = None  # the server's checks: the reader's report is added at the end
    try:
        hamlets = {h.id: h for h in places.hamlets.values()}
        with contextlib.ExitStack() as stack:
            stack.enter_context(heap.young_only())  # the rows' passes, not the server's heap
            write = stack.enter_context(store.chunk_writer(keep)) if keep else None
            async for item in _followed(read_to, reading):
                if checked is None:  # the file's heading: its columns, before any row
                    checked = item
                    checker = await Checker.start(actor, places, checked, {})
                    continue
                rows = store.rows_of(item, hamlets)
                remember(await checker.check(rows))
                good = [r for r in rows if not r.errors]
                if write is not None and good:
                    await asyncio.to_thread(store.save_chunk, write, good)
        read = await reading
    finally:
        if not reading.done():  # the server's checks failed: the reader's answer is not awaited
            reading.cancel()
        read_to.unlink(missing_ok=True)
    if "errors" in read:
        raise Invalid(read["errors"])
    report: Report = read["report"]
    batch.encoding = read["encoding"]
    if checked is not None:
        report.add(checked)
    report.close()
    return report


async def upload(
    actor: Actor,
    var_dir: Path,
    file_name: str,
    data: bytes,
    *,
    commune_code: str | None = None,
    disaster_id: Any = None,
    dry_run: bool = False,
    read_here: bool = False,
    assessed_on: Any = None,
) -> ImportBatch:
    """Previews a file: counts, errors, flagged rows. Keeps its checked rows for the
    confirmation (a dry run keeps nothing and saves no import). A page's submission key is
    kept with the import (relief.core.once.record). The file is read in a worker process
    (the server keeps answering), or in this one when `read_here` (the command line: a
    worker process would cost a second interpreter's start, the fork server's)."""
    if not can(actor).import_records:
        raise Forbidden()
    commune = await importing_commune(actor, commune_code)
    disaster = await _disaster(disaster_id)
    assessed = _assessed_on(assessed_on)
    if len(data) > MAX_BYTES:
        raise Invalid({"file": TOO_LARGE})
    if not data.strip():
        raise Invalid({"file": EMPTY_FILE})
    kind = detect_kind(file_name, data[:8192])
    checksum = hashlib.sha256(data).hexdigest()
    previous = await _already(commune.id, checksum)
    if previous is not None:  # refused before the file is read
        raise Invalid({"file": gettext(ALREADY_IMPORTED, id=previous.id)})
    await asyncio.to_thread(store.purge, var_dir)
    batch = ImportBatch(
        commune_id=commune.id,
        disaster_id=disaster.id if disaster else None,
        uploaded_by_id=actor.user_id,
        username=actor.username,
        file_name=(Path(file_name).name or "file")[:255],
        stored_name="" if dry_run else f"{checksum[:16]}-{secrets.token_hex(4)}.rows",
        checksum=checksum,
        size=len(data),
        kind=kind,
        report={"assessed_on": assessed.isoformat()} if assessed else {},
    )
    kept = _path(var_dir, batch) if batch.stored_name else None
    try:
        report = await _checked(actor, var_dir, batch, data, kept, read_here)
        _apply(batch, report)
        batch.report["headers"], batch.report["letters"] = report.headers, report.letters
        if dry_run:
            return batch
        good_rows = takes_good_rows(report.error_count, batch.report)
        if good_rows:  # the file, to give its bad rows back
            bad = store.folder(var_dir) / f"{checksum[:16]}-{secrets.token_hex(4)}.bad"
            sections = {
                n: report.from_sections[n] for n in report.by_row if n in report.from_sections
            }
            await asyncio.to_thread(bad_rows.keep, bad, data, kind, report.by_row, sections)
            batch.report["bad_file"] = bad.name
        if report.error_count and kept is not None and not good_rows:
            kept.unlink(missing_ok=True)
            batch.stored_name = ""
        async with in_transaction():
            await batch.save()
            await once.record(batch)
    except BaseException:
        if kept is not None:
            kept.unlink(missing_ok=True)
        raise
    return batch


async def get_batch(actor: Actor, batch_id: int) -> ImportBatch:
    batch = await scoped(actor, ImportBatch).filter(id=batch_id).select_related("commune").first()
    if batch is None:
        raise NotFound("No such import.")
    return batch


async def list_batches(actor: Actor, limit: int = 100) -> list[ImportBatch]:
    qs = scoped(actor, ImportBatch).select_related("commune").order_by("-id")
    return list(await qs.limit(limit))


async def _writable(actor: Actor, batch_id: int) -> ImportBatch:
    batch = await get_batch(actor, batch_id)
    if not can(actor).import_records or not can(actor).write_commune(batch.commune_id):
        raise Forbidden()
    if batch.status is not ImportStatus.PREVIEWED:
        raise Conflict(NOT_PREVIEWED)
    return batch


def interrupted(batch: ImportBatch, now: datetime | None = None) -> bool:
    """Whether an import was stopped while writing: "writing", and no piece saved for
    STALLED_AFTER (its process was killed, or the server stopped)."""
    if batch.status is not ImportStatus.WRITING:
        return False
    moved = batch.progress_at or batch.confirmed_at
    return moved is None or (now or datetime.now(UTC)) - moved > STALLED_AFTER


async def _interrupted(actor: Actor, batch_id: int) -> ImportBatch:
    batch = await get_batch(actor, batch_id)
    if not can(actor).import_records or not can(actor).write_commune(batch.commune_id):
        raise Forbidden()
    if not interrupted(batch):
        raise Conflict(NOT_INTERRUPTED)
    return batch


async def resume(
    actor: Actor, var_dir: Path, batch_id: int, decisions: Decisions, *, good_rows: bool = False
) -> ImportBatch:
    """Writes the rest of an interrupted import: its kept rows are checked again (those
    written before it stopped are found unchanged) and the others written."""
    batch = await _interrupted(actor, batch_id)
    async with in_transaction():
        claimed = await ImportBatch.filter(id=batch.id, status=ImportStatus.WRITING).update(
            status=ImportStatus.PREVIEWED, progress_at=None
        )
        if not claimed:
            raise Conflict(NOT_INTERRUPTED)
        await audit.record(actor, "resume", ENTITY, batch.id, commune_id=batch.commune_id)
    return await confirm(actor, var_dir, batch.id, decisions, good_rows=good_rows)


async def cancel(actor: Actor, var_dir: Path, batch_id: int) -> ImportBatch:
    """Drops a previewed import and its kept rows; or stops an interrupted one for good (the
    rows it wrote stay written)."""
    found = await get_batch(actor, batch_id)
    if interrupted(found):
        batch = await _interrupted(actor, batch_id)
        waiting = ImportStatus.WRITING
    else:
        batch = await _writable(actor, batch_id)
        waiting = ImportStatus.PREVIEWED
    async with in_transaction():
        claimed = await ImportBatch.filter(id=batch.id, status=waiting).update(
            status=ImportStatus.CANCELLED
        )
        if not claimed:
            raise Conflict(NOT_PREVIEWED)
        await audit.record(actor, "cancel", ENTITY, batch.id, commune_id=batch.commune_id)
    if batch.stored_name:
        _path(var_dir, batch).unlink(missing_ok=True)
    return await get_batch(actor, batch.id)


async def _recheck(
    actor: Actor, batch: ImportBatch, path: Path, decisions: Decisions
) -> tuple[Report, list[Outcome]]:
    """The kept rows (read back a chunk at a time, not read again from the file) against the
    database as it is now, with the officer's decisions."""
    commune = await Commune.get(id=batch.commune_id)
    disaster = await Disaster.get_or_none(id=batch.disaster_id) if batch.disaster_id else None
    places = await load_places(commune, disaster, local_today())
    report = Report(batch.report.get("headers", {}), batch.report.get("extra_columns", []))
    report.letters = batch.report.get("letters", {})
    report.sheet = batch.report.get("sheet", "")
    report.layout_rows = batch.report.get("layout", [])
    checker = await Checker.start(actor, places, report, decisions.rows)
    hamlets = {h.id: h for h in places.hamlets.values()}
    outcomes = []
    async for plain in _chunks(path):
        for start in range(0, len(plain), CHUNK):
            rows = store.rows_of(plain[start : start + CHUNK], hamlets)
            outcomes.append(await checker.check(rows))
    report.close()
    report.rows = batch.rows
    return report, outcomes


def remember(outcome: Outcome) -> None:
    """What the preview read of each household it will update: the confirmation writes over
    those versions only (the rows keep it in the preview's file)."""
    for row, household, found in outcome.update:
        row.seen = Seen(
            household.id,
            household.version,
            found.id if found is not None else None,
            found.version if found is not None else None,
        )


def _lost(report: Report, lost: Unwritten) -> None:
    """A row that lost to a save made after the preview: listed as a conflict with what the
    file said, or, when the record already says it all, counted as unchanged."""
    report.withdraw(lost.row.number, lost.counted, row_written=lost.household_written)
    if lost.entry["changes"]:
        report.add_conflict(lost.entry)
    elif not lost.household_written:
        report.unchanged += 1
        report.skipped += 1


async def confirm(
    actor: Actor,
    var_dir: Path,
    batch_id: int,
    decisions: Decisions,
    *,
    good_rows: bool = False,
) -> ImportBatch:
    """Writes the rows kept at the preview (`_confirm`), the collector's passes kept to the
    objects the import makes (relief.core.heap)."""
    with heap.young_only():
        return await _confirm(actor, var_dir, batch_id, decisions, good_rows=good_rows)


async def _confirm(
    actor: Actor,
    var_dir: Path,
    batch_id: int,
    decisions: Decisions,
    *,
    good_rows: bool = False,
) -> ImportBatch:
    """Writes the rows kept at the preview, WRITE_ROWS at a time, each piece with its audit
    entries in one short transaction, so that other requests wait a moment at most; the import
    is marked done, and a page's submission key kept, in the last one (relief.core.once).

    An import stopped halfway (the server killed) keeps its whole chunks and stays "writing";
    uploading the same file again finds those rows unchanged and writes the rest.

    `good_rows`: a file with errors is confirmed for its rows without (the officer chose to);
    the others stay listed, and come back as a sheet to correct (`bad_rows_sheet`)."""
    batch = await _writable(actor, batch_id)
    previous = await _already(batch.commune_id, batch.checksum)
    if previous is not None:
        raise Conflict(ALREADY_IMPORTED, id=previous.id)
    if batch.errors and not good_rows:
        raise Invalid({"file": HAS_ERRORS})
    if batch.errors and not takes_good_rows(batch.errors, batch.report):
        raise Invalid({"file": FILE_ERRORS})
    preview_errors = (batch.errors, list(batch.report.get("errors", [])))
    path = _path(var_dir, batch)
    if not batch.stored_name or not path.is_file():
        raise Conflict(FILE_GONE)
    report, outcomes = await _recheck(actor, batch, path, decisions)
    if good_rows:  # the bad rows stay out, with their errors: found now or at the preview
        report.error_count += preview_errors[0]
        report.errors = sorted(
            preview_errors[1] + report.errors,
            key=lambda e: -1 if e["row"] is None else e["row"],
        )
    if (report.error_count and not good_rows) or report.flagged:
        _apply(batch, report)
        if not report.error_count:  # undecided rows: still waiting for the officer
            await ImportBatch.filter(id=batch.id).update(flagged=batch.flagged, report=batch.report)
            raise Invalid({"decisions": UNDECIDED})
        batch.status = ImportStatus.FAILED
        await batch.save()
        path.unlink(missing_ok=True)
        raise Invalid({"file": HAS_ERRORS})
    claimed = await ImportBatch.filter(id=batch.id, status=ImportStatus.PREVIEWED).update(
        status=ImportStatus.WRITING, confirmed_at=datetime.now(UTC)
    )
    if not claimed:
        raise Conflict(NOT_PREVIEWED)
    written = 0
    for outcome in (piece for checked in outcomes for piece in pieces(checked)):
        try:
            async with in_transaction() as conn:
                unwritten = await write_chunk(actor, outcome, batch, conn)
                moved = ImportBatch.filter(id=batch.id).using_db(conn)
                await moved.update(progress_at=datetime.now(UTC))  # still moving
        except Exception:  # e.g. an ID number saved meanwhile by a form: the rest waits
            rows = [r.number for r in outcome.create] + [r.number for r, _, _ in outcome.update]
            _apply(batch, report)
            batch.status = ImportStatus.FAILED
            batch.report["write_failed"] = {"written": written, "row": min(rows, default=0)}
            async with in_transaction():  # the pieces written are recounted (reports.kept)
                await batch.save()
                after = {"written": written, "row": min(rows, default=0)}
                await audit.record(
                    actor, "write_stopped", ENTITY, batch.id, commune_id=batch.commune_id,
                    after=after,
                )  # fmt: skip
            path.unlink(missing_ok=True)
            raise Conflict(WRITE_FAILED, row=min(rows, default=0), written=written) from None
        written += len(outcome.create) + len(outcome.update)
        for lost in unwritten:
            _lost(report, lost)
        await asyncio.sleep(0)  # other requests' turn between transactions
    _apply(batch, report)
    kept = [o for outcome in outcomes for o in outcome.kept_duplicates]
    async with in_transaction():  # the last short transaction keeps the submission key
        await ImportBatch.filter(id=batch.id).update(
            status=ImportStatus.CONFIRMED,
            created=batch.created,
            updated=batch.updated,
            skipped=batch.skipped,
            flagged=0,
            errors=report.error_count if good_rows else 0,
            rows=batch.rows,
            report=batch.report,
            stored_name="",
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
                "unchanged": report.unchanged,
                "skipped": batch.skipped,
                "conflicts": report.conflict_count,
                "errors_left_out": report.error_count if good_rows else 0,
                "disaster_id": batch.disaster_id,
                "kept_duplicates": [{"row": n, "reason": r} for n, r in kept[:500]],
                # Whether a household moved to another hamlet, taking its records along: the
                # kept figures are recounted here, once for the import (relief.reports.kept).
                "moved": any(
                    row.hamlet is not None and row.hamlet.id != household.hamlet_id
                    for outcome in outcomes
                    for row, household, _ in outcome.update
                ),
            },
        )
        await once.record(batch)
    path.unlink(missing_ok=True)
    return await get_batch(actor, batch.id)


async def bad_rows_sheet(actor: Actor, var_dir: Path, batch_id: int) -> tuple[bytes, str]:
    """The rows of an import that were not taken in, as XLSX in the list's layout with each
    row's errors beside it, and the file's name."""
    batch = await get_batch(actor, batch_id)
    if not can(actor).import_records or not can(actor).write_commune(batch.commune_id):
        raise Forbidden()
    name = str(batch.report.get("bad_file") or "")
    path = store.folder(var_dir) / name
    if not name or "/" in name or not path.is_file():
        raise Conflict(NO_BAD_ROWS)
    data = await asyncio.to_thread(bad_rows.workbook, path)  # in the request's language
    return data, f"nhap-{batch.id}-dong-can-sua.xlsx"


REPORT_LISTS = ("errors", "flagged", "skipped", "changed", "conflicts")


def shown_report(actor: Actor, batch: ImportBatch) -> dict[str, Any]:
    """The preview's report as this actor may see it: the rows' ID numbers and phones only
    for whom the contact-details rule lets see the commune's households (relief.core.contacts)."""
    report = dict(batch.report)
    for name in REPORT_LISTS:
        entries = report.get(name) or []
        report[name] = [hide_contacts(actor, batch.commune_id, e) for e in entries]
    if not can(actor).see_contacts(batch.commune_id):  # a conflict's values, field by field
        report["conflicts"] = [
            {**e, "changes": [_hidden(c) for c in e.get("changes") or []]}
            for e in report["conflicts"]
        ]
    return report


def _hidden(change: dict[str, Any]) -> dict[str, Any]:
    if change.get("field") not in CONTACT_FIELDS:
        return change
    return {**change, "file": None, "current": None}
