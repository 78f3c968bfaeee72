"""Test fixtures: a clean, migrated database per test on SQLite and on PostgreSQL.

The migrations run once per backend into a template (a file for SQLite, a template database
for PostgreSQL, both with the places loaded); each test then gets a fresh copy of it.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest
from asgi_lifespan import LifespanManager

from relief import db
from relief.app import create_app
from relief.places.loader import load_places
from relief.settings import SQLITE_PARAMS, Settings

PG_ADMIN_URL = os.environ.get(
    "RELIEF_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
# One template per test process, so that several runs on one machine never share it.
PG_TEMPLATE = f"relief_test_template_{os.getpid()}"
BACKENDS = ["sqlite", "postgres"]


def _pg_url(name: str) -> str:
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


async def _prepare(url: str) -> None:
    try:
        await db.migrate(url)
        await db.init_db(url)
        await load_places()
    finally:
        await db.close_db()


async def _pg_admin(*statements: str) -> None:
    try:
        conn = await asyncpg.connect(PG_ADMIN_URL, timeout=10)
    except (OSError, asyncpg.PostgresError) as exc:  # no silent skip: the suite needs PostgreSQL
        raise RuntimeError(f"PostgreSQL is not reachable at {PG_ADMIN_URL}: {exc}") from exc
    try:
        for sql in statements:
            await conn.execute(sql)
    finally:
        await conn.close()


def pytest_collection_modifyitems(items) -> None:
    """Browser tests last: Playwright's sync API holds an event loop on the main thread."""
    items.sort(key=lambda item: "/e2e/" in str(item.fspath))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    asyncio.run(_prepare(f"sqlite://{path}?{SQLITE_PARAMS}"))
    return path


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    asyncio.run(
        _pg_admin(
            f'DROP DATABASE IF EXISTS "{PG_TEMPLATE}" WITH (FORCE)',
            f'CREATE DATABASE "{PG_TEMPLATE}"',
        )
    )
    asyncio.run(_prepare(_pg_url(PG_TEMPLATE)))
    yield PG_TEMPLATE
    asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{PG_TEMPLATE}" WITH (FORCE)'))


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def database_url(request, backend, tmp_path) -> str:
    """A fresh database with the migrations applied and the places loaded."""
    if backend == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        path = tmp_path / "relief.sqlite3"
        shutil.copy(template, path)
        return f"sqlite://{path}?{SQLITE_PARAMS}"
    template = request.getfixturevalue("postgres_template")
    name = f"relief_test_{uuid.uuid4().hex[:12]}"
    asyncio.run(_pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    request.addfinalizer(
        lambda: asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    )
    return _pg_url(name)


@pytest.fixture
async def orm(database_url) -> AsyncIterator[str]:
    """Tortoise connected to the test database, for service tests."""
    await db.init_db(database_url)
    try:
        yield database_url
    finally:
        await db.close_db()


@pytest.fixture
def settings(database_url, tmp_path) -> Settings:
    return Settings(
        database_url=database_url,
        secret_key="test-secret-key-" + "x" * 32,
        var_dir=tmp_path / "var",
        media_dir=tmp_path / "media",
    )


@pytest.fixture
async def client(settings) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client on the app, on the test's own event loop (ORM calls work in the test).

    The transport gets the bare app: asgi-lifespan's wrapper shares one `state` dict between
    requests, which Litestar uses per connection.
    """
    app = create_app(settings)
    async with LifespanManager(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http
