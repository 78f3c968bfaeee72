"""Three app servers on one PostgreSQL database behind PgBouncer in transaction mode, writing at
once: every write lands once and every kept figure equals a recount.

PgBouncer is started by `make pgbouncer` (tests/pgbouncer.ini, port 6439); the servers reach the
database only through it, with asyncpg's statement cache off as docs/deploy.md says.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import subprocess

import httpx
import pytest

from relief import db
from relief.households.models import DamageAssessment, Household
from relief.ledger import kept as kept_books
from relief.places.models import Commune, Hamlet
from relief.reports import kept
from tests import databases
from tests.factories import bearer, make_user
from tests.households.factories import make_disaster
from tests.servers import Forked, free_port, relief_env, shared_forker, wait_until_healthy

SERVERS = 3
PER_COMMUNE = 40  # households created, each with its damage record, in each of two communes
AT_ONCE = 12  # requests in flight together, spread over the servers
BOUNCER_PORT = 6439


def _bouncer_url(name: str) -> str:
    return (
        f"postgres://postgres@127.0.0.1:{BOUNCER_PORT}/{name}"
        "?statement_cache_size=0&minsize=1&maxsize=3"
    )


def _bouncer_stats(name: str) -> dict[str, str]:
    """PgBouncer's SHOW STATS line for the database (its admin console speaks only psql's
    simple protocol)."""
    console = ["psql", "-h", "127.0.0.1", "-p", str(BOUNCER_PORT), "-U", "postgres"]
    out = subprocess.run(
        [*console, "-d", "pgbouncer", "-A", "-F", "\t", "-c", "SHOW STATS"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    header = out[0].split("\t")
    rows = [dict(zip(header, line.split("\t"), strict=False)) for line in out[1:]]
    return next(row for row in rows if row.get("database") == name)


def _serve_all(env: dict[str, str]) -> tuple[list[Forked], list[str]]:
    """Starts the servers together (they prepare the database one at a time) and waits."""
    forker = shared_forker()
    ports = [free_port() for _ in range(SERVERS)]
    procs = [forker.start(["serve", "--port", str(p)], env, made_app=True) for p in ports]
    urls = [f"http://127.0.0.1:{p}" for p in ports]
    try:
        for url, proc in zip(urls, procs, strict=True):
            wait_until_healthy(url, proc)
    except RuntimeError:
        _stop(procs)
        raise
    return procs, urls


def _stop(procs: list[Forked]) -> None:
    for proc in procs:
        proc.terminate()
    for proc in procs:
        proc.wait(timeout=30)


@pytest.fixture
async def bounced_database():
    """A migrated database of this test's own, reached directly by the test and through
    PgBouncer by the servers."""
    name = f"relief_many_{os.getpid()}"
    direct = await asyncio.to_thread(databases.create_postgres, name)
    await db.init_db(direct)
    try:
        yield name
    finally:
        await db.close_db()
        await asyncio.to_thread(databases.drop_postgres, name)


async def test_three_servers_behind_pgbouncer_write_at_once_and_figures_equal_a_recount(
    bounced_database, tmp_path
):
    name = bounced_database
    communes = [await Commune.get(code="05725"), await Commune.get(code="05716")]
    hamlets = {c.code: await Hamlet.filter(commune=c).order_by("id").first() for c in communes}
    disaster = await make_disaster()
    officers = {
        c.code: await bearer(await make_user("commune", commune_code=c.code)) for c in communes
    }
    env = relief_env(tmp_path / "var", RELIEF_DATABASE_URL=_bouncer_url(name))
    procs, urls = await asyncio.to_thread(_serve_all, env)
    servers = itertools.cycle(urls)
    limit = asyncio.Semaphore(AT_ONCE)
    answers: list[int] = []

    async def household_with_damage(http: httpx.AsyncClient, code: str, n: int) -> None:
        async with limit:
            created = await http.post(
                next(servers) + "/api/v1/households",
                headers=officers[code],
                json={"hamlet_id": hamlets[code].id, "head_name": f"Hộ {code} {n}", "members": 4},
            )
            answers.append(created.status_code)
            if created.status_code != 201:
                return
            damage = await http.post(
                next(servers) + "/api/v1/damage-assessments",
                headers=officers[code],
                json={
                    "household_id": created.json()["id"],
                    "disaster_id": disaster.id,
                    "band": "heavy" if n % 2 else "partial",
                    "estimated_loss": 10_000_000,
                    "assessed_on": "2025-10-10",
                },
            )
            answers.append(damage.status_code)

    try:
        async with httpx.AsyncClient(timeout=60) as http:
            await asyncio.gather(
                *(
                    household_with_damage(http, c.code, n)
                    for n in range(PER_COMMUNE)
                    for c in communes
                )
            )
            summary = await http.get(
                urls[-1] + "/api/v1/communes/05725/summary",
                params={"disaster": disaster.id},
                headers=officers["05725"],
            )
    finally:
        await asyncio.to_thread(_stop, procs)

    assert answers == [201] * (4 * PER_COMMUNE)
    assert await Household.filter(commune_id__in=[c.id for c in communes]).count() == 80
    assert await DamageAssessment.filter(disaster=disaster).count() == 80
    assert await kept.differences() == [] and await kept_books.differences() == []
    than_sa = summary.json()["total"]
    bands = than_sa["damage_by_band"]
    assert (than_sa["affected_households"], bands["heavy"], bands["partial"]) == (40, 20, 20)
    # Every one of those writes went through PgBouncer's transaction pool.
    assert int(_bouncer_stats(name)["total_xact_count"]) > 4 * PER_COMMUNE
