"""Spreadsheet cells that are safe to open: text stays text, never a formula.

A cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a
formula by Excel and LibreOffice when a CSV file is opened (OWASP "CSV injection"): such text
gets a leading apostrophe in CSV, which spreadsheets show as text. In XLSX the cell is typed
as a string, so it is never a formula whatever it starts with. Characters that XLSX cannot
hold (C0 controls) are dropped rather than failing the whole file.
"""

from __future__ import annotations

from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet.worksheet import Worksheet

from relief.core.text import clean_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A value for a CSV cell: text a spreadsheet would run is prefixed with an apostrophe."""
    if not isinstance(value, str):
        return value
    text = clean_text(value)
    return (
        "'" + text if value.startswith(FORMULA_STARTS) or text.startswith(FORMULA_STARTS) else text
    )


def xlsx_cell(sheet: Worksheet, value: Any) -> Any:
    """A value for `sheet.append`: text becomes a string cell, never a formula."""
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"
    return cell
