"""`make bench` (issue 29): a province at 1/10, full and 3× the national campaign's scale,
served by uvicorn, each read and write measured as the server's CPU per request read from
/proc (no profiler), beside each page's own SQL replayed straight on the database (bench/floor.py)
and the framework's trivial 92-row page and JSON endpoint (bench/trivial_app.py), in the same run.

For SQLite (one worker) and PostgreSQL (two workers), for each scale: migrate, load places,
bulk insert the generated province, ANALYZE, add the users, serve, measure, stop. Writes each
target's verdict (met, or the gap) to bench/results.json.
Usage: python bench/run.py [--backends sqlite,postgres] [--scales 0.1,1,3] [--writes-only]
[--only household_page,create_household] [--out FILE]
(BENCH_SCALES=0.05,0.15 in the environment sets the scales too, for a quicker try; `--only`
measures the named reads and writes alone, without their SQL replayed, into another --out).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import secrets
import sqlite3
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
import generate  # noqa: E402
import load  # noqa: E402
from scenarios import Facts, judge, reads, writes  # noqa: E402

from relief.settings import SQLITE_PARAMS  # noqa: E402

VAR = Path(os.environ.get("BENCH_VAR", ROOT / "var" / "bench"))
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_DB = os.environ.get("BENCH_PG_DB", "relief_bench")  # another name: two benches at once
PASSWORD = "bench-" + secrets.token_urlsafe(12)
PROVINCE = "19"  # Thái Nguyên, whose communes `relief load-places` loads
USERS = [("bench_admin", "admin", None), ("bench_province", "province", None),
         ("bench_front", "front", None)]  # fmt: skip
# Requests per measure: at least MIN_N, then on until MAX_N or MAX_SECONDS.
MIN_N, MAX_N, MAX_SECONDS = 10, 200, 3.0


def machine() -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo
                if line.startswith("model name")), platform.processor())  # fmt: skip
    mem_kb = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal"))
    return {
        "cores": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "cpu_model": cpu,
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }


def relief(env: dict, *args: str, stdin: str | None = None) -> str:
    done = subprocess.run([sys.executable, "-m", "relief.cli", *args], env=env, input=stdin,
                          capture_output=True, text=True, cwd=ROOT)  # fmt: skip
    if done.returncode:
        raise SystemExit(f"relief {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout.strip()


# -- facts about the generated data, read straight from the database -----------------------------

FACT_SQL = {
    "codes": 'SELECT code FROM "commune" ORDER BY code',
    "officer": 'SELECT c.code, c.id FROM "household" h JOIN "commune" c ON c.id = h.commune_id '
    "GROUP BY c.code, c.id ORDER BY count(*) DESC LIMIT 1",
    "households": 'SELECT max(id) FROM "household"',
    "moves": 'SELECT id, stage, version, kind FROM "house_case" '
    "WHERE stage IN ('approved', 'started') "
    "ORDER BY id",
    "case_households": 'SELECT household_id FROM "house_case" ORDER BY id LIMIT 2000',
    "matmo": """SELECT id FROM "disaster" WHERE name LIKE '%Matmo%'""",
    "province_fund": """SELECT id FROM "ledger_fund" WHERE level = 'province'""",
    "visits": 'SELECT id FROM "aid_visit" ORDER BY id LIMIT 500',
    "province": 'SELECT code FROM "province" ORDER BY id LIMIT 1',
}
UNDAMAGED = (
    'SELECT id FROM "household" WHERE commune_id = {mark} AND id NOT IN '
    '(SELECT household_id FROM "damage_assessment" WHERE disaster_id = {mark2}) '
    "ORDER BY id LIMIT 1000"
)
# A proposal is approved only by a decision (relief.houses.stages): the bench moves approved
# cases on to started, and started ones to their next stage.
NEXT = {
    ("approved", "new_build"): "started",
    ("approved", "repair"): "started",
    ("started", "new_build"): "foundation_done",
    ("started", "repair"): "thirty_percent_done",
}


def _facts(codes, officer, hamlets, households, moves, with_case, more) -> Facts:
    rng = random.Random(8)
    moves = [(case_id, NEXT[(stage, kind)], version) for case_id, stage, version, kind in moves]
    rng.shuffle(moves)
    return Facts([c for (c,) in codes], officer[0], hamlets, households, moves,
                 [h for (h,) in with_case], [h for (h,) in more["undamaged"]], more["matmo"],
                 more["province_fund"], [v for (v,) in more["visits"]])  # fmt: skip


def sqlite_facts(path: str) -> Facts:
    with sqlite3.connect(path) as db:
        officer = db.execute(FACT_SQL["officer"]).fetchone()
        hamlets = [h for (h,) in db.execute('SELECT id FROM "hamlet" WHERE commune_id = ?',
                                            (officer[1],))]  # fmt: skip
        matmo = db.execute(FACT_SQL["matmo"]).fetchone()[0]
        more = {"matmo": matmo,
                "province_fund": db.execute(FACT_SQL["province_fund"]).fetchone()[0],
                "visits": db.execute(FACT_SQL["visits"]).fetchall(),
                "undamaged": db.execute(UNDAMAGED.format(mark="?", mark2="?"),
                                        (officer[1], matmo)).fetchall()}  # fmt: skip
        return _facts(db.execute(FACT_SQL["codes"]).fetchall(), officer, hamlets,
                      db.execute(FACT_SQL["households"]).fetchone()[0],
                      db.execute(FACT_SQL["moves"]).fetchall(),
                      db.execute(FACT_SQL["case_households"]).fetchall(), more)  # fmt: skip


async def pg_facts(dsn: str) -> Facts:
    import asyncpg

    db = await asyncpg.connect(dsn)
    try:
        officer = tuple(await db.fetchrow(FACT_SQL["officer"]))
        hamlets = [r[0] for r in await db.fetch('SELECT id FROM "hamlet" WHERE commune_id = $1',
                                                officer[1])]  # fmt: skip
        matmo = await db.fetchval(FACT_SQL["matmo"])
        more = {"matmo": matmo, "province_fund": await db.fetchval(FACT_SQL["province_fund"]),
                "visits": [tuple(r) for r in await db.fetch(FACT_SQL["visits"])],
                "undamaged": [tuple(r) for r in await db.fetch(
                    UNDAMAGED.format(mark="$1", mark2="$2"), officer[1], matmo)]}  # fmt: skip
        return _facts([tuple(r) for r in await db.fetch(FACT_SQL["codes"])], officer, hamlets,
                      await db.fetchval(FACT_SQL["households"]),
                      [tuple(r) for r in await db.fetch(FACT_SQL["moves"])],
                      [tuple(r) for r in await db.fetch(FACT_SQL["case_households"])],
                      more)  # fmt: skip
    finally:
        await db.close()


async def pg_value(dsn: str, sql: str):
    import asyncpg

    db = await asyncpg.connect(dsn)
    try:
        return await db.fetchval(sql)
    finally:
        await db.close()


async def pg_admin(sql: str) -> None:
    import asyncpg

    db = await asyncpg.connect(PG_ADMIN)
    try:
        await db.execute(sql)
    finally:
        await db.close()


# -- one backend --------------------------------------------------------------------------------


def prepare(backend: str) -> tuple[dict, dict]:
    """A fresh database with the schema from the migrations and the places; the insert."""
    env = dict(os.environ, RELIEF_VAR_DIR=str(VAR), RELIEF_SECRET_KEY=secrets.token_urlsafe(32))
    if backend.startswith("sqlite"):
        path = VAR / "relief-bench.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        env["RELIEF_DATABASE_URL"] = f"sqlite://{path}?{SQLITE_PARAMS}"
    else:
        asyncio.run(pg_admin(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)"))
        asyncio.run(pg_admin(f"CREATE DATABASE {PG_DB}"))
        env["RELIEF_DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{PG_DB}"
    t0 = time.perf_counter()
    relief(env, "migrate")
    relief(env, "load-places")
    schema_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    dsn = f"postgresql://postgres@127.0.0.1:5432/{PG_DB}"
    if backend.startswith("sqlite"):
        communes, hamlets, first = load.sqlite_places(str(path))
    else:
        communes, hamlets, first = asyncio.run(load.pg_places(dsn))
    tables = generate.Generator(communes, hamlets, first).run()
    generated_s = time.perf_counter() - t0
    if backend.startswith("sqlite"):
        timings = load.sqlite_insert(str(path), tables)
        if backend == "sqlite+indexes":  # diagnosis: the indexes migration 0002 drops
            timings["restore_indexes"] = load.sqlite_script(str(path), BENCH / "indexes.sql")
        counts, facts = load.sqlite_counts(str(path)), sqlite_facts(str(path))
        with sqlite3.connect(str(path)) as db:
            province = db.execute(FACT_SQL["province"]).fetchone()[0]
    else:
        timings = asyncio.run(load.pg_insert(dsn, tables))
        counts, facts = asyncio.run(load.pg_counts(dsn)), asyncio.run(pg_facts(dsn))
        province = asyncio.run(pg_value(dsn, FACT_SQL["province"]))
    total = time.perf_counter() - t0
    t0 = time.perf_counter()
    relief(env, "summaries", "rebuild")  # the bulk insert went around the services
    rebuild_s = time.perf_counter() - t0
    info = {
        "summaries_rebuild_seconds": round(rebuild_s, 1),
        "seconds": round(total, 1),
        "generate_seconds": round(generated_s, 1),
        "insert_seconds": {k: round(v, 2) for k, v in timings.items()},
        "migrate_and_places_seconds": round(schema_s, 1),
        "rows": counts,
    }
    print(f"  {backend}: {sum(counts.values()):,} rows generated and inserted in {total:.1f} s")
    return env, {"load": info, "facts": facts, "province": province}


def add_users(env: dict, officer_commune: str, province: str) -> dict[str, str]:
    tokens = {}
    for username, role, commune in [*USERS, ("bench_commune", "commune", officer_commune)]:
        extra = ["--commune", commune] if commune else []
        if role in ("province", "front"):  # bound to the province (the Front: its books)
            extra = ["--province", province]
        relief(env, "user", "add", username, "--role", role, *extra, "--password-stdin",
               stdin=PASSWORD + "\n")  # fmt: skip
        tokens[role] = relief(env, "token", "create", username, "--name", "bench")
    return tokens


# -- measuring ----------------------------------------------------------------------------------


class DbProcesses:
    """The database's own processes to count beside the server's: PostgreSQL's backends serving
    the bench's database (SQLite runs in the server's process, so nothing more there)."""

    def __init__(self, backend: str, dbname: str = PG_DB) -> None:
        self.pg = backend == "postgres"
        self.dbname = dbname
        self.admin = None

    async def pids(self) -> list[int]:
        if not self.pg:
            return []
        import asyncpg

        if self.admin is None:
            self.admin = await asyncpg.connect(PG_ADMIN)
        rows = await self.admin.fetch(
            "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            self.dbname,
        )
        return [r[0] for r in rows]

    async def close(self) -> None:
        if self.admin is not None:
            await self.admin.close()
            self.admin = None


async def measure_one(http, request, server: drive.Server, db: DbProcesses, ok: set[int],
                      limit: int = MAX_N, warmup: int = 3) -> dict:  # fmt: skip
    """Sends requests one at a time; CPU per request of the server (and database) from /proc."""
    statuses: dict[str, int] = {}
    sample: dict[str, str] = {}

    async def send(i: int) -> float:
        method, path, body = request(i)
        t0 = time.perf_counter()
        try:
            answer = await http.request(method, path, json=body)
            status = str(answer.status_code)
            if not (status.isdigit() and int(status) in ok) and "first_error" not in sample:
                sample["first_error"] = f"{method} {path} {status}: {answer.text[:300]}"
        except Exception as exc:
            status = type(exc).__name__
        statuses[status] = statuses.get(status, 0) + 1
        return (time.perf_counter() - t0) * 1000

    for i in range(min(warmup, limit)):
        await send(i)
    statuses.clear()
    app_before = cpu.total(server.processes())
    db_before = cpu.total(await db.pids())
    walls, n, t0 = [], 0, time.monotonic()
    while warmup + n < limit and n < MAX_N and (n < MIN_N or time.monotonic() - t0 < MAX_SECONDS):
        walls.append(await send(warmup + n))
        n += 1
    app = cpu.spent(app_before, server.processes())
    dbs = cpu.spent(db_before, await db.pids())
    errors = sum(v for k, v in statuses.items() if not (k.isdigit() and int(k) in ok))
    walls.sort()
    out = {
        "requests": n,
        "errors": errors,
        "statuses": statuses,
        "cpu_ms": round((app + dbs) / n * 1000, 2) if n else None,
        "app_cpu_ms": round(app / n * 1000, 2) if n else None,
        "p50_wall_ms": round(walls[len(walls) // 2], 1) if walls else None,
    }
    if db.pg:
        out["db_cpu_ms"] = round(dbs / n * 1000, 2) if n else None
    return {**out, **sample}


async def sessions(base: str, facts: Facts, tokens: dict[str, str]) -> dict:
    http: dict = {"anonymous": drive.client(base, 1)}
    for username in ("bench_province", "bench_commune", "bench_front"):
        http[f"page:{username}"] = drive.client(base, 1)
        await drive.log_in(http[f"page:{username}"], username, PASSWORD)
    for role, token in tokens.items():
        http[f"token:{role}"] = drive.client(base, 1, token)
    return http


async def measure_reads_writes(server: drive.Server, backend: str, facts: Facts,
                               tokens: dict[str, str], which: str,
                               only: frozenset[str] = frozenset()) -> dict:  # fmt: skip
    db = DbProcesses(backend)
    http = await sessions(server.url, facts, tokens)
    out = {}
    try:
        if which == "reads":
            for r in reads(facts):
                if only and r.key not in only:
                    continue
                path = r.path

                def request(i: int, path=path) -> tuple[str, str, None]:
                    return "GET", path(i) if callable(path) else path, None

                out[r.key] = {"label": r.label, **await measure_one(
                    http[r.auth], request, server, db, {200})}  # fmt: skip
                m = out[r.key]
                print(f"    {r.key:<20} {m['cpu_ms']!s:>8} ms CPU/request (app "
                      f"{m['app_cpu_ms']}), n={m['requests']} err={m['errors']} "
                      f"p50 {m['p50_wall_ms']} ms", flush=True)  # fmt: skip
        else:
            for w in writes(facts):
                if only and w.key not in only:
                    continue
                out[w.key] = {"label": w.label, **await measure_one(
                    http[w.auth], w.make, server, db, w.ok, limit=w.limit)}  # fmt: skip
                m = out[w.key]
                print(f"    {w.key:<20} {m['cpu_ms']!s:>8} ms CPU/request (app "
                      f"{m['app_cpu_ms']}), n={m['requests']} err={m['errors']} "
                      f"{m['statuses']}", flush=True)  # fmt: skip
    finally:
        for client in http.values():
            await client.aclose()
        await db.close()
    return out


def framework(port: int) -> dict:
    """The trivial 92-row Jinja page and JSON endpoint, served by uvicorn in the same run."""
    env = dict(os.environ, PYTHONPATH=str(BENCH))
    server = drive.Server(env, port, 1, VAR / "server-trivial.log")
    server.cmd = [sys.executable, "-m", "uvicorn", "trivial_app:app", "--host", drive.HOST,
                  "--port", str(port), "--no-access-log", "--log-level", "warning"]  # fmt: skip
    server.start()
    try:

        async def both() -> dict:
            http = drive.client(server.url, 1)
            db = DbProcesses("sqlite")
            out = {}
            for key in ("page", "json"):
                out[key] = await measure_one(
                    http, lambda i, key=key: ("GET", f"/{key}", None), server, db, {200},
                    limit=10_000, warmup=20,
                )  # fmt: skip
            await http.aclose()
            return out

        return asyncio.run(both())
    finally:
        server.stop()


def floors(env: dict, facts: Facts, tokens: dict[str, str]) -> dict:
    """Each read's own SQL replayed straight on the database (bench/floor.py)."""
    spec = {"password": PASSWORD, "tokens": tokens, "reads": [
        {"key": r.key, "auth": r.auth, "path": r.path(1) if callable(r.path) else r.path}
        for r in reads(facts)]}  # fmt: skip
    spec_file, out_file = VAR / "floor-spec.json", VAR / "floor-out.json"
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    done = subprocess.run([sys.executable, str(BENCH / "floor.py"), str(spec_file),
                           str(out_file)], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=1200)  # fmt: skip
    if done.returncode:
        print(f"  floor.py failed: {done.stderr[-800:]}", flush=True)
        return {}
    return json.loads(out_file.read_text(encoding="utf-8"))


def summaries_check(env: dict) -> dict:
    """`relief summaries check` after the writes of the run: kept figures equal to a recount."""
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "relief.cli", "summaries", "check"], env=env,
                          capture_output=True, text=True, cwd=ROOT)  # fmt: skip
    lines = (done.stdout + done.stderr).strip().splitlines()
    return {"exit_status": done.returncode, "seconds": round(time.perf_counter() - t0, 1),
            "verdict": lines[-1] if lines else "", "differences": lines[:20]}  # fmt: skip


def run_one(backend: str, factor: float, check: bool, writes_only: bool = False,
            only: frozenset[str] = frozenset()) -> dict:  # fmt: skip
    sizes = generate.scale(factor)
    print(f"{backend} at {factor}× scale ({sizes['households']:,} households): preparing",
          flush=True)  # fmt: skip
    started = time.perf_counter()
    env, prepared = prepare(backend)
    facts: Facts = prepared["facts"]
    tokens = add_users(env, facts.officer_commune, prepared["province"])
    workers = 1 if backend.startswith("sqlite") else 2
    server = drive.Server(env, drive.free_port(), workers, VAR / f"server-{backend}.log")
    server.start()
    load_before = cpu.load_average()
    try:
        print(f"  serving with uvicorn, {workers} worker(s); officer commune "
              f"{facts.officer_commune}; load average {load_before}", flush=True)  # fmt: skip
        read_figures: dict = {}
        if not writes_only:
            read_figures = asyncio.run(
                measure_reads_writes(server, backend, facts, tokens, "reads", only)
            )
        floor = {} if writes_only or only else floors(env, facts, tokens)
        for key, sql in floor.items():
            read_figures[key].update(sql)
            app = read_figures[key].get("cpu_ms")
            if app and sql.get("sql_cpu_ms"):
                read_figures[key]["over_sql"] = round(app / sql["sql_cpu_ms"], 1)
        trivial = framework(drive.free_port())
        print(f"    framework: 92-row page {trivial['page']['cpu_ms']} ms, JSON "
              f"{trivial['json']['cpu_ms']} ms CPU/request", flush=True)  # fmt: skip
        write_figures = asyncio.run(
            measure_reads_writes(server, backend, facts, tokens, "writes", only)
        )
        memory = server.peak_memory()
    finally:
        server.stop()
    result = {
        "scale": factor,
        "workers": workers,
        "load": prepared["load"],
        "officer_commune": facts.officer_commune,
        "framework": trivial,
        "reads": read_figures,
        "writes": write_figures,
        "memory": memory,
        "load_average_before": load_before,
        "load_average_after": cpu.load_average(),
    }
    if check:
        result["summaries_check"] = summaries_check(env)
        print(f"  relief summaries check: {result['summaries_check']['verdict']}", flush=True)
    if backend == "postgres":
        asyncio.run(pg_admin(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)"))
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def table(results: dict) -> str:
    lines = []
    for backend, runs in results["backends"].items():
        scales = sorted(runs, key=float)
        lines.append(f"{backend}: CPU per request in ms (server + database), by scale")
        lines.append(f"  {'read':<22}" + "".join(f"{s + '×':>10}{'sql':>8}" for s in scales))
        keys = list(next(iter(runs.values()))["reads"])
        for key in keys:
            cells = ""
            for s in scales:
                r = runs[s]["reads"].get(key, {})
                cells += f"{r.get('cpu_ms')!s:>10}{r.get('sql_cpu_ms')!s:>8}"
            lines.append(f"  {key:<22}{cells}")
        for key in next(iter(runs.values()))["writes"]:
            cells = "".join(f"{runs[s]['writes'].get(key, {}).get('cpu_ms')!s:>10}{'':>8}"
                            for s in scales)  # fmt: skip
            lines.append(f"  {key:<22}{cells}")
        for k in ("page", "json"):
            cells = "".join(f"{runs[s]['framework'][k]['cpu_ms']!s:>10}{'':>8}" for s in scales)
            lines.append(f"  {'framework ' + k:<22}{cells}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument(
        "--scales",
        default=os.environ.get("BENCH_SCALES", "0.1,1,3"),
        help="fractions of the full size (default 0.1,1,3; or BENCH_SCALES)",
    )
    parser.add_argument("--out", default=str(BENCH / "results.json"))
    parser.add_argument(
        "--writes-only",
        action="store_true",
        help="measure the writes (and the framework's page) only, not the reads and their SQL",
    )
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated keys of the reads and writes to measure (the others are skipped)",
    )
    parser.add_argument(
        "--no-check",
        action="store_true",
        help="skip `relief summaries check` after each run's writes",
    )
    args = parser.parse_args()
    VAR.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results = {
        "issue": 29,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "how": "server CPU per request = utime+stime of the uvicorn processes (and, on "
        "PostgreSQL, of the database backends serving the bench's database) read from "
        "/proc/<pid>/stat before and after N requests sent one at a time; no profiler. "
        "sql_cpu_ms: the page's own reading SQL replayed straight on the database "
        "(bench/floor.py). framework: bench/trivial_app.py served by uvicorn in the same run.",
        "load_average_start": cpu.load_average(),
        "backends": {},
    }
    out = Path(args.out)
    if out.exists():  # the national bench's section (bench/national.py) is kept as it was
        kept = json.loads(out.read_text(encoding="utf-8")).get("national")
        if kept:
            results["national"] = kept
    # The smaller scales first on both databases, so that a run cut short still compares them.
    for factor in [float(s) for s in args.scales.split(",")]:
        for backend in args.backends.split(","):
            key = f"{factor:g}"
            runs = results["backends"].setdefault(backend, {})
            only = frozenset(k for k in args.only.split(",") if k)
            runs[key] = run_one(backend, factor, not args.no_check, args.writes_only, only)
            results["targets"] = judge(results)
            results["total_seconds"] = round(time.perf_counter() - started, 1)
            out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n",
                           encoding="utf-8")  # fmt: skip
    results["load_average_end"] = cpu.load_average()
    results["targets"] = judge(results)
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    print(table(results))
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"Written to {out} in {results['total_seconds']} s.")


if __name__ == "__main__":
    main()
