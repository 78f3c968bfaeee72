"""Spreadsheets for download: tables written as Excel (openpyxl) or CSV files.

Numbers stay numbers in Excel (formatted as such), headers are translated (Vietnamese by
default), one sheet per table, the header row frozen, columns as wide as their content; the
"as of" date and the unit are in the print header and the workbook's properties, never a data
row (so that a list exported is a list that imports). Text is always a string cell, never a
formula. CSV is UTF-8 with a BOM, separated by ";" with decimal commas, as a spreadsheet set
to Vietnamese reads it; text that a spreadsheet would run as a formula gets a leading
apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from relief.core.cells import safe_cell, xlsx_cell
from relief.core.i18n import gettext

MONEY_FORMAT = '#,##0" ₫"'
INT_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0%"
PLAIN_FORMAT = "0"  # years and codes: no thousands separator
# Wider than this (in character widths, the sum of the columns) prints landscape: an A4
# portrait page holds about 90 at the default font, a landscape one about 130.
PORTRAIT_WIDTH = 90
MIN_WIDTH, MAX_WIDTH = 6, 60


@dataclass
class Column:
    header: str  # a message id, translated when written
    kind: str = "text"  # text, int, money, percent, date, year (a plain number)
    # A heading made of a code's label (from the registry) instead of a message of its own.
    words: Callable[[], str] | None = None

    def title(self) -> str:
        return self.words() if self.words else gettext(self.header)


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[list[Any]]


_FORMATS = {
    "int": INT_FORMAT,
    "money": MONEY_FORMAT,
    "percent": PERCENT_FORMAT,
    "date": "DD/MM/YYYY",
    "year": PLAIN_FORMAT,
    "code": PLAIN_FORMAT,
}


def print_setup(
    sheet: Worksheet, *, title_rows: str = "1:1", stamp: str = "", landscape: bool | None = None
) -> None:
    """A sheet ready to print, as every spreadsheet Relief hands out: A4, one page wide (as
    many pages down as it takes), landscape when its columns are wider than a portrait page
    (or as `landscape` says), the rows `title_rows` (its header) repeated on every page, the
    as-of line `stamp` in the page header, page numbers in the footer."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    if landscape is None:
        widths = [
            sheet.column_dimensions[get_column_letter(i)].width or 9
            for i in range(1, sheet.max_column + 1)
        ]
        landscape = sum(widths) > PORTRAIT_WIDTH
    sheet.page_setup.orientation = (
        sheet.ORIENTATION_LANDSCAPE if landscape else sheet.ORIENTATION_PORTRAIT
    )
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = title_rows
    assert sheet.oddHeader is not None and sheet.oddFooter is not None  # a sheet has both
    if stamp:
        sheet.oddHeader.right.text = stamp.replace("&", "&&")
    sheet.oddFooter.right.text = "&P / &N"


def _width(header: str, values: list[Any]) -> float:
    """A column as wide as its longest text (header or one of the first rows)."""
    longest = len(header)
    for value in values[:2000]:
        text = value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else str(value or "")
        if isinstance(value, int | float) and not isinstance(value, bool):
            text = f"{value:,.0f}" if abs(value) >= 1000 else str(value)
        longest = max(longest, len(text))
    return max(MIN_WIDTH, min(MAX_WIDTH, longest * 1.15 + 2))


def to_xlsx(
    tables: list[Table], stamp: str, unit: str = "", *, landscape: bool | None = None
) -> bytes:
    """The tables as a workbook, a sheet each, ready to print (`print_setup`; `landscape`
    None: as wide as its columns are)."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the one a new workbook has
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="EEF1F5")
    for table in tables:
        sheet = workbook.create_sheet(gettext(table.title)[:31])
        headers = [c.title() for c in table.columns]
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font, cell.fill = bold, fill
        for row in table.rows:
            sheet.append([xlsx_cell(sheet, v) for v in row])
        for index, column in enumerate(table.columns, start=1):
            letter = get_column_letter(index)
            cells = sheet.iter_rows(min_row=2, min_col=index, max_col=index)
            number_format = _FORMATS.get(column.kind)
            for (cell,) in cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text is text, whatever it starts with
                elif number_format:
                    cell.number_format = number_format
            values = [row[index - 1] for row in table.rows if len(row) >= index]
            sheet.column_dimensions[letter].width = _width(headers[index - 1], values)
        sheet.freeze_panes = "B2" if table.columns and table.columns[0].kind == "text" else "A2"
        if unit:  # an empty part would be written "&L&R…", read back as all left
            sheet.oddHeader.left.text = unit.replace("&", "&&")
        print_setup(sheet, stamp=stamp, landscape=landscape)
    workbook.properties.title = gettext(tables[0].title) if tables else ""
    workbook.properties.subject = unit
    workbook.properties.description = stamp
    workbook.properties.keywords = stamp
    workbook.properties.creator = "Relief"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_csv(table: Table, stamp: str = "", unit: str = "") -> bytes:
    """One table, as a spreadsheet set to Vietnamese reads it: ";" between cells, decimal
    commas, money in whole đồng, dates as dd/mm/yyyy. The date and unit are in the file name."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([safe_cell(c.title()) for c in table.columns])
    for row in table.rows:
        writer.writerow([_csv_value(v, c.kind) for v, c in zip(row, table.columns, strict=False)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_value(value: Any, kind: str = "text") -> Any:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "x" if value else ""
    if kind == "percent" and isinstance(value, int | float):
        return f"{value * 100:.1f}%".replace(".", ",")
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".").replace(".", ",")
    if isinstance(value, str):
        return safe_cell(value)  # OWASP CSV injection: see core.cells
    return value


# Papers as sheets: the administrative layout of Decree 30/2020/NĐ-CP (docs/papers.md) in cells,
# for the reports a commune or the province files as XLSX.

BOLD = Font(bold=True)
PLAIN = Font(bold=False)
SPLIT = 2  # the heading's left part (the issuer) spans columns A-B, the nation the rest


def next_row(sheet: Worksheet) -> int:
    return sheet.max_row + 1 if sheet.cell(1, 1).value is not None else 1


def paper_line(sheet: Worksheet, text: str, width: int, font: Font = BOLD) -> None:
    """A line across the paper's width, centred (a title, a subtitle, the days covered)."""
    row = next_row(sheet)
    cell = sheet.cell(row, 1, text)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    cell.font = font
    cell.alignment = Alignment(horizontal="center", wrap_text=True)


def paper_heading(
    sheet: Worksheet, top: str, issuer: str, number: str, place_date: str, width: int
) -> None:
    """The issuing body (`top`, e.g. "ỦY BAN NHÂN DÂN XÃ THẦN SA", then `issuer`) and the number
    on the left; the nation, its motto and the place-date line on the right."""
    rows = (
        (top.upper(), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        (issuer.upper(), "Độc lập - Tự do - Hạnh phúc"),
        (f"Số: {number}", place_date),
    )
    for left, right in rows:
        row = next_row(sheet)
        sheet.cell(row, 1, left).font = BOLD
        sheet.cell(row, SPLIT + 1, right).font = BOLD
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=SPLIT)
        sheet.merge_cells(start_row=row, start_column=SPLIT + 1, end_row=row, end_column=width)
        for column in (1, SPLIT + 1):
            sheet.cell(row, column).alignment = Alignment(horizontal="center", wrap_text=True)
    sheet.cell(sheet.max_row, SPLIT + 1).font = Font(italic=True)
    sheet.append([])


def paper_sign_off(
    sheet: Worksheet, recipients: list[str], signer: str, title: str, width: int
) -> None:
    """The recipients ("Nơi nhận") on the left, the signer, their title and the signing note
    on the right."""
    sheet.append([])
    first = sheet.max_row + 1
    sheet.cell(first, 1, "Nơi nhận:").font = Font(bold=True, italic=True)
    sheet.cell(first, SPLIT + 1, signer.upper()).font = BOLD
    sheet.cell(first + 1, SPLIT + 1, title.upper()).font = BOLD
    sheet.cell(first + 2, SPLIT + 1, "(Ký, ghi rõ họ tên, đóng dấu)").font = Font(italic=True)
    for n, recipient in enumerate(recipients, start=1):
        sheet.cell(first + n, 1, f"- {recipient}")
    for row in range(first, sheet.max_row + 1):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=SPLIT)
        sheet.merge_cells(start_row=row, start_column=SPLIT + 1, end_row=row, end_column=width)
        sheet.cell(row, SPLIT + 1).alignment = Alignment(horizontal="center")
