"""The checked rows of a preview, kept until the officer confirms, cancels, or 7 days pass.

Only rows that passed every check of their own are kept (never the uploaded file itself), so
that confirming checks them against the database again without reading the file again.
They are kept in chunks, each pickled on its own, so that the server reads them back a chunk
at a time (unpickling 100,000 rows at once would hold its event loop for a second).
The files are written and read by the server alone, under its var directory.
"""

from __future__ import annotations

import pickle
import struct
import time
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

import msgspec

from relief.households.records import HOUSEHOLD
from relief.imports.rows import Row
from relief.places.models import Hamlet

KEEP_DAYS = 7
FOLDER = "imports"


def folder(var_dir: Path) -> Path:
    return var_dir / FOLDER


# A row's household as its fields' values in order: a tuple of plain values pickles and
# unpickles about five times faster than the struct (pickled as its class and a dict).
_FIELDS = HOUSEHOLD.write.__struct_fields__


def _plain(r: Row) -> tuple:
    hamlet_id = r.hamlet.id if r.hamlet is not None else None
    return (
        r.number,
        msgspec.structs.astuple(r.data) if r.data is not None else None,
        hamlet_id,
        r.damage,
        r.name_key,
        r.duplicate_reason,
        r.code,
        r.version,
        r.seen,
    )


@contextmanager
def chunk_writer(path: Path) -> Iterator[Callable[[list[Any]], None]]:
    """A file of pickled lists, written one list (a chunk of rows) at a time."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:

        def write(items: list[Any]) -> None:
            pickle.dump(items, fh, protocol=pickle.HIGHEST_PROTOCOL)

        yield write


def read_chunks(path: Path) -> Generator[list[Any], None, None]:
    """The lists of a chunk file, one at a time (a file of one list reads as one chunk)."""
    with path.open("rb") as fh:
        while True:
            try:
                yield pickle.load(fh)
            except EOFError:
                return


# The reader's chunks reach the server while it is still reading: each is written whole after
# its length, and flushed, so that the server takes each chunk as soon as it is whole.
_LENGTH = struct.Struct("<Q")
NOT_YET = object()  # no whole item written after the last one taken


@contextmanager
def frame_writer(path: Path) -> Iterator[Callable[[Any], None]]:
    """A file of pickled items, each readable (`next_frame`) as soon as it is written."""
    with path.open("wb") as fh:

        def write(item: Any) -> None:
            data = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
            fh.write(_LENGTH.pack(len(data)))
            fh.write(data)
            fh.flush()

        yield write


def next_frame(fh: BinaryIO) -> Any:
    """The next item of a file `frame_writer` is writing, or NOT_YET when it is not whole
    yet (the file is left where it was, to be looked at again)."""
    at = fh.tell()
    head = fh.read(_LENGTH.size)
    if len(head) == _LENGTH.size:
        (size,) = _LENGTH.unpack(head)
        data = fh.read(size)
        if len(data) == size:
            return pickle.loads(data)
    fh.seek(at)
    return NOT_YET


def save_chunk(write: Callable[[list[Any]], None], rows: list[Row]) -> None:
    """Appends rows kept for the confirmation to a chunk file."""
    write([_plain(r) for r in rows])


def checked(rows: list[Row]) -> list[tuple]:
    """A chunk of rows as the file reader hands them to the server (`rows_of` reads them
    back): as kept, with each row's errors and former address."""
    return [(*_plain(r), r.errors, r.former) for r in rows]


def rows_of(plain: list[tuple], hamlets: dict[int, Hamlet]) -> list[Row]:
    """A chunk of kept (or checked) rows back as rows, with their hamlets."""
    rows = []
    write = HOUSEHOLD.write
    for kept in plain:
        number, data, hamlet_id, damage, name_key, reason, code, version = kept[:8]
        if isinstance(data, tuple):  # rows kept before: the struct itself
            data = write(**dict(zip(_FIELDS, data, strict=True)))
        row = Row(number, data=data, hamlet=hamlets.get(hamlet_id), damage=damage)
        row.name_key, row.duplicate_reason, row.code, row.version = name_key, reason, code, version
        # Rows kept before the preview recorded what it read have none: their households
        # are conflicts at the confirmation, never overwritten.
        row.seen = kept[8] if len(kept) > 8 else None
        if len(kept) > 9:  # checked rows: their errors and former address
            row.errors, row.former = kept[9], kept[10]
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
