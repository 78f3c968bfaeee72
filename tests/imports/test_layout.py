"""The layout rows of a list (relief.imports.layout): the signature block found however its
words are written, and never in a household's row."""

from __future__ import annotations

import unicodedata

import pytest

from relief.imports.layout import is_signature

SIGNATURES = [
    "Người lập biểu",
    "Người lập",
    "Lập biểu",
    "TM. UBND XÃ",
    "TM UBND xã Thần Xa",
    "T/M Ủy ban nhân dân",
    "Chủ tịch",
    "Chủ tịch UBND",
    "Phó Chủ tịch",
    "(Ký, ghi rõ họ tên)",
    "Ký ghi rõ họ tên",
    "(Ký, đóng dấu)",
    "Xác nhận của UBND xã",
    "Trưởng thôn",
    "Kế toán",
    "Thủ trưởng đơn vị",
    "Cán bộ tổng hợp",
    "Người duyệt",
    "Người kiểm tra",
    "Thần Xa, ngày 12 tháng 10 năm 2025",
    "ngày 5 tháng 3 năm 2024",
]


def _unaccented(text: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return plain.replace("đ", "d").replace("Đ", "D")


WRITINGS = {
    "as written": lambda t: t,
    "without accents": _unaccented,
    "in capitals": str.upper,
    "decomposed": lambda t: unicodedata.normalize("NFD", t),
    "decomposed capitals": lambda t: unicodedata.normalize("NFD", t.upper()),
    "spaced": lambda t: t.replace(" ", "   "),
    "with a tab": lambda t: t.replace(" ", " \t", 1),
    "zero-width space": lambda t: t[:2] + "\u200b" + t[2:],
    "non-breaking space": lambda t: t.replace(" ", "\u00a0"),
}


@pytest.mark.parametrize("writing", WRITINGS)
@pytest.mark.parametrize("phrase", SIGNATURES)
def test_a_signature_cell_is_found_however_it_is_written(phrase, writing):
    cell = WRITINGS[writing](phrase)
    assert is_signature([cell])
    assert is_signature(["", "Thần Xa", cell, "5"])  # among a row's other cells


HOUSEHOLDS = [
    ["Thần Xa", "Kim Sơn", "Chu Văn An", "Nam", "1970", "019070000001", "0912345678"],
    ["Thần Xa", "Kim Sơn", "Cấn Thị Lan", "Nữ", "1971", "019171000002"],
    ["Thần Xa", "Hạ Sơn", "Trương Văn Ba", "Nam", "1972"],
    ["Thần Xa", "Xuyên Sơn", "Nguyễn Văn Lập", "Nam", "1980", "0900000001"],
    ["Thần Xa", "Tân Kim", "Người Văn Duyệt"],  # a name, not "người duyệt"
    ["Thần Xa", "Tân Kim", "Phó Văn Chủ", "Nam"],
    ["Thần Xa", "Tân Kim", "Kế Văn Toán", "Nam"],
    ["Thần Xa", "Tân Kim", "Thủ Thị Trường", "Nữ"],
    ["Thần Xa", "Tân Kim", "Lập Văn Biển", "Nam"],
    ["Thần Xa", "Tân Kim", "Xác Văn Nhân", "Nam"],
    ["Thần Xa", "Tân Kim", "Cán Văn Bộ", "Nam"],
    ["Thần Xa", "Tân Kim", "Ngô Thị Ngày", "Nữ", "ngày 12", "tháng 10"],
    ["Thần Xa", "Trung Sơn", "NGUYỄN THỊ KẾ", "Nữ", "ghi chú: cán bộ", "Kế | toán"],
    ["Thần Xa", "Trung Sơn", "Hoàng Văn Tư", "x | Kế toán"],  # "Kế toán" not its start
    ["Thần Xa", "Trung Sơn", "Lý Văn Tám", "ngày 12 tháng 10 | năm 2025"],
    ["1", "2", "3", "4"],
]


@pytest.mark.parametrize("row", HOUSEHOLDS, ids=lambda row: row[2])
def test_a_households_row_is_not_a_signature(row):
    assert not is_signature(row)
