"""Data first on a phone: a list's first screen shows records, not a wall of filters."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("path", "filtered"), [("/households", "band=heavy"), ("/houses", "stage=approved")]
)
def test_the_first_screen_of_a_list_on_a_phone_shows_records(
    browser, logged_in, live_server, path, filtered
):
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="vi-VN",
        is_mobile=True,
        storage_state=logged_in("thansa"),
    )
    try:
        page = context.new_page()
        page.goto(live_server.url + path)
        first_row = page.locator("main table tbody tr").first
        assert first_row.bounding_box()["y"] < 740  # seen without scrolling
        assert page.locator("details.more-filters").get_attribute("open") is None
        page.goto(f"{live_server.url}{path}?{filtered}")
        # A filter in use stays in view, counted, its control open.
        assert page.locator("details.more-filters").get_attribute("open") == ""
    finally:
        context.close()


@pytest.mark.parametrize(("user", "path"), [("mttq.thansa", "/ledger"), (None, "/public/05725")])
def test_the_balance_stays_in_view_on_a_phone(browser, logged_in, live_server, user, path):
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="vi-VN",
        is_mobile=True,
        storage_state=logged_in(user) if user else None,
    )
    try:
        page = context.new_page()
        page.goto(live_server.url + path)
        balance = page.locator("main td.balance").first
        box = balance.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360  # not cut off to the right
        assert balance.inner_text().endswith("₫")
    finally:
        context.close()


def test_the_commune_summary_shows_its_key_figures_on_the_first_screen(
    browser, logged_in, live_server
):
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="vi-VN",
        is_mobile=True,
        storage_state=logged_in("thansa"),
    )
    try:
        page = context.new_page()
        page.goto(live_server.url + "/reports/communes/05725")
        cards = page.locator("main section.cards")
        box = cards.bounding_box()
        assert box["y"] + box["height"] <= 740  # every key figure seen without scrolling
        first_table = page.locator("main table").first.bounding_box()
        assert first_table["y"] > box["y"]  # before the long tables
        assert page.locator("form.filters details.more-filters").get_attribute("open") is None
    finally:
        context.close()
