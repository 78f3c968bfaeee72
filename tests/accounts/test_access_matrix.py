"""Every route, every role: in-scope and out-of-scope requests get the expected answer.

The routes come from the app's own route table; a route that no area's `access.py` declares
fails the test, so no new route can skip the matrix.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from litestar.routes import HTTPRoute

import tests
from relief.accounts.sessions import SESSION_COOKIE
from relief.sponsors.models import Sponsor
from tests.access import ROLES, Resolver, Rule
from tests.apps import app_for
from tests.factories import bearer, csrf_token, login_as, make_user

PARAM = re.compile(r"{(\w+)(?::[^}]*)?}")
# Served by the framework, with no data behind them.
FRAMEWORK_PREFIXES = ("/static", "/schema")


@pytest.fixture
def backend():
    """The matrix runs on SQLite; scope is applied by the same queries on both databases."""
    return "sqlite"


def _declarations() -> tuple[dict[tuple[str, str], Rule], dict[str, Resolver]]:
    rules: dict[tuple[str, str], Rule] = {}
    resolvers: dict[str, Resolver] = {}
    root = Path(tests.__file__).parent
    for info in pkgutil.iter_modules([str(root)]):
        if not info.ispkg or not (root / info.name / "access.py").exists():
            continue
        module = importlib.import_module(f"tests.{info.name}.access")
        rules.update(getattr(module, "RULES", {}))
        resolvers.update(getattr(module, "RESOLVERS", {}))
    return rules, resolvers


def _routes(app) -> list[tuple[str, str]]:
    found = []
    for route in app.routes:
        if not isinstance(route, HTTPRoute) or route.path.startswith(FRAMEWORK_PREFIXES):
            continue
        for method in sorted(
            route.http_handler_names if hasattr(route, "http_handler_names") else route.methods
        ):
            if method in ("HEAD", "OPTIONS"):
                continue
            found.append((method, route.path))
    return found


def test_every_route_is_declared(settings):
    rules, resolvers = _declarations()
    routes = _routes(app_for(settings))
    missing = [r for r in routes if r not in rules]
    assert not missing, f"routes missing from the access matrix: {missing}"
    params = {p for _, path in routes for p in PARAM.findall(path)}
    assert params <= set(resolvers), f"no resolver for {params - set(resolvers)}"


async def _fill(
    path: str, role: str, in_scope: bool, resolvers, guarded: bool, known: dict | None = None
) -> str | None:
    """The path with the role's record ids; for a role the guards stop first, any id does.

    `known` keeps the ids found, by parameter, role and scope, for as long as the caller knows
    no record changed (it empties it after a write)."""
    values = {}
    for name in PARAM.findall(path):
        key = (name, role, in_scope)
        if known is not None and key in known:
            value = known[key]
        else:
            value = await resolvers[name](role, in_scope)
            if known is not None:
                known[key] = value
        if value is None and guarded:
            value = 1
        if value is None:
            return None
        values[name] = value
    return PARAM.sub(lambda m: str(values[m.group(1)]), path)


async def test_each_role_gets_exactly_its_part(client, settings, demo_loaded):  # noqa: C901 - a branch per kind of route
    # The demo with its photos (demo_loaded), so the photo routes are checked too.
    sponsor = await Sponsor.get(name="Báo Xây dựng")
    users = {
        "admin": await make_user("admin"),
        "province": await make_user("province"),
        "commune": await make_user("commune", commune_code="05725"),
        "front": await make_user("front", commune_code="05725"),
        "sponsor": await make_user("sponsor", sponsor=sponsor),
        "ministry": await make_user("ministry"),
    }
    rules, resolvers = _declarations()
    routes = _routes(app_for(settings))
    # One CSRF cookie for the whole walk: it is signed with the app's secret, not bound to a
    # session, so it stays valid when the session cookie changes (getting one costs a page).
    csrf = await csrf_token(client)
    # What the reads of the walk can share, and a write (any request but a GET) may change:
    # the records the paths name, the roles' sessions and tokens (a write may log out or
    # revoke), the households' contacts the answers are searched for.
    known: dict = {}
    logins: dict[str, str] = {}
    tokens: dict[str, dict[str, str]] = {}
    contacts: dict[str, list[tuple[str | None, str | None]]] = {}
    failures, unchecked = [], []
    for method, path in routes:
        rule = rules[(method, path)]
        for role in ROLES:
            for in_scope in (True, False):
                if not in_scope and not (rule.scoped and role in ("commune", "front", "sponsor")):
                    continue
                guarded = not rule.public and (role == "anonymous" or role not in rule.allowed)
                url = await _fill(path, role, in_scope, resolvers, guarded, known)
                if url is None:
                    unchecked.append(f"{method} {path} as {role}{'' if in_scope else ' (out)'}")
                    continue
                client.cookies.clear()
                client.cookies.set("relief_csrf", csrf)
                headers = {}
                is_api = path.startswith("/api/")
                if role != "anonymous":
                    if is_api:
                        if role not in tokens:
                            tokens[role] = await bearer(users[role])
                        headers = tokens[role]
                    else:
                        if role not in logins:
                            await login_as(client, users[role])
                            logins[role] = client.cookies[SESSION_COOKIE]
                        client.cookies.set(SESSION_COOKIE, logins[role])
                kwargs = {}
                if method != "GET":
                    if is_api:
                        kwargs["json"] = {}
                    else:
                        kwargs["data"] = {"_csrf_token": csrf}
                response = await client.request(method, url, headers=headers, **kwargs)
                if method != "GET":
                    for shared in (known, logins, tokens, contacts):
                        shared.clear()
                status = response.status_code
                if role == "anonymous" and not rule.public:
                    ok = (
                        status == 401
                        if is_api
                        else (status == 303 and response.headers["location"].startswith("/login"))
                    )
                    expected = "401 / login redirect"
                elif role != "anonymous" and role not in rule.allowed and not rule.public:
                    ok, expected = status == 403, "403"
                elif not in_scope or (rule.own and role != "admin"):
                    ok, expected = status == 404, "404"
                else:
                    answer = rule.answer(method, role)
                    ok, expected = status == answer, str(answer)
                if not ok:
                    failures.append(f"{method} {url} as {role}: {status}, expected {expected}")
                if (
                    role in ("sponsor", "province", "commune", "front", "ministry")
                    and status == 200
                ):
                    if role not in contacts:
                        contacts[role] = await _contacts_seen_by_no(role)
                    where = f"{method} {url} as {role}"
                    failures.extend(_contacts_in(where, response, contacts[role]))
                if role == "sponsor" and status == 200:
                    failures.extend(_personal_fields_in(f"{method} {url}", response))
    assert not failures, "\n".join(failures)
    # Every route is exercised for every role: a resolver that finds no record is a gap.
    assert not unchecked, "no record to try: " + ", ".join(unchecked)


_PRIVATE_KEYS = {"id_number", "phone", "birth_year", "gender"}


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


async def _contacts_seen_by_no(role: str) -> list[tuple[str | None, str | None]]:
    """The ID numbers and phones the role must never receive. The contacts rule: ID numbers
    and phones only for the household's own commune (and admins). A sponsor, the province and
    the Front never see one; a commune officer none of another commune."""
    from relief.households.models import Household

    qs = Household.all()
    if role == "commune":
        qs = qs.exclude(commune__code="05725")
    return await qs.values_list("id_number", "phone")


def _contacts_in(where: str, response, hidden: list[tuple[str | None, str | None]]) -> list[str]:
    text = response.text
    found = []
    for id_number, phone in hidden:
        if id_number and id_number in text:
            found.append(f"{where}: sees ID number {id_number}")
        if phone and phone in text:
            found.append(f"{where}: sees phone {phone}")
    return found


def _personal_fields_in(where: str, response) -> list[str]:
    """A sponsor never receives a household's ID number, phone, birth year or gender: not in
    JSON keys, not as a page's field."""
    found = []
    if "application/json" in response.headers.get("content-type", ""):
        leaked = _keys(response.json()) & _PRIVATE_KEYS
        if leaked:
            found.append(f"{where}: sponsor JSON has {sorted(leaked)}")
    elif "Năm sinh" in response.text or "CCCD" in response.text:
        found.append(f"{where}: sponsor page shows a birth year or ID field")
    return found
