"""Tortoise ORM configuration, start-up and migrations for SQLite and PostgreSQL."""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from tortoise import Tortoise, connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.migrations.api import migrate as _migrate

MODEL_MODULES = [
    "relief.core.models",
    "relief.places.models",
    "relief.accounts.models",
    "relief.sponsors.models",
    "relief.households.models",
    "relief.aid.models",
    "relief.houses.models",
    "relief.beneficiaries.models",
    "relief.vouchers.models",
    "relief.disaster_reports.models",
    "relief.imports.models",
    "relief.ledger.models",
    "relief.reports.models",
]


def connection_name(database_url: str) -> str:
    """The connection is named after its backend, not "default".

    Tortoise caches prepared INSERT statements per connection name for the life of the
    process; a test run that uses SQLite and then PostgreSQL would otherwise send SQLite's
    "?" placeholders to PostgreSQL.
    """
    return "sqlite" if database_url.startswith("sqlite") else "postgres"


async def _keep_session(connection: Any) -> None:
    """What asyncpg's pool does to a connection given back, beyond ending its transaction
    (which it always does): nothing. Tortoise gives a connection back after every statement
    outside a transaction, and asyncpg's default reset (advisory locks, cursors, listeners and
    settings reset by one more statement) cost a round trip and the database's CPU each time;
    Relief keeps no session state on a pooled connection (its advisory locks are the
    transaction's, its settings the server's), as PgBouncer's transaction mode requires."""


def tortoise_config(database_url: str) -> dict[str, Any]:
    if database_url.startswith("sqlite"):
        # Make sure the folder of the database file exists before tortoise opens it.
        path = database_url.split("://", 1)[1].split("?", 1)[0]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    name = connection_name(database_url)
    connection: str | dict[str, Any] = database_url
    if name == "postgres":
        connection = expand_db_url(database_url)
        connection["credentials"]["reset"] = _keep_session
    return {
        "connections": {name: connection},
        "apps": {
            "models": {
                "models": MODEL_MODULES,
                "default_connection": name,
                "migrations": "relief.migrations",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def _config_for_tools() -> dict[str, Any]:
    """The config that the `tortoise` command line reads (makemigrations) via pyproject."""
    from relief.settings import SQLITE_PARAMS

    url = os.environ.get("RELIEF_DATABASE_URL") or f"sqlite://:memory:?{SQLITE_PARAMS}"
    return tortoise_config(url)


TORTOISE_ORM = _config_for_tools()


def register_refreshers() -> None:
    """What every audited write recounts inside its transaction (relief.core.summaries), in
    this order: the goods stock a donation in kind moves (relief.ledger.goods), the summary
    figures of the places it touched (relief.reports.kept), the public books' figures
    (relief.ledger.kept), then the search words of a household renamed or moved
    (relief.households.words). Registered here, the one place, by `init_db`:
    every process that opens the database to write (the app, the commands, the demo loader,
    the tests) has them; a write in one that has none fails loudly."""
    from relief.core import summaries
    from relief.households import words
    from relief.ledger import goods
    from relief.ledger import kept as books
    from relief.reports import kept

    # A donation in kind moves its commune's stock first: every write locks a stock row
    # before the commune's kept figures (relief.aid.stock), so none waits for another in turn.
    summaries.register(goods.refresh)
    summaries.register(kept.refresh)
    summaries.register(books.refresh)
    summaries.register(words.refresh)  # the search's words of a renamed or moved household


async def init_db(database_url: str) -> None:
    """Open the connections (the global fallback lets every request see the same context) and
    register the kept figures' refreshers."""
    register_refreshers()
    await Tortoise.init(config=tortoise_config(database_url), _enable_global_fallback=True)


def connection() -> BaseDBAsyncClient:
    """The open database connection (for health checks and raw SQL): there is only one."""
    return connections.all()[0]


async def close_db() -> None:
    await Tortoise.close_connections()


async def migrate(database_url: str) -> None:
    """Apply the checked-in migrations (the only way the schema is made)."""
    await _migrate(config=tortoise_config(database_url))


# Any number, the same in every app process: the advisory lock under which one process at a
# time migrates and loads places.
PREPARE_LOCK = 25_100_711


@contextlib.asynccontextmanager
async def one_at_a_time(database_url: str) -> AsyncIterator[None]:
    """On PostgreSQL, holds a transaction-level advisory lock on a connection of its own for the
    duration: servers started together wait for each other. A transaction lock, not a session
    one, because behind PgBouncer in transaction mode a session's lock would stay with a server
    connection other clients go on to use. SQLite allows one server: nothing to wait for."""
    if database_url.startswith("sqlite"):
        yield
        return
    import asyncpg  # type: ignore[import-untyped]

    _, netloc, path, _, _ = urlsplit(database_url)
    # Tortoise's own query options (pool sizes, statement cache) are not asyncpg's DSN options.
    dsn = urlunsplit(("postgresql", netloc, path, "", ""))
    conn = await asyncpg.connect(dsn, statement_cache_size=0)
    try:
        async with conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock($1)", PREPARE_LOCK)
            yield
    finally:
        await conn.close()
