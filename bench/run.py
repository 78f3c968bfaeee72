"""`make bench`: a province at national-campaign scale, served by uvicorn, driven on 127.0.0.1.

For SQLite (one worker) and PostgreSQL (two workers): migrate, load places, bulk insert the
generated province, ANALYZE, add the users, serve, measure, stop. Prints a table and writes
bench/results.json. Usage: python bench/run.py [--backends sqlite,postgres] [--scale 0.1]
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

import drive  # noqa: E402
import generate  # noqa: E402
import import_bench  # noqa: E402
import load  # noqa: E402
from scenarios import Facts, judge, scenarios  # noqa: E402

from relief.settings import SQLITE_PARAMS  # noqa: E402

VAR = ROOT / "var" / "bench"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_DB = "relief_bench"
PASSWORD = "bench-" + secrets.token_urlsafe(12)
USERS = [("bench_admin", "admin", None), ("bench_province", "province", None)]
SKIP_IMPORT = False


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


def import_100k(rows: int = 100_000) -> dict:
    """Times bench/import_bench.py: a 100,000-row list previewed, then written (SQLite)."""
    command = [sys.executable, str(ROOT / "bench" / "import_bench.py"), "--rows", str(rows)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=900)
    lines = done.stdout.splitlines()
    total = next((line for line in lines if line.startswith("TOTAL")), "")
    if done.returncode or not total:
        return {"seconds": None, "note": f"import benchmark failed: {done.stderr[-300:]}"}
    seconds = float(total.split(":", 1)[1].split("s;", 1)[0])
    peak = float(total.rsplit("peak RSS", 1)[1].split("MB", 1)[0])
    attacks = subprocess.run(
        [*command[:2], "--attacks"], capture_output=True, text=True, cwd=ROOT, timeout=900
    )
    figures = next((json.loads(line[8:]) for line in lines if line.startswith("FIGURES ")), {})
    return {
        "seconds": seconds,
        "peak_rss_mb": peak,
        "rows": rows,
        "speed": figures,  # wall and processor seconds per step, python-calamine's read, load
        "output": [line for line in lines if not line.startswith("FIGURES ")][-6:],
        "attack_files": attacks.stdout.splitlines(),
    }


def has_import_command(env: dict) -> bool:
    done = subprocess.run([sys.executable, "-m", "relief.cli", "--help"], env=env,
                          capture_output=True, text=True, cwd=ROOT)  # fmt: skip
    return "import" in done.stdout.split("positional arguments", 1)[-1].split("options:", 1)[0]


# -- facts about the generated data, read straight from the database -----------------------------

FACT_SQL = {
    "codes": 'SELECT code FROM "commune" ORDER BY code',
    "officer": 'SELECT c.code, c.id FROM "household" h JOIN "commune" c ON c.id = h.commune_id '
    "GROUP BY c.code, c.id ORDER BY count(*) DESC LIMIT 1",
    "households": 'SELECT max(id) FROM "household"',
    "moves": 'SELECT id, stage, version FROM "house_case" '
    "WHERE stage IN ('proposed', 'approved') "
    "ORDER BY id",
    "case_households": 'SELECT household_id FROM "house_case" ORDER BY id LIMIT 2000',
}
NEXT = {"proposed": "approved", "approved": "started"}


def _facts(codes, officer, hamlets, households, moves, with_case) -> Facts:
    rng = random.Random(8)
    moves = [(case_id, NEXT[stage], version) for case_id, stage, version in moves]
    rng.shuffle(moves)
    return Facts([c for (c,) in codes], officer[0], hamlets, households, moves,
                 [h for (h,) in with_case])  # fmt: skip


def sqlite_facts(path: str) -> Facts:
    with sqlite3.connect(path) as db:
        officer = db.execute(FACT_SQL["officer"]).fetchone()
        hamlets = [h for (h,) in db.execute('SELECT id FROM "hamlet" WHERE commune_id = ?',
                                            (officer[1],))]  # fmt: skip
        return _facts(db.execute(FACT_SQL["codes"]).fetchall(), officer, hamlets,
                      db.execute(FACT_SQL["households"]).fetchone()[0],
                      db.execute(FACT_SQL["moves"]).fetchall(),
                      db.execute(FACT_SQL["case_households"]).fetchall())  # fmt: skip


async def pg_facts(dsn: str) -> Facts:
    import asyncpg

    db = await asyncpg.connect(dsn)
    try:
        officer = tuple(await db.fetchrow(FACT_SQL["officer"]))
        hamlets = [r[0] for r in await db.fetch('SELECT id FROM "hamlet" WHERE commune_id = $1',
                                                officer[1])]  # fmt: skip
        return _facts([tuple(r) for r in await db.fetch(FACT_SQL["codes"])], officer, hamlets,
                      await db.fetchval(FACT_SQL["households"]),
                      [tuple(r) for r in await db.fetch(FACT_SQL["moves"])],
                      [tuple(r) for r in await db.fetch(FACT_SQL["case_households"])])  # fmt: skip
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
    else:
        timings = asyncio.run(load.pg_insert(dsn, tables))
        counts, facts = asyncio.run(load.pg_counts(dsn)), asyncio.run(pg_facts(dsn))
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
    return env, {"load": info, "facts": facts}


def add_users(env: dict, officer_commune: str) -> dict[str, str]:
    tokens = {}
    for username, role, commune in [*USERS, ("bench_commune", "commune", officer_commune)]:
        extra = ["--commune", commune] if commune else []
        relief(env, "user", "add", username, "--role", role, *extra, "--password-stdin",
               stdin=PASSWORD + "\n")  # fmt: skip
        tokens[role] = relief(env, "token", "create", username, "--name", "bench")
    return tokens


async def measure(base: str, facts: Facts, tokens: dict[str, str], only: str = "") -> dict:
    results = {}
    session = drive.client(base, 8)
    await drive.log_in(session, "bench_province", PASSWORD)
    for sc in scenarios(facts):
        if only and sc.key != only:
            continue
        width = max(p.concurrency for p in sc.phases)
        # A page session, a bearer token of a role, or nothing (the public pages).
        is_page = sc.auth == "session"
        http = session if is_page else drive.client(base, width, tokens.get(sc.auth))
        await drive.run_phase(http, sc.make, drive.Phase(1, sc.warmup, 60), sc.ok)
        phases, start = [], sc.warmup
        for phase in sc.phases:
            res = await drive.run_phase(http, sc.make, phase, sc.ok, start_at=start)
            start += res.requests
            phases.append(res.summary())
            s = phases[-1]
            print(f"    {sc.key:<17} c={s['concurrency']:<3} n={s['requests']:<5} "
                  f"err={s['errors']:<3} p50={s['p50_ms']} ms p95={s['p95_ms']} ms "
                  f"{s['req_per_s']} req/s", flush=True)  # fmt: skip
        results[sc.key] = {"label": sc.label, "phases": phases}
        if http is not session:
            await http.aclose()
    await session.aclose()
    return results


def summaries_check(env: dict) -> dict:
    """`relief summaries check` after the writes of the run: kept figures equal to a recount."""
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "relief.cli", "summaries", "check"], env=env,
                          capture_output=True, text=True, cwd=ROOT)  # fmt: skip
    lines = (done.stdout + done.stderr).strip().splitlines()
    return {"exit_status": done.returncode, "seconds": round(time.perf_counter() - t0, 1),
            "verdict": lines[-1] if lines else "", "differences": lines[:20]}  # fmt: skip


def dashboard_at_tenth(port: int) -> dict:
    """The dashboard on SQLite at 1/10 of the full size, to compare with the full size."""
    full = dict(generate.SCALE)
    for key in generate.SCALE:
        if key != "hamlets":
            generate.SCALE[key] = int(full[key] / 10)
    try:
        print("sqlite at 1/10 scale: preparing, for the dashboard only", flush=True)
        env, prepared = prepare("sqlite")
        tokens = add_users(env, prepared["facts"].officer_commune)
        server = drive.Server(env, port, 1, VAR / "server-tenth.log")
        server.start()
        try:
            figures = asyncio.run(measure(server.url, prepared["facts"], tokens, only="dashboard"))
        finally:
            server.stop()
    finally:
        generate.SCALE.update(full)
    return {"scale": 0.1, "rows": prepared["load"]["rows"], "dashboard": figures["dashboard"]}


def run_backend(backend: str, port: int, tenth: dict | None = None) -> dict:
    print(f"{backend}: preparing the province", flush=True)
    env, prepared = prepare(backend)
    facts: Facts = prepared["facts"]
    tokens = add_users(env, facts.officer_commune)
    workers = 1 if backend.startswith("sqlite") else 2
    server = drive.Server(env, port, workers, VAR / f"server-{backend}.log")
    server.start()
    load_before = os.getloadavg()
    try:
        print(f"  serving with uvicorn, {workers} worker(s); officer commune "
              f"{facts.officer_commune}", flush=True)  # fmt: skip
        figures = asyncio.run(measure(server.url, facts, tokens))
        memory = server.peak_memory()
    finally:
        server.stop()
    check = summaries_check(env)
    print(f"  relief summaries check: {check['verdict']}", flush=True)
    if backend == "postgres":
        asyncio.run(pg_admin(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)"))
    result = {"summaries_check": check, "workers": workers, "load": prepared["load"],
              "scenarios": figures,
              "memory": memory, "officer_commune": facts.officer_commune,
              "load_average_before": [round(x, 2) for x in load_before],
              "load_average_after": [round(x, 2) for x in os.getloadavg()]}  # fmt: skip
    if backend == "sqlite" and SKIP_IMPORT:
        result["import_100k"] = {"seconds": None, "note": "skipped (--skip-import)"}
    elif backend == "sqlite" and has_import_command(env):
        result["import_100k"] = import_100k()
    elif backend == "sqlite":
        result["import_100k"] = {"seconds": None, "note": "no `relief import` command yet"}
    if backend == "sqlite" and not SKIP_IMPORT:  # attack files and 100,000 rows, served
        result["import_served"] = import_bench.served()
    if backend == "sqlite" and tenth:
        small = tenth["dashboard"]["phases"][0]["p50_ms"]
        large = figures["dashboard"]["phases"][0]["p50_ms"]
        result["dashboard_growth"] = {"ratio": round(large / small, 2) if small else None,
                                      "full_p50_ms": large, "tenth_p50_ms": small}  # fmt: skip
    result["targets"] = judge(result)
    return result


def table(results: dict) -> str:
    lines = [f"{'backend':<9}{'scenario':<18}{'c':>4}{'n':>6}{'err':>5}{'p50 ms':>9}"
             f"{'p95 ms':>9}{'req/s':>8}"]  # fmt: skip
    for backend, data in results["backends"].items():
        for key, sc in data["scenarios"].items():
            for p in sc["phases"]:
                lines.append(f"{backend:<9}{key:<18}{p['concurrency']:>4}{p['requests']:>6}"
                             f"{p['errors']:>5}{p['p50_ms']!s:>9}{p['p95_ms']!s:>9}"
                             f"{p['req_per_s']!s:>8}")  # fmt: skip
        mem = data["memory"]
        lines.append(f"{backend:<9}{'peak memory':<18} {mem['sum_mb']} MB over "
                     f"{mem['processes']} process(es), largest {mem['max_process_mb']} MB; "
                     f"load {data['load']['seconds']} s")  # fmt: skip
    for backend, data in results["backends"].items():
        for t in data["targets"]:
            verdict = {True: "met", False: "MISSED", None: "not measured"}[t["met"]]
            lines.append(f"{backend:<9}{t['target']:<40} {t['value']!s:>8}  {verdict}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--backends",
        default="sqlite,postgres",
        help="sqlite, postgres, and sqlite+indexes (SQLite with the indexes the models declare "
        "restored after loading, to measure what restoring them is worth)",
    )
    parser.add_argument("--out", default=str(BENCH / "results.json"))
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full size")
    parser.add_argument(
        "--no-tenth",
        action="store_true",
        help="skip the dashboard at 1/10 scale (measured with a full SQLite run)",
    )
    parser.add_argument("--skip-import", action="store_true", help="skip the 100,000-row import")
    args = parser.parse_args()
    global SKIP_IMPORT
    SKIP_IMPORT = args.skip_import
    if args.scale != 1.0:
        for key in generate.SCALE:
            if key != "hamlets":
                generate.SCALE[key] = int(generate.SCALE[key] * args.scale)
    VAR.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "scale": generate.SCALE,
        "backends": {},
    }
    tenth = None
    if args.scale == 1.0 and "sqlite" in args.backends.split(",") and not args.no_tenth:
        tenth = dashboard_at_tenth(drive.free_port())
        results["tenth_scale"] = tenth
    for backend in args.backends.split(","):
        results["backends"][backend] = run_backend(backend, drive.free_port(), tenth)
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    print(table(results))
    out = Path(args.out)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"Written to {out} in {results['total_seconds']} s.")


if __name__ == "__main__":
    main()
