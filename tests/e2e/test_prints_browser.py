"""Every paper of the demo printed by Chromium on A4 and read back with pdftotext."""

from __future__ import annotations

import re

import pytest

from tests.e2e.papers import no_screen_controls, print_pdf

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def officer(live_server, browser):
    """Thần Sa's commune officer, logged in once for the module."""
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + "/login")
    page.fill("input[name=username]", "thansa")
    page.fill("input[name=password]", live_server.logins["thansa"])
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    yield page
    context.close()


def _signatures_share_a_page(printed, closing: str, signature: str) -> bool:
    return printed.page_of(closing) == printed.page_of(signature)


def test_handover_minutes_of_kim_son(officer, live_server, tmp_path):
    officer.goto(live_server.url + "/handovers")
    officer.locator("tr", has_text="Kim Sơn").locator("a").first.click()
    link = officer.get_by_role("link", name="In biên bản").first
    url = live_server.url + link.get_attribute("href")

    printed = print_pdf(officer, url, tmp_path / "minutes.pdf")

    assert printed.is_a4()
    assert len(printed.pages) == 2  # the demo's minutes: parties and money, then signatures
    text = printed.text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Thần Sa, ngày 20 tháng 12 năm 2025" in text
    assert re.search(r"Số: TS-2025-\d{4}/BB-BG", text)
    # Every party: the household, the hamlet (by its kind), the commune, the Front, the sponsor.
    assert "CHỦ HỘ" in text
    assert "TRƯỞNG THÔN KIM SƠN" in text
    assert "TM. ỦY BAN NHÂN DÂN XÃ THẦN SA" in text
    assert "ỦY BAN MTTQ VIỆT NAM XÃ THẦN SA" in text
    assert re.search(r"Đại diện nhà tài trợ (Báo Xây dựng|Công ty CP)", text)
    assert re.search(r"ĐẠI DIỆN (BÁO XÂY DỰNG|CÔNG TY CP)", text)
    assert re.search(r"bằng chữ: (\w+ )+đồng", text)  # spelled out, not in digits
    assert no_screen_controls(printed)
    assert _signatures_share_a_page(printed, "Bên nhận đã kiểm tra", "(Ký, ghi rõ họ tên")
