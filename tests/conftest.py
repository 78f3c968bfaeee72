"""Test fixtures: a clean, migrated database per test on SQLite and on PostgreSQL.

The migrated databases are made once and kept until the migrations change (tests/databases.py).
SQLite: each test gets a copy of the migrated file (a copy takes a millisecond). PostgreSQL:
each test process gets one database made from the migrated template, emptied before each test
(creating and dropping a database per test cost two seconds): every table the migrations and
the places loader left empty is emptied and its ids start again at 1. The tables they filled
(places, the migration record) carry statement triggers that mark them changed; a test that
changed one gets them back from a copy kept in the `relief_test` schema.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import os
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor

import asyncpg
import httpx
import pytest
from asgi_lifespan import LifespanManager

from relief import db
from relief.accounts import passwords
from relief.settings import Settings
from tests import databases
from tests.apps import app_for
from tests.e2e import chromium

# One database per test process, so that parallel workers and runs never share one.
PG_DATABASE = f"relief_test_{os.getpid()}"
BACKENDS = ["sqlite", "postgres"]
KEPT = "relief_test"  # schema holding the filled tables' copies and the change marks

# Passwords hashed in the test processes use argon2's cheapest parameters: the default ones cost
# a fifth of a second of CPU per hash or check, and nearly every test makes a user or logs in.
# The apps the tests make (`settings` below) and the servers and commands they start
# (tests/servers.py) are given the same profile.
TEST_PASSWORD_PROFILE = "CHEAPEST"
passwords.use_profile(TEST_PASSWORD_PROFILE)

# Litestar's logging config sets the root logger to INFO, so every request a test sends through
# httpx was written as a record through Litestar's queue handler and pytest's capture (about
# 4 % of the CPU of the walks over every route). The tests read answers, not that log.
logging.getLogger("httpx").setLevel(logging.WARNING)


class PostgresCleaner:
    """Empties the worker's database between tests; restores the filled tables if touched."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.conn: asyncpg.Connection | None = None
        self.emptied: list[str] = []  # tables the preparation left empty
        self.kept: list[str] = []  # tables it filled
        self.sequences: list[tuple[str, str, str]] = []  # (table, column, sequence)

    async def setup(self) -> None:
        self.conn = await databases.pg_connect(self.url)
        tables = [
            r["tablename"]
            for r in await self.conn.fetch(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
        ]
        for name in tables:
            filled = await self.conn.fetchval(f'SELECT EXISTS (SELECT 1 FROM public."{name}")')
            (self.kept if filled else self.emptied).append(name)
        rows = await self.conn.fetch(
            "SELECT table_name, column_name, pg_get_serial_sequence("
            "quote_ident(table_schema) || '.' || quote_ident(table_name), column_name) AS seq "
            "FROM information_schema.columns WHERE table_schema = 'public'"
        )
        self.sequences = [(r["table_name"], r["column_name"], r["seq"]) for r in rows if r["seq"]]
        statements = [
            f"CREATE SCHEMA {KEPT}",
            f"CREATE TABLE {KEPT}.changed (name text PRIMARY KEY)",
            f"""CREATE FUNCTION {KEPT}.mark_changed() RETURNS trigger AS $$
                BEGIN
                  INSERT INTO {KEPT}.changed VALUES (TG_TABLE_NAME) ON CONFLICT DO NOTHING;
                  RETURN NULL;
                END $$ LANGUAGE plpgsql""",
        ]
        for name in self.kept:
            statements += [
                f'CREATE TABLE {KEPT}."{name}" AS TABLE public."{name}"',
                f"CREATE TRIGGER relief_test_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f'ON public."{name}" FOR EACH STATEMENT EXECUTE FUNCTION {KEPT}.mark_changed()',
            ]
        for sql in statements:
            await self.conn.execute(sql)

    async def clean(self) -> None:
        conn = self.conn
        assert conn is not None
        # A connection left by the previous test (a killed server, an unclosed pool) would
        # hold locks that the deletes wait for.
        await conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        changed = await conn.fetchval(f"SELECT EXISTS (SELECT 1 FROM {KEPT}.changed)")
        tables = self.emptied + (self.kept if changed else [])
        # DELETE, not TRUNCATE: on these small tables it takes milliseconds where TRUNCATE's
        # new files take seconds. The replica role turns off foreign keys and triggers (the
        # audit trail's append-only ones, and the change marks while places are copied back).
        statements = ["SET LOCAL session_replication_role = replica"]
        statements += [f'DELETE FROM public."{name}"' for name in tables]
        if changed:  # rare: a test changed places, which are copied back
            statements += [
                f'INSERT INTO public."{name}" SELECT * FROM {KEPT}."{name}"' for name in self.kept
            ]
            statements.append(f"DELETE FROM {KEPT}.changed")
        statements += [
            f"SELECT setval('{seq}', "
            f'COALESCE((SELECT MAX("{column}") FROM public."{table}"), 0) + 1, false)'
            for table, column, seq in self.sequences
            if table in tables
        ]
        async with conn.transaction():
            await conn.execute(";\n".join(statements))

    async def close(self) -> None:
        if self.conn is not None:
            await self.conn.close()


# `make unit`, the fast tier: the tests of these modules that take no database fixture. They
# need no database, no browser and no server or command of their own (pure functions: text,
# formatting, cells, labels, the catalogue, the layers, papers, permissions, identity numbers,
# reading import files, charts), so they run in seconds, in one process.
UNIT_MODULES = {
    "tests/core/test_catalogue.py",
    "tests/core/test_cells.py",
    "tests/core/test_formatting.py",
    "tests/core/test_headers.py",
    "tests/core/test_labels.py",
    "tests/core/test_layers.py",
    "tests/core/test_papers.py",
    "tests/core/test_permissions.py",
    "tests/core/test_text.py",
    "tests/households/test_identity.py",
    "tests/imports/test_reader.py",
    "tests/reports/test_charts.py",
}
DATABASE_FIXTURES = {"backend", "database_url", "postgres_database", "orm", "settings", "client"}
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _relative(path: object) -> str:
    return os.path.relpath(str(path), ROOT).replace(os.sep, "/")


def _is_unit(item) -> bool:
    return _relative(item.fspath) in UNIT_MODULES and not DATABASE_FIXTURES & set(item.fixturenames)


def pytest_ignore_collect(collection_path, config) -> bool | None:
    """With `-m unit` only the fast tier's modules are collected: importing every other test
    module (and the directories' own conftest files) would take longer than running the tier."""
    if config.getoption("markexpr") != "unit":
        return None
    path = _relative(collection_path)
    if collection_path.is_dir():
        return not any(m.startswith(path + "/") for m in UNIT_MODULES) or None
    if collection_path.name.startswith("test_"):
        return path not in UNIT_MODULES or None
    return None


def pytest_collection_modifyitems(items) -> None:
    """The browser tests' files first, then the others; in each group the files with the most
    tests first. `make test` has pytest-xdist hand the files out in this order
    (`--no-loadscope-reorder`; by default it orders them by their number of tests alone): a
    worker then runs its browser files one after the other, with one Chromium, instead of
    between other files, each of which stopped it (tests/e2e/chromium.py: a start costs 1.7 s of
    CPU); and the long walks start early rather than among the last one-test files. The fast
    tier's tests are marked `unit`."""
    tests_in = Counter(str(item.fspath) for item in items)
    items.sort(key=lambda item: ("/e2e/" not in str(item.fspath), -tests_in[str(item.fspath)]))
    for item in items:
        if _is_unit(item):
            item.add_marker(pytest.mark.unit)


def pytest_runtest_setup(item) -> None:
    """Chromium is stopped before a test that is not a browser test (tests/e2e/chromium.py)."""
    if "/e2e/" not in str(item.fspath):
        chromium.stop()


def pytest_sessionfinish(session) -> None:
    chromium.stop()


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[tuple[str, asyncio.AbstractEventLoop, PostgresCleaner]]:
    """The worker's PostgreSQL database, migrated with the places loaded, and its cleaner."""
    url = databases.create_postgres(PG_DATABASE)
    # The cleaner keeps one connection, on a loop of its own, for the whole session.
    loop = asyncio.new_event_loop()
    cleaner = PostgresCleaner(url)
    loop.run_until_complete(cleaner.setup())
    yield url, loop, cleaner

    def finish() -> None:
        loop.run_until_complete(cleaner.close())
        loop.close()
        databases.drop_postgres(PG_DATABASE)

    # In a thread of its own: Chromium, stopped only when the session ends (after this
    # teardown), may still be running, and its event loop holds this thread.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(finish).result()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.hookimpl(tryfirst=True)
def pytest_generate_tests(metafunc) -> None:
    """Page-level tests (through the `client`) run on SQLite only: what they check (answers,
    templates, forms, scope) is the same code on both databases, and PostgreSQL doubled their
    CPU, a third of the suite's. The services, models, migrations and kept figures, tested
    without the client, run on both. A page-level test runs on PostgreSQL too when it is
    about the database: it asks for `backend` itself, or it is marked `both_databases`
    (concurrent writes, idempotency keys, versions, lost updates)."""
    if "client" not in metafunc.fixturenames or "backend" not in metafunc.fixturenames:
        return
    if "backend" in inspect.signature(metafunc.function).parameters:
        return
    if metafunc.definition.get_closest_marker("both_databases"):
        return
    marks = metafunc.definition.iter_markers("parametrize")
    if any("backend" in str(mark.args[0]) for mark in marks):  # chosen by the test itself
        return
    # As a mark, before pytest reads the marks and the fixtures' own params.
    metafunc.definition.add_marker(pytest.mark.parametrize("backend", ["sqlite"], indirect=True))


@pytest.fixture
def database_url(request, backend, tmp_path) -> str:
    """An empty database (places loaded) with the migrations applied; with the demo loaded,
    its photos in the media folder, for a test that asks for `demo_loaded`."""
    if "demo_loaded" in request.fixturenames:
        if backend != "sqlite":
            raise RuntimeError("the kept demo is an SQLite database: `demo_loaded` runs on SQLite")
        return databases.copy_demo(tmp_path / "relief.sqlite3", tmp_path / "media")[0]
    if backend == "sqlite":
        return databases.copy_sqlite(tmp_path / "relief.sqlite3")
    url, loop, cleaner = request.getfixturevalue("postgres_database")
    loop.run_until_complete(cleaner.clean())
    return url


@pytest.fixture
def demo_loaded(database_url) -> None:
    """The test's database is a copy of the kept demo (tests/databases.py: loading the demo
    costs 2.6 s of CPU, a copy milliseconds), its photos in the test's media folder; the
    load itself is tested in tests/test_demo.py."""


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
        password_profile=TEST_PASSWORD_PROFILE,
    )


@pytest.fixture
async def client(settings) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client on the app, on the test's own event loop (ORM calls work in the test).

    The transport gets the bare app: asgi-lifespan's wrapper shares one `state` dict between
    requests, which Litestar uses per connection.
    """
    app = app_for(settings)
    async with LifespanManager(app):
        transport = httpx.ASGITransport(app=app)
        # Pages uncompressed unless a test asks for gzip: compressing and unpacking every page
        # cost the walks over every route a few per cent of their CPU.
        async with httpx.AsyncClient(
            transport=transport,
            base_url="http://testserver",
            headers={"accept-encoding": "identity"},
        ) as http:
            yield http
