"""Some reads of `make bench` measured again on kept bench databases (the ledger's round of
issue 27): `prepare` builds a province as bench/run.py does (its own directory and PostgreSQL
database) and keeps it; `measure` migrates it with a source tree's code, serves it with that
tree and measures the chosen reads and the framework's 92-row page the same way as run.py
(server CPU per request from /proc, the database's backends added on PostgreSQL), several
rounds, each read's median kept. Comparing two trees on one database compares code alone.

Usage:
  python bench/some_reads.py prepare --backend sqlite --scale 0.1 --name s01
  python bench/some_reads.py measure --name s01 --tree DIR --reads ledger,public_statement
      [--rounds 3] [--sql] [--out FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(BENCH), str(ROOT)]

import cpu  # noqa: E402
import drive  # noqa: E402
import run  # noqa: E402
from scenarios import Facts, reads  # noqa: E402

KEPT = ROOT / "var" / "some-reads"


def _state_file(name: str) -> Path:
    return KEPT / name / "state.json"


def prepare(backend: str, scale: float, name: str) -> None:
    run.VAR = KEPT / name
    run.VAR.mkdir(parents=True, exist_ok=True)
    run.PG_DB = f"relief_some_reads_{name}"
    os.environ["BENCH_PG_DB"] = run.PG_DB
    import generate

    generate_scale = generate.scale  # the sizes of this scale, as run.py sets them
    generate_scale(scale)
    env, prepared = run.prepare(backend, scale)
    facts: Facts = prepared["facts"]
    tokens = run.add_users(env, facts.officer_commune, prepared["province"])
    state = {
        "backend": backend,
        "scale": scale,
        "pg_db": run.PG_DB,
        "env": {k: env[k] for k in ("RELIEF_VAR_DIR", "RELIEF_SECRET_KEY", "RELIEF_DATABASE_URL")},
        "password": run.PASSWORD,
        "tokens": tokens,
        "facts": asdict(facts),
        "load": prepared["load"],
    }
    _state_file(name).write_text(json.dumps(state, ensure_ascii=False, indent=2), "utf-8")
    print(f"kept {name}: {backend} at {scale}x", flush=True)


def _migrate(env: dict, tree: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "relief.cli", "migrate"], env=env, cwd=tree,
                          capture_output=True, text=True)  # fmt: skip
    if done.returncode:
        raise SystemExit(f"migrate failed: {done.stderr[-800:]}")


def measure(name: str, tree: Path, keys: list[str], rounds: int, sql: bool) -> dict:
    state = json.loads(_state_file(name).read_text("utf-8"))
    run.PASSWORD, run.PG_DB = state["password"], state["pg_db"]
    env = dict(os.environ, **state["env"], PYTHONPATH=str(tree))
    facts = Facts(**state["facts"])
    _migrate(env, tree)
    chosen = [r for r in reads(facts) if r.key in keys]
    load_before = cpu.load_average()
    figures: dict[str, list[dict]] = {r.key: [] for r in chosen}

    async def one_round(server: drive.Server) -> None:
        db = run.DbProcesses(state["backend"], state["pg_db"])
        http = await run.sessions(server.url, facts, state["tokens"])
        try:
            for r in chosen:

                def request(i: int, path=r.path) -> tuple[str, str, None]:
                    return "GET", path(i) if callable(path) else path, None

                figures[r.key].append(
                    await run.measure_one(http[r.auth], request, server, db, {200})
                )
        finally:
            for client in http.values():
                await client.aclose()
            await db.close()

    # A new server each round, as run.py measures a new server: the public pages' own cache
    # (60 s) starts empty.
    for _ in range(rounds):
        server = drive.Server(env, drive.free_port(), 1 if state["backend"] == "sqlite" else 2,
                              KEPT / name / "server.log")  # fmt: skip
        here = os.getcwd()
        os.chdir(tree)  # uvicorn imports the app from its working directory
        try:
            server.start()
        finally:
            os.chdir(here)
        try:
            asyncio.run(one_round(server))
        finally:
            server.stop()
    trivial = [run.framework(drive.free_port())["page"]["cpu_ms"] for _ in range(rounds)]
    out: dict = {
        "name": name,
        "backend": state["backend"],
        "scale": state["scale"],
        "tree": str(tree),
        "load_average_before": load_before,
        "load_average_after": cpu.load_average(),
        "framework_page_ms": statistics.median(trivial),
        "framework_page_rounds": trivial,
        "reads": {},
    }
    for key, ms in figures.items():
        cpu_ms = [m["cpu_ms"] for m in ms]
        out["reads"][key] = {
            "cpu_ms": statistics.median(cpu_ms),
            "rounds": cpu_ms,
            "app_cpu_ms": statistics.median(m["app_cpu_ms"] for m in ms),
            "db_cpu_ms": statistics.median(m.get("db_cpu_ms") or 0 for m in ms),
            "errors": sum(m["errors"] for m in ms),
            "first_error": next((m["first_error"] for m in ms if "first_error" in m), None),
        }
    if sql:
        run.VAR = KEPT / name
        for key, floor in run.floors(env, facts, state["tokens"]).items():
            if key in out["reads"]:
                out["reads"][key].update(floor)
    limit = 10 * out["framework_page_ms"]
    print(f"{name} ({state['backend']} {state['scale']}x, {tree}): framework page "
          f"{out['framework_page_ms']} ms, limit {limit:.1f}; load {load_before} → "
          f"{out['load_average_after']}")  # fmt: skip
    for key, m in out["reads"].items():
        print(f"  {key:<18} {m['cpu_ms']:>7} ms (app {m['app_cpu_ms']}, db {m['db_cpu_ms']}) "
              f"rounds {m['rounds']} sql {m.get('sql_cpu_ms')} err {m['errors']} "
              f"{m['first_error'] or ''}")  # fmt: skip
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("what", choices=("prepare", "measure"))
    parser.add_argument("--name", required=True)
    parser.add_argument("--backend", default="sqlite")
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--tree", default=str(ROOT))
    parser.add_argument("--reads", default="ledger,public_statement,public_commune")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sql", action="store_true", help="replay each read's SQL too")
    parser.add_argument("--out", default=None, help="append the figures (JSON lines)")
    args = parser.parse_args()
    if args.what == "prepare":
        t0 = time.perf_counter()
        prepare(args.backend, args.scale, args.name)
        print(f"in {time.perf_counter() - t0:.0f} s")
        return
    out = measure(args.name, Path(args.tree).resolve(), args.reads.split(","), args.rounds,
                  args.sql)  # fmt: skip
    if args.out:
        with open(args.out, "a", encoding="utf-8") as f:
            f.write(json.dumps(out, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
