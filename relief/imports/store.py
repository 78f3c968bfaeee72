"""The checked rows of a preview, kept until the officer confirms, cancels, or 7 days pass.

Only rows that passed every check of their own are kept (never the uploaded file itself), so
that confirming checks them against the database again without reading the file again.
The files are written and read by the server alone, under its var directory.
"""

from __future__ import annotations

import pickle
import time
from pathlib import Path

from relief.imports.rows import Row
from relief.places.models import Hamlet

KEEP_DAYS = 7
FOLDER = "imports"


def folder(var_dir: Path) -> Path:
    return var_dir / FOLDER


def save_rows(path: Path, rows: list[Row]) -> None:
    plain = [
        (
            r.number,
            r.data,
            r.hamlet.id if r.hamlet is not None else None,
            r.damage,
            r.name_key,
            r.duplicate_reason,
            r.code,
            r.version,
        )
        for r in rows
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_bytes(pickle.dumps(plain, protocol=pickle.HIGHEST_PROTOCOL))
    partial.replace(path)


def load_rows(path: Path, hamlets: dict[int, Hamlet]) -> list[Row]:
    rows = []
    for number, data, hamlet_id, damage, name_key, reason, code, version in pickle.loads(
        path.read_bytes()
    ):
        row = Row(number, data=data, hamlet=hamlets.get(hamlet_id), damage=damage)
        row.name_key, row.duplicate_reason, row.code, row.version = name_key, reason, code, version
        rows.append(row)
    return rows


def purge(var_dir: Path, now: float | None = None) -> list[str]:
    """Deletes the kept rows (and any older upload) past KEEP_DAYS; returns their names."""
    root = folder(var_dir)
    if not root.is_dir():
        return []
    limit = (now or time.time()) - KEEP_DAYS * 86400
    gone = []
    for path in root.iterdir():
        if path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            gone.append(path.name)
    return gone
