"""`relief import households FILE --commune CODE`: the same preview and import as the pages,
in the language of RELIEF_DEFAULT_LANGUAGE."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path
from typing import Any

from relief.core.actor import SYSTEM
from relief.core.errors import Invalid
from relief.core.i18n import current_language, gettext
from relief.imports import conflicts, service
from relief.imports.messages import conflict_lines, described, layout_lines, summary
from relief.imports.models import ImportBatch
from relief.imports.validation import takes_good_rows


def _print_preview(batch: ImportBatch) -> None:
    report = batch.report
    print(
        gettext("File: {name} ({kind} {encoding}) sha256 {checksum}").format(
            name=batch.file_name,
            kind=batch.kind.value,
            encoding=batch.encoding,
            checksum=batch.checksum,
        )
    )
    if report.get("sheet"):
        print(gettext("Sheet: {sheet}").format(sheet=report["sheet"]))
    print(summary(batch))
    if report.get("names"):
        print(gettext("Names as read:") + " " + "; ".join(report["names"]))
    if report.get("extra_columns"):
        print(gettext("Ignored columns:") + " " + ", ".join(report["extra_columns"]))
    for line in layout_lines(report):
        print("  " + line)
    for entry in described(report):
        print("  " + entry["line"])
    for entry in report.get("flagged", []):
        others = [gettext("row {n}").format(n=n) for n in entry.get("rows", [])]
        others += [
            gettext("household {id}").format(id=m["id"])
            if m.get("id")
            else gettext("a household of another commune")
            for m in entry["matches"]
        ]
        line = gettext("row {row}: likely duplicate of {others}")
        print("  " + line.format(row=entry["row"], others=", ".join(others)))
    conflicts = conflict_lines(report)
    if conflicts:
        print(gettext("Conflicts: rows not written, their household changed in Relief:"))
        for line in conflicts:
            print("  " + line)
        settle = gettext("Settle each: relief import conflict {id} ROW --take record|file")
        print(settle.format(id=batch.id))


def settle_conflict(settings: Any, run: Any, args: argparse.Namespace) -> None:
    """Keeps the record, or takes the file's values, for one conflict of a done import."""
    current_language.set(settings.default_language)

    async def work() -> ImportBatch:
        return await conflicts.settle(SYSTEM, args.import_id, args.row, args.take)

    try:
        run(settings, work)
    except Invalid as exc:
        raise Invalid({k: gettext(m) for k, m in exc.field_errors.items()}) from None
    done = (
        gettext("Settled: the file's values taken")
        if args.take == "file"
        else gettext("Settled: the record kept")
    )
    print(gettext("Row {row}: {message}").format(row=args.row, message=done))


def resume_import(settings: Any, run: Any, args: argparse.Namespace) -> None:
    """Writes the rest of an interrupted import, or cancels it (`--cancel`)."""
    current_language.set(settings.default_language)

    async def work() -> ImportBatch:
        if args.cancel:
            return await service.cancel(SYSTEM, settings.var_dir, args.import_id)
        decisions = service.Decisions({})
        return await service.resume(
            SYSTEM, settings.var_dir, args.import_id, decisions, good_rows=args.good_rows
        )

    try:
        batch = run(settings, work)
    except Invalid as exc:
        raise Invalid({k: gettext(m) for k, m in exc.field_errors.items()}) from None
    print(summary(batch))


def run_import(settings: Any, run: Any, args: argparse.Namespace) -> int:
    """Previews, then (unless --dry-run) imports; 0 when done or clean, 1 when done but with
    rows listed as conflicts (not written: their household changed in Relief), 2 otherwise."""
    current_language.set(settings.default_language)
    path = Path(args.file)
    data = path.read_bytes()

    async def work() -> tuple[ImportBatch, str | None]:
        batch = await service.upload(
            SYSTEM,
            settings.var_dir,
            path.name,
            data,
            commune_code=args.commune,
            disaster_id=args.disaster,
            assessed_on=args.assessed_on,
            dry_run=args.dry_run,
            read_here=True,  # nothing else waits for this process
        )
        if batch.errors and args.bad_rows and not args.dry_run:
            sheet, _name = await service.bad_rows_sheet(SYSTEM, settings.var_dir, batch.id)
            await asyncio.to_thread(Path(args.bad_rows).write_bytes, sheet)
        good_rows = bool(batch.errors) and args.good_rows
        if args.dry_run or (batch.errors and not good_rows):
            return batch, None
        if batch.flagged and not args.duplicates:
            return batch, None
        flagged = [d["row"] for d in batch.report.get("flagged", [])]
        reason = gettext("Confirmed at import from the command line")
        decisions = service.Decisions({n: (args.duplicates, reason) for n in flagged})
        done = await service.confirm(
            SYSTEM, settings.var_dir, batch.id, decisions, good_rows=good_rows
        )
        return done, "done"

    try:
        batch, done = run(settings, work)
    except Invalid as exc:  # said once on stderr, in the officer's language
        raise Invalid({k: gettext(m) for k, m in exc.field_errors.items()}) from None
    _print_preview(batch)
    if batch.errors and args.bad_rows and not args.dry_run:
        print(gettext("Rows to correct written to {path}").format(path=args.bad_rows))
    if done:
        line = gettext("Imported: import no. {id}, {created} created, {updated} updated.")
        print(line.format(id=batch.id, created=batch.created, updated=batch.updated))
        if batch.errors:  # the good rows only: the others wait for their correction
            print(gettext("Rows with errors not imported: correct them and import them again."))
            return 2
        return 1 if batch.report.get("conflict_count") else 0
    if batch.errors or batch.flagged:
        if batch.errors and takes_good_rows(batch.errors, batch.report):
            print(gettext("Import the rows without errors with --good-rows."))
        if batch.flagged and not batch.errors:
            print(gettext("Likely duplicates: decide with --duplicates keep|drop."))
        return 2
    print(gettext("Dry run: nothing written."))
    return 0
