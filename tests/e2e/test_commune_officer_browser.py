"""A commune officer's morning in real Chromium, on a phone-sized window, without JavaScript
being needed: add a household, find it without accents, record its damage and a visit."""

import re

import pytest

pytestmark = pytest.mark.browser

NAME = "Đàm Thị Thúy Hằng"


def test_an_officer_adds_finds_assesses_and_visits_a_household(live_server, logged_in, phone_page):
    page = phone_page
    base = live_server.url
    # A new household, its name typed with accents; a wrong phone first, then corrected.
    # (Logged in already, straight to its form, not by the commune summary.)
    page.context.add_cookies(logged_in("thansa")["cookies"])
    page.goto(base + "/households/new")
    page.select_option("#f-hamlet_id", index=1)
    page.fill("#f-head_name", NAME)
    page.select_option("#f-gender", "female")
    page.fill("#f-birth_year", "1988")
    page.fill("#f-members", "3")
    page.fill("#f-phone", "12345")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#e-phone").inner_text().startswith("Hãy nhập số điện thoại")
    assert page.input_value("#f-head_name") == NAME  # nothing typed is lost
    page.fill("#f-phone", "")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith(NAME)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # Found again by typing the name without accents.
    page.goto(base + "/households")
    page.fill("#f-q", "dam thi thuy hang")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state()
    page.get_by_role("link", name=NAME).click()
    page.wait_for_load_state()
    household_url = page.url

    # Its damage for typhoon No. 11.
    page.get_by_role("link", name="Ghi thiệt hại").click()
    page.wait_for_load_state()
    page.select_option("#f-disaster_id", label="Bão số 11 (Matmo)")
    page.select_option("#f-band", "heavy")  # Circular 43/2015's band: 30 % to 50 %
    page.check("input[name=roof_blown_off]")
    page.fill("#f-estimated_loss", "40.000.000")
    page.check("input[name=needs][value=repair]")
    page.fill("#f-assessed_on", "2025-10-09")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.startswith(household_url)
    damage = page.locator("#damage").inner_text()
    assert "Thiệt hại nặng (từ 30% đến 50%)" in damage and "Tốc mái" in damage
    assert "40.000.000" in damage

    # An aid visit covering her household, picked by an accent-free search.
    page.goto(base + "/visits/new")
    page.fill("#f-visited_on", "2025-10-10")
    page.fill("#f-delegation", "Đoàn Thanh niên xã Thần Sa")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert re.search(r"/visits/\d+/batch$", page.url)  # "Lưu và thêm hộ"
    page.fill("#f-q", "dam thi thuy")
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.wait_for_load_state()
    page.locator("ul.batch-rows li").filter(has_text=NAME).locator("input").first.check()
    page.fill("#f-cash", "1.000.000")
    page.fill("#f-goods", "Gạo 10 kg")
    page.fill("#f-goods_value", "200.000")
    page.get_by_role("button", name="Thêm các hộ đã chọn").click()
    page.wait_for_load_state()
    assert NAME in page.locator("#households").inner_text()

    page.goto(household_url)
    aid = page.locator("#aid").inner_text()
    assert "Đoàn Thanh niên xã Thần Sa" in aid and "1.000.000" in aid and "200.000" in aid
