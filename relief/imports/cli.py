"""`relief import households FILE --commune CODE`: the same preview and import as the pages."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from relief.core.i18n import current_language, gettext
from relief.core.scope import SYSTEM
from relief.imports import service
from relief.imports.models import ImportBatch


def _print_preview(batch: ImportBatch) -> None:
    report = batch.report
    print(f"File: {batch.file_name} ({batch.kind.value} {batch.encoding}) sha256 {batch.checksum}")
    print(
        f"Rows: {batch.rows}  create: {batch.created}  update: {batch.updated}  "
        f"skip: {batch.skipped}  likely duplicates: {batch.flagged}  errors: {batch.errors}"
    )
    if report.get("extra_columns"):
        print("Ignored columns: " + ", ".join(report["extra_columns"]))
    if report.get("already_imported"):
        print(gettext(service.ALREADY_IMPORTED, id=report["already_imported"]))
    for entry in report.get("errors", []):
        params = {k: v for k, v in entry.items() if k not in ("row", "column", "message")}
        print(f"  row {entry['row']}, {entry['column']}: {gettext(entry['message'], **params)}")
    for entry in report.get("flagged", []):
        others = [f"row {n}" for n in entry.get("rows", [])]
        others += [
            f"household {m['id']}" if m.get("id") else "another commune" for m in entry["matches"]
        ]
        print(f"  row {entry['row']}: likely duplicate of {', '.join(others)}")


def run_import(settings: Any, run: Any, args: argparse.Namespace) -> int:
    """Previews, then (unless --dry-run) imports; 0 when done or clean, 2 otherwise."""
    current_language.set("en")
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
        )
        if args.dry_run or batch.errors or batch.report.get("already_imported"):
            return batch, None
        if batch.flagged and not args.duplicates:
            return batch, None
        flagged = [d["row"] for d in batch.report.get("flagged", [])]
        reason = "Confirmed at import from the command line"
        decisions = service.Decisions({n: (args.duplicates, reason) for n in flagged})
        done = await service.confirm(SYSTEM, settings.var_dir, batch.id, decisions)
        return done, "done"

    batch, done = run(settings, work)
    _print_preview(batch)
    if done:
        print(f"Imported: import no. {batch.id}, {batch.created} created, {batch.updated} updated.")
        return 0
    if batch.errors or batch.flagged or batch.report.get("already_imported"):
        if batch.flagged and not batch.errors:
            print("Likely duplicates: decide with --duplicates keep|drop.")
        return 2
    print("Dry run: nothing written.")
    return 0
