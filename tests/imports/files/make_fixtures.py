"""Makes the committed spreadsheet fixtures: a commune's list as communes keep it.

The list is written with openpyxl (title block, merged cells, a column-number row, section
rows per hamlet, a total row, signature lines), then saved again by LibreOffice as .xlsx
(text as shared strings), .xls and .ods, as an officer's office suite would save it.
Run from the repository root: python tests/imports/files/make_fixtures.py (needs soffice).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent

TITLE = [
    ["UBND XÃ THẦN SA", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["DANH SÁCH HỘ GIA ĐÌNH BỊ THIỆT HẠI DO BÃO SỐ 11"],
    [],
]
HEADER = [
    "STT",
    "Tên chủ hộ",
    "Thôn/xóm",
    "Ngày sinh",
    "Số CCCD/CMND",
    "Số điện thoại",
    "Mức độ thiệt hại",
    "Giá trị thiệt hại (đồng)",
    "Ngày đánh giá",
    "Số khẩu",
]
NUMBERS = ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)"]
# (name, hamlet cell, birth date, ID number, phone, damage, loss) per section
# fmt: off
SECTIONS = [
    (
        "THÔN KIM SƠN",
        [
            ("Hoàng Văn Thắng", "", "12/03/1970", "019070001234", "0912345678", "Sập hoàn toàn", "60 triệu"),  # noqa: E501
            ("Triệu Thị Huyền", "", "05/11/1982", "019182004321", "0987654321", "Hư hỏng nặng", "45,000,000"),  # noqa: E501
        ],
    ),
    (
        "Xóm Trung Sơn",
        [
            ("Nông Văn Bình", "", "01/01/1965", "019065000777", "", "50-70%", "45.000.000"),
            ("Lý Thị Lan", "thôn Trung Sơn", "20/07/1990", "019190000888", "0911222333", "Tốc mái", "60tr"),  # noqa: E501
            ("Đặng Văn Hùng", "Xóm Kim Sơn", "15/09/1958", "019058000999", "", "Dưới 30%", "1,5 tỷ"),  # noqa: E501
        ],
    ),
]
# fmt: on
FOOTER = [
    [None, "Tổng cộng", None, None, None, None, None, "=SUM(H8:H14)"],
    [],
    [None, "Người lập biểu", None, None, None, "TM. UBND XÃ"],
    [None, "(Ký, ghi rõ họ tên)", None, None, None, "CHỦ TỊCH"],
    [None, "Nguyễn Văn An", None, None, None, "Ma Văn Dũng"],
]


def layout_workbook(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Ghi chú"
    sheet.append(["Danh sách ở trang tiếp theo"])
    sheet = book.create_sheet("Danh sách")
    for row in TITLE:
        sheet.append(row)
    sheet.merge_cells("A2:J2")
    sheet.append(HEADER)
    sheet.append(NUMBERS)
    number = 0
    for section, people in SECTIONS:
        sheet.append([section])
        last = sheet.max_row
        sheet.merge_cells(start_row=last, end_row=last, start_column=1, end_column=10)
        for name, hamlet, born, id_number, phone, damage, loss in people:
            number += 1
            row = [number, name, hamlet, born, id_number, phone, damage, loss, "10/10/2025", 4]
            sheet.append(row)
    for row in FOOTER:
        sheet.append(row)
    book.save(path)


def convert(source: Path, extension: str, out_dir: Path) -> Path:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", extension, "--outdir", str(out_dir), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out_dir / f"{source.stem}.{extension}"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        source = tmp_dir / "layout.xlsx"
        layout_workbook(source)
        out = tmp_dir / "out"
        out.mkdir()
        for extension in ("xlsx", "xls", "ods"):
            made = convert(source, extension, out)
            shutil.copy(made, HERE / f"layout-libreoffice.{extension}")
            print(f"made layout-libreoffice.{extension}")


if __name__ == "__main__":
    main()
