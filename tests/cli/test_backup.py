"""`relief backup`: a consistent copy of the SQLite database taken while the app writes."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time

import httpx
import pytest

from relief import db
from tests.cli.test_cli import relief
from tests.factories import bearer, make_user
from tests.servers import free_port, relief_env, shared_forker, wait_until_healthy


@pytest.fixture
def backend():
    """The online backup is SQLite's; PostgreSQL is backed up with pg_dump (README)."""
    return "sqlite"


async def _officer_headers(database_url: str) -> dict[str, str]:
    """A commune officer's API token, made in this process: the `relief user add` and `token
    create` commands are tested in test_cli.py, and each process costs over a second of CPU."""
    await db.init_db(database_url)
    try:
        return await bearer(await make_user("commune", commune_code="05725"))
    finally:
        await db.close_db()


def test_backup_while_the_app_serves_writes_is_consistent(database_url, tmp_path):
    env = relief_env(tmp_path / "var", RELIEF_DATABASE_URL=database_url)
    headers = asyncio.run(_officer_headers(database_url))
    db_file = database_url.split("://", 1)[1].split("?", 1)[0]
    with sqlite3.connect(db_file) as conn:
        hamlet_id = conn.execute(
            "SELECT h.id FROM hamlet h JOIN commune c ON c.id = h.commune_id WHERE c.code='05725'"
        ).fetchone()[0]
    port = free_port()
    # The server in a process of its own, forked from one that imported the app once
    # (tests/servers.py); `relief backup` in this process, through the command's entry point.
    server = shared_forker().start(["serve", "--port", str(port)], env, made_app=True)
    url = f"http://127.0.0.1:{port}"
    stop, created, errors = threading.Event(), [], []

    def write() -> None:
        with httpx.Client(base_url=url, headers=headers, timeout=10) as http:
            i = 0
            while not stop.is_set() and i < 2000:
                i += 1
                response = http.post(
                    "/api/v1/households",
                    json={
                        "hamlet_id": hamlet_id,
                        "head_name": f"Nông Văn Sao {i}",
                        "members": 3,
                        "poverty_status": "none",
                        "gender": "male",
                    },
                )
                (created if response.status_code == 201 else errors).append(response.status_code)

    try:
        wait_until_healthy(url, server)
        writer = threading.Thread(target=write)
        writer.start()
        while len(created) < 20:
            time.sleep(0.05)
        target = tmp_path / "backup.sqlite3"
        result = relief(env, "backup", str(target))
        time.sleep(0.3)
        stop.set()
        writer.join(timeout=30)
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=30)
    assert result.returncode == 0, result.stderr
    assert "integrity: ok" in result.stdout
    assert not errors
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        households = copy.execute("SELECT count(*) FROM household").fetchone()[0]
        audited = copy.execute(
            "SELECT count(*) FROM audit_entry WHERE entity='household' AND action='create'"
        ).fetchone()[0]
        printed = int(
            next(
                line.split()[1]
                for line in result.stdout.splitlines()
                if line.strip().startswith("household ")
            )
        )
    # Every household in the copy came with its audit entry: the copy is a snapshot between
    # two transactions, never inside one.
    assert households == audited == printed
    assert 20 <= households <= len(created)
    with sqlite3.connect(db_file) as live:
        assert live.execute("SELECT count(*) FROM household").fetchone()[0] == len(created)


def test_backup_refuses_postgres_and_an_existing_file(tmp_path):
    env = relief_env(
        tmp_path / "var", RELIEF_DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres"
    )
    result = relief(env, "backup", str(tmp_path / "x.sqlite3"))
    assert result.returncode == 2 and "pg_dump" in result.stderr
    existing = tmp_path / "exists.sqlite3"
    existing.write_bytes(b"")
    env["RELIEF_DATABASE_URL"] = f"sqlite://{tmp_path / 'none.sqlite3'}"
    result = relief(env, "backup", str(existing))
    assert result.returncode == 2 and "exists already" in result.stderr
