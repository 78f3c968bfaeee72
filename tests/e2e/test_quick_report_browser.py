"""The quick report on the law's clock, in Chromium, by the links of the pages only: Thần Sa's
officer corrects the storm's second-day report from the commune summary, sends it and prints
it (A4, the administrative heading, the table and the houses by band and class, recipients and
signature, read back from the PDF); the province's officer finds, from the dashboard, Võ Nhai
late and the other communes missing in the grid, receives Thần Sa's report and returns Võ
Nhai's late one with a comment."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from tests.e2e.papers import no_screen_controls, print_pdf

pytestmark = pytest.mark.browser

NATION = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
COMMENT = "Đề nghị ghi rõ số hộ phải sơ tán trong ngày đầu."


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def _go(page, link) -> None:
    with page.expect_navigation():
        link.click()


def _link(page, name: str, within: str = "main"):
    return page.locator(within).get_by_role("link", name=name, exact=True).first


def _press(page, name: str) -> None:
    _go(page, page.locator("main").get_by_role("button", name=name, exact=True))


def test_than_sa_sends_and_the_province_receives_and_returns(
    browser, live_server, logged_in, tmp_path
):
    # Thần Sa's officer, from the commune summary (the officer's landing page).
    officer = browser.new_context(locale="vi-VN", storage_state=logged_in("thansa"))
    page = officer.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/reports")
    _go(page, _link(page, "Báo cáo nhanh", "section[aria-labelledby=quick-reports]"))
    assert "Báo cáo nhanh" in _flat(page.locator("h1").inner_text())
    page.fill("#f-as_of_date", "2025-10-07")
    page.fill("#f-as_of_hour", "17")
    page.fill("#f-needs", "Bạt che tạm cho 5 hộ")
    _press(page, "Lưu báo cáo")
    assert re.search(r"/disaster-reports/\d+$", page.url), page.url
    sent_url = page.url
    _press(page, "Gửi lên tỉnh")
    sending = _flat(page.locator("section[aria-labelledby=sending]").inner_text())
    assert "thansa" in sending and "Chưa gửi" not in sending

    # Its paper, opened beside the page and printed: A4, the heading, the tables, signed.
    paper = officer.new_page()
    response = paper.goto(urljoin(page.url, _link(page, "In").get_attribute("href")))
    assert response is not None and response.status == 200
    printed = print_pdf(paper, None, tmp_path / "quick-report.pdf")
    assert printed.is_a4() and no_screen_controls(printed)
    text = _flat(printed.text)
    assert all(line in text for line in NATION)
    assert "ỦY BAN NHÂN DÂN XÃ THẦN SA" in text and "BÁO CÁO NHANH" in text
    assert re.search(r"Số: \d+/BC-BCH", text) and "Thần Sa, ngày 07 tháng 10 năm 2025" in text
    assert "Nơi nhận" in text and "TM. BAN CHỈ HUY" in text and "Bạt che tạm cho 5 hộ" in text
    assert "Nhà bị thiệt hại theo mức độ và loại nhà" in text
    # A line's label and its figure on one printed line, on the same page.
    assert any(re.search(r"Lúa bị thiệt hại\s+ha\s+12,5", row) for row in printed.rows)
    officer.close()

    # The province's officer, from the dashboard: the grid of the storm's reports.
    province = browser.new_context(locale="vi-VN", storage_state=logged_in("tinh"))
    page = province.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/reports")
    _go(page, _link(page, "Báo cáo theo xã và ngày"))
    assert "Báo cáo theo xã và ngày" in _flat(page.locator("h1").inner_text())
    grid_url = page.url

    def row(name: str):
        return page.locator("main table.grid tbody tr").filter(
            has=page.get_by_role("link", name=name, exact=True)
        )

    vo_nhai = row("Võ Nhai").locator("td")
    assert _flat(vo_nhai.nth(0).inner_text()) == "!"  # the first day sent late
    missing = page.locator("main table.grid tbody tr td", has_text="✗")
    assert missing.count() > 0  # the communes that sent nothing
    # Thần Sa's second day: the version its officer has just sent, received.
    _go(page, row("Thần Sa").locator("td").nth(1).locator("a"))
    assert page.url == sent_url
    _press(page, "Tiếp nhận")
    assert "Tỉnh đã tiếp nhận" in _flat(page.locator("main dl.facts").first.inner_text())
    # Võ Nhai's late first day, returned with a comment the commune reads.
    page.goto(grid_url)
    _go(page, row("Võ Nhai").locator("td").nth(0).locator("a"))
    page.fill("#f-return_comment", COMMENT)
    _press(page, "Trả lại xã")
    assert COMMENT in _flat(page.locator("main dl.facts").first.inner_text())
    _go(page, _link(page, "Báo cáo theo xã và ngày"))
    assert _flat(row("Võ Nhai").locator("td").nth(0).inner_text()) == "↩"
    province.close()
