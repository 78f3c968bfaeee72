"""Every page of every role but the administrator on a 360 px phone: nothing wider than the
screen, pages stay light, axe-core finds no accessibility violation (tests/e2e/phone_walk.py;
the administrator's walk is test_phone_fit_admin_browser.py, given to another worker)."""

from __future__ import annotations

import pytest

from tests.e2e.phone_walk import USERS, urls_by_role, walk

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def role_urls(live_server):
    return urls_by_role(live_server)


@pytest.mark.parametrize("role", [role for role in USERS if role != "admin"])
def test_every_page_of_every_role_fits_a_360_px_phone(live_server, browser, role_urls, role):
    walk(live_server, browser, role_urls, role)
