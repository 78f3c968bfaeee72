"""What a file may hold, checked before a reader spends memory on it.

A spreadsheet is a zip of XML parts: a few kilobytes can declare millions of rows, a cell at
column ZZZZZ, a merged range over a whole sheet or a million shared strings, and a reader
that trusts them builds a grid of that size. Each worksheet is scanned here as a stream
(never held whole) and refused with a clear message before it is read; a CSV's lines are
counted before it is parsed.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

from relief.core.errors import Invalid
from relief.core.i18n import gettext

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000  # data rows of a file
MAX_SHEET_ROWS = MAX_ROWS + 1_000  # rows of a sheet, blank and layout rows included
MAX_COLUMNS = 100  # column CV
MAX_CELL_CHARS = 2_000
MAX_MERGED = 10_000  # merged ranges of a sheet
MAX_SHARED_STRINGS = 2_000_000
MAX_PART_BYTES = 256 * 1024 * 1024  # one XML part, unpacked
MAX_SHARED_BYTES = 64 * 1024 * 1024
MAX_SHEETS = 50
_CHUNK = 1 << 20

TOO_LARGE = "The file is larger than 20 MB: split it into several files."
TOO_MANY_ROWS = "The file has more than 100,000 rows: split it into several files."
SHEET_TOO_LONG = (
    "Sheet “{sheet}” has more than {limit} rows, blank ones included: delete the empty rows "
    "below the list, or split it into several files."
)
SHEET_TOO_WIDE = (
    "Sheet “{sheet}” uses column {column}, beyond column CV (100 columns): delete the columns "
    "right of the list."
)
DIMENSION_TOO_LARGE = (
    "Sheet “{sheet}” declares a size of {ref}, more than {limit} rows or 100 columns: save "
    "the list again in a new file."
)
MERGED_TOO_LARGE = (
    "Sheet “{sheet}” merges cells {ref}, beyond the list's rows or columns: unmerge them."
)
TOO_MANY_MERGED = "Sheet “{sheet}” has more than 10,000 merged ranges: unmerge them."
TOO_MANY_STRINGS = (
    "The file holds more text than a list of 100,000 households can (shared strings): save "
    "it again, or split it."
)
PART_TOO_LARGE = "The file unpacks to more than a list of 100,000 households can hold."
TOO_MANY_SHEETS = "The file has more than 50 sheets: keep only the list."
CELL_TOO_LONG = "This cell holds more than 2,000 characters."
CSV_TOO_MANY_LINES = (
    "The file has {rows} lines counting blank ones (at most {limit}): delete the empty lines, "
    "or split it into several files."
)
UNREADABLE = "This spreadsheet cannot be read. Save it again as .xlsx and retry."

# Each pattern starts with literal text, so that scanning a sheet of 100,000 rows is quick.
_ROW = re.compile(rb'<row r="(\d+)"')
# A cell reference beyond column CV: three or more letters, or D?..Z? and CW..CZ.
_WIDE_CELL = re.compile(rb' r="((?:[A-Z]{3,}|[D-Z][A-Z]|C[W-Z])\d+)"')
_DIMENSION = re.compile(rb'<dimension ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"')
_MERGE = re.compile(rb'<mergeCell ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"')
_REF = re.compile(r"([A-Z]+)(\d+)")
_OVERLAP = 256  # bytes kept between chunks so that no tag is cut in two


def column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _corner(ref: str) -> tuple[int, int]:
    """(row, column) of the bottom-right corner of "A1" or "A1:D20"."""
    match = _REF.fullmatch(ref.split(":")[-1])
    if match is None:
        return 0, 0
    return int(match.group(2)), column_number(match.group(1))


def _stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int):
    """A part's bytes in overlapping chunks; refused past `cap` unpacked bytes."""
    read = 0
    tail = b""
    with archive.open(info) as fh:
        while chunk := fh.read(_CHUNK):
            read += len(chunk)
            if read > cap:
                raise Invalid({"file": PART_TOO_LARGE})
            yield tail + chunk, len(tail)
            tail = chunk[-_OVERLAP:]


def _check_sheet(archive: zipfile.ZipFile, info: zipfile.ZipInfo, sheet: str) -> None:
    rows = 0
    last_row = 0
    merged = 0
    first = True
    for block, skip in _stream(archive, info, MAX_PART_BYTES):
        fresh = block[skip:]
        rows += fresh.count(b"<row") + fresh.count(b":row ") + fresh.count(b":row>")
        at = block.rfind(b'<row r="')  # rows come in order: the block's last is its largest
        if at >= 0 and (match := _ROW.match(block, at)):
            last_row = max(last_row, int(match.group(1)))
        if max(rows, last_row) > MAX_SHEET_ROWS:
            raise Invalid({"file": _fill(SHEET_TOO_LONG, sheet=sheet)})
        wide = _WIDE_CELL.search(block)
        if wide is not None:
            column = re.sub(r"\d", "", wide.group(1).decode())
            raise Invalid({"file": _fill(SHEET_TOO_WIDE, sheet=sheet, column=column)})
        dimension = _DIMENSION.search(block) if first else None
        first = False
        if dimension is not None:
            ref = dimension.group(1).decode()
            row, col = _corner(ref)
            if row > MAX_SHEET_ROWS or col > MAX_COLUMNS:
                raise Invalid({"file": _fill(DIMENSION_TOO_LARGE, sheet=sheet, ref=ref)})
        merges = _MERGE.finditer(block, max(0, skip - 64)) if b"<mergeCell " in block else ()
        for match in merges:
            merged += 1
            ref = match.group(1).decode()
            row, col = _corner(ref)
            if row > MAX_SHEET_ROWS or col > MAX_COLUMNS:
                raise Invalid({"file": _fill(MERGED_TOO_LARGE, sheet=sheet, ref=ref)})
        if merged > MAX_MERGED:
            raise Invalid({"file": _fill(TOO_MANY_MERGED, sheet=sheet)})


def _check_shared_strings(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    count = 0
    for block, skip in _stream(archive, info, MAX_SHARED_BYTES):
        fresh = block[skip:]
        count += fresh.count(b"<si>") + fresh.count(b"<si ") + fresh.count(b":si>")
        if count > MAX_SHARED_STRINGS:
            raise Invalid({"file": TOO_MANY_STRINGS})


def _fill(message: str, **params: str) -> str:
    """The message in the user's language with its figures (the caller's context language)."""
    return gettext(message, limit=f"{MAX_SHEET_ROWS:,}".replace(",", "."), **params)


def check_zip(data: bytes) -> None:
    """An .xlsx or .ods file: every part within bounds before any reader opens it."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise Invalid({"file": UNREADABLE}) from exc
    sheets = [
        i for i in infos if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")
    ]
    if len(sheets) > MAX_SHEETS:
        raise Invalid({"file": TOO_MANY_SHEETS})
    try:
        for info in infos:
            if info.filename.endswith(".xml") and info.file_size > MAX_PART_BYTES:
                raise Invalid({"file": PART_TOO_LARGE})
            if info.filename == "xl/sharedStrings.xml":
                _check_shared_strings(archive, info)
        names = _sheet_names(archive, infos)
        for number, info in enumerate(sheets, start=1):
            _check_sheet(archive, info, names.get(info.filename, str(number)))
        content = next((i for i in infos if i.filename == "content.xml"), None)
        if content is not None:  # OpenDocument: one part for every sheet
            for _block, _skip in _stream(archive, content, MAX_PART_BYTES):
                pass
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise Invalid({"file": UNREADABLE}) from exc


_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"')


def _sheet_names(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> dict[str, str]:
    """Worksheet part -> the sheet's name as the officer sees it on its tab (best effort)."""
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return {}
    if any(i.file_size > _CHUNK * 4 for i in infos if i.filename.startswith("xl/workbook")):
        return {}
    book = archive.read("xl/workbook.xml")
    rels = archive.read("xl/_rels/workbook.xml.rels")
    targets = {m.group(1): m.group(2).decode().lstrip("/") for m in _REL.finditer(rels)}
    found = {}
    for match in _SHEET.finditer(book):
        target = targets.get(match.group(2), "")
        path = target if target.startswith("xl/") else f"xl/{target}"
        found[path] = match.group(1).decode("utf-8", "replace")
    return found


def check_csv(data: bytes) -> None:
    """Lines (blank ones too) counted before the file is decoded and parsed."""
    lines = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")
    if lines > MAX_SHEET_ROWS:
        shown = f"{lines:,}".replace(",", ".")
        raise Invalid({"file": _fill(CSV_TOO_MANY_LINES, rows=shown)})
