"""Test files made once and kept on disk until what makes them changes.

Writing a list of thousands of households with openpyxl costs a second or more of CPU, a list
of a few rows some 30 ms, and zipping an attack file up to half a second; every test process
made them again at every run. They are kept in `.pytest_cache`, like the migrated databases
(tests/databases.py): in a folder named by a digest of the modules that make them and of
openpyxl's version, each file named by a digest of what it is made from (its rows, headers,
sizes). A change to any of those makes new files.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl

from tests import cache

CACHE = cache.ROOT / "relief-import-files"
_HERE = Path(__file__).resolve().parent
_MAKERS = [_HERE / "kept.py", _HERE / "files.py", _HERE / "attacks.py"]


@functools.cache
def _folder() -> Path:
    folder = CACHE / cache.digest(_MAKERS, openpyxl.__version__.encode())
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        for old in CACHE.iterdir():  # files of makers that have changed since
            if old != folder:
                shutil.rmtree(old, ignore_errors=True)
    return folder


def kept(make: Callable[[], bytes], *made_of: Any) -> bytes:
    """`make()`, read back from disk when a file made of the same `made_of` (its kind and
    arguments, given as values whose repr says all of them) was kept before."""
    path = _folder() / hashlib.sha256(repr(made_of).encode()).hexdigest()[:32]
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    data = make()
    building = path.with_name(f"{path.name}.{os.getpid()}.building")
    building.write_bytes(data)
    os.replace(building, path)  # whole or not at all, whichever process writes it first
    return data
