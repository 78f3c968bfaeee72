"""Import benchmark: a 100,000-row list of the former Thần Xa commune, previewed and written.

Makes the file (XLSX by default, or CSV), then times the two steps an officer takes on a fresh
SQLite database: upload (read, check, preview: nothing written) and confirm (checked again and
written in one transaction). Prints seconds and the peak resident memory of the process.
While it runs, a ticker on the same event loop (what answers /healthz) records the longest
time the loop was held. `--attacks` measures each attack file of the limits (docs/import.md):
the time to refuse it, the process's peak memory and the loop's longest pause, each in a fresh
process. A benchmark, not a test.
Usage: python bench/import_bench.py [--rows 100000] [--csv] [--attacks]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from relief import db  # noqa: E402
from relief.core.scope import SYSTEM  # noqa: E402
from relief.settings import SQLITE_PARAMS  # noqa: E402
from tests.imports.files import HEADERS, csv_bytes, person  # noqa: E402


def make_xlsx(path: Path, rows: int) -> None:
    """The list as Excel and LibreOffice save it: text in the shared-strings table."""
    from xml.sax.saxutils import escape

    from openpyxl.utils import get_column_letter

    from tests.imports.attacks import xlsx

    strings: dict[str, int] = {}
    body = []
    for number, values in enumerate([HEADERS, *(person(i) for i in range(1, rows + 1))], 1):
        cells = []
        for index, value in enumerate(values, start=1):
            ref = f"{get_column_letter(index)}{number}"
            if value in ("", None):
                continue
            if isinstance(value, int):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                at = strings.setdefault(str(value), len(strings))
                cells.append(f'<c r="{ref}" t="s"><v>{at}</v></c>')
        body.append(f'<row r="{number}">{"".join(cells)}</row>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    shared = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
    table = f'<sst {ns} count="{len(strings)}" uniqueCount="{len(strings)}">{shared}</sst>'
    path.write_bytes(xlsx("".join(body), shared=table.encode()))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


class Ticker:
    """The event loop's longest pause, as a /healthz request would feel it."""

    def __init__(self) -> None:
        self.longest = 0.0
        self.task: asyncio.Task | None = None

    async def _run(self) -> None:
        while True:
            start = time.perf_counter()
            await asyncio.sleep(0.01)
            self.longest = max(self.longest, time.perf_counter() - start - 0.01)

    def __enter__(self) -> Ticker:
        self.task = asyncio.get_running_loop().create_task(self._run())
        return self

    def __exit__(self, *exc) -> None:
        assert self.task is not None
        self.task.cancel()


def attack(name: str) -> None:
    """One attack file: generated here, then refused; seconds, peak memory, loop pause."""
    from relief.core.errors import Invalid
    from relief.imports.parsing import detect_kind, open_table
    from tests.imports.attacks import ATTACKS

    data = ATTACKS[name]()
    kind = detect_kind("ds.csv" if "CSV" in name else "ds.xlsx", data[:8192])

    async def run() -> tuple[float, str, float]:
        with Ticker() as ticker:
            start = time.perf_counter()
            try:
                await asyncio.to_thread(open_table, data, kind)
                outcome = "NOT REFUSED"
            except Invalid as exc:
                outcome = exc.field_errors["file"][:70]
            return time.perf_counter() - start, outcome, ticker.longest

    seconds, outcome, pause = asyncio.run(run())
    print(
        f"{name}: {len(data) / 1024:.0f} KB, refused in {seconds:.2f} s, peak RSS "
        f"{peak_rss_mb():.0f} MB, longest loop pause {pause * 1000:.0f} ms — {outcome}"
    )


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
        ticker = Ticker().__enter__()
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
        ticker.__exit__()
        print(f"TOTAL preview + write: {end - start:.1f} s; peak RSS {peak_rss_mb():.0f} MB")
        print(f"longest event-loop pause (what /healthz waits): {ticker.longest * 1000:.0f} ms")
    finally:
        await db.close_db()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--csv", action="store_true", help="a CSV file instead of XLSX")
    parser.add_argument("--attacks", action="store_true", help="the attack files of the limits")
    parser.add_argument("--attack", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.attack:
        attack(args.attack)
        return
    if args.attacks:
        from tests.imports.attacks import ATTACKS

        for name in ATTACKS:
            command = [sys.executable, __file__, "--attack", name]
            subprocess.run(command, check=False, timeout=300)
        return
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
