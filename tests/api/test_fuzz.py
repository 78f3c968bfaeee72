"""The OpenAPI schema fuzzed with schemathesis, with a token of each role: no 5xx, and every
response that the schema describes matches it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from relief.app import create_app
from relief.settings import Settings
from tests.servers import free_port, relief_env, wait_until_healthy

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


@pytest.fixture(scope="module")
def fuzz_target(tmp_path_factory) -> Iterator[tuple[str, dict[str, str]]]:
    """A demo server of its own and an API token for each role's demo user."""
    var_dir = tmp_path_factory.mktemp("fuzz") / "var"
    env = relief_env(var_dir)
    port = free_port()
    proc = subprocess.Popen(
        [*RELIEF, "serve", "--demo", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        # A loaded machine migrates and loads the demo slowly.
        wait_until_healthy(url, proc, seconds=180)
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
