"""Import files made in the tests: XLSX with openpyxl (kept on disk: tests/imports/kept.py),
CSV with the csv module."""

from __future__ import annotations

import csv
import io
import unicodedata
from typing import Any

from openpyxl import Workbook

from tests.imports.kept import kept

HEADERS = [
    "Xã",
    "Thôn, xóm",
    "Họ và tên chủ hộ",
    "Giới tính",
    "Năm sinh",
    "Số định danh (CCCD)",
    "Số điện thoại",
    "Số nhân khẩu",
    "Dân tộc",
    "Hộ nghèo/cận nghèo",
    "Mức độ thiệt hại",
    "Thiệt hại ước tính (đồng)",
    "Ngày đánh giá",
]
HAMLETS = ["Trung Sơn", "Kim Sơn", "Hạ Sơn Tày", "Hạ Sơn Dao", "Xuyên Sơn", "Tân Kim"]
FAMILY = ["Hoàng", "Triệu", "Nông", "Lý", "Đặng", "Ma", "Dương", "Lường"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh"]
GIVEN = ["Thắng", "Huyền", "Bình", "Sơn", "Lan", "Hùng", "Mai", "Tuấn", "Hoa", "Dũng"]


def person(i: int, commune: str = "Thần Xa") -> list[Any]:
    """A plausible row, unique by its index: name, ID number and phone all differ."""
    year = 1940 + i % 60
    female = i % 2 == 1
    name = f"{FAMILY[i % 8]} {MIDDLE[(i // 8) % 4]} {GIVEN[(i // 32) % 10]} {i}"
    century_sex = "1" if female else "0"
    id_number = f"019{century_sex}{year % 100:02d}{i:06d}"
    return [
        commune,
        HAMLETS[i % len(HAMLETS)],
        name,
        "Nữ" if female else "Nam",
        year,
        id_number,
        f"09{i:08d}",
        1 + i % 6,
        "Tày",
        ["Hộ nghèo", "Hộ cận nghèo", ""][i % 3],
        "Hư hỏng trên 70%" if i % 4 == 0 else "",
        "20.000.000" if i % 4 == 0 else "",
        "10/10/2025" if i % 4 == 0 else "",
    ]


def xlsx(rows: list[list[Any]], headers: list[str] = HEADERS, title: bool = False) -> bytes:
    """A workbook of these rows under these headers (and a title above them), made once."""
    made_of = ("xlsx", rows, headers, title)
    return kept(lambda: _xlsx(rows, headers, title), *made_of)


def _xlsx(rows: list[list[Any]], headers: list[str], title: bool) -> bytes:
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append(["UBND XÃ THẦN XA"])
        sheet.append(["DANH SÁCH HỘ BỊ THIỆT HẠI DO BÃO SỐ 11"])
        sheet.merge_cells("A1:F1")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_cp1258(text: str) -> bytes:
    """Vietnamese the Windows-1258 way: letters precomposed where the code page has them,
    tone marks as separate combining characters."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            shape = [m for m in marks if m not in TONES]
            out += unicodedata.normalize("NFC", base + "".join(shape)).encode("cp1258")
            for m in marks:
                if m in TONES:
                    out += m.encode("cp1258")
    return bytes(out)


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def csv_bytes(
    rows: list[list[Any]], encoding: str = "utf-8", headers: list[str] = HEADERS, sep: str = ","
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    if encoding == "cp1258":
        return to_cp1258(out.getvalue())
    return out.getvalue().encode(encoding)
