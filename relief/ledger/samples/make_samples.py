"""Writes the bank statements of the demo and the tests (run: python make_samples.py).

Three statements of the province Front's receiving accounts of the campaign BL2025, in the
layouts the banks export (see relief/ledger/bank_file.py):

- vcb-0391000654321-2025-10-01.csv: Vietcombank, 01/10–15/10/2025, CSV in UTF-8;
- vcb-0391000654321-2025-10-10.xlsx: Vietcombank, 10/10–20/10/2025, overlapping the first
  (its lines of 10/10 to 15/10 are the same transactions: they are repeats);
- vietinbank-106000789012-2025-10.xlsx: VietinBank, 01/10–20/10/2025, one signed amount.

The CSVs are written here; the XLSX files are made from them by LibreOffice
(`soffice --headless --convert-to xlsx`), with each column's type given to its CSV filter
(account and reference numbers as text, amounts as numbers, VietinBank's dates as dates).
The donors' names are made up; none is a household of the demo.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import tempfile
import zlib
from pathlib import Path

HERE = Path(__file__).parent
HOLDER = "UY BAN MAT TRAN TO QUOC VIET NAM TINH THAI NGUYEN"
VCB_ACCOUNT = "0391000654321"
VTB_ACCOUNT = "106000789012"


def _vcb_desc(text: str, sender: str = "", from_account: str = "") -> str:
    if sender:
        return (
            f"MBVCB.{zlib.crc32(text.encode()):010d}.{text}.CT tu {from_account} {sender} "
            f"toi {VCB_ACCOUNT} {HOLDER}"
        )
    return text


# (day, reference, debit, credit, description)
VCB_LINES = [
    (
        "02/10/2025",
        "5213.97286",
        0,
        500_000,
        _vcb_desc("UH BL2025 NGUYEN VAN AN", "NGUYEN VAN AN", "0011004567890"),
    ),
    (
        "02/10/2025",
        "5214.10234",
        0,
        2_000_000,
        "IBFT UH BL2025 CONG TY TNHH MAY XUAT KHAU PHU BINH",
    ),
    (
        "03/10/2025",
        "5215.00871",
        0,
        200_000,
        _vcb_desc("UH BL2025 TRAN THI BINH", "TRAN THI BINH", "1903456789012"),
    ),
    (
        "05/10/2025",
        "5218.33410",
        0,
        50_000_000,
        "CONG TY CP GANG THEP THAI NGUYEN UNG HO DONG BAO BI THIET HAI DO BAO UH BL2025",
    ),
    ("07/10/2025", "5221.77002", 0, 300_000, "ung ho dong bao bao lu"),
    ("08/10/2025", "5222.00019", 11_000, 0, "Phi dich vu SMS Banking thang 09/2025"),
    (
        "10/10/2025",
        "5226.41122",
        0,
        500_000_000,
        "UNC-2025-118 QUY VI NGUOI NGHEO TINH THAI NGUYEN CHUYEN TIEN UH BL2025",
    ),
    (
        "12/10/2025",
        "5230.18873",
        0,
        5_000_000,
        "HOI LIEN HIEP PHU NU PHUONG PHAN DINH PHUNG UH BL2025",
    ),
    (
        "14/10/2025",
        "5233.90215",
        0,
        150_000,
        _vcb_desc("UH BL2025 PHAM MINH DUC", "PHAM MINH DUC", "0451000987654"),
    ),
    ("15/10/2025", "5235.00001", 0, 2_613, "Lai nhap von"),
]
VCB_LATER = [
    (
        "16/10/2025",
        "5237.55120",
        0,
        1_000_000,
        _vcb_desc("UH BL2025 DO THI HUONG", "DO THI HUONG", "0061001234567"),
    ),
    (
        "18/10/2025",
        "5240.20781",
        0,
        10_000_000,
        "CONG DOAN CO SO TRUONG DAI HOC SU PHAM THAI NGUYEN UH BL2025",
    ),
    (
        "20/10/2025",
        "5243.88314",
        0,
        500_000,
        _vcb_desc("UH BL2025 VU VAN TUAN", "VU VAN TUAN", "0711000345678"),
    ),
]
# (day and time, entry number, description, signed amount, counterpart)
VTB_LINES = [
    (
        "03/10/2025 09:12:45",
        "902K5A1B2C",
        "CT DEN:528312345678 UH BL2025 HOANG THI LAN",
        300_000,
        "HOANG THI LAN",
    ),
    (
        "04/10/2025 14:03:10",
        "902K5A7Q11",
        "CT DEN:528398765432 UH BL2025 CTY TNHH XAY DUNG DONG HY",
        20_000_000,
        "CONG TY TNHH XAY DUNG DONG HY",
    ),
    (
        "09/10/2025 08:40:02",
        "902K6B0091",
        "CT DEN:528400112233 ung ho mien bac",
        100_000,
        "NGUYEN QUANG HUY",
    ),
    ("11/10/2025 16:21:37", "902K6C4410", "UH BL2025 BUI THANH TAM", 1_000_000, "BUI THANH TAM"),
    ("13/10/2025 10:05:59", "902K6D7788", "Phi quan ly tai khoan thang 09/2025", -22_000, ""),
    (
        "19/10/2025 19:48:20",
        "902K7A0012",
        "CT DEN:528455667788 UH BL2025 NGO VAN KHOA",
        2_000_000,
        "NGO VAN KHOA",
    ),
]
OPENING = 12_350_000


def _vcb_rows(lines: list[tuple], start: str, end: str) -> list[list]:
    balance = OPENING
    rows: list[list] = [
        ["NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM (VIETCOMBANK) - CHI NHÁNH THÁI NGUYÊN"],
        ["SAO KÊ TÀI KHOẢN / ACCOUNT STATEMENT"],
        ["Số tài khoản / Account number:", "", VCB_ACCOUNT],
        ["Tên tài khoản / Account name:", "", HOLDER],
        ["Loại tiền / Currency:", "", "VND"],
        [f"Từ ngày / From: {start}  Đến ngày / To: {end}"],
        ["Số dư đầu kỳ / Opening balance:", "", "", "", "", OPENING],
        [],
        [
            "STT / No.",
            "Ngày giao dịch / Transaction Date",
            "Số tham chiếu / Reference No.",
            "Số tiền ghi nợ / Debit",
            "Số tiền ghi có / Credit",
            "Số dư / Balance",
            "Nội dung chi tiết / Transactions in detail",
        ],
    ]
    for n, (day, ref, debit, credit, text) in enumerate(lines, start=1):
        balance += credit - debit
        rows.append([n, day, ref, debit or "", credit or "", balance, text])
    rows.append(
        [
            "Tổng số / Total",
            "",
            "",
            sum(x[2] for x in lines),
            sum(x[3] for x in lines),
            "",
            "",
        ]
    )
    rows.append(["Số dư cuối kỳ / Closing balance:", "", "", "", "", balance])
    rows.append([])
    rows.append(["Sao kê được lập bởi hệ thống VCB Digibank, không cần chữ ký, con dấu."])
    return rows


def _vtb_rows() -> list[list]:
    rows: list[list] = [
        ["NGÂN HÀNG TMCP CÔNG THƯƠNG VIỆT NAM - VIETINBANK"],
        ["LỊCH SỬ GIAO DỊCH TÀI KHOẢN"],
        [f"Tài khoản: {VTB_ACCOUNT} - {HOLDER}"],
        ["Thời gian: 01/10/2025 - 20/10/2025"],
        [],
        ["STT", "Ngày GD", "Số bút toán", "Mô tả giao dịch", "Số tiền", "Tên đối ứng"],
    ]
    for n, (when, ref, text, amount, name) in enumerate(VTB_LINES, start=1):
        rows.append([n, when, ref, text, amount, name])
    return rows


def _write_csv(path: Path, rows: list[list], bom: bool = True) -> None:
    with path.open("w", newline="", encoding="utf-8-sig" if bom else "utf-8") as out:
        csv.writer(out).writerows(rows)


def _to_xlsx(rows: list[list], target: Path, formats: str) -> None:
    """The rows as an .xlsx made by LibreOffice from a CSV, each column typed by `formats`
    (the CSV filter's column list: 1 standard, 2 text, 4 day/month/year)."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / (target.stem + ".csv")
        _write_csv(source, rows, bom=False)
        subprocess.run(
            [
                "soffice",
                "--headless",
                f"-env:UserInstallation=file://{tmp}/profile",
                f"--infilter=CSV:44,34,76,1,{formats}",
                "--convert-to",
                "xlsx",
                "--outdir",
                tmp,
                str(source),
            ],
            check=True,
            capture_output=True,
        )
        shutil.copy(Path(tmp) / (target.stem + ".xlsx"), target)


def main() -> None:
    _write_csv(
        HERE / "vcb-0391000654321-2025-10-01.csv", _vcb_rows(VCB_LINES, "01/10/2025", "15/10/2025")
    )
    later = [line for line in VCB_LINES if int(line[0][:2]) >= 10] + VCB_LATER
    _to_xlsx(
        _vcb_rows(later, "10/10/2025", "20/10/2025"),
        HERE / "vcb-0391000654321-2025-10-10.xlsx",
        "1/2/2/2/3/2/4/1/5/1/6/1/7/2",
    )
    _to_xlsx(_vtb_rows(), HERE / "vietinbank-106000789012-2025-10.xlsx", "1/2/2/4/3/2/4/2/5/1/6/2")


if __name__ == "__main__":
    main()
