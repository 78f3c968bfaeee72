"""Import benchmark: a 100,000-row list of the former Thần Xa commune, previewed and written.

Makes the file (XLSX by default, or CSV), then times the two steps an officer takes on a fresh
SQLite database: upload (read, check, preview: nothing written) and confirm (checked again and
written in one transaction). Prints seconds and the peak resident memory of the process.
While it runs, a ticker on the same event loop (what answers /healthz) records the longest
time the loop was held. `--attacks` measures each attack file of the limits (docs/import.md):
the time to refuse it, the process's peak memory and the loop's longest pause, each in a fresh
process. `--served` does it as an officer would, on a real server (uvicorn, SQLite): each
attack file uploaded, then a 100,000-row list previewed and confirmed, while /healthz is asked
every 50 ms and the memory of the server's processes is sampled (`make bench` records it in
bench/results.json under "import_served"). A benchmark, not a test.
Each step's figures are wall seconds and processor seconds (this process and the readers',
from /proc), beside python-calamine's own read of the same file and the load averages of the
shared machine; `--results bench/results.json` keeps them there under "import_speed"
(`make bench-import`; `make bench` keeps them with its SQLite run's "import_100k").
Usage: python bench/import_bench.py [--rows 100000] [--csv] [--attacks] [--served] [--results F]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import resource
import secrets
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from relief import db  # noqa: E402
from relief.core.actor import SYSTEM  # noqa: E402
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


def cpu_seconds() -> float:
    """Processor time (user + system) of this process and every process under it, the
    file readers of relief.core.workers too (their fork server's reaped children included),
    read from /proc: the work done, whatever else the shared machine runs meanwhile."""
    sys.path.insert(0, str(ROOT / "bench"))
    import drive

    tick = os.sysconf("SC_CLK_TCK")
    own = os.times()
    total = own.user + own.system + own.children_user + own.children_system
    for pid in drive.process_tree(os.getpid())[1:]:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        total += sum(int(x) for x in fields[11:15]) / tick  # utime stime cutime cstime
    return total


def calamine_read(data: bytes) -> tuple[float, float]:
    """(wall, processor seconds) of python-calamine's own read of the file: the workbook
    opened, its sheet read into Python values."""
    import io

    from python_calamine import CalamineWorkbook

    wall, cpu = time.perf_counter(), time.process_time()
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    book.get_sheet_by_name(book.sheet_names[0]).to_python()
    return time.perf_counter() - wall, time.process_time() - cpu


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


async def bench(name: str, data: bytes, work: Path) -> dict:
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
        figures: dict = {"rows": None, "file_mb": round(len(data) / 1e6, 1),
                         "load_average_before": [round(x, 2) for x in os.getloadavg()]}  # fmt: skip
        if name.endswith(".xlsx"):
            wall, cpu = calamine_read(data)
            figures["calamine"] = {"seconds": round(wall, 2), "cpu_seconds": round(cpu, 2)}
            print(f"python-calamine's own read: {wall:.2f} s, processor {cpu:.2f} s")
        from relief.core import workers
        from relief.imports import reader

        workers.warm(reader.read_file)  # as the upload page does, before the file is chosen
        await workers.in_process(os.getpid)  # the fork server up, the reader's module loaded
        ticker = Ticker().__enter__()
        cpu_start, start = cpu_seconds(), time.perf_counter()
        batch = await service.upload(
            SYSTEM, work, name, data, commune_code="05725", disaster_id=disaster.id
        )
        del data
        await asyncio.sleep(0.2)  # the reader's process reaped: its processor time counted
        cpu_previewed, previewed = cpu_seconds(), time.perf_counter()
        print(
            f"preview: {previewed - start:.1f} s, processor {cpu_previewed - cpu_start:.1f} s — "
            f"rows {batch.rows}, create {batch.created}, errors {batch.errors}, "
            f"flagged {batch.flagged}"
        )
        done = await service.confirm(SYSTEM, work, batch.id, service.Decisions({}))
        cpu_end, end = cpu_seconds(), time.perf_counter()
        households = await Household.all().count()
        damage = await DamageAssessment.all().count()
        print(
            f"confirm: {end - previewed:.1f} s, processor {cpu_end - cpu_previewed:.1f} s — "
            f"{done.status.value}, {households} households, {damage} damage assessments"
        )
        ticker.__exit__()
        print(f"TOTAL preview + write: {end - start:.1f} s; peak RSS {peak_rss_mb():.0f} MB")
        print(f"longest event-loop pause (what /healthz waits): {ticker.longest * 1000:.0f} ms")
        figures.update(
            rows=batch.rows,
            preview={"seconds": round(previewed - start, 1),
                     "cpu_seconds": round(cpu_previewed - cpu_start, 1)},
            confirm={"seconds": round(end - previewed, 1),
                     "cpu_seconds": round(cpu_end - cpu_previewed, 1)},
            total={"seconds": round(end - start, 1), "cpu_seconds": round(cpu_end - cpu_start, 1)},
            households=households,
            peak_rss_mb=round(peak_rss_mb()),
            longest_loop_pause_ms=round(ticker.longest * 1000),
            load_average_after=[round(x, 2) for x in os.getloadavg()],
        )  # fmt: skip
        if "calamine" in figures:
            calamine = figures["calamine"]
            figures["preview_over_calamine"] = {
                "wall": round((previewed - start) / calamine["seconds"], 1),
                "cpu": round((cpu_previewed - cpu_start) / calamine["cpu_seconds"], 1),
            }
        print("FIGURES " + json.dumps(figures, ensure_ascii=False))
        return figures
    finally:
        await db.close_db()


# -- on a real server ------------------------------------------------------------------------

SERVED_USER = "bench_importer"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _tree_memory_mb(root: int) -> tuple[float, float]:
    """(PSS, RSS) in MB of a process and every process under it (the file readers too).

    PSS shares each page among the processes that map it, so the forked readers' pages in
    common with their parent are not counted twice; RSS counts them in each."""
    import drive

    pss = rss = 0
    for pid in drive.process_tree(root):
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss += int(line.split()[1])
        except OSError:
            continue
    return pss / 1024, rss / 1024


class Watch:
    """While a request runs: /healthz every 50 ms (each answer's latency) and the server's
    memory every 50 ms (its peak)."""

    def __init__(self, base: str, pid: int) -> None:
        import httpx

        self.http = httpx.AsyncClient(base_url=base, timeout=60)
        self.pid = pid
        self.latencies: list[float] = []
        self.peak_pss = self.peak_rss = 0.0
        self.tasks: list[asyncio.Task] = []

    async def _health(self) -> None:
        while True:
            start = time.perf_counter()
            response = await self.http.get("/healthz")
            assert response.status_code == 200, response.status_code
            self.latencies.append(time.perf_counter() - start)
            await asyncio.sleep(0.05)

    async def _memory(self) -> None:
        while True:
            pss, rss = await asyncio.to_thread(_tree_memory_mb, self.pid)
            self.peak_pss, self.peak_rss = max(self.peak_pss, pss), max(self.peak_rss, rss)
            await asyncio.sleep(0.05)

    async def __aenter__(self) -> Watch:
        self.tasks = [asyncio.create_task(self._health()), asyncio.create_task(self._memory())]
        await asyncio.sleep(0.06)
        return self

    async def __aexit__(self, *exc) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        await self.http.aclose()

    def figures(self) -> dict:
        ordered = sorted(self.latencies)
        pick = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else None
        return {
            "healthz_answers": len(ordered),
            "healthz_max_ms": round(ordered[-1] * 1000, 1) if ordered else None,
            "healthz_p95_ms": round(pick * 1000, 1) if pick is not None else None,
            "server_peak_pss_mb": round(self.peak_pss, 1),
            "server_peak_rss_mb": round(self.peak_rss, 1),
        }


async def _upload(http, name: str, data: bytes, disaster_id: int):
    csrf = http.cookies.get("relief_csrf") or ""
    key = secrets.token_urlsafe(24)  # as the page's form sends it
    fields = {"_csrf_token": csrf, "disaster_id": str(disaster_id), "submission_key": key}
    kind = "text/csv" if name.endswith(".csv") else XLSX_TYPE
    return await http.post("/imports", data=fields, files={"file": (name, data, kind)})


def _refusal(page: str) -> str:
    """The message beside the file field of the page answered."""
    import html

    found = re.search(r'class="(?:error|field-error)[^"]*"[^>]*>(.*?)<', page, re.S)
    return html.unescape(found.group(1)).strip()[:90] if found else ""


async def _served_run(base: str, pid: int, password: str, disaster_id: int, rows: int) -> dict:
    import drive

    from tests.imports.attacks import ATTACKS

    http = drive.client(base, 2)
    http.timeout = 900
    await drive.log_in(http, SERVED_USER, password)
    await http.get("/imports")  # the upload form, as the officer opens it
    await asyncio.sleep(2)  # the officer choosing the file
    out: dict = {"attacks": {}}
    for name, make in ATTACKS.items():
        data = make()
        file_name = "ds.csv" if "CSV" in name else "ds.xlsx"
        async with Watch(base, pid) as watch:
            start = time.perf_counter()
            response = await _upload(http, file_name, data, disaster_id)
            seconds = time.perf_counter() - start
        entry = {
            "size_kb": round(len(data) / 1024),
            "status": response.status_code,
            "refused_seconds": round(seconds, 2),
            "message": _refusal(response.text),
            **watch.figures(),
        }
        out["attacks"][name] = entry
        print(f"  {name}: {entry}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "than-xa.xlsx"
        make_xlsx(path, rows)
        data = path.read_bytes()
    async with Watch(base, pid) as watch:
        start = time.perf_counter()
        response = await _upload(http, "than-xa.xlsx", data, disaster_id)
        previewed = time.perf_counter() - start
    preview = {"seconds": round(previewed, 1), "status": response.status_code, **watch.figures()}
    print(f"  preview of {rows} rows: {preview}", flush=True)
    location = response.headers.get("location", "")
    confirm: dict = {"status": None}
    if response.status_code == 303 and location.startswith("/imports/"):
        csrf = http.cookies.get("relief_csrf") or ""
        async with Watch(base, pid) as watch:
            start = time.perf_counter()
            form = {"_csrf_token": csrf, "submission_key": secrets.token_urlsafe(24)}
            done = await http.post(f"{location}/confirm", data=form)
            confirmed = time.perf_counter() - start
        confirm = {"seconds": round(confirmed, 1), "status": done.status_code, **watch.figures()}
    print(f"  confirm: {confirm}", flush=True)
    await http.aclose()
    out["import"] = {"rows": rows, "size_mb": round(len(data) / 1e6, 1), "preview": preview,
                     "confirm": confirm}  # fmt: skip
    return out


def served(rows: int = 100_000) -> dict:
    """The attack files and a `rows`-row list uploaded to a real server (uvicorn, SQLite) by a
    commune officer: refusal times, /healthz latency and the server's peak memory meanwhile."""
    sys.path.insert(0, str(ROOT / "bench"))
    import drive

    with tempfile.TemporaryDirectory() as tmp:
        var = Path(tmp)
        env = dict(os.environ, RELIEF_VAR_DIR=str(var), RELIEF_SECRET_KEY=secrets.token_urlsafe(32))
        env["RELIEF_DATABASE_URL"] = f"sqlite://{var / 'relief.sqlite3'}?{SQLITE_PARAMS}"
        password = "bench-" + secrets.token_urlsafe(12)

        def relief(*args: str, stdin: str | None = None) -> None:
            command = [sys.executable, "-m", "relief.cli", *args]
            subprocess.run(command, env=env, input=stdin, text=True, check=True, cwd=ROOT,
                           capture_output=True)  # fmt: skip

        relief("migrate")
        relief("load-places")
        relief("user", "add", SERVED_USER, "--role", "commune", "--commune", "05725",
               "--password-stdin", stdin=password + "\n")  # fmt: skip

        async def add_disaster() -> int:
            from relief.households.models import Disaster

            await db.init_db(env["RELIEF_DATABASE_URL"])
            try:
                found = await Disaster.create(name="Bão số 11", starts_on=date(2025, 10, 6))
                return found.id
            finally:
                await db.close_db()

        disaster_id = asyncio.run(add_disaster())
        server = drive.Server(env, drive.free_port(), 1, var / "server.log")
        server.start()
        try:
            assert server.proc is not None
            figures = asyncio.run(_served_run(server.url, server.proc.pid, password,
                                              disaster_id, rows))  # fmt: skip
            figures["server_peak_memory"] = server.peak_memory()
        finally:
            server.stop()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--csv", action="store_true", help="a CSV file instead of XLSX")
    parser.add_argument("--attacks", action="store_true", help="the attack files of the limits")
    parser.add_argument("--served", action="store_true", help="on a real server (uvicorn)")
    parser.add_argument("--attack", help=argparse.SUPPRESS)
    parser.add_argument(
        "--results",
        help="also write the figures into this JSON file under import_speed (bench/results.json)",
    )
    args = parser.parse_args()
    if args.served:
        print(json.dumps(served(args.rows), ensure_ascii=False, indent=2))
        return
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
        figures = asyncio.run(bench(path.name, path.read_bytes(), work))
    if args.results:
        out = Path(args.results)
        results = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
        figures["date"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        results["import_speed"] = figures
        out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"written to {out} under import_speed")


if __name__ == "__main__":
    main()
