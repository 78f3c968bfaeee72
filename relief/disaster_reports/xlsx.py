"""The quick report as an XLSX sheet in the layout of the circular's table: a heading, then
one row per indicator (number, indicator, unit, quantity), grouped under Roman numerals."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from relief.core.formatting import LOCAL_TZ
from relief.core.i18n import gettext
from relief.core.sheets import print_setup
from relief.disaster_reports.table import GROUPS, value


def as_of_words(as_of: datetime) -> str:
    local = as_of.astimezone(LOCAL_TZ)
    return gettext("As of {hour}:00 on {day}").format(
        hour=local.hour, day=local.strftime("%d/%m/%Y")
    )


def to_xlsx(
    title: str,
    place: str,
    disaster: str,
    as_of: datetime,
    columns: Sequence[tuple[str, dict, dict]],
) -> bytes:
    """`columns`: (header, household sums, figures) per quantity column (a commune or a total)."""
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = gettext("Quick report")[:31]
    bold = Font(bold=True)
    width = 3 + len(columns)
    for text in (gettext("QUICK REPORT OF DISASTER DAMAGE"), title, place, disaster):
        sheet.append([text])
        sheet.merge_cells(
            start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=width
        )
        sheet.cell(sheet.max_row, 1).font = bold
        sheet.cell(sheet.max_row, 1).alignment = Alignment(horizontal="center")
    sheet.append([as_of_words(as_of)])
    sheet.append([])
    sheet.append(
        [gettext("Item no."), gettext("Indicator"), gettext("Unit"), *(c[0] for c in columns)]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    header_row = sheet.max_row
    for group in GROUPS:
        sheet.append([group.numeral, gettext(group.label)])
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        for n, line in enumerate(group.lines, start=1):
            values = [value(h, f, line.key) for _, h, f in columns]
            cells = [_number(v) for v in values]
            sheet.append([n, gettext(line.label), gettext(line.unit), *cells])
            for cell in sheet[sheet.max_row][3:]:
                cell.number_format = (
                    "#,##0.##" if line.decimals or line.key.endswith("loss") else "#,##0"
                )
    sheet.freeze_panes = sheet.cell(header_row + 1, 4).coordinate
    for letter, size in (("A", 6), ("B", 48), ("C", 14)):
        sheet.column_dimensions[letter].width = size
    # Labels and figures on the same page: one page wide, the headings repeated.
    print_setup(sheet, title_rows=f"{header_row}:{header_row}", stamp=as_of_words(as_of))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _number(amount: Decimal) -> int | float:
    return int(amount) if amount == amount.to_integral_value() else float(amount)
