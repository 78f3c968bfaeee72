"""End-to-end fixtures: a real `relief serve` process on the demo and real Chromium."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser

from tests import databases
from tests.e2e import chromium
from tests.servers import free_port, relief_env, wait_until_healthy


@dataclass
class LiveServer:
    url: str
    logins: dict[str, str]  # username -> password of the demo users
    var_dir: Path  # the served database and media live here (counted by `count`)

    def count(self, sql: str, *params) -> int:
        """One number read from the server's database (read-only)."""
        import sqlite3

        db = sqlite3.connect(f"file:{self.var_dir / 'relief.sqlite3'}?mode=ro", uri=True)
        try:
            return db.execute(sql, params).fetchone()[0]
        finally:
            db.close()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[LiveServer]:
    """The test process's demo server, shared by the browser tests (which add to its data)."""
    yield from serve_demo(tmp_path_factory)


def serve_demo(tmp_path_factory) -> Iterator[LiveServer]:
    """`relief serve` on a fresh copy of the demo database, until closed."""
    var_dir = tmp_path_factory.mktemp("live") / "var"
    env = relief_env(var_dir)
    port = free_port()
    # The server's database where it looks for it, and its photos: a copy of the kept demo
    # (tests/databases.py), migrated, with the places and the demo loaded. `serve` finds
    # nothing to migrate (some 7 s of CPU on a new database) and the demo already there (2.6 s
    # to load); `relief serve --demo` itself is tested in tests/cli.
    _url, demo_logins = databases.copy_demo(var_dir / "relief.sqlite3", var_dir / "media")
    # The server's own log, to read when a browser test fails (a 500 shows its traceback here).
    log = (var_dir / "server.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "relief.cli", "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        # A loaded machine starts a server slowly.
        wait_until_healthy(url, proc, seconds=180)
        logins = {username: password for username, _role, password in demo_logins}
        yield LiveServer(url=url, logins=logins, var_dir=var_dir)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def log_in(url: str, username: str, password: str) -> dict:
    """A new session of `username`, logged in by the login form's own POST (its CSRF token
    included), as a browser context's storage state: its cookies."""
    with httpx.Client(base_url=url, timeout=30) as client:
        form = client.get("/login").text
        token = re.search(r'name="_csrf_token" value="([^"]+)"', form).group(1)
        answer = client.post(
            "/login", data={"username": username, "password": password, "_csrf_token": token}
        )
        assert answer.status_code == 303, (username, answer.status_code)
        cookies = [
            {
                "name": cookie.name,
                "value": cookie.value,
                "domain": "127.0.0.1",
                "path": "/",
                "expires": -1,
                "httpOnly": True,
                "secure": False,
                "sameSite": "Lax",
            }
            for cookie in client.cookies.jar
        ]
    return {"cookies": cookies, "origins": []}


@pytest.fixture(scope="session")
def logged_in(live_server) -> Callable[[str], dict]:
    """`logged_in(username)`: the storage state (cookies) of a session of that demo user, made
    once per test process and given to every context that starts logged in, instead of a login
    through the form in each test (three page loads; the accounts tests keep theirs).

    A test that ends its session (logging out, letting it go idle, logging in again over it)
    makes its own with `log_in`: this one is shared."""
    states: dict[str, dict] = {}

    def state(username: str) -> dict:
        if username not in states:
            states[username] = log_in(live_server.url, username, live_server.logins[username])
        return states[username]

    return state


@pytest.fixture(scope="module")
def browser() -> Browser:
    """The test process's Chromium (tests/e2e/chromium.py), kept from module to module."""
    return chromium.browser()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="vi-VN", is_mobile=True, has_touch=True
    )
    page = context.new_page()
    yield page
    context.close()
