"""Every page of every role but the administrator on a 360 px phone: nothing wider than the
screen, pages stay light, axe-core finds no accessibility violation (tests/e2e/phone_walk.py;
the administrator's walk is test_phone_fit_admin_browser.py, given to another worker)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import serve_demo
from tests.e2e.phone_walk import USERS, urls_by_role, walk

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """A demo server of this file's own: the walk weighs pages, and the other browser tests,
    run before it by the same worker or not, add households to the shared server's commune
    (the visit's batch page of every household in it passed 60 KB after them)."""
    yield from serve_demo(tmp_path_factory)


@pytest.fixture(scope="module")
def role_urls(live_server):
    return urls_by_role(live_server)


@pytest.mark.parametrize("role", [role for role in USERS if role != "admin"])
def test_every_page_of_every_role_fits_a_360_px_phone(live_server, browser, role_urls, role):
    walk(live_server, browser, role_urls, role)
