"""Makes the committed fixtures of the commune's year lists, as LibreOffice saves them.

The poor and near-poor list marks each household in one of two columns ("Hộ nghèo", "Hộ cận
nghèo") under a section row per hamlet, its ID numbers typed as numbers (the leading 0 lost);
the register of people with revolutionary service puts its people under a section row per
kind ("I. THƯƠNG BINH"). Each is written with openpyxl, then saved again by LibreOffice as
.ods and .xls, as an officer's office suite would save it. Run from the repository root:
python tests/imports/files/make_register_fixtures.py (needs soffice; the tests do not).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from make_fixtures import convert  # run as a script: its folder is on the path
from openpyxl import Workbook

HERE = Path(__file__).resolve().parent

POVERTY_HEADER = [
    "STT",
    "Họ và tên chủ hộ",
    "Năm sinh",
    "Số định danh cá nhân",
    "Hộ nghèo",
    "Hộ cận nghèo",
    "Mã số hộ",
]
# (section, [(name, birth year, ID number as a number, poor, near-poor, code)])
POVERTY = [
    ("THÔN KIM SƠN", [("Hoàng Văn Thắng", 1970, 19070001234, "x", None, "HN-01")]),
    ("THÔN TRUNG SƠN", [("Triệu Thị Huyền", 1982, None, None, "x", "HCN-02")]),
    ("THÔN HẠ SƠN TÀY", [("Nông Văn Bình", 1960, None, "x", None, "HN-03")]),
    ("THÔN XUYÊN SƠN", [("Đặng Thị Không Có", 1990, None, None, "x", "HCN-04")]),
]
MERIT_HEADER = ["TT", "Họ và tên", "Năm sinh", "Thôn", "Số sổ trợ cấp"]
MERIT = [
    ("I. THƯƠNG BINH", [("Hoàng Văn Thắng", 1970, "Kim Sơn", "TB-0012")]),
    ("II. THÂN NHÂN LIỆT SĨ", [("Triệu Thị Huyền", 1982, "Trung Sơn", "LS-0451")]),
    ("III. BỆNH BINH", [("Ma Văn Tám", 1948, "Lũng Cà", "BB-0007")]),
]
SIGNATURES = [
    [],
    [None, "Người lập biểu", None, None, "TM. UBND XÃ"],
    [None, "(Ký, ghi rõ họ tên)", None, None, "CHỦ TỊCH"],
]


def _sheet(path: Path, title: str, header: list[str], sections: list) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet.append(["UBND XÃ THẦN SA"])
    sheet.append([title])
    sheet.merge_cells(start_row=2, end_row=2, start_column=1, end_column=len(header))
    sheet.append(header)
    number = 0
    for section, people in sections:
        sheet.append([section])
        last = sheet.max_row
        sheet.merge_cells(start_row=last, end_row=last, start_column=1, end_column=len(header))
        for person in people:
            number += 1
            sheet.append([number, *person])
    sheet.append([None, "Tổng cộng", number])
    for row in SIGNATURES:
        sheet.append(row)
    book.save(path)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        lists = {
            "poverty": ("DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2025", POVERTY_HEADER, POVERTY),
            "merit": ("SỔ THEO DÕI NGƯỜI CÓ CÔNG VỚI CÁCH MẠNG", MERIT_HEADER, MERIT),
        }
        out = tmp_dir / "out"
        out.mkdir()
        for name, (title, header, sections) in lists.items():
            source = tmp_dir / f"{name}.xlsx"
            _sheet(source, title, header, sections)
            for extension in ("ods", "xls"):
                made = convert(source, extension, out)
                shutil.copy(made, HERE / f"{name}-libreoffice.{extension}")
                print(f"made {name}-libreoffice.{extension}")


if __name__ == "__main__":
    main()
