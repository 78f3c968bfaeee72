"""What the tests make once and keep in `.pytest_cache` until what makes it changes: the
migrated databases (tests/databases.py) and the import files (tests/imports/kept.py)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from relief import PROJECT_ROOT

ROOT = PROJECT_ROOT / ".pytest_cache"


def digest(paths: Iterable[Path], *extra: bytes) -> str:
    """A short digest of these files (names and contents) and of `extra`: the name under which
    what they make is kept."""
    hashed = hashlib.sha256()
    for value in extra:
        hashed.update(value + b"\0")
    for path in paths:
        hashed.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return hashed.hexdigest()[:16]
