"""Every page of the administrator, who opens nearly every page, on a 360 px phone: nothing
wider than the screen, pages stay light, axe-core finds no accessibility violation
(tests/e2e/phone_walk.py). A file of its own, so that pytest-xdist gives it to another worker
than the other roles' walks (test_phone_fit_browser.py): one file took 85 s of CPU."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import serve_demo
from tests.e2e.phone_walk import urls_by_role, walk

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


def test_every_page_of_the_administrator_fits_a_360_px_phone(live_server, browser, role_urls):
    walk(live_server, browser, role_urls, "admin")
