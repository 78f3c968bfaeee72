"""Makes the committed lists of issue 28: a commune's list kept by people, as they write it.

`wording-libreoffice.{xlsx,ods}`: damage in officers' own words ("Thiệt hại từ 50 đến 70%",
"hỏng 30 % - 50 %", "bị ngập", "tốc mái", "Sạt lở, phải di dời"), a money heading with its
unit in brackets ("Giá trị thiệt hại (đ)"), no assessment date column, one negative amount
and one wording no band fits: written with openpyxl, saved again by LibreOffice.
`names-tcvn3.csv`: a list typed in the ABC (.VnTime) fonts, saved as TCVN3 bytes (LibreOffice
has no TCVN3 filter: the bytes are written by the table of relief.imports.legacy).
Run from the repository root: python tests/imports/files/make_wording_fixtures.py (needs
soffice).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from make_fixtures import convert  # run as a script: its folder is on the path
from openpyxl import Workbook

HERE = Path(__file__).resolve().parent

HEADER = [
    "STT",
    "Họ và tên chủ hộ",
    "Thôn, xóm",
    "Năm sinh",
    "Số CCCD",
    "Mức độ thiệt hại",
    "Giá trị thiệt hại (đ)",
    "Số khẩu",
]
# (name, hamlet, birth year, ID number, damage as written, loss)
ROWS = [
    ("Hoàng Văn Thắng", "Kim Sơn", 1970, "019070001234", "Thiệt hại từ 50 đến 70%", 45_000_000),
    ("Triệu Thị Huyền", "Kim Sơn", 1982, "019182004321", "hỏng 30 % - 50 %", 20_000_000),
    ("Nông Văn Bình", "Trung Sơn", 1965, "019065000777", "bị ngập", 5_000_000),
    ("Lý Thị Lan", "Trung Sơn", 1990, "019190000888", "Tốc mái", 3_000_000),
    ("Đặng Văn Hùng", "Kim Sơn", 1958, "019058000999", "Sạt lở, phải di dời", 0),
    ("Ma Văn Dũng", "Trung Sơn", 1975, "019075000555", "trên 70 %", -1_000_000),
    ("Dương Thị Mai", "Kim Sơn", 1988, "019188000666", "Hư hỏng 50%", 0),
]
TCVN3_LINES = [
    "Họ và tên chủ hộ,Thôn xóm,Năm sinh",
    "Kiểm Văn Một,Kim Sơn,1970",
    "Lường Thị Huyền,Trung Sơn,1982",
    "Nông Đức Bình,Kim Sơn,1965",
]


def wording_workbook(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet.append(["UBND XÃ THẦN SA"])
    sheet.append(["DANH SÁCH HỘ BỊ THIỆT HẠI DO BÃO SỐ 11"])
    sheet.append(HEADER)
    for number, (name, hamlet, born, id_number, damage, loss) in enumerate(ROWS, start=1):
        sheet.append([number, name, hamlet, born, id_number, damage, loss, 4])
        sheet.cell(sheet.max_row, 5).number_format = "@"
    book.save(path)


def tcvn3_bytes(text: str) -> bytes:
    from relief.imports.legacy import TCVN3

    back = {letter: chr(code) for code, letter in TCVN3.items()}
    return "".join(back.get(c, c) for c in text).encode("latin-1")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        source = tmp_dir / "wording.xlsx"
        wording_workbook(source)
        out = tmp_dir / "out"
        out.mkdir()
        for extension in ("xlsx", "ods"):
            made = convert(source, extension, out)
            shutil.copy(made, HERE / f"wording-libreoffice.{extension}")
            print(f"made wording-libreoffice.{extension}")
    (HERE / "names-tcvn3.csv").write_bytes(tcvn3_bytes("\r\n".join(TCVN3_LINES) + "\r\n"))
    print("made names-tcvn3.csv")


if __name__ == "__main__":
    main()
