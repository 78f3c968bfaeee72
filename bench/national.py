"""`make bench-national` (issue 31): the country on PostgreSQL - all 34 provinces and 3,321
communes and wards (`relief load-places --all`), hamlets in each, 1,000,000 households spread
over every province with their damage records, aid and house cases (bench/national_data.py,
set-based SQL), the kept figures made by `relief summaries rebuild` and proved by `relief
summaries check` - then the national reads measured as bench/run.py measures the province's:
the server's CPU per request read from /proc (its uvicorn processes and the database backends
serving it, bench/cpu.py), beside each page's own SQL replayed straight on the database
(bench/floor.py) and the framework's trivial 92-row page (bench/trivial_app.py), in the same run.

At two sizes of the country (default 1/10 and full: 100,000 and 1,000,000 households over the
same communes and hamlets), so that growth can be judged against issue 29's targets (at most
10x the trivial page; full at most 1.2x 1/10). Writes the "national" section of
bench/results.json; the bench's database is dropped at the end.
Usage: python bench/national.py [--scales 0.1,1] [--households 1000000]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import secrets
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(BENCH), str(ROOT)]

import cpu  # noqa: E402
import drive  # noqa: E402
import national_data  # noqa: E402
import run  # noqa: E402
from scenarios import FLAT, READ_LIMIT, _verdict  # noqa: E402

DB = os.environ.get("BENCH_NATIONAL_DB", "relief_national")  # another name: two at once
DSN = f"postgresql://postgres@127.0.0.1:5432/{DB}"
PROVINCE = "19"  # Thái Nguyên: the province officer's, and the national province page's
WORKERS = 2  # as bench/run.py serves PostgreSQL
USERS = [("nat_ministry", "ministry"), ("nat_province", "province"), ("nat_commune", "commune")]


def relief_timed(env: dict, *args: str) -> tuple[float, str]:
    t0 = time.perf_counter()
    out = run.relief(env, *args)
    return round(time.perf_counter() - t0, 1), out


def prepare(households: int) -> tuple[dict, dict]:
    """A fresh database: the migrations, the country's places, the rows, the kept figures."""
    asyncio.run(run.pg_admin(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)"))
    asyncio.run(run.pg_admin(f"CREATE DATABASE {DB}"))
    # No parallel workers: they live for one query only, so /proc read before and after the
    # requests would miss their CPU; every query's work stays in the backends that are counted.
    asyncio.run(run.pg_admin(f"ALTER DATABASE {DB} SET max_parallel_workers_per_gather = 0"))
    env = dict(os.environ, RELIEF_VAR_DIR=str(run.VAR), RELIEF_SECRET_KEY=secrets.token_urlsafe(32),
               RELIEF_DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DB}")  # fmt: skip
    info: dict = {"seconds": {}}
    info["seconds"]["migrate"], _ = relief_timed(env, "migrate")
    info["seconds"]["load_places_all"], places = relief_timed(env, "load-places", "--all")
    info["load_places"] = places.splitlines()[0]
    t0 = time.perf_counter()
    info["insert_seconds"] = asyncio.run(national_data.fill(DSN, households))
    info["seconds"]["insert_and_analyze"] = round(time.perf_counter() - t0, 1)
    info["seconds"]["summaries_rebuild"], info["summaries_rebuild"] = relief_timed(
        env, "summaries", "rebuild"
    )
    check = run.summaries_check(env)
    info["seconds"]["summaries_check"] = check.pop("seconds")
    info["summaries_check"] = check
    info["rows"] = asyncio.run(national_data.counts(DSN))
    info["database_mb"] = asyncio.run(_size())
    print(f"  {info['rows']['household']:,} households in "
          f"{info['rows']['provinces_with_households']} provinces, "
          f"{info['rows']['commune']:,} communes, {info['rows']['hamlet']:,} hamlets; "
          f"{json.dumps(info['seconds'])}; check: {check['verdict']}", flush=True)  # fmt: skip
    if check["exit_status"]:
        raise SystemExit(f"the kept figures differ from a recount: {check['differences']}")
    return env, info


async def _size() -> int:
    import asyncpg

    db = await asyncpg.connect(DSN)
    try:
        return round(await db.fetchval("SELECT pg_database_size(current_database())") / 2**20)
    finally:
        await db.close()


async def _officer_commune() -> str:
    """The commune of the province with the most households (the commune officer's)."""
    import asyncpg

    db = await asyncpg.connect(DSN)
    try:
        return await db.fetchval(
            'SELECT c.code FROM "household" h JOIN "commune" c ON c.id = h.commune_id '
            'JOIN "province" p ON p.id = c.province_id WHERE p.code = $1 '
            "GROUP BY c.code ORDER BY count(*) DESC, c.code LIMIT 1",
            PROVINCE,
        )
    finally:
        await db.close()


def add_users(env: dict, commune: str) -> None:
    bound = {"province": ["--province", PROVINCE], "commune": ["--commune", commune]}
    for username, role in USERS:
        run.relief(env, "user", "add", username, "--role", role, *bound.get(role, []),
                   "--password-stdin", stdin=run.PASSWORD + "\n")  # fmt: skip


def reads(commune: str) -> list[dict]:
    return [
        {"key": "national", "label": "National dashboard, ministry (GET /national)",
         "auth": "page:nat_ministry", "path": "/national"},
        {"key": "national_province", "label": f"A province's communes on the national pages, "
         f"ministry (GET /national/provinces/{PROVINCE})", "auth": "page:nat_ministry",
         "path": f"/national/provinces/{PROVINCE}"},
        {"key": "province_dashboard", "label": "Province dashboard, province officer "
         "(GET /reports)", "auth": "page:nat_province", "path": "/reports"},
        {"key": "commune_summary", "label": "Commune summary, commune officer "
         f"(GET /reports/communes/{commune})", "auth": "page:nat_commune",
         "path": f"/reports/communes/{commune}"},
    ]  # fmt: skip


async def measure(server: drive.Server, wanted: list[dict]) -> dict:
    db = run.DbProcesses("postgres", DB)
    http = {}
    for username, _ in USERS:
        http[f"page:{username}"] = drive.client(server.url, 1)
        await drive.log_in(http[f"page:{username}"], username, run.PASSWORD)
    out = {}
    try:
        for r in wanted:

            def request(i: int, path=r["path"]) -> tuple[str, str, None]:
                return "GET", path, None

            m = await run.measure_one(http[r["auth"]], request, server, db, {200})
            out[r["key"]] = {"label": r["label"], "path": r["path"], **m}
            print(f"    {r['key']:<20} {m['cpu_ms']!s:>8} ms CPU/request (app "
                  f"{m['app_cpu_ms']}, db {m.get('db_cpu_ms')}), n={m['requests']} "
                  f"err={m['errors']} p50 {m['p50_wall_ms']} ms", flush=True)  # fmt: skip
    finally:
        for client in http.values():
            await client.aclose()
        await db.close()
    return out


def floors(env: dict, wanted: list[dict]) -> dict:
    spec = {"password": run.PASSWORD, "tokens": {},
            "reads": [{k: r[k] for k in ("key", "auth", "path")} for r in wanted]}  # fmt: skip
    spec_file, out_file = run.VAR / "national-floor-spec.json", run.VAR / "national-floor.json"
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    done = subprocess.run([sys.executable, str(BENCH / "floor.py"), str(spec_file),
                           str(out_file)], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=1800)  # fmt: skip
    if done.returncode:
        print(f"  floor.py failed: {done.stderr[-800:]}", flush=True)
        return {}
    return json.loads(out_file.read_text(encoding="utf-8"))


def run_scale(factor: float, full: int) -> dict:
    households = int(full * factor)
    print(f"national bench at {factor:g} x ({households:,} households): preparing", flush=True)
    started = time.perf_counter()
    env, info = prepare(households)
    commune = asyncio.run(_officer_commune())
    add_users(env, commune)
    wanted = reads(commune)
    server = drive.Server(env, drive.free_port(), WORKERS, run.VAR / "server-national.log")
    server.start()
    load_before = cpu.load_average()
    try:
        figures = asyncio.run(measure(server, wanted))
        memory = server.peak_memory()
    finally:
        server.stop()
    for key, sql in floors(env, wanted).items():
        figures[key].update(sql)
        if figures[key].get("cpu_ms") and sql.get("sql_cpu_ms"):
            figures[key]["over_sql"] = round(figures[key]["cpu_ms"] / sql["sql_cpu_ms"], 1)
    trivial = run.framework(drive.free_port())
    print(f"    framework: 92-row page {trivial['page']['cpu_ms']} ms, JSON "
          f"{trivial['json']['cpu_ms']} ms CPU/request", flush=True)  # fmt: skip
    asyncio.run(run.pg_admin(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)"))
    return {
        "scale": factor,
        "households": households,
        "workers": WORKERS,
        "officer_commune": commune,
        "province": PROVINCE,
        "load": info,
        "framework": trivial,
        "reads": figures,
        "memory": memory,
        "load_average_before": load_before,
        "load_average_after": cpu.load_average(),
        "seconds": round(time.perf_counter() - started, 1),
    }


def judge(runs: dict) -> dict:
    """Issue 29's read targets for each national read: at most READ_LIMIT times the trivial page of
    the same run, and flat (the larger scale at most FLAT times the smaller)."""
    out: dict = {"reads_vs_framework": {}, "flat": {}}
    for scale, one in runs.items():
        trivial = one["framework"]["page"]["cpu_ms"]
        out["reads_vs_framework"][scale] = {
            key: _verdict(r.get("cpu_ms"), READ_LIMIT * trivial) for key, r in one["reads"].items()
        }
    scales = sorted(runs, key=float)
    for small, large in itertools.pairwise(scales):
        pair = f"{large} ÷ {small}"
        out["flat"][pair] = {}
        for key, r in runs[large]["reads"].items():
            before = runs[small]["reads"].get(key, {}).get("cpu_ms")
            ratio = r["cpu_ms"] / before if before and r.get("cpu_ms") else None
            out["flat"][pair][key] = _verdict(ratio, FLAT)
    return out


def table(runs: dict) -> str:
    scales = sorted(runs, key=float)
    lines = ["national (PostgreSQL): CPU per request in ms (server + database), by scale",
             f"  {'read':<22}" + "".join(f"{s + ' x':>10}{'sql':>8}" for s in scales)]  # fmt: skip
    for key in runs[scales[0]]["reads"]:
        cells = ""
        for s in scales:
            r = runs[s]["reads"].get(key, {})
            cells += f"{r.get('cpu_ms')!s:>10}{r.get('sql_cpu_ms')!s:>8}"
        lines.append(f"  {key:<22}{cells}")
    cells = "".join(f"{runs[s]['framework']['page']['cpu_ms']!s:>10}{'':>8}" for s in scales)
    lines.append(f"  {'framework page':<22}{cells}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default=os.environ.get("BENCH_NATIONAL_SCALES", "0.1,1"),
                        help="fractions of --households (default 0.1,1)")  # fmt: skip
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--out", default=str(BENCH / "results.json"))
    args = parser.parse_args()
    run.VAR.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    section: dict = {
        "issue": 31,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": run.machine(),
        "how": "bench/national.py: a PostgreSQL database of the whole country built with "
        "set-based SQL (bench/national_data.py), kept figures by `relief summaries rebuild` "
        "and proved by `relief summaries check`; CPU per request and floors as in the "
        "province bench (bench/run.py's measure_one, bench/floor.py, bench/trivial_app.py); "
        f"uvicorn with {WORKERS} workers; one client, requests sent one at a time.",
        "load_average_start": cpu.load_average(),
        "runs": {},
    }
    out = Path(args.out)
    for factor in [float(s) for s in args.scales.split(",")]:
        section["runs"][f"{factor:g}"] = run_scale(factor, args.households)
        section["targets"] = judge(section["runs"])
        section["total_seconds"] = round(time.perf_counter() - started, 1)
        results = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
        results["national"] = section
        out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n",
                       encoding="utf-8")  # fmt: skip
    section["load_average_end"] = cpu.load_average()
    results = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    results["national"] = section
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(table(section["runs"]))
    print(f"Written to {out} (national) in {section['total_seconds']} s.")


if __name__ == "__main__":
    main()
