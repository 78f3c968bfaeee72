"""A week of the campaign's report as a paper (A4 print and XLSX): the commune People's
Committee's heading, the title and the week, the houses by campaign group and kind (started,
completed, handed over, each with its change since the week before) with the money disbursed
to them by source beside them, the money by source, the recipients and the signature."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from relief.core import sheets
from relief.core.formatting import LOCAL_TZ
from relief.core.papers import paper_date
from relief.houses.labels import CAMPAIGN_GROUPS, KINDS, SOURCES
from relief.places.labels import commune_kind_word
from relief.reports import campaign
from relief.reports.models import CampaignWeek

TITLE = "BÁO CÁO TIẾN ĐỘ HỖ TRỢ NHÀ Ở"
HEADINGS = (
    "Nhóm đối tượng",
    "Loại",
    "Khởi công",
    "Tăng/giảm",
    "Hoàn thành",
    "Tăng/giảm",
    "Bàn giao",
    "Tăng/giảm",
    "Kinh phí đã giải ngân",
)
RECIPIENTS = ("UBND tỉnh (để báo cáo);", "Ban Chỉ đạo tỉnh (để báo cáo);", "Lưu: VT.")


def paper_words(week: CampaignWeek) -> dict[str, Any]:
    """The week's administrative parts: who issues it, the number left to write, the date it
    was submitted, the week's days, the recipients and the signer."""
    commune = week.commune
    kind = commune_kind_word(commune)
    end = week.week_start + timedelta(days=6)
    return {
        "top": "ỦY BAN NHÂN DÂN",
        "issuer": f"{kind} {commune.name}",
        "number": "      /BC-UBND",
        "on": week.submitted_at.astimezone(LOCAL_TZ).date(),
        "title": TITLE,
        "subtitle": (
            f"Tuần từ ngày {week.week_start.strftime('%d/%m/%Y')}"
            f" đến ngày {end.strftime('%d/%m/%Y')}"
        ),
        "recipients": list(RECIPIENTS),
        "signer": "TM. Ủy ban nhân dân",
        "signer_title": "Chủ tịch",
    }


def week_xlsx(week: CampaignWeek) -> bytes:
    """The week as an XLSX paper, A4 portrait, one page wide, its table's header repeated."""
    paper = paper_words(week)
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "Báo cáo tuần"
    width = len(HEADINGS)
    place = f"{week.commune.name}, {paper_date(paper['on'])}"
    sheets.paper_heading(sheet, paper["top"], paper["issuer"], paper["number"], place, width)
    sheets.paper_line(sheet, paper["title"], width)
    sheets.paper_line(sheet, paper["subtitle"], width, Font(italic=True))
    sheet.append([])
    sheet.append(list(HEADINGS))
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = sheets.BOLD
        cell.alignment = Alignment(wrap_text=True, horizontal="center")
    for line in campaign.rows(week.figures, week.change):
        label = CAMPAIGN_GROUPS.label(line.group) + (" *" if line.national else "")
        cells: list[Any] = [label, KINDS.label(line.kind)]
        for name in campaign.COUNTS:
            cells += [line.counts.get(name, 0), line.change.get(name, 0)]
        cells.append(line.money_total)
        sheet.append(cells)
        sheet.cell(sheet.max_row, width).number_format = sheets.MONEY_FORMAT
        for column in (4, 6, 8):
            sheet.cell(sheet.max_row, column).number_format = "+#,##0;-#,##0;0"
        for source, amount in sorted(line.money.items()):
            sheet.append(["", f"trong đó: {SOURCES.label(source)}", *[""] * 6, amount])
            sheet.cell(sheet.max_row, width).number_format = sheets.MONEY_FORMAT
    sheet.append(["* Một trong ba nhóm đối tượng của Phong trào"])
    sheet.cell(sheet.max_row, 1).font = Font(italic=True)
    sheet.append([])
    sheet.append(["Kinh phí theo nguồn", "", "Đã cam kết", "", "Đã giải ngân"])
    for cell in sheet[sheet.max_row]:
        cell.font = sheets.BOLD
    money = week.figures.get("money", {})
    pledged, disbursed = money.get("pledged", {}), money.get("disbursed", {})
    for source in sorted(set(pledged) | set(disbursed)):
        sheet.append(
            [SOURCES.label(source), "", pledged.get(source, 0), "", disbursed.get(source, 0)]
        )
        for column in (3, 5):
            sheet.cell(sheet.max_row, column).number_format = sheets.MONEY_FORMAT
    sheets.paper_sign_off(sheet, paper["recipients"], paper["signer"], paper["signer_title"], width)
    for n, size in enumerate((30, 12, 10, 9, 10, 9, 10, 9, 16), start=1):
        sheet.column_dimensions[get_column_letter(n)].width = size
    sheets.print_setup(
        sheet, title_rows=f"{header_row}:{header_row}", stamp=paper["subtitle"], landscape=False
    )
    sheet.print_area = f"A1:{get_column_letter(width)}{sheet.max_row}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
