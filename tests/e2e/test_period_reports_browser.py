"""The event summary report in Chromium, by the links of the pages only: Thần Sa's officer goes
from the commune summary (the landing page) to the reports it owes, opens the summary of the
demo's storm (ended on 07/10/2025: missing since its deadline), writes its lessons, sends it
and prints it (A4, the administrative heading, the title, the tables, recipients and signature,
read back from the PDF); the province's officer goes from the dashboard to the grid of these
reports and receives it."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from tests.e2e.papers import no_screen_controls, print_pdf

pytestmark = pytest.mark.browser

LESSONS = "Sơ tán sớm các hộ ven sông Cầu."


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def _go(page, link) -> None:
    with page.expect_navigation():
        link.click()


def _link(page, name: str, within: str = "main"):
    return page.locator(within).get_by_role("link", name=name, exact=True).first


def test_than_sa_sends_the_storms_summary_and_the_province_receives_it(
    browser, live_server, logged_in, tmp_path
):
    officer = browser.new_context(locale="vi-VN", storage_state=logged_in("thansa"))
    page = officer.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/reports")
    section = "section[aria-labelledby=quick-reports]"
    _go(page, _link(page, "Báo cáo tổng hợp và báo cáo định kỳ", section))
    assert "Báo cáo tổng hợp và báo cáo định kỳ" in _flat(page.locator("h1").inner_text())
    storm = page.locator("main table.period-owed tbody tr").filter(has_text="Bão số 11")
    assert "Chưa gửi" in _flat(storm.inner_text()) or "✗" in storm.inner_text()
    _go(page, storm.get_by_role("link").first)
    assert "Báo cáo tổng hợp đợt thiên tai" in _flat(page.locator("h1").inner_text())
    page.fill("#f-lessons", LESSONS)
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Gửi lên tỉnh", exact=True).click()
    assert re.search(r"/period-reports/\d+$", page.url), page.url
    sent_url = page.url
    sending = _flat(page.locator("section[aria-labelledby=sending]").inner_text())
    assert "thansa" in sending

    paper = officer.new_page()
    response = paper.goto(urljoin(page.url, _link(page, "In").get_attribute("href")))
    assert response is not None and response.status == 200
    printed = print_pdf(paper, None, tmp_path / "event-summary.pdf")
    assert printed.is_a4() and no_screen_controls(printed)
    text = _flat(printed.text)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "ỦY BAN NHÂN DÂN XÃ THẦN SA" in text
    assert "BÁO CÁO TỔNG HỢP" in text and "Bão số 11 (Matmo)" in text
    assert re.search(r"Số: \d\d/BC-BCH", text)
    assert "III. Hỗ trợ theo nguồn" in text and "IV. Nhà ở" in text and LESSONS in text
    assert "Nơi nhận" in text and "TM. BAN CHỈ HUY" in text
    officer.close()

    province = browser.new_context(locale="vi-VN", storage_state=logged_in("tinh"))
    page = province.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/reports")
    _go(page, _link(page, "Báo cáo tổng hợp và báo cáo định kỳ theo xã"))
    row = page.locator("main table.period-grid tbody tr").filter(
        has=page.get_by_role("link", name="Thần Sa", exact=True)
    )
    _go(page, row.locator("td a").first)
    assert page.url == sent_url
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Tiếp nhận", exact=True).click()
    assert "Tỉnh đã tiếp nhận" in _flat(page.locator("main dl.facts").first.inner_text())
    province.close()
