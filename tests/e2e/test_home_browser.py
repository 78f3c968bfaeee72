"""The home page in real Chromium."""

import pytest

NORTH_EAST = [
    "Võ Nhai",
    "Dân Tiến",
    "Tràng Xá",
    "La Hiên",
    "Thần Sa",
    "Nghinh Tường",
    "Sảng Mộc",
    "Đồng Hỷ",
    "Quang Sơn",
    "Trại Cau",
    "Nam Hòa",
    "Văn Hán",
    "Văn Lăng",
]

pytestmark = pytest.mark.browser


def test_home_page_shows_the_13_north_eastern_communes_with_accents(live_server, page):
    page.goto(live_server.url + "/")
    first_table = page.locator("table").first
    names = first_table.locator("tbody th").all_inner_texts()
    assert sorted(names) == sorted(NORTH_EAST)
    assert page.locator("h1").inner_text() == "Tỉnh Thái Nguyên: các xã, phường"


def test_language_switch_in_the_browser(live_server, page):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Thái Nguyên province: communes and wards"
    page.get_by_role("link", name="Tiếng Việt").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Tỉnh Thái Nguyên: các xã, phường"


def test_home_page_fits_a_phone(live_server, phone_page):
    phone_page.goto(live_server.url + "/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # wide tables scroll inside their own box, not the page
