"""The year lists of the tests: a commune's poor and near-poor list and its register of people
with revolutionary service, made with openpyxl as a commune keeps them (a title, headings
without accents, a numbering row, an extra column, signatures), and the files LibreOffice
saved of them (tests/imports/files/make_register_fixtures.py)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook

FILES = Path(__file__).resolve().parent / "files"

# Thần Sa's households the lists name (made by `households()` in the tests).
THANG = ("Hoàng Văn Thắng", "Kim Sơn", "019070001234")
HUYEN = ("Triệu Thị Huyền", "Trung Sơn", "019182004321")
BINH = ("Nông Văn Bình", "Hạ Sơn Tày", None)  # two households of that name, other hamlets
NAM = ("Lý Văn Nam", "Tân Kim", "019065000777")  # poor of 2025 by hand, not on the list

# Headings as a commune's clerk types them without accents, the status column among them,
# and a column the list's record does not read ("Ghi chu").
POVERTY_HEADINGS = ["STT", "Ho va ten chu ho", "Thon", "So CCCD", "Phan loai ho", "Ghi chu"]
POVERTY_ROWS: list[list[Any]] = [
    [1, THANG[0], "Kim Sơn", "019070001234", "Hộ nghèo", "Mới"],
    [2, "Trieu Thi Huyen", "thôn Trung Sơn", None, "Cận nghèo", ""],
    [3, BINH[0], BINH[1], None, "HN", "Chuyển về"],
    [4, "Đặng Thị Không Có", "Xuyên Sơn", None, "Hộ cận nghèo", ""],
]
MERIT_HEADINGS = ["TT", "Họ và tên", "Năm sinh", "Thôn, xóm", "Diện đối tượng", "Số sổ trợ cấp"]
MERIT_ROWS: list[list[Any]] = [
    [1, THANG[0], 1970, "Kim Sơn", "Thương binh", "TB-0012"],
    [2, HUYEN[0], 1982, "Trung Sơn", "Thân nhân liệt sĩ", "LS-0451"],
    [3, "Ma Văn Tám", 1948, "Lũng Cà", "Bệnh binh", "BB-0007"],
]


def workbook(headings: list[str], rows: list[list[Any]], title: str) -> bytes:
    """A commune's list: its title lines, the headings, a numbering row, the rows, the
    signatures."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet.append(["UBND XÃ THẦN SA"])
    sheet.append([title])
    sheet.append([])
    sheet.append(headings)
    sheet.append([f"({i})" for i in range(1, len(headings) + 1)])
    for row in rows:
        sheet.append(row)
    sheet.append([])
    sheet.append([None, "Người lập biểu", None, None, "TM. UBND XÃ"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def poverty_list(rows: list[list[Any]] = POVERTY_ROWS) -> bytes:
    return workbook(POVERTY_HEADINGS, rows, "DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2025")


def merit_register(rows: list[list[Any]] = MERIT_ROWS) -> bytes:
    return workbook(MERIT_HEADINGS, rows, "SỔ THEO DÕI NGƯỜI CÓ CÔNG VỚI CÁCH MẠNG")


def kept(name: str) -> bytes:
    """A committed fixture, as LibreOffice saved it."""
    return (FILES / name).read_bytes()
