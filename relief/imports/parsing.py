"""Reading an uploaded file row by row: XLSX (streamed) or CSV in the encodings communes use."""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.datetime import from_excel, from_ISO8601

from relief.core.errors import Invalid
from relief.imports.columns import match_header
from relief.imports.models import ImportKind

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
HEADER_SCAN = 30  # title lines above the header ("UBND XÃ THẦN XA", "DANH SÁCH …")
TOO_LARGE = "The file is larger than 20 MB: split it into several files."
TOO_MANY_ROWS = "The file has more than 100,000 rows: split it into several files."
NOT_A_TABLE = "This file is neither an Excel workbook (.xlsx) nor a CSV file."
NO_HEADER = (
    "No header row found: the file needs at least the columns of the hamlet and of the head of "
    "household's name. Download the template to see the columns."
)
UNREADABLE = "This Excel file cannot be read. Save it again as .xlsx and retry."
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _VALUE, _INLINE, _TEXT = (_NS + t for t in ("row", "c", "v", "is", "t"))
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def detect_kind(file_name: str, head: bytes) -> ImportKind:
    if head.startswith(b"PK\x03\x04"):
        return ImportKind.XLSX
    if file_name.lower().endswith((".xlsx", ".xlsm", ".xls")):
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
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return str(value).strip()


@dataclass
class Table:
    """The file's rows after its header: (row number as the spreadsheet shows it, cells)."""

    kind: ImportKind
    encoding: str
    header_row: int
    fields: list[str | None]  # per column: the field it fills, "" numbering, None unknown
    extra_columns: list[str]
    headers: dict[str, str]  # field -> the header as the file writes it
    rows: Iterator[tuple[int, list[Any]]] = field(repr=False)


def _find_header(rows: Iterator[tuple[int, list[Any]]]) -> tuple[int, list[Any]]:
    for number, cells in rows:
        matched = {match_header(cell_text(c)) for c in cells if cell_text(c)}
        if {"head_name", "hamlet"} <= matched:
            return number, cells
        if number >= HEADER_SCAN:
            break
    raise Invalid({"file": NO_HEADER})


def _table(kind: ImportKind, encoding: str, rows: Iterator[tuple[int, list[Any]]]) -> Table:
    number, cells = _find_header(rows)
    fields: list[str | None] = []
    extra: list[str] = []
    seen: dict[str, str] = {}
    for cell in cells:
        text = cell_text(cell)
        name = match_header(text) if text else None
        if name and name in seen:  # a second column of the same field is reported, not read
            name = None
        if name is None and text:
            extra.append(text)
        if name:
            seen[name] = text
        fields.append(name)
    return Table(kind, encoding, number, fields, extra, seen, rows)


def open_table(path: Path, kind: ImportKind) -> Table:
    if kind is ImportKind.XLSX:
        return _table(kind, "", _xlsx_rows(path))
    data = path.read_bytes()
    codec, shown = detect_encoding(data)
    return _table(kind, shown, _csv_rows(data.decode(codec, errors="replace")))


def _csv_rows(text: str) -> Iterator[tuple[int, list[Any]]]:
    text = text.lstrip("\ufeff")
    first = text[:4096].split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    yield from enumerate(reader, start=1)


def _merged_ranges(path: Path, sheet_path: str) -> list[tuple[int, int, int, int]]:
    """The merged ranges of a sheet, read from its XML (read-only mode does not keep them)."""
    found: list[tuple[int, int, int, int]] = []
    with zipfile.ZipFile(path) as archive, archive.open(sheet_path.lstrip("/")) as fh:
        tail = b""
        while chunk := fh.read(1 << 20):
            block = tail + chunk
            for match in _MERGE.finditer(block):
                min_col, min_row, max_col, max_row = range_boundaries(match.group(1).decode())
                found.append((min_row, max_row, min_col, max_col))
            tail = block[-200:]
    return sorted(set(found))


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any broken workbook gets the same message
        raise Invalid({"file": UNREADABLE}) from exc
    sheet = workbook.worksheets[0]
    sheet_path = sheet._worksheet_path.lstrip("/")
    try:
        merged = _merged_ranges(path, sheet_path)
    except (KeyError, zipfile.BadZipFile):
        merged = []
    return _fill_merged(_sheet_rows(path, sheet_path, workbook), merged)


def _column(ref: str) -> int:
    n = 0
    for ch in ref:
        if ch.isdigit():
            break
        n = n * 26 + ord(ch) - 64
    return n


def _sheet_rows(path: Path, sheet_path: str, workbook) -> Iterator[tuple[int, list[Any]]]:
    """Cells as values, formulas as their last computed value, dates as dates.

    The workbook is opened by openpyxl in read-only mode (shared strings, date styles, epoch);
    the cells are read here with one light loop, several times faster than openpyxl's own
    per-cell objects on files of 100,000 rows.
    """
    shared = workbook.shared_strings
    date_styles = workbook._date_formats
    epoch = workbook.epoch
    workbook.close()
    with zipfile.ZipFile(path) as archive, archive.open(sheet_path) as fh:
        counter = 0
        for _event, element in ElementTree.iterparse(fh, events=("end",)):
            if element.tag != _ROW:
                continue
            counter = int(element.get("r") or counter + 1)
            cells: list[Any] = []
            for cell in element.iter(_CELL):
                ref = cell.get("r")
                column = _column(ref) if ref else len(cells) + 1
                if column > len(cells) + 1:
                    cells.extend([None] * (column - len(cells) - 1))
                cells.append(_value(cell, shared, date_styles, epoch))
            element.clear()
            yield counter, cells


def _value(cell, shared, date_styles, epoch) -> Any:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        inline = cell.find(_INLINE)
        return "".join(t.text or "" for t in inline.iter(_TEXT)) if inline is not None else None
    text = cell.findtext(_VALUE)
    if text is None or text == "":
        return None
    if kind == "s":
        value = shared[int(text)]
        return value if isinstance(value, str) else str(value)
    if kind in ("str", "e"):
        return text if kind == "str" else None
    if kind == "b":
        return text == "1"
    if kind == "d":
        return from_ISO8601(text)
    number = float(text)
    style = cell.get("s")
    if style and int(style) in date_styles:
        try:
            return from_excel(number, epoch)
        except (OverflowError, ValueError):
            return None
    return int(number) if number.is_integer() and "E" not in text.upper() else number


def _fill_merged(
    rows: Iterator[tuple[int, list[Any]]], merged: list[tuple[int, int, int, int]]
) -> Iterator[tuple[int, list[Any]]]:
    """Every cell of a merged range takes the value of its top-left cell (a hamlet, say)."""
    if not merged:
        yield from rows
        return
    pending = list(merged)
    active: list[tuple[int, int, int, int, Any]] = []
    for number, cells in rows:
        while pending and pending[0][0] <= number:
            min_row, max_row, min_col, max_col = pending.pop(0)
            value = cells[min_col - 1] if min_row == number and len(cells) >= min_col else None
            active.append((min_row, max_row, min_col, max_col, value))
        active = [a for a in active if a[1] >= number]
        for _, _, min_col, max_col, value in active:
            if len(cells) < max_col:
                cells = cells + [None] * (max_col - len(cells))
            for col in range(min_col, max_col + 1):
                cells[col - 1] = value
        yield number, cells
