"""Makes the committed lists in the old font encodings (issue 28): names typed in the 1990s
fonts, as communes' old lists still hold them.

`names-tcvn3-libreoffice.{xlsx,xls,ods}`: headings and names in TCVN3 (ABC) as typed in the
.VnTime fonts, and two heads' names in capitals typed in the capital font .VnTimeH (capital
plain letters, the toned letters as their lower-case bytes: "NGUYÔN V¨N AN").
`names-vni-libreoffice.{xlsx,xls,ods,csv}`: the same list typed in the VNI-Times font (the
CSV saved by LibreOffice in Windows-1252, byte for byte what the font shows).
`names-mixed-libreoffice.csv`: half the rows in TCVN3, half in VNI (two lists pasted into
one): refused, naming both encodings.
Each is written with openpyxl (the cells' fonts named), then saved again by LibreOffice.
Run from the repository root: python tests/imports/files/make_encoding_fixtures.py (needs
soffice).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from make_fixtures import convert  # run as a script: its folder is on the path
from openpyxl import Workbook
from openpyxl.styles import Font

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from relief.imports.legacy import _UNICODE_LETTERS, TCVN3, VNI_LETTERS  # noqa: E402

HEADER = ["STT", "Họ và tên chủ hộ", "Thôn, xóm", "Năm sinh", "Số khẩu"]
# (name, hamlet, birth year, typed in capitals in a capital font)
ROWS = [
    ("Kiểm Văn Một", "Kim Sơn", 1970, False),
    ("Lường Thị Huyền", "Trung Sơn", 1982, False),
    ("NGUYỄN VĂN AN", "Kim Sơn", 1965, True),
    ("Nông Đức Bình", "Trung Sơn", 1990, False),
    ("HOÀNG THỊ ỬNG", "Kim Sơn", 1958, True),
    ("Triệu Thị Quỳnh", "Trung Sơn", 1975, False),
]
_TO_TCVN3 = {letter: chr(code) for code, letter in TCVN3.items()}
_TO_VNI = dict(zip(_UNICODE_LETTERS.split(), VNI_LETTERS.split(), strict=True))


def tcvn3(text: str, *, capitals: bool = False) -> str:
    """Unicode as the bytes (Latin-1 characters) typed in .VnTime, or in .VnTimeH: there the
    toned capitals are typed as their lower-case letters, which the font draws as capitals."""
    if capitals:
        return "".join(c if c.isascii() else _TO_TCVN3.get(c.lower(), c) for c in text)
    return "".join(_TO_TCVN3.get(c, c) for c in text)


def vni(text: str) -> str:
    return "".join(_TO_VNI.get(c, c) for c in text)


def workbook(path: Path, encode, font: str, capital_font: str) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sach"
    sheet.append([encode("UBND XÃ THẦN SA", capitals=True)])
    sheet.append([encode(h) for h in HEADER])
    for number, (name, hamlet, born, capitals) in enumerate(ROWS, start=1):
        sheet.append([number, encode(name, capitals=capitals), encode(hamlet), born, 4])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(name=capital_font if capitals else font)
    for cell in sheet[2]:
        cell.font = Font(name=font)
    sheet["A1"].font = Font(name=capital_font)
    book.save(path)


def to_csv(source: Path, out_dir: Path) -> Path:
    """Saved by LibreOffice as CSV in Windows-1252 (its character set 1): the font's bytes."""
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,1",
         "--outdir", str(out_dir), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return out_dir / f"{source.stem}.csv"


def main() -> None:
    def vni_any(text: str, capitals: bool = False) -> str:
        return vni(text)

    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        out = tmp_dir / "out"
        out.mkdir()
        lists = {
            "names-tcvn3": (tcvn3, ".VnTime", ".VnTimeH", ("xlsx", "xls", "ods")),
            "names-vni": (vni_any, "VNI-Times", "VNI-Times", ("xlsx", "xls", "ods")),
        }
        for name, (encode, font, capital_font, extensions) in lists.items():
            source = tmp_dir / f"{name}.xlsx"
            workbook(source, encode, font, capital_font)
            for extension in extensions:
                made = convert(source, extension, out)
                shutil.copy(made, HERE / f"{name}-libreoffice.{extension}")
                print(f"made {name}-libreoffice.{extension}")
            if name == "names-vni":
                shutil.copy(to_csv(source, out), HERE / f"{name}-libreoffice.csv")
                print(f"made {name}-libreoffice.csv")

        def mixed(text: str, capitals: bool = False) -> str:
            row = next((r for r in ROWS if text in (r[0], r[1])), None)
            odd = row is not None and ROWS.index(row) % 2 == 1
            return vni(text) if odd else tcvn3(text, capitals=capitals)

        source = tmp_dir / "names-mixed.xlsx"
        workbook(source, mixed, ".VnTime", ".VnTimeH")
        shutil.copy(to_csv(source, out), HERE / "names-mixed-libreoffice.csv")
        print("made names-mixed-libreoffice.csv")


if __name__ == "__main__":
    main()
