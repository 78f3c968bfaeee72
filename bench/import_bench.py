"""Import benchmark: a 100,000-row list of the former Thần Xa commune, previewed and written.

Makes the file (XLSX by default, or CSV), then times the two steps an officer takes on a fresh
SQLite database: upload (read, check, preview: nothing written) and confirm (checked again and
written in one transaction). Prints seconds and the peak resident memory of the process.
A benchmark, not a test. Usage: python bench/import_bench.py [--rows 100000] [--csv]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from openpyxl import Workbook  # noqa: E402

from relief import db  # noqa: E402
from relief.core.scope import SYSTEM  # noqa: E402
from relief.settings import SQLITE_PARAMS  # noqa: E402
from tests.imports.files import HEADERS, csv_bytes, person  # noqa: E402


def make_xlsx(path: Path, rows: int) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách hộ")
    sheet.append(HEADERS)
    for i in range(1, rows + 1):
        sheet.append(person(i))
    book.save(path)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


async def bench(name: str, data: bytes, work: Path) -> None:
    from relief.households.models import DamageAssessment, Disaster, Household
    from relief.imports import service
    from relief.places.loader import load_places

    url = f"sqlite://{work / 'bench.sqlite3'}?{SQLITE_PARAMS}"
    await db.migrate(url)
    await db.close_db()
    await db.init_db(url)
    try:
        await load_places()
        disaster = await Disaster.create(name="Bão số 11 (Matmo)", starts_on=date(2025, 10, 6))
        print(f"file: {name}, {len(data) / 1e6:.1f} MB; peak RSS so far {peak_rss_mb():.0f} MB")
        start = time.perf_counter()
        batch = await service.upload(
            SYSTEM, work, name, data, commune_code="05725", disaster_id=disaster.id
        )
        del data
        previewed = time.perf_counter()
        print(
            f"preview: {previewed - start:.1f} s — rows {batch.rows}, create {batch.created}, "
            f"errors {batch.errors}, flagged {batch.flagged}"
        )
        done = await service.confirm(SYSTEM, work, batch.id, service.Decisions({}))
        end = time.perf_counter()
        households = await Household.all().count()
        damage = await DamageAssessment.all().count()
        print(
            f"confirm: {end - previewed:.1f} s — {done.status.value}, {households} households, "
            f"{damage} damage assessments"
        )
        print(f"TOTAL preview + write: {end - start:.1f} s; peak RSS {peak_rss_mb():.0f} MB")
    finally:
        await db.close_db()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--csv", action="store_true", help="a CSV file instead of XLSX")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        if args.csv:
            path = work / "than-xa.csv"
            path.write_bytes(csv_bytes([person(i) for i in range(1, args.rows + 1)]))
        else:
            path = work / "than-xa.xlsx"
            make_xlsx(path, args.rows)
        print(f"made {args.rows} rows in {time.perf_counter() - started:.1f} s (not timed)")
        asyncio.run(bench(path.name, path.read_bytes(), work))


if __name__ == "__main__":
    main()
