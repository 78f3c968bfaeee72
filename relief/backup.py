"""Online backup of the SQLite database (SQLite's backup API), safe while the app writes."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

# Tables whose counts are reported after a backup, so a restore can be checked against them.
COUNTED = (
    "commune",
    "hamlet",
    "household",
    "damage_assessment",
    "aid_visit",
    "house_case",
    "contribution",
    "photo",
    "handover",
    "user",
    "audit_entry",
)


class BackupError(Exception):
    pass


@dataclass
class BackupResult:
    path: Path
    integrity: str
    counts: dict[str, int]


def sqlite_path(database_url: str) -> Path:
    if not database_url.startswith("sqlite://"):
        raise BackupError(
            "relief backup copies SQLite databases; back PostgreSQL up with pg_dump (see README)."
        )
    return Path(database_url.split("://", 1)[1].split("?", 1)[0])


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in COUNTED}


def backup(database_url: str, target: Path) -> BackupResult:
    """Copies the live database page by page into `target`, then checks the copy."""
    source_path = sqlite_path(database_url)
    target = target.resolve()
    if target.exists():
        raise BackupError(f"{target} exists already: choose a new file name.")
    if not source_path.exists():
        raise BackupError(f"No database at {source_path}.")
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True, timeout=30)
    copy = sqlite3.connect(target)
    try:
        # One step copies everything inside one read transaction: a consistent snapshot even
        # while other connections write (WAL lets them go on).
        source.backup(copy, pages=-1)
        integrity = copy.execute("PRAGMA integrity_check").fetchone()[0]
        return BackupResult(target, integrity, counts(copy))
    finally:
        copy.close()
        source.close()
