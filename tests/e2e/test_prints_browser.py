"""Every paper of the demo printed by Chromium on A4 and read back with pdftotext."""

from __future__ import annotations

import re

import pytest

from tests.e2e.papers import no_screen_controls, print_pdf

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def officer(browser, logged_in):
    """Thần Sa's commune officer, logged in already (the session this process shares), one
    page for the module."""
    context = browser.new_context(locale="vi-VN", storage_state=logged_in("thansa"))
    page = context.new_page()
    yield page
    context.close()


def _signatures_share_a_page(printed, closing: str, signature: str) -> bool:
    return printed.page_of(closing) == printed.page_of(signature)


def test_handover_minutes_of_kim_son(officer, live_server, tmp_path):
    officer.goto(live_server.url + "/handovers")
    # The demo's ceremony (other browser tests may hold one at Kim Sơn today).
    officer.locator("tr", has_text="Kim Sơn").filter(has_text="20/12/2025").locator("a").click()
    officer.wait_for_load_state()
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


def test_receipt_list_of_the_provincial_delegation_in_than_sa(officer, live_server, tmp_path):
    officer.goto(live_server.url + "/visits")
    officer.get_by_role("link", name="Đoàn công tác Tỉnh ủy Thái Nguyên").first.click()
    officer.wait_for_load_state()
    visit_url = officer.url
    # The households of the visit as its page lists them, with their cash.
    rows = officer.locator("#households tbody tr")
    cells = [rows.nth(i) for i in range(rows.count())]
    visited = {r.locator("th").inner_text(): r.locator("td").nth(1).inner_text() for r in cells}
    assert len(visited) == 8

    printed = print_pdf(officer, visit_url + "/receipts", tmp_path / "receipts.pdf")

    assert printed.is_a4(landscape=True)
    assert len(printed.pages) == 7  # the demo's 8 households live in 7 hamlets: a page each
    layout = "\n".join(printed.rows)
    for name, cash in visited.items():
        lines = [line for line in layout.splitlines() if name in line]
        assert len(lines) == 1, name  # every household once
        assert cash.replace("\xa0", " ") in lines[0].replace("\xa0", " ")
    assert re.search(r"\b\d{12}\b", layout) is None  # no personal number
    assert re.search(r"\b0\d{9}\b", layout) is None  # no phone
    for n, page in enumerate(printed.rows, start=1):
        assert f"Trang {n}/7" in page
        assert "Họ và tên chủ hộ" in page and "Ký nhận" in page  # the header on every page
    text = printed.text
    assert "DANH SÁCH KÝ NHẬN HỖ TRỢ" in text and "TRƯỞNG THÔN KIM SƠN" in text
    assert "bằng chữ:" in text and "đồng chẵn" in text
    assert no_screen_controls(printed)
    assert _signatures_share_a_page(printed, "Cộng:", "NGƯỜI LẬP DANH SÁCH")


def test_stage_completion_minutes_of_a_foundation(officer, live_server, tmp_path):
    officer.goto(live_server.url + "/houses?stage=foundation_done")
    officer.locator("table tbody th a").first.click()
    officer.wait_for_load_state()
    officer.get_by_role("link", name="Xong móng").click()
    officer.wait_for_load_state()

    printed = print_pdf(officer, None, tmp_path / "stage.pdf")  # the page shown

    assert printed.is_a4()
    assert len(printed.pages) == 2  # the demo's: board and work, then conclusion and signatures
    text = printed.text
    assert "BIÊN BẢN XÁC NHẬN HOÀN THÀNH THEO GIAI ĐOẠN" in text
    assert re.search(r"Số: \d+/BB-NT", text)  # the demo recorded the signed minutes
    assert "Hoàn thành phần móng" in text and "70 % kinh phí hỗ trợ" in text
    assert re.search(r"bằng chữ: (\w+ )+đồng", text)
    assert re.search(r"TRƯỞNG (THÔN|XÓM|BẢN|LÀNG) ", text)
    assert "TM. BAN THƯỜNG TRỰC ỦY BAN MTTQ VIỆT NAM XÃ THẦN SA" in text
    assert "TM. ỦY BAN NHÂN DÂN XÃ THẦN SA" in text
    assert no_screen_controls(printed)
    assert _signatures_share_a_page(printed, "Tổ nghiệm thu xác nhận", "CHỦ HỘ")


def test_hamlet_notice_of_kim_son(officer, live_server, tmp_path):
    officer.goto(live_server.url + "/reports/notices")
    officer.select_option("#f-hamlet", label="Kim Sơn")
    officer.fill("#f-date_from", "2025-10-01")
    officer.locator("main form.filters button[type=submit]").click()
    officer.wait_for_load_state()

    printed = print_pdf(officer, None, tmp_path / "notice.pdf")

    assert printed.is_a4()
    assert len(printed.pages) == 1
    text = printed.text
    assert "THÔNG BÁO CÔNG KHAI" in text and "hộ gia đình thôn Kim Sơn" in text
    assert "Đoàn công tác Tỉnh ủy Thái Nguyên" in text and "Đã bàn giao" in text
    assert re.search(r"\b\d{12}\b", text) is None and re.search(r"\b0\d{9}\b", text) is None
    assert re.search(r"\b(19[3-9]\d|200\d)\b", text) is None  # no birth year
    assert "TRƯỞNG THÔN KIM SƠN" in text
    assert no_screen_controls(printed)


def test_household_list_of_a_hamlet_and_the_commune_summary(officer, live_server, tmp_path):
    officer.goto(live_server.url + "/households")
    officer.get_by_text("Lọc thêm").click()  # the filters beyond the search are folded
    officer.select_option("#f-hamlet", label="Lũng Hoài")
    officer.locator("main form.filters button[type=submit]").click()
    officer.wait_for_load_state()
    officer.get_by_role("link", name="In danh sách").click()
    officer.wait_for_load_state()

    printed = print_pdf(officer, None, tmp_path / "households.pdf")

    assert printed.is_a4(landscape=True)
    assert len(printed.pages) == 1
    text = printed.text
    assert "DANH SÁCH HỘ GIA ĐÌNH" in text and "Bản Lũng Hoài, xã Thần Sa" in text
    assert re.search(r"Tính đến ngày \d\d/\d\d/\d{4}", text)
    assert "NGƯỜI LẬP BIỂU" in text and "TM. ỦY BAN NHÂN DÂN XÃ THẦN SA" in text
    assert "Tìm kiếm" not in text and no_screen_controls(printed)
    assert _signatures_share_a_page(printed, "Danh sách gồm", "NGƯỜI LẬP BIỂU")

    officer.goto(live_server.url + "/reports/communes/05725")
    columns = officer.locator("main table").first.locator("thead th").count()
    summary = print_pdf(officer, None, tmp_path / "sum.pdf")
    assert summary.is_a4(landscape=True)
    assert len(summary.pages) == 7  # the demo's commune summary
    text = summary.text
    assert "BÁO CÁO TỔNG HỢP" in text and re.search(r"Tính đến ngày \d\d/\d\d/\d{4}", text)
    assert "NGƯỜI LẬP BIỂU" in text and "TM. ỦY BAN NHÂN DÂN XÃ THẦN SA" in text
    # Every column of the damage table is on paper, none cut at the right margin: its total
    # row holds a number for each column but the hamlet's.
    total = next(line for page in summary.rows for line in page.splitlines() if "Tổng cộng" in line)
    assert len(re.findall(r"\b\d+\b", total)) == columns - 1
    assert "Excel" not in text and "Lọc" not in text
    assert no_screen_controls(summary)


def test_households_not_reached_in_a_hamlet(officer, live_server, tmp_path):
    officer.goto(live_server.url + "/visits/unreached")
    officer.select_option("#f-hamlet", label="Xuyên Sơn")
    officer.locator("main form.filters button[type=submit]").click()
    officer.wait_for_load_state()
    status = officer.locator("main p[role=status]").inner_text()

    printed = print_pdf(officer, None, tmp_path / "unreached.pdf")

    assert printed.is_a4() and len(printed.pages) == 1
    text = printed.text
    assert "CHƯA ĐƯỢC THĂM HỎI, HỖ TRỢ" in text and "Thôn Xuyên Sơn, xã Thần Sa" in text
    missing, affected = re.match(r"(\d+)/(\d+)", status).groups()
    assert int(missing) >= 1  # the demo leaves some of Xuyên Sơn's affected households out
    assert f"{missing}/{affected} hộ bị ảnh hưởng chưa được hỗ trợ" in text
    assert "TRƯỞNG THÔN XUYÊN SƠN" in text and no_screen_controls(printed)
