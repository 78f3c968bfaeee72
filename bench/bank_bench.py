"""Bank statements in at the size of a busy day: a Vietcombank statement of N credits (the
Front's Yagi account took about 12,000 transfers a day in September 2024) read, matched and
written, then a second overlapping statement (its lines all repeats), on SQLite.

    .venv/bin/python bench/bank_bench.py [lines]

Prints the figures; docs/performance.md keeps the measured ones.
"""

from __future__ import annotations

import asyncio
import csv
import io
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from relief import db  # noqa: E402
from relief.core.actor import SYSTEM  # noqa: E402
from relief.settings import SQLITE_PARAMS  # noqa: E402

NAMES = ["NGUYEN VAN AN", "TRAN THI BINH", "LE HOANG NAM", "PHAM MINH DUC", "DO THI HUONG"]


def statement(lines: int, first: int = 0) -> bytes:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["SAO KÊ TÀI KHOẢN / ACCOUNT STATEMENT - VIETCOMBANK"])
    w.writerow(["Số tài khoản / Account number:", "", "0391000654321"])
    w.writerow(["Từ ngày / From: 01/10/2025  Đến ngày / To: 31/10/2025"])
    w.writerow(["STT", "Ngày giao dịch", "Số tham chiếu", "Số tiền ghi nợ", "Số tiền ghi có",
                "Nội dung chi tiết"])  # fmt: skip
    for n in range(first, first + lines):
        day = date(2025, 10, 1) + timedelta(days=n * 30 // max(lines, 1) % 30)
        amount = (n % 50 + 1) * 50_000
        w.writerow([n + 1, day.strftime("%d/%m/%Y"), f"5{n:04d}.{n * 7919 % 100000:05d}", "",
                    amount, f"UH BL2025 {NAMES[n % 5]} {n}"])  # fmt: skip
    return out.getvalue().encode("utf-8-sig")


async def main(lines: int) -> None:
    from relief.ledger import bank
    from relief.ledger.models import BankLine, Campaign

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite://{Path(tmp) / 'bench.sqlite3'}?{SQLITE_PARAMS}"
        await db.migrate(url)
        await db.close_db()
        await db.init_db(url)
        try:
            await Campaign.create(name="BL2025", code="BL2025", starts_on=date(2025, 10, 1))
            data = statement(lines)
            start = time.perf_counter()
            first = await bank.import_statement(SYSTEM, "a.csv", data, read_here=True)
            took = time.perf_counter() - start
            half = statement(lines, first=lines // 2)
            start = time.perf_counter()
            second = await bank.import_statement(SYSTEM, "b.csv", half, read_here=True)
            again = time.perf_counter() - start
            ids = (
                await BankLine.filter(statement_id=first.id).limit(50).values_list("id", flat=True)
            )
            values = {f"do_{i}": "confirm" for i in ids}
            start = time.perf_counter()
            await bank.decide(SYSTEM, first.id, values)
            decided = time.perf_counter() - start
            r = await bank.reconciliation(second)
            print(
                f"{lines} lines ({len(data) / 1e6:.1f} MB): imported in {took:.2f} s; "
                f"an overlapping statement of {lines} in {again:.2f} s "
                f"({r.counts['repeated']['lines']} repeats); "
                f"50 proposals confirmed in {decided:.2f} s"
            )
        finally:
            await db.close_db()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 12_000))
