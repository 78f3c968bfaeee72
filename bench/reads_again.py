"""Some reads of `make bench` measured again and again on one prepared database (issue 29), so
that two versions of the code compare in one run: `prepare` builds a province at one scale as
bench/run.py does and keeps it; `measure` serves it from a source tree (this one, or another
checkout given by --tree) and measures the reads named, as bench/run.py measures them (server
CPU per request from /proc, with PostgreSQL's backends); `drop` removes it.
Usage: python bench/reads_again.py prepare --backend postgres --scale 1
       python bench/reads_again.py measure --backend postgres --reads dashboard,commune_summary
              [--tree DIR] [--rounds 3]
       python bench/reads_again.py drop --backend postgres
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]

import cpu  # noqa: E402
import drive  # noqa: E402
import run  # noqa: E402
from scenarios import Facts, reads  # noqa: E402


def _state(backend: str) -> Path:
    return run.VAR / f"reads-again-{backend}.json"


def prepare(backend: str, scale: float) -> None:
    sizes = run.generate.scale(scale)
    print(f"{backend} at {scale}x ({sizes['households']:,} households): preparing", flush=True)
    env, prepared = run.prepare(backend)
    facts: Facts = prepared["facts"]
    tokens = run.add_users(env, facts.officer_commune, prepared["province"])
    state = {"env": {k: env[k] for k in env if k.startswith("RELIEF_")}, "scale": scale,
             "facts": dataclasses.asdict(facts), "tokens": tokens, "load": prepared["load"],
             "password": run.PASSWORD}  # fmt: skip
    _state(backend).write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")


def measure(backend: str, keys: list[str], tree: Path, rounds: int) -> None:
    state = json.loads(_state(backend).read_text(encoding="utf-8"))
    run.PASSWORD = state["password"]
    facts = Facts(**{k: [tuple(x) if isinstance(x, list) else x for x in v]
                     if isinstance(v, list) else v for k, v in state["facts"].items()})  # fmt: skip
    env = {**os.environ, **state["env"], "PYTHONPATH": str(tree)}
    # The tree's own migrations and kept figures (another version's digest rebuilds them).
    subprocess.run([sys.executable, "-m", "relief.cli", "migrate"], env=env, cwd=tree,
                   check=True, capture_output=True)  # fmt: skip
    workers = 1 if backend.startswith("sqlite") else 2
    os.chdir(tree)
    server = drive.Server(env, drive.free_port(), workers, run.VAR / f"reads-again-{backend}.log")
    server.start()
    chosen = [r for r in reads(facts) if r.key in keys]
    try:
        for n in range(rounds):
            trivial = run.framework(drive.free_port())
            print(f"round {n + 1} ({tree}), load {cpu.load_average()}; framework page "
                  f"{trivial['page']['cpu_ms']} ms", flush=True)  # fmt: skip
            asyncio.run(_measure(server, backend, facts, state["tokens"], chosen))
    finally:
        server.stop()


async def _measure(server, backend, facts, tokens, chosen) -> None:
    db = run.DbProcesses(backend)
    http = await run.sessions(server.url, facts, tokens)
    try:
        for r in chosen:

            def request(i: int, path=r.path) -> tuple[str, str, None]:
                return "GET", path(i) if callable(path) else path, None

            m = await run.measure_one(http[r.auth], request, server, db, {200})
            db_ms, n = m.get("db_cpu_ms"), m["requests"]
            print(f"  {r.key:<20} {m['cpu_ms']!s:>8} ms (app {m['app_cpu_ms']}, db {db_ms}), "
                  f"n={n} err={m['errors']}", flush=True)  # fmt: skip
    finally:
        for client in http.values():
            await client.aclose()
        await db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("what", choices=["prepare", "measure", "drop"])
    parser.add_argument("--backend", default="postgres")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--reads", default="dashboard,commune_summary,commune_summary_api")
    parser.add_argument("--tree", default=str(BENCH.parent))
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    run.VAR.mkdir(parents=True, exist_ok=True)
    if args.what == "prepare":
        prepare(args.backend, args.scale)
    elif args.what == "measure":
        measure(args.backend, args.reads.split(","), Path(args.tree).resolve(), args.rounds)
    elif args.backend == "postgres":
        asyncio.run(run.pg_admin(f"DROP DATABASE IF EXISTS {run.PG_DB} WITH (FORCE)"))


if __name__ == "__main__":
    main()
