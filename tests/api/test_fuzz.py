"""The OpenAPI schema fuzzed with schemathesis, with a token of each role: no 5xx, and every
response that the schema describes matches it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from relief.app import create_app
from relief.settings import Settings

ROLES = {"admin": "admin", "province": "tinh", "commune": "thansa", "sponsor": "baoxaydung"}
RELIEF = [sys.executable, "-m", "relief.cli"]

_app = create_app(
    Settings(
        database_url="sqlite://:memory:",
        secret_key="x" * 40,
        var_dir=Path("/nonexistent"),
        media_dir=Path("/nonexistent"),
    )
)
schema = schemathesis.openapi.from_dict(_app.openapi_schema.to_schema())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def fuzz_target(tmp_path_factory) -> Iterator[tuple[str, dict[str, str]]]:
    """A demo server of its own and an API token for each role's demo user."""
    var_dir = tmp_path_factory.mktemp("fuzz") / "var"
    env = {k: v for k, v in os.environ.items() if not k.startswith("RELIEF_")}
    env.update(RELIEF_VAR_DIR=str(var_dir))
    port = _free_port()
    proc = subprocess.Popen(
        [*RELIEF, "serve", "--demo", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180  # a loaded machine migrates and loads the demo slowly
        while True:
            try:
                # A starved server answers slowly: a short timeout would never see it up.
                if httpx.get(url + "/healthz", timeout=10).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline and proc.poll() is None, "server did not start"
            time.sleep(0.2)
        tokens = {
            role: subprocess.run(
                [*RELIEF, "token", "create", user],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()
            for role, user in ROLES.items()
        }
        yield url, tokens
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture
def backend():
    """The fuzzed server runs on SQLite; the API code is the same on PostgreSQL."""
    return "sqlite"


@schema.parametrize()
@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_answers_every_role_within_its_schema(case, fuzz_target):
    url, tokens = fuzz_target
    for token in tokens.values():
        case.call_and_validate(
            base_url=url,
            headers={"Authorization": f"Bearer {token}"},
            checks=[not_a_server_error, response_schema_conformance],
            timeout=30,
        )
