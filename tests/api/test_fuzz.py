"""The OpenAPI schema fuzzed with schemathesis, with a token of each role: no 5xx, and every
response that the schema describes matches it."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import zlib
from collections.abc import Iterator
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.generation.meta import CoverageScenario
from schemathesis.specs.openapi.checks import response_schema_conformance

from relief import db
from relief.accounts.tokens import create_token
from relief.app import create_app
from relief.core.actor import SYSTEM
from relief.settings import Settings
from tests import databases
from tests.servers import free_port, relief_env, wait_until_healthy

ROLES = {
    "admin": "admin",
    "province": "tinh",
    "commune": "thansa",
    "sponsor": "baoxaydung",
    "front": "mttq.thansa",
    "ministry": "bo.pctt",  # a national reader: every write refused
}
RELIEF = [sys.executable, "-m", "relief.cli"]

_app = create_app(
    Settings(
        database_url="sqlite://:memory:",
        secret_key="x" * 40,
        var_dir=Path("/nonexistent"),
        media_dir=Path("/nonexistent"),
        password_profile="CHEAPEST",
    )
)
# The coverage phase sends every path each HTTP method it does not declare, out of eight (507
# cases, a tenth of the phase): the router refuses them all alike, with 405 before any handler.
# Two methods that write are kept, so that every path still shows it refuses a method it does
# not serve, and one that would change data.
CONFIG = SchemathesisConfig.from_dict(
    {"phases": {"coverage": {"unexpected-methods": ["delete", "put"]}}}
)
schema = schemathesis.openapi.from_dict(_app.openapi_schema.to_schema(), config=CONFIG)


async def _tokens(database_url: str) -> dict[str, str]:
    """An API token for each role's demo user, made in this process: a `relief token create`
    per role cost a process start (1.2 s of CPU, importing the app) for a single insert."""
    await db.init_db(database_url)
    try:
        return {role: (await create_token(SYSTEM, user))[1] for role, user in ROLES.items()}
    finally:
        await db.close_db()


def _session() -> requests.Session:
    """One HTTP session for every call: one connection to the server kept alive instead of a
    new one (and a new session) per call."""
    session = requests.Session()
    session.trust_env = False  # the server is local: no proxy settings to read on every call
    session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))  # each call on its own
    return session


@pytest.fixture(scope="module")
def fuzz_target(tmp_path_factory) -> Iterator[tuple[str, dict, requests.Session]]:
    """A demo server of its own, an API token for each role's demo user and an HTTP session."""
    var_dir = tmp_path_factory.mktemp("fuzz") / "var"
    # A copy of the kept demo (tests/databases.py): the server has nothing to migrate (8 s of
    # CPU) and the demo is there already (2.6 s to load).
    database_url, _logins = databases.copy_demo(var_dir / "relief.sqlite3", var_dir / "media")
    env = relief_env(var_dir, RELIEF_DATABASE_URL=database_url)
    port = free_port()
    proc = subprocess.Popen(
        [*RELIEF, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        # A loaded machine starts a server slowly.
        wait_until_healthy(url, proc, seconds=180)
        tokens = asyncio.run(_tokens(database_url))
        with _session() as session:
            yield url, tokens, session
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture
def backend():
    """The fuzzed server runs on SQLite; the API code is the same on PostgreSQL."""
    return "sqlite"


# The fields (operation, where, which) already sent a value of the wrong type.
_WRONG_TYPE_SENT: set[tuple] = set()


def _roles_of(case) -> list[str]:
    """The roles a case is sent as.

    Schemathesis' coverage phase makes some 55 fixed cases per operation (each boundary, wrong
    type, missing field, unexpected property, other method): 3,500 cases, which sent as every
    role were 14,000 calls and most of this module's CPU, most of them refused alike (another
    method is refused before the token is read; a role the route does not allow, before the
    body is). So a coverage case goes as one role, picked from the case itself (a failing case
    replays as the same role); the phase's cases of an operation spread over the roles. The
    random examples (max_examples per operation) go as every role, so that every role still
    calls every operation.

    A value of the wrong type is sent once per field of an operation: the phase makes one for
    each JSON type the field is not (up to six: 2,906 cases, half of the phase), which the
    request's decoding refuses alike with 400 before the handler runs. Each field of each
    operation still gets one; the random examples still send wrong types of every kind.
    """
    if case.meta is None or case.meta.phase.name != "coverage":
        return list(ROLES)
    data = case.meta.phase.data
    if data.scenario is CoverageScenario.INCORRECT_TYPE:
        field = (case.operation.label, data.parameter_location, data.parameter, data.location)
        if field in _WRONG_TYPE_SENT:
            return []
        _WRONG_TYPE_SENT.add(field)
    key = repr((data.description, case.method, case.query, case.body))
    return [list(ROLES)[zlib.crc32(key.encode()) % len(ROLES)]]


@schema.parametrize()
@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_answers_every_role_within_its_schema(case, fuzz_target):
    url, tokens, session = fuzz_target

    def call_as(role: str) -> int:
        return case.call_and_validate(
            base_url=url,
            session=session,
            headers={"Authorization": f"Bearer {tokens[role]}"},
            checks=[not_a_server_error, response_schema_conformance],
            timeout=30,
        ).status_code

    roles = _roles_of(case)
    answers = [call_as(role) for role in roles]
    if answers == [403] and roles != ["admin"]:
        # A coverage case refused to its role: the admin, allowed every write, takes the input
        # through the route's validation and service, so that no case ends at a refusal.
        call_as("admin")
