"""The `relief` command on both databases: its user commands run in the test process through
the command's own entry point (a process of its own costs two seconds of CPU to start), and
`serve` as a process of its own, forked from one that imported the command once
(tests/servers.py; the browser and fuzzing tests start `relief serve --demo` from a shell's
command line)."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import io
import os
import sqlite3
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from asgi_lifespan import LifespanManager

from relief import cli, db
from relief.accounts import passwords
from relief.accounts.models import User
from relief.settings import Settings
from tests.apps import app_for
from tests.conftest import TEST_PASSWORD_PROFILE
from tests.factories import make_sponsor, post_form
from tests.servers import free_port, relief_env, shared_forker, wait_until_healthy


@pytest.fixture
def env(database_url, tmp_path) -> dict[str, str]:
    return relief_env(tmp_path / "var", RELIEF_DATABASE_URL=database_url)


def relief(env, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    """`relief ARGS` with this environment and standard input, as `main` runs it."""
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with pytest.MonkeyPatch.context() as patch:
        for name in [n for n in os.environ if n.startswith("RELIEF_")]:
            patch.delenv(name)
        for name, value in env.items():
            patch.setenv(name, value)
        patch.setattr(sys, "stdin", io.StringIO(stdin))
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                # In a copy of the context: the language the command sets stays its own.
                contextvars.copy_context().run(cli.main, list(args))
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def count(database_url: str, table: str) -> int:
    if database_url.startswith("sqlite"):
        path = database_url.split("://", 1)[1].split("?", 1)[0]
        with sqlite3.connect(path) as conn:
            return conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]

    async def pg() -> int:
        conn = await asyncpg.connect(database_url)
        try:
            return await conn.fetchval(f'SELECT count(*) FROM "{table}"')
        finally:
            await conn.close()

    import asyncio

    return asyncio.run(pg())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["user", "add", "x.officer", "--role", "commune", "--commune", "99999"],
            "No commune with this code.",
        ),
        (["user", "add", "x.officer", "--role", "commune"], "A commune officer needs a commune."),
        (
            ["user", "add", "x.sponsor", "--role", "sponsor", "--sponsor", "Nobody"],
            "No sponsor with this name.",
        ),
        (["user", "add", "x.short", "--role", "admin"], "at least 10 characters"),
        (
            ["user", "add", "x.tinh", "--role", "province", "--commune", "05725"],
            "--commune: a province user is bound to no commune.",
        ),
        (
            ["user", "add", "x.front", "--role", "front", "--sponsor", "Báo Xây dựng"],
            "--sponsor: a front user is bound to no sponsor.",
        ),
        (
            ["user", "add", "x.tinh", "--role", "province"],
            "A province officer or a province's Front needs a province.",
        ),
        (
            ["user", "add", "x.tinh", "--role", "province", "--province", "99"],
            "No province with this code.",
        ),
        (
            ["user", "add", "x.bo", "--role", "ministry", "--province", "19"],
            "--province: a ministry user is bound to no province.",
        ),
    ],
)
def test_bad_user_input_is_one_line_on_stderr_and_exit_2(env, database_url, args, message):
    password = "short" if "x.short" in args else "a-long-password"
    result = relief(env, *args, "--password-stdin", stdin=password + "\n")
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert count(database_url, "user") == 0


def test_user_add_then_taken_username_then_token(env, database_url):
    ok = relief(
        env,
        "user",
        "add",
        "canbo.thansa",
        "--role",
        "commune",
        "--commune",
        "05725",
        "--password-stdin",
        stdin="a-long-password\n",
    )
    assert ok.returncode == 0, ok.stderr
    taken = relief(
        env,
        "user",
        "add",
        "canbo.thansa",
        "--role",
        "admin",
        "--password-stdin",
        stdin="a-long-password\n",
    )
    assert taken.returncode == 2 and "This username is taken." in taken.stderr
    assert count(database_url, "user") == 1
    token = relief(env, "token", "create", "canbo.thansa")
    assert token.returncode == 0 and token.stdout.strip().startswith("rlf_")
    assert count(database_url, "api_token") == 1
    missing = relief(env, "token", "create", "nobody")
    assert missing.returncode == 2 and "No user with this username." in missing.stderr


# Every role as `relief user add` makes it: a commune's Front officer and the province's.
PASSWORD = "a-long-password\n"
EVERY_ROLE = {
    "quantri": ["--role", "admin"],
    "canbo.tinh": ["--role", "province", "--province", "19"],
    "canbo.thansa": ["--role", "commune", "--commune", "05725"],
    "bao.xaydung": ["--role", "sponsor", "--sponsor", "Báo Xây dựng"],
    "mattran.thansa": ["--role", "front", "--commune", "05725"],
    "mattran.tinh": ["--role", "front", "--province", "19"],
    "bo.pctt": ["--role", "ministry"],
    "mttq.trunguong": ["--role", "central_front"],
}


async def _with_orm(database_url: str, work: Callable[[], Awaitable[Any]]) -> Any:
    await db.init_db(database_url)
    try:
        return await work()
    finally:
        await db.close_db()


async def _log_in_through_the_form(settings: Settings) -> dict[str, tuple[str, str, str, str, int]]:
    """Each user as stored (role, commune, sponsor or province), and logging in through the
    login form: where the login sends it, the page it ends on (a commune officer's /reports is
    its commune's summary) and that page's answer."""
    landed = {}
    app = app_for(settings)
    async with LifespanManager(app):
        for username in EVERY_ROLE:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as web:
                login = await post_form(
                    web, "/login", {"username": username, "password": PASSWORD.strip()}
                )
                where = login.headers.get("location", "")
                page = await web.get(where, follow_redirects=True)
                bound = await User.get(username=username).select_related(
                    "province", "commune", "sponsor"
                )
                binding = (
                    bound.commune.code
                    if bound.commune
                    else (
                        bound.sponsor.name
                        if bound.sponsor
                        else (bound.province.code if bound.province else "")
                    )
                )
                landed[username] = (
                    bound.role.value,
                    binding,
                    where,
                    page.url.path,
                    page.status_code,
                )
    return landed


def test_user_add_makes_every_role_and_each_logs_in_to_its_landing_page(
    env, database_url, settings
):
    asyncio.run(_with_orm(database_url, make_sponsor))
    for username, args in EVERY_ROLE.items():
        made = relief(env, "user", "add", username, *args, "--password-stdin", stdin=PASSWORD)
        assert made.returncode == 0, made.stderr
    landed = asyncio.run(_log_in_through_the_form(settings))
    assert landed == {
        "quantri": ("admin", "", "/", "/", 200),
        "canbo.tinh": ("province", "19", "/reports", "/reports", 200),
        "canbo.thansa": ("commune", "05725", "/reports", "/reports/communes/05725", 200),
        "bao.xaydung": ("sponsor", "Báo Xây dựng", "/portal", "/portal", 200),
        "mattran.thansa": ("front", "05725", "/ledger", "/ledger", 200),
        "mattran.tinh": ("front", "19", "/ledger", "/ledger", 200),
        "bo.pctt": ("ministry", "", "/national", "/national", 200),
        "mttq.trunguong": ("central_front", "", "/national", "/national", 200),
    }


def _serve_once(env: dict[str, str], output: Path) -> str:
    """Starts `relief serve --demo`, waits until it answers, stops it; returns its output."""
    port = free_port()
    proc = shared_forker().start(["serve", "--demo", "--port", str(port)], env, output)
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}", proc)
        home = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
        assert "Thần Sa" in home.text
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return output.read_text(encoding="utf-8")


def test_serving_twice_adds_nothing_twice(env, database_url, tmp_path):
    first = _serve_once(env, tmp_path / "first.log")
    assert "Demo logins" in first and "thansa" in first
    assert (Path(env["RELIEF_VAR_DIR"]) / "demo-logins.txt").exists()
    counts = {
        t: count(database_url, t) for t in ("commune", "hamlet", "household", "user", "house_case")
    }
    # Thái Nguyên's 92 and the demo's second province, Lạng Sơn's 65; one user per role.
    assert counts["commune"] == 92 + 65 and counts["user"] == 7 and counts["household"] > 0
    second = _serve_once(env, tmp_path / "second.log")
    assert "Demo logins" not in second
    assert {t: count(database_url, t) for t in counts} == counts


def _password_hash(database_url: str, username: str) -> str:
    if database_url.startswith("sqlite"):
        path = database_url.split("://", 1)[1].split("?", 1)[0]
        with sqlite3.connect(path) as conn:
            query = 'SELECT password_hash FROM "user" WHERE username = ?'
            return conn.execute(query, (username,)).fetchone()[0]

    async def pg() -> str:
        conn = await asyncpg.connect(database_url)
        try:
            query = 'SELECT password_hash FROM "user" WHERE username = $1'
            return await conn.fetchval(query, username)
        finally:
            await conn.close()

    import asyncio

    return asyncio.run(pg())


@pytest.mark.parametrize("backend", ["sqlite"])
def test_passwords_are_hashed_with_the_profile_of_the_settings(env, database_url):
    """Unset, RELIEF_PASSWORD_PROFILE is argon2-cffi's default (RFC 9106, low memory: 64 MiB,
    3 passes); the test servers set the cheapest; an unknown one is refused."""
    default = {k: v for k, v in env.items() if k != "RELIEF_PASSWORD_PROFILE"}

    def add_admin(env: dict[str, str], username: str) -> None:
        made = relief(
            env,
            "user",
            "add",
            username,
            "--role",
            "admin",
            "--password-stdin",
            stdin="a-long-password\n",
        )
        assert made.returncode == 0, made.stderr

    try:
        add_admin(default, "canbo.mot")
    finally:
        passwords.use_profile(TEST_PASSWORD_PROFILE)  # the rest of the tests hash cheaply
    assert "$m=65536,t=3,p=4$" in _password_hash(database_url, "canbo.mot")
    add_admin(env, "canbo.hai")
    assert "$m=8,t=1,p=1$" in _password_hash(database_url, "canbo.hai")
    unknown = relief({**env, "RELIEF_PASSWORD_PROFILE": "FAST"}, "token", "create", "canbo.hai")
    assert unknown.returncode == 2
    assert "RELIEF_PASSWORD_PROFILE must be one of RFC_9106_LOW_MEMORY" in unknown.stderr


def test_load_places_adds_the_provinces_asked_after_thai_nguyen(env, database_url):
    result = relief(env, "load-places", "--province", "01", "--province", "24")
    assert (result.returncode, count(database_url, "province"), count(database_url, "commune")) == (
        0,
        3,
        92 + 126 + 99,
    )


def test_load_places_with_an_unknown_province_is_exit_2_and_loads_nothing(env, database_url):
    result = relief(env, "load-places", "--province", "99")
    assert (result.returncode, result.stderr.strip(), count(database_url, "province")) == (
        2,
        "relief: unknown province code: 99",
        1,
    )
