"""The statement (sao kê) as a spreadsheet to download: a title, its period, one line per
donation (receipt number, bank reference, goods as goods in their quantity and unit) and a
total, so that a donor finds their gift and anyone can check the sum.

Unlike the lists of relief.core.sheets (which import back as they export), a statement is a
document: its title and period are its first rows and its total its last one. The XLSX is ready
to print (relief.core.sheets.print_setup, the headings repeated on every page); the CSV is
written as relief.core.sheets writes it (UTF-8 with a BOM, ";", decimal commas, dd/mm/yyyy).
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from relief.core.cells import safe_cell, xlsx_cell
from relief.core.formatting import day
from relief.core.i18n import gettext
from relief.core.sheets import MONEY_FORMAT, print_setup
from relief.ledger import public
from relief.ledger.labels import CHANNEL_LABELS, LEVEL_LABELS

# (heading, kind): kind as relief.core.sheets names them.
COLUMNS = [
    ("Date", "date"),
    ("Receipt no.", "text"),
    ("Bank reference", "text"),
    ("Donor", "text"),
    ("Channel", "text"),
    ("Fund", "text"),
    ("Goods", "text"),
    ("Quantity", "quantity"),
    ("Unit", "text"),
    ("Amount", "money"),
]
HEADING_ROW = 3  # after the title and the period
WIDTHS = [12, 22, 22, 30, 18, 16, 20, 10, 10, 18]
FORMATS = {"date": "DD/MM/YYYY", "money": MONEY_FORMAT, "quantity": "#,##0.###"}


def title(s: public.StatementFile) -> str:
    whose = s.commune.name if s.commune else gettext("the province's funds")
    text = f"{gettext('Statement of donations received')}: {whose}"
    return f"{text} · {s.campaign.name}" if s.campaign else text


def period(s: public.StatementFile) -> str:
    return f"{gettext('Period')}: {day(s.date_from)} – {day(s.date_to)}"


def _quantity(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def lines(s: public.StatementFile) -> list[list[Any]]:
    """The statement's lines, a cell per column; coded values as the reader's labels."""
    return [
        [
            r["received_on"],
            r["receipt_number"],
            r["reference"],
            r["donor"] or gettext(public.ANONYMOUS_DONOR),
            CHANNEL_LABELS.label(r["channel"]),
            LEVEL_LABELS.label(r["level"]),
            r["goods"],
            _quantity(r["quantity"]),
            r["unit"],
            r["amount"],
        ]
        for r in s.rows
    ]


def to_xlsx(s: public.StatementFile, stamp: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = gettext("Statement of donations received")[:31]
    bold = Font(bold=True)
    sheet.append([xlsx_cell(sheet, title(s))])
    sheet.append([xlsx_cell(sheet, period(s))])
    sheet.append([xlsx_cell(sheet, gettext(heading)) for heading, _ in COLUMNS])
    for row in lines(s):
        sheet.append([xlsx_cell(sheet, value) for value in row])
    total = [xlsx_cell(sheet, gettext("Total received"))] + [None] * (len(COLUMNS) - 2)
    sheet.append([*total, s.total])
    for cell in (*sheet[1], *sheet[HEADING_ROW], *sheet[sheet.max_row]):
        cell.font = bold
    for index, (_, kind) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS[index - 1]
        if kind in FORMATS:
            for (cell,) in sheet.iter_rows(min_row=HEADING_ROW + 1, min_col=index, max_col=index):
                if cell.value is not None and not isinstance(cell.value, str):
                    cell.number_format = FORMATS[kind]
    sheet.freeze_panes = f"A{HEADING_ROW + 1}"
    print_setup(sheet, title_rows=f"{HEADING_ROW}:{HEADING_ROW}", stamp=stamp, landscape=True)
    workbook.properties.title = title(s)
    workbook.properties.description = stamp
    workbook.properties.creator = "Relief"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv(value: Any) -> Any:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".").replace(".", ",")
    return safe_cell(value)


def to_csv(s: public.StatementFile) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([safe_cell(title(s))])
    writer.writerow([safe_cell(period(s))])
    writer.writerow([gettext(heading) for heading, _ in COLUMNS])
    for row in lines(s):
        writer.writerow([_csv(value) for value in row])
    writer.writerow([gettext("Total received"), *[""] * (len(COLUMNS) - 2), s.total])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
