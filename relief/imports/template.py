"""The downloadable XLSX template: Vietnamese headers, one example row, the allowed values."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from relief.imports.columns import COLUMNS, allowed_values, synonyms

# The household code and version come with an exported list; a new list has neither.
TEMPLATE_COLUMNS = tuple(c for c in COLUMNS if c.field not in ("household_code", "version"))

EXAMPLE = {
    "commune": "Thần Sa",
    "hamlet": "Kim Sơn",
    "head_name": "Hoàng Văn Thắng",
    "gender": "Nam",
    "birth_year": 1970,
    "id_number": "019070001234",
    "phone": "0912345678",
    "members": 4,
    "ethnicity": "Tày",
    "poverty_status": "Hộ nghèo",
    "poverty_year": 2025,
    "revolutionary_service": "",
    "martyr_family": "",
    "social_protection": "x",
    "especially_hard": "",
    "address_detail": "Gần nhà văn hóa thôn",
    "house_class": "Bán kiên cố",
    "band": "Thiệt hại nặng (từ 30% đến 50%)",
    "collapsed": "",
    "flooded": "x",
    "flood_depth_m": "1,5",
    "roof_blown_off": "",
    "landslide_relocation": "",
    "relocated": "x",
    "relocated_on": "07/10/2025",
    "dead": "",
    "missing": "",
    "injured": "",
    "estimated_loss": "60.000.000",
    "needs": "Làm lại nhà; Lương thực, thực phẩm",
    "assessed_on": "10/10/2025",
    "assessed_by": "Nguyễn Văn An",
    "duplicate_reason": "",
}


def template_xlsx() -> bytes:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = "Danh sách hộ"
    sheet.append([c.vi for c in TEMPLATE_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append([EXAMPLE.get(c.field, "") for c in TEMPLATE_COLUMNS])
    for i, column in enumerate(TEMPLATE_COLUMNS, start=1):
        width = max(len(column.vi), len(str(EXAMPLE.get(column.field, "")))) + 2
        sheet.column_dimensions[get_column_letter(i)].width = min(width, 40)
    sheet["F2"].number_format = "@"  # ID numbers and phones are text: Excel drops the 0
    sheet["G2"].number_format = "@"
    sheet.freeze_panes = "A2"
    values = book.create_sheet("Giá trị hợp lệ")
    values.append(["Cột / Column", "Giá trị / Value", "English"])
    for cell in values[1]:
        cell.font = Font(bold=True)
    for header, options in allowed_values():
        for vi, en in options:
            values.append([header, vi, en])
    values.append([])
    values.append(["Xã / Commune", "Tên hoặc mã xã hiện nay, hoặc tên/mã xã cũ trước 2025", ""])
    values.append(["Ngày / Dates", "dd/mm/yyyy", ""])
    values.append(["Số tiền / Amounts", "60.000.000 (đồng)", ""])
    for col in ("A", "B", "C"):
        values.column_dimensions[col].width = 40
    headings = book.create_sheet("Tiêu đề cột")
    headings.append(["Tiêu đề trong mẫu", "English", "Cũng hiểu (không dấu, không phân biệt hoa)"])
    for cell in headings[1]:
        cell.font = Font(bold=True)
    for vi, en, aliases in synonyms():
        headings.append([vi, en, "; ".join(aliases)])
    headings.append([])
    headings.append(["Dòng bỏ qua", "Skipped rows", "dòng trống; (1) (2) (3); Tổng cộng; ký tên"])
    headings.append(["Dòng “THÔN KIM SƠN”", "Section row", "thôn của các dòng bên dưới"])
    for col, width in (("A", 30), ("B", 24), ("C", 90)):
        headings.column_dimensions[col].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
