"""A house from approved to handed over in real Chromium, then seen by its sponsor."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

pytestmark = pytest.mark.browser


def _photo(tmp_path) -> str:
    path = tmp_path / "nha-hoan-thanh.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 120, 60)).save(buffer, format="JPEG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_officer_builds_hands_over_and_prints_then_sponsor_sees_it(
    live_server, browser, logged_in, tmp_path
):
    # Both users logged in already (the sessions this process shares).
    officer = browser.new_context(locale="vi-VN", storage_state=logged_in("thansa"))
    page = officer.new_page()
    # An approved case of Thần Sa.
    page.goto(live_server.url + "/houses?stage=approved")
    page.locator("table tbody th a").first.click()
    page.wait_for_load_state()
    code = page.locator("h1").inner_text().split()[-1]
    head_name = page.locator("dl.facts dd").first.inner_text()
    house_url = page.url

    # The "3 cứng" and the area, as checked on site.
    page.get_by_role("link", name="Sửa thông tin").click()
    page.wait_for_load_state()
    page.fill("#f-area_m2", "36")
    for box in ("hard_foundation", "hard_frame", "hard_roof"):
        page.check(f"input[name={box}]")
    page.locator("form[action$='/edit'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.startswith(house_url)

    # The newspaper's money for this house.
    page.select_option("#f-source", "sponsor")
    page.select_option("#f-sponsor", label="Báo Xây dựng")
    page.fill("#f-amount_pledged", "20.000.000")
    page.locator("form[action$='/contributions'] button[type=submit]").click()
    page.wait_for_load_state()

    # Started, then foundation (or 30% for a repair).
    for _ in range(2):
        page.locator("form.move").first.locator("button").click()
        page.wait_for_load_state()
    assert page.locator("#current-stage").inner_text() in ("Xong móng", "Đạt 30%")

    # A photo of the finished house, then completed.
    page.set_input_files("#f-file", _photo(tmp_path))
    page.select_option("#f-photo-stage", "completed")
    # The photo is reduced in the browser first, so the form is sent a moment after the tap.
    with page.expect_navigation():
        page.locator("form[enctype='multipart/form-data'] button[type=submit]").click()
    thumbs = page.locator("ul.photos img")
    assert thumbs.count() >= 1
    # Lazy-loaded thumbnails, each linking to the display copy.
    assert "size=thumb" in thumbs.first.get_attribute("src")
    assert thumbs.first.get_attribute("loading") == "lazy"
    assert "size=display" in page.locator("ul.photos a").first.get_attribute("href")
    page.locator("form.move").first.locator("button").click()
    page.wait_for_load_state()
    assert page.locator("#current-stage").inner_text() == "Hoàn thành"

    # The ceremony.
    page.goto(live_server.url + "/handovers/new")
    page.fill("#f-place", "Nhà văn hóa thôn Kim Sơn")
    page.fill("#f-organisers", "Đảng ủy, UBND xã Thần Sa; Báo Xây dựng")
    page.get_by_label("Báo Xây dựng").check()
    page.locator("label", has_text=code).locator("input").check()
    page.get_by_role("button", name="Lưu lễ bàn giao").click()
    page.wait_for_load_state()
    assert re.search(r"/handovers/\d+$", page.url)
    assert code in page.locator("main").inner_text()

    # The minutes, printable.
    page.locator("tr", has_text=code).get_by_role("link", name="In biên bản").click()
    page.wait_for_load_state()
    assert "BIÊN BẢN BÀN GIAO" in page.locator("h1").inner_text()
    assert code in page.locator("article").inner_text()
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible()
    assert page.locator(".signs").is_visible()
    officer.close()

    # The sponsor sees it handed over, without personal data.
    sponsor = browser.new_context(locale="vi-VN", storage_state=logged_in("baoxaydung"))
    page = sponsor.new_page()
    page.goto(live_server.url + "/portal")
    row = page.locator("tr", has_text=code)
    assert "Đã bàn giao" in row.inner_text()
    row.get_by_role("link", name=code).click()
    page.wait_for_load_state()
    text = page.locator("main").inner_text()
    assert "Đã bàn giao" in text
    assert head_name not in page.content()
    assert re.search(r"\b\d{12}\b", page.content()) is None  # no ID number
    assert re.search(r"\b0\d{9}\b", page.content()) is None  # no phone
    assert page.locator("ul.photos img").count() >= 1
    sponsor.close()
