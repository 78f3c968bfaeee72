"""Excel (openpyxl) and CSV files for the province table, a commune summary and the lists.

Numbers stay numbers in Excel (formatted as such), headers are Vietnamese by default, one
sheet per table, the header row frozen; CSV is UTF-8 with a BOM so that Excel keeps accents.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from relief.core.i18n import gettext
from relief.households.models import DamageBand
from relief.houses.models import FundingSource
from relief.reports.indicators import Indicators

MONEY_FORMAT = '#,##0" ₫"'
INT_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0%"


@dataclass
class Column:
    header: str  # a message id, translated when written
    kind: str = "text"  # text, int, money, percent, date


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[list[Any]]


def indicator_columns() -> list[Column]:
    cols = [Column("Affected households", "int")]
    cols += [Column(f"damage:{band.value}", "int") for band in DamageBand]
    cols += [
        Column("Relocated households", "int"),
        Column("Aid visits", "int"),
        Column("Households reached", "int"),
        Column("Cash given", "money"),
        Column("Goods value", "money"),
        Column("Houses needed", "int"),
        Column("Approved", "int"),
        Column("Not started", "int"),
        Column("Under construction", "int"),
        Column("Completed", "int"),
        Column("Handed over", "int"),
        Column("Handed over of need", "percent"),
        Column("Cancelled", "int"),
        Column("Late", "int"),
        Column("Pledged", "money"),
        Column("Disbursed", "money"),
        Column("Disbursed of pledged", "percent"),
    ]
    cols += [Column(f"pledged:{s.value}", "money") for s in FundingSource]
    cols += [Column(f"disbursed:{s.value}", "money") for s in FundingSource]
    return cols


def indicator_values(ind: Indicators) -> list[Any]:
    values: list[Any] = [ind.affected]
    values += [ind.damage.get(band.value, 0) for band in DamageBand]
    values += [
        ind.relocated,
        ind.visits,
        ind.households_reached,
        ind.cash,
        ind.goods_value,
        ind.need,
        ind.approved,
        ind.not_started,
        ind.under_construction,
        ind.completed,
        ind.handed_over,
        (ind.handed_over / ind.need) if ind.need else None,
        ind.cancelled,
        ind.late,
        ind.pledged_total,
        ind.disbursed_total,
        (ind.disbursed_total / ind.pledged_total) if ind.pledged_total else None,
    ]
    values += [ind.pledged.get(s.value, 0) for s in FundingSource]
    values += [ind.disbursed.get(s.value, 0) for s in FundingSource]
    return values


_FORMATS = {
    "int": INT_FORMAT,
    "money": MONEY_FORMAT,
    "percent": PERCENT_FORMAT,
    "date": "DD/MM/YYYY",
}


def to_xlsx(tables: list[Table], stamp: str) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="EEF1F5")
    for table in tables:
        sheet = workbook.create_sheet(gettext(table.title)[:31])
        sheet.append([gettext(c.header) for c in table.columns])
        for cell in sheet[1]:
            cell.font, cell.fill = bold, fill
        for row in table.rows:
            sheet.append(row)
        for index, column in enumerate(table.columns, start=1):
            letter = get_column_letter(index)
            if column.kind in _FORMATS:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.number_format = _FORMATS[column.kind]
            sheet.column_dimensions[letter].width = max(
                12, min(40, len(gettext(column.header)) + 2)
            )
        sheet.freeze_panes = "B2" if table.columns and table.columns[0].kind == "text" else "A2"
        stamp_row = sheet.max_row + 2
        sheet.cell(row=stamp_row, column=1, value=stamp).font = Font(italic=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_csv(table: Table, stamp: str) -> bytes:
    """One table; percentages as fractions, money in whole đồng, dates as dd/mm/yyyy."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([gettext(c.header) for c in table.columns])
    for row in table.rows:
        writer.writerow([_csv_value(v) for v in row])
    writer.writerow([])
    writer.writerow([stamp])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return f"{value:.4f}"
    return value
