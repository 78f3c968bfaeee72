"""On a real server (`relief serve`, SQLite): /healthz keeps answering while an attack file is
refused and while a list is previewed and confirmed, as a browser sends them (with their
submission keys). The health answers are counted between the upload's request and its answer:
a server whose event loop is held answers none meanwhile. Times and memory are measured in
`make bench` (bench/import_bench.py), not asserted here."""

from __future__ import annotations

import asyncio
import secrets
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from relief.core import once
from tests.cli.test_cli import relief
from tests.databases import copy_sqlite
from tests.imports.attacks import ATTACKS
from tests.imports.files import person, xlsx
from tests.servers import free_port, relief_env, wait_until_healthy

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OFFICER = "can_bo_than_sa"
PACE = 0.01  # seconds between health questions


@dataclass
class Served:
    url: str
    password: str


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[Served]:
    var_dir = tmp_path_factory.mktemp("served") / "var"
    env = relief_env(var_dir)
    password = "Lu-" + secrets.token_urlsafe(16)

    copy_sqlite(var_dir / "relief.sqlite3")  # migrated, places loaded: `serve` has nothing to do
    # The officer is added through the command's entry point in this process (a process of its
    # own costs a second of CPU to start); the server is a process of its own.
    added = relief(env, "user", "add", OFFICER, "--role", "commune", "--commune", "05725",
                   "--password-stdin", stdin=password + "\n")  # fmt: skip
    assert added.returncode == 0, added.stdout + added.stderr
    port = free_port()
    command = [sys.executable, "-m", "relief.cli", "serve", "--port", str(port)]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, proc, seconds=120)
        yield Served(url, password)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


async def _officer(served: Served) -> httpx.AsyncClient:
    http = httpx.AsyncClient(base_url=served.url, timeout=300)
    await http.get("/login")
    form = {"username": OFFICER, "password": served.password}
    form["_csrf_token"] = http.cookies.get("relief_csrf") or ""
    answer = await http.post("/login", data=form)
    assert answer.status_code == 303, answer.text[:300]
    return http


async def _while_health_is_asked(served: Served, send) -> tuple[httpx.Response, int]:
    """Sends a request and asks /healthz every PACE seconds until its answer comes: the
    answer, and how many health answers came in between. A held event loop answers none, however
    often it is asked; asking without a pause only spent the processor of the test and the
    server it measures."""
    answered = asyncio.Event()
    between = 0

    async def ask() -> None:
        nonlocal between
        async with httpx.AsyncClient(base_url=served.url, timeout=300) as health:
            while not answered.is_set():
                response = await health.get("/healthz")
                assert response.status_code == 200
                if not answered.is_set():
                    between += 1
                    await asyncio.sleep(PACE)

    asker = asyncio.create_task(ask())
    await asyncio.sleep(0)
    try:
        response = await send()
    finally:
        answered.set()
        await asker
    return response, between


def _form(http: httpx.AsyncClient) -> dict[str, str]:
    """What a page's form sends besides its fields: the CSRF token and a submission key."""
    return {"_csrf_token": http.cookies.get("relief_csrf") or "", "submission_key": once.new_key()}


def _upload(http: httpx.AsyncClient, name: str, data: bytes):
    fields = _form(http)
    kind = "text/csv" if name.endswith(".csv") else XLSX
    return lambda: http.post("/imports", data=fields, files={"file": (name, data, kind)})


@pytest.mark.parametrize("attack", ["3 million empty rows", "shared-strings bomb"])
async def test_the_server_answers_while_an_attack_file_is_refused(served, attack):
    http = await _officer(served)
    try:
        response, between = await _while_health_is_asked(
            served, _upload(http, "ds.xlsx", ATTACKS[attack]())
        )
    finally:
        await http.aclose()
    assert response.status_code == 422
    assert 'class="error" id="e-file"' in response.text  # the reason, beside the file field
    assert between >= 2


async def test_the_server_answers_while_a_list_is_previewed_and_confirmed(served):
    http = await _officer(served)
    try:
        data = xlsx([person(i)[:10] for i in range(3000)])  # households only: no disaster
        response, read_between = await _while_health_is_asked(
            served, _upload(http, "than-xa.xlsx", data)
        )
        assert response.status_code == 303, response.text[:500]
        location = response.headers["location"]
        form = _form(http)

        def confirm():
            return http.post(f"{location}/confirm", data=form)

        done, write_between = await _while_health_is_asked(served, confirm)
        assert done.status_code == 303 and done.headers["location"].endswith("?saved=1")
    finally:
        await http.aclose()
    assert read_between >= 3
    assert write_between >= 3
