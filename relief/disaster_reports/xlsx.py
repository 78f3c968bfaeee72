"""The quick report as an XLSX sheet in the layout of the circular's table: a heading, then
one row per indicator (number, indicator, unit, quantity), grouped under Roman numerals."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from relief.core import sheets
from relief.core.formatting import LOCAL_TZ
from relief.core.i18n import gettext
from relief.core.papers import paper_date
from relief.core.sheets import print_setup
from relief.disaster_reports.table import (
    GROUPS,
    RESPONSE,
    SITUATION,
    Text,
    class_grid,
    value,
)
from relief.households.labels import DAMAGE_BANDS, HOUSE_CLASSES

# The band-by-class table's columns: each class before the disaster, not known, the total.
CLASS_COLUMNS = (*HOUSE_CLASSES.values(), "Not known", "Total")


def as_of_words(as_of: datetime) -> str:
    local = as_of.astimezone(LOCAL_TZ)
    return gettext("As of {hour}:00 on {day}").format(
        hour=local.hour, day=local.strftime("%d/%m/%Y")
    )


PORTRAIT_COLUMNS = 3  # quantity columns a portrait page holds beside the labels
COLUMNS_PER_PAGE = 8  # on a landscape page


def to_xlsx(
    title: str,
    place: str,
    disaster: str,
    as_of: datetime,
    columns: Sequence[tuple[str, dict, dict]],
    paper: dict[str, Any] | None = None,
    texts: dict[str, str] | None = None,
    households: dict[str, Any] | None = None,
) -> bytes:
    """`columns`: (header, household sums, figures) per quantity column (a commune or a total).

    With `paper` (views.paper_words: issuer, number, date, recipients, signer) the sheet is the
    commune's paper: the administrative heading, the parts in words (`texts`), the houses by
    band and class (`households`), the recipients and the signature. Printed on A4, one page
    wide, the table's header row repeated on every page."""
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = gettext("Quick report")[:31]
    width = max(3 + len(columns), 3 + len(CLASS_COLUMNS))
    if paper is not None:
        _heading(sheet, paper, title, width)
        _line(sheet, "BÁO CÁO NHANH", width)
        _line(sheet, f"Tình hình thiên tai và thiệt hại do {disaster} gây ra", width, BOLD_OFF)
    else:
        for text in (gettext("QUICK REPORT OF DISASTER DAMAGE"), title, place, disaster):
            _line(sheet, text, width)
    _line(sheet, as_of_words(as_of), width, Font(italic=True))
    sheet.append([])
    if texts is not None:
        _texts(sheet, gettext("Situation"), SITUATION, texts, width)
    header_row = _table(sheet, columns)
    if households is not None:
        _class_table(sheet, households)
    if texts is not None:
        sheet.append([])
        _texts(sheet, gettext("Response, needs and proposals"), RESPONSE, texts, width)
    if paper is not None:
        _sign_off(sheet, paper, width)
    sheet.freeze_panes = sheet.cell(header_row + 1, 4).coordinate
    for letter, size in (("A", 6), ("B", 48), ("C", 14)):
        sheet.column_dimensions[letter].width = size
    for n in range(4, width + 1):
        sheet.column_dimensions[get_column_letter(n)].width = 13
    # A4 portrait, one page wide (the figures never print apart from their labels), the
    # table's header row repeated on every page. A sheet of many communes' columns (the
    # province's sum) prints landscape, COLUMNS_PER_PAGE quantity columns a page across, the
    # number, indicator and unit columns repeated on every page.
    wide = len(columns) > PORTRAIT_COLUMNS
    print_setup(
        sheet,
        title_rows=f"{header_row}:{header_row}",
        stamp=as_of_words(as_of),
        landscape=wide,
    )
    if wide:
        sheet.print_title_cols = "A:C"
        sheet.page_setup.fitToWidth = -(-len(columns) // COLUMNS_PER_PAGE)
    sheet.print_area = f"A1:{get_column_letter(width)}{sheet.max_row}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


BOLD, BOLD_OFF = sheets.BOLD, sheets.PLAIN
_line = sheets.paper_line


def _heading(sheet: Worksheet, paper: dict[str, Any], title: str, width: int) -> None:
    """The issuing body and the number on the left, the nation and place-date on the right."""
    place = title.split(" ", 1)[-1]
    top = f"ỦY BAN NHÂN DÂN {title}"
    place_date = f"{place}, {paper_date(paper['on'])}"
    sheets.paper_heading(sheet, top, paper["issuer"], paper["number"], place_date, width)


def _table(sheet: Worksheet, columns: Sequence[tuple[str, dict, dict]]) -> int:
    """The circular's table; the row of its header (repeated on every printed page)."""
    sheet.append(
        [gettext("Item no."), gettext("Indicator"), gettext("Unit"), *(c[0] for c in columns)]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    header_row = sheet.max_row
    for group in GROUPS:
        sheet.append([group.numeral, gettext(group.label)])
        for cell in sheet[sheet.max_row]:
            cell.font = BOLD
        for n, line in enumerate(group.lines, start=1):
            values = [value(h, f, line.key) for _, h, f in columns]
            cells = [_number(v) for v in values]
            sheet.append([n, gettext(line.label), gettext(line.unit), *cells])
            for cell in sheet[sheet.max_row][3:]:
                cell.number_format = (
                    "#,##0.##" if line.decimals or line.key.endswith("loss") else "#,##0"
                )
    return header_row


def _class_table(sheet: Worksheet, households: dict[str, Any]) -> None:
    """The houses by damage band (rows) and class before the disaster (columns)."""
    sheet.append([])
    sheet.append(["", gettext("Damaged houses by band and class before the disaster")])
    sheet.cell(sheet.max_row, 2).font = BOLD
    sheet.append(["", gettext("Damage band"), *(gettext(c) for c in CLASS_COLUMNS)])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True)
    for band, cells, total in class_grid(households):
        sheet.append(["", DAMAGE_BANDS.label(band), *cells, total])


def _sign_off(sheet: Worksheet, paper: dict[str, Any], width: int) -> None:
    """The recipients ("Nơi nhận") on the left, the signer on the right."""
    title = paper.get("signer_title", "Trưởng ban")
    sheets.paper_sign_off(sheet, paper["recipients"], paper["signer"], title, width)


def _texts(sheet: Worksheet, heading: str, parts: Sequence[Text], texts: dict, width: int) -> None:
    sheet.append([heading])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    for part in parts:
        sheet.append(["", gettext(part.label), texts.get(part.key) or "–"])
        row = sheet.max_row
        sheet.merge_cells(start_row=row, start_column=3, end_row=row, end_column=width)
        sheet.cell(row, 3).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.append([])


def _number(amount: Decimal) -> int | float:
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def period_xlsx(report: Any, paper: dict[str, Any], title: str) -> bytes:
    """An event summary or periodic report (relief.disaster_reports.period) as its paper: the
    administrative heading, the title, the commune's lines, the damage, the aid by source, the
    houses and their money by source, the recipients and the signature; A4 portrait, one page
    wide, each table's rows kept with their labels."""
    from relief.houses.labels import KINDS, SOURCES

    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = title[:31].replace(":", "")
    width = 5
    commune = report.commune
    from relief.places.labels import commune_kind_word

    _heading(sheet, paper, f"{commune_kind_word(commune)} {commune.name}", width)
    head, subtitle = paper["title"]
    _line(sheet, head, width)
    _line(sheet, subtitle, width, BOLD_OFF)
    days = f"{report.starts_on.strftime('%d/%m/%Y')} – {report.ends_on.strftime('%d/%m/%Y')}"
    _line(sheet, days, width, Font(italic=True))
    sheet.append([])
    from relief.disaster_reports.period import TEXTS

    _texts(sheet, "I. Tình hình và công tác ứng phó", TEXTS[:2], report.texts, width)
    figures = report.figures
    damage = figures.get("damage", {})
    sheet.append(["II. Thiệt hại", "", gettext("Unit"), gettext("Quantity")])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    header_row = sheet.max_row
    for group in GROUPS:
        lines = [line for line in group.lines if line.source == "households"]
        if not lines:
            continue
        sheet.append([group.numeral, gettext(group.label)])
        sheet.cell(sheet.max_row, 2).font = BOLD
        for n, line in enumerate(lines, start=1):
            amount = _number(value(damage, {}, line.key))
            sheet.append([n, gettext(line.label), gettext(line.unit), amount])
    _class_table(sheet, damage)
    aid = figures.get("aid", {})
    sheet.append([])
    sheet.append(["III. Hỗ trợ theo nguồn", "", "Số hộ", "Tiền mặt", "Hàng hóa (quy ra tiền)"])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for n, source in enumerate(aid.get("sources", []), start=1):
        sheet.append(
            [n, source["source"], source["households"], source["cash"], source["goods_value"]]
        )
        _money(sheet, (4, 5))
    sheet.append(
        ["", "Tổng cộng", aid.get("households", 0), aid.get("cash", 0), aid.get("goods_value", 0)]
    )
    _money(sheet, (4, 5))
    sheet[sheet.max_row][1].font = BOLD
    houses = figures.get("houses", {})
    sheet.append([])
    sheet.append(["IV. Nhà ở", "", "Khởi công", "Hoàn thành", "Bàn giao"])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for kind, counts in houses.get("counts", {}).items():
        sheet.append(
            ["", KINDS.label(kind), counts["started"], counts["completed"], counts["handed_over"]]
        )
    sheet.append(["", "Kinh phí đã giải ngân theo nguồn", "", "Số tiền"])
    sheet[sheet.max_row][1].font = BOLD
    for source, amount in houses.get("money", {}).items():
        sheet.append(["", SOURCES.label(source), "", amount])
        _money(sheet, (4,))
    sheet.append(["", "Tổng cộng", "", houses.get("money_total", 0)])
    _money(sheet, (4,))
    sheet.append([])
    _texts(sheet, "V. Bài học kinh nghiệm và kiến nghị", TEXTS[2:], report.texts, width)
    _sign_off(sheet, paper, width)
    for letter, size in (("A", 6), ("B", 46), ("C", 14), ("D", 16), ("E", 18)):
        sheet.column_dimensions[letter].width = size
    print_setup(sheet, title_rows=f"{header_row}:{header_row}", stamp=days, landscape=False)
    sheet.print_area = f"A1:{get_column_letter(width)}{sheet.max_row}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _money(sheet: Worksheet, columns: Sequence[int]) -> None:
    from relief.core.sheets import MONEY_FORMAT

    for column in columns:
        sheet.cell(sheet.max_row, column).number_format = MONEY_FORMAT
