"""Reading an uploaded file row by row: .xlsx, .xls and .ods with calamine, or CSV.

Every spreadsheet goes through one reader (python-calamine: shared or inline strings, old
.xls, LibreOffice's .ods) after its bounds are checked (relief.imports.limits). The header is
looked for in the first rows of every sheet; the sheet whose header names the most known
columns is the list. These functions block: the server runs them in a worker process
(relief.imports.reader).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from relief.core.errors import Invalid
from relief.core.i18n import gettext
from relief.imports import legacy, limits
from relief.imports.columns import match_header
from relief.imports.limits import MAX_BYTES, MAX_ROWS, TOO_LARGE, TOO_MANY_ROWS, UNREADABLE
from relief.imports.models import ImportKind

__all__ = ["MAX_BYTES", "MAX_ROWS", "TOO_LARGE", "TOO_MANY_ROWS", "Table", "open_table"]

HEADER_SCAN = 30  # title lines above the header ("UBND XÃ THẦN XA", "DANH SÁCH …")
NOT_A_TABLE = "This file is neither a spreadsheet (.xlsx, .xls, .ods) nor a CSV file."
NO_HEADER = (
    "No header row found: the file needs at least the column of the head of household's name "
    "(“Họ và tên chủ hộ”, “Tên chủ hộ”) in its first 30 rows. Download the template to see the "
    "columns."
)
MIXED_ENCODINGS = (
    "This file's text mixes two old font encodings, TCVN3 (ABC, the .VnTime fonts) and VNI "
    "(the VNI-Windows fonts), and which cell is in which cannot be told: convert the file to "
    "Unicode (for example with Unikey's converter) and upload it again."
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS = b"application/vnd.oasis.opendocument.spreadsheet"


def detect_kind(file_name: str, head: bytes) -> ImportKind:
    if head.startswith(b"PK\x03\x04"):
        return ImportKind.ODS if _ODS in head[:200] else ImportKind.XLSX
    if head.startswith(_OLE):
        return ImportKind.XLS
    if file_name.lower().endswith((".xlsx", ".xlsm", ".xls", ".ods")):
        raise Invalid({"file": UNREADABLE})
    bom = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if b"\x00" in head[:4096] and not bom and not _looks_utf16(head):
        raise Invalid({"file": NOT_A_TABLE})
    return ImportKind.CSV


def _looks_utf16(head: bytes) -> bool:
    sample = head[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) > len(sample) // 4


def detect_encoding(data: bytes) -> tuple[str, str]:
    """(Python codec, name shown): BOMs first, then strict UTF-8, else Windows-1258."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "UTF-8 (BOM)"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "UTF-16"
    if _looks_utf16(data[:4096]):
        zeros_at_odd = data[1:4096:2].count(0) > data[0:4096:2].count(0)
        return ("utf-16-le", "UTF-16") if zeros_at_odd else ("utf-16-be", "UTF-16")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1258", "Windows-1258"
    return "utf-8", "UTF-8"


def cell_text(value: Any) -> str:
    """A cell as text: dates as dd/mm/yyyy, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time | timedelta):
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return str(value).strip()


def _plain(value: Any) -> Any:
    """A calamine value as the rows expect it: blank as None, whole floats as int."""
    if value == "":
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


Rows = Iterator[tuple[int, list[Any]]]


@dataclass
class Table:
    """The rows after the header: (row number as the spreadsheet shows it, cells)."""

    kind: ImportKind
    encoding: str
    sheet: str
    header_row: int
    fields: list[str | None]  # per column: the field it fills, "" numbering, None unknown
    extra_columns: list[str]
    headers: dict[str, str]  # field -> the header as the file writes it
    columns: dict[str, str]  # field -> the column's letter
    rows: Rows = field(repr=False)
    texts: list[str] = field(default_factory=list)  # per column: its heading as written
    # The rows above the header (a title, a bank statement's account and period lines).
    above: list[list[Any]] = field(default_factory=list)


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


Matcher = Callable[[str], str | None]


@dataclass(frozen=True)
class Headings:
    """How a kind of list names its columns: the field a heading fills (None: unknown, "": a
    numbering column), the field without which a row is not the header, and the refusal of a
    file with no such row."""

    match: Matcher = match_header
    key: str = "head_name"
    missing: str = NO_HEADER


HOUSEHOLDS = Headings()


def _score(cells: list[Any], headings: Headings) -> int:
    named = {headings.match(cell_text(c)) for c in cells if isinstance(c, str) and c.strip()}
    named.discard(None)
    named.discard("")
    return len(named) if headings.key in named else 0


def _header_in(rows: Rows, headings: Headings) -> tuple[int, int, list[Any], list[list[Any]]]:
    """(score, row number, cells, the rows above it) of the best header among a sheet's
    first rows."""
    best: tuple[int, int, list[Any], list[list[Any]]] = (0, 0, [], [])
    seen: list[list[Any]] = []
    for number, cells in rows:
        if number > HEADER_SCAN:
            break
        score = _score(cells, headings)
        if score > best[0]:
            best = (score, number, cells, list(seen))
        seen.append(cells)
    return best


def _table(
    kind: ImportKind, encoding: str, sheet: str, header: tuple, rows: Rows, headings: Headings
) -> Table:
    _score, number, cells, above = header
    fields: list[str | None] = []
    extra: list[str] = []
    seen: dict[str, str] = {}
    letters: dict[str, str] = {}
    texts: list[str] = []
    for index, cell in enumerate(cells, start=1):
        text = cell_text(cell)
        texts.append(text)
        name = headings.match(text) if text else None
        if name and name in seen:  # a second column of the same field is reported, not read
            name = None
        if name is None and text:
            extra.append(text)
        if name:
            seen[name] = text
            letters[name] = column_letter(index)
        fields.append(name)
    body = ((n, c) for n, c in rows if n > number)
    return Table(kind, encoding, sheet, number, fields, extra, seen, letters, body, texts, above)


def open_table(data: bytes, kind: ImportKind, headings: Headings = HOUSEHOLDS) -> Table:
    """The list of the file: its best sheet, the header found (named as `headings` name
    columns: a list of households by default), the rows below it."""
    if kind is ImportKind.CSV:
        limits.check_csv(data)
        codec, shown = detect_encoding(data)
        text = data.decode(codec, errors="replace")
        convert: Converter = None
        if codec == "cp1258":  # not UTF-8: perhaps the one-byte fonts of old lists
            raw = data.decode("latin-1")
            convert = _converter(legacy.legacy_encoding(raw))
            if convert is not None:
                text, shown = raw, legacy.TCVN3_NAME if convert is _TCVN3 else legacy.VNI_NAME
        header = _header_in(_csv_rows(text, convert), headings)  # the first lines only
        if not header[0]:
            raise Invalid({"file": headings.missing})
        return _table(kind, shown, "", header, _csv_rows(text, convert), headings)  # again
    if kind in (ImportKind.XLSX, ImportKind.ODS):
        limits.check_zip(data)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        best: tuple[tuple[int, int, list[Any], list[list[Any]]], Any, Converter] | None = None
        for name in book.sheet_names[: limits.MAX_SHEETS]:
            sheet = book.get_sheet_by_name(name)
            if sheet.height > limits.MAX_SHEET_ROWS or sheet.width > limits.MAX_COLUMNS:
                raise Invalid({"file": gettext(limits.PART_TOO_LARGE)})
            convert = _legacy(sheet)
            header = _header_in(_sheet_rows(sheet, convert), headings)
            if header[0] and (best is None or header[0] > best[0][0]):
                best = (header, sheet, convert)
    except (CalamineError, ValueError, OSError) as exc:
        raise Invalid({"file": UNREADABLE}) from exc
    if best is None:
        raise Invalid({"file": headings.missing})
    header, sheet, convert = best
    shown = {_TCVN3: legacy.TCVN3_NAME, _VNI: legacy.VNI_NAME}.get(convert, "")
    return _table(kind, shown, sheet.name, header, _sheet_rows(sheet, convert), headings)


Converter = Callable[[str], str] | None
_TCVN3: Converter = legacy.tcvn3_to_unicode
_VNI: Converter = legacy.vni_to_unicode


def _converter(encoding: str | None) -> Converter:
    """How each cell of a text in `encoding` (legacy.legacy_encoding) becomes Unicode; a
    text mixing two old encodings is refused, naming them."""
    if encoding == legacy.MIXED:
        raise Invalid({"file": MIXED_ENCODINGS})
    return {legacy.TCVN3_NAME: _TCVN3, legacy.VNI_NAME: _VNI}.get(encoding or "")


def _legacy(sheet: Any) -> Converter:
    """Text in a sheet's cells typed in the old fonts (TCVN3's .VnTime, VNI's VNI-Times):
    converted cell by cell; both in one sheet refused."""
    texts = []
    for index, row in enumerate(sheet.iter_rows()):
        if index >= 200:
            break
        texts += [v for v in row if isinstance(v, str)]
    return _converter(legacy.legacy_encoding(" ".join(texts)))


def _csv_rows(text: str, convert: Converter = None) -> Rows:
    text = text.lstrip("\ufeff")
    first = text[:4096].split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for number, cells in enumerate(reader, start=1):
        if convert is not None:
            cells = [convert(c) for c in cells]
        yield number, [_unescaped(c) if c.strip() else None for c in cells]


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _unescaped(cell: str) -> str:
    """ "'=SUM…" -> "=SUM…": the apostrophe that exports put before formula-like text."""
    return cell[1:] if cell.startswith("'") and cell[1:2].startswith(_FORMULA_STARTS) else cell


def _merges(sheet: Any) -> dict[int, list[tuple[int, int, int]]]:
    """Row -> (first row, first column, last column) of the merged ranges covering it below
    their first row: a hamlet merged down over its households is read on each of them."""
    ranges = getattr(sheet, "merged_cell_ranges", None) or []
    if len(ranges) > limits.MAX_MERGED:
        raise Invalid({"file": gettext(limits.TOO_MANY_MERGED, sheet=sheet.name)})
    below: dict[int, list[tuple[int, int, int]]] = {}
    for (r0, c0), (r1, c1) in ranges:
        if r1 >= limits.MAX_SHEET_ROWS or c1 >= limits.MAX_COLUMNS:
            ref = f"{column_letter(c0 + 1)}{r0 + 1}:{column_letter(c1 + 1)}{r1 + 1}"
            raise Invalid({"file": gettext(limits.MERGED_TOO_LARGE, sheet=sheet.name, ref=ref)})
        for row in range(r0 + 1, r1 + 1):
            below.setdefault(row, []).append((r0, c0, c1))
    return below


def _sheet_rows(sheet: Any, convert: Converter = None) -> Rows:
    """Cells as values (formulas as their last computed value), merged ranges filled down;
    text converted to Unicode by `convert` (a sheet in TCVN3)."""
    start_row, start_col = sheet.start or (0, 0)
    pad = [None] * start_col
    below = _merges(sheet)
    kept: dict[int, list[Any]] = {}  # first rows of merged ranges still needed below
    firsts = {r0 for spans in below.values() for r0, _, _ in spans}
    for index, raw in enumerate(sheet.iter_rows()):
        row = start_row + index
        # _plain of each cell, written out: a call per cell was a third of this loop.
        cells = pad + [
            None
            if v == ""
            else int(v)
            if isinstance(v, float) and v.is_integer() and abs(v) < 1e15
            else v
            for v in raw
        ]
        if convert is not None:
            cells = [convert(c) if isinstance(c, str) else c for c in cells]
        for r0, c0, c1 in below.get(row, ()):
            top = kept.get(r0, [])
            for col in range(c0, c1 + 1):
                if col < len(top) and col < len(cells) and cells[col] is None:
                    cells[col] = top[col]
        if row in firsts:
            kept[row] = cells
        yield row + 1, cells
