"""The demo's complete round of Thần Sa walked in Chromium as its commune officer, from the
damage to the settlement, by the links of the pages from the officer's landing page, each
paper of the round printed on A4 and read back from the PDF; then the province reads the
round's state, and Thần Sa's round still in posting, on the rounds page."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from tests.e2e.papers import Printed, no_screen_controls, print_pdf

pytestmark = pytest.mark.browser

DECISION = "125/QĐ-UBND"
NATION = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
COMMITTEE = "TM. ỦY BAN NHÂN DÂN XÃ THẦN SA"


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def _money_cells(line: str) -> list[str]:
    """The sums of money on a printed line, as the page writes them ("81.000.000 ₫")."""
    return [f"{n} ₫" for n in re.findall(r"(\d[\d.]*)\s*₫", line.replace("\xa0", " "))]


class Walk:
    """The officer's tab, and a second tab where a link of it is opened beside it (a paper, a
    side trip), as one opens a link in a new tab: the first stays where it is, nothing is
    loaded again to come back."""

    def __init__(self, context, tmp_path) -> None:
        self.page, self.tab = context.new_page(), context.new_page()
        for page in (self.page, self.tab):
            page.set_default_timeout(10_000)
        self.tmp_path = tmp_path
        self.printed = 0

    def click(self, link) -> None:
        with self.page.expect_navigation():
            link.click()

    def link(self, name: str, within: str = "main"):
        return self.page.locator(within).get_by_role("link", name=name, exact=True).first

    def follow(self, name: str, within: str = "main") -> None:
        self.click(self.link(name, within))

    def back(self) -> None:
        self.page.go_back()
        self.page.wait_for_load_state()

    def aside(self, link) -> None:
        """The link opened in the second tab."""
        response = self.tab.goto(urljoin(self.page.url, link.get_attribute("href")))
        assert response is not None and response.status == 200, link.get_attribute("href")

    def text(self, selector: str, page=None) -> str:
        return _flat((page or self.page).locator(selector).first.inner_text())

    def paper(self, link, landscape: bool = False) -> Printed:
        """The paper a link leads to, printed on A4 from the second tab: the administrative
        heading, nothing of the screen."""
        self.aside(link)
        self.printed += 1
        printed = print_pdf(self.tab, None, self.tmp_path / f"paper-{self.printed}.pdf")
        where = self.tab.url
        assert printed.is_a4(landscape=landscape), where
        text = _flat(printed.text)
        assert all(line in text for line in NATION), where
        assert "ỦY BAN NHÂN DÂN XÃ THẦN SA" in text and no_screen_controls(printed), where
        return printed


def test_the_officer_walks_than_sa_round_1_and_the_province_reads_the_rounds(
    browser, live_server, logged_in, tmp_path
):
    context = browser.new_context(locale="vi-VN", storage_state=logged_in("thansa"))
    walk = Walk(context, tmp_path)
    page = walk.page
    page.goto(live_server.url + "/reports")  # the officer's landing page: the commune's summary
    assert "Thần Sa" in walk.text("main h1:visible")

    # The list of round 1, among the commune's lists.
    walk.follow("Danh sách hộ được hỗ trợ")
    row = (
        page.locator("main tbody tr")
        .filter(has_text="Nhà Đại đoàn kết")
        .filter(has=page.locator("td:nth-child(5)", has_text=re.compile(r"^\s*1\s*$")))
    )
    walk.click(row.locator("th a"))
    list_url = page.url
    list_id = int(re.search(r"/lists/(\d+)", list_url).group(1))
    assert "2025 (đợt 1)" in walk.text("h1")
    facts = walk.text("dl.facts")
    assert "Đã có quyết định (đã khóa)" in facts
    entries = page.locator("#entries tbody tr")
    households = {}  # head of household -> (hamlet, proposed support)
    for i in range(entries.count()):
        cells = entries.nth(i).locator("td")
        households[_flat(cells.nth(1).inner_text())] = (
            _flat(cells.nth(0).inner_text()),
            _flat(cells.nth(3).inner_text()),
        )
    assert len(households) == 2
    total = re.search(r"Mức hỗ trợ đề xuất ([\d.]+ ₫)", facts).group(1)

    # A household's damage, on its page.
    walk.aside(entries.first.locator("td a"))
    damage = walk.text("#damage", walk.tab)
    assert "Bão số 11 (Matmo)" in damage and "Thiệt hại" in damage

    # Each hamlet's review meeting and its minutes: the households agreed, with their support.
    reviews = page.locator("#reviews tbody tr")
    assert reviews.count() == 2
    for i in range(reviews.count()):
        hamlet, held_on, chair, present = (
            _flat(reviews.nth(i).locator("td").nth(n).inner_text()) for n in range(4)
        )
        text = _flat(walk.paper(reviews.nth(i).get_by_role("link", name="In biên bản")).text)
        assert "BIÊN BẢN HỌP BÌNH XÉT" in text and "Thần Sa, ngày 14 tháng 10 năm 2025" in text
        assert f"Chủ trì: ông/bà {chair}. Số người dự họp: {present} người" in text
        assert held_on == "14/10/2025" and "CHỦ TRÌ CUỘC HỌP" in text
        for name, (where, amount) in households.items():
            assert (name in text and amount in text) == (where == hamlet), name

    # The posting, its minutes and the end-of-posting minutes.
    posting = walk.text("#posting dl")
    start, end = re.search(r"(\d\d/\d\d/2025).*?(\d\d/\d\d/2025)", posting).groups()
    text = _flat(walk.paper(walk.link("In biên bản niêm yết")).text)
    assert "BIÊN BẢN NIÊM YẾT CÔNG KHAI" in text and COMMITTEE in text
    assert f"từ ngày {start} đến hết ngày {end}" in text
    assert all(name in text and amount in text for name, (_, amount) in households.items())
    text = _flat(walk.paper(walk.link("In biên bản kết thúc niêm yết")).text)
    assert "BIÊN BẢN KẾT THÚC NIÊM YẾT CÔNG KHAI" in text
    assert "Số ý kiến, khiếu nại nhận được: 1; đã trả lời: 1" in text
    assert "Số lần điều chỉnh danh sách sau niêm yết: 1" in text
    assert f"gồm 2 hộ, tổng mức hỗ trợ đề nghị {total}" in text

    # The complaint, its answer, the list revised because of it.
    complaint = walk.text("#complaints tbody tr")
    receipt = re.search(r"KN-\w+", complaint).group(0)
    assert "Có cơ sở: đã sửa danh sách" in complaint and "Hội Chữ thập đỏ" in complaint
    revision = walk.text("#revisions tbody tr")
    assert "Đưa hộ ra khỏi danh sách" in revision and "không hỗ trợ trùng" in revision
    walk.aside(walk.link("Sổ tiếp nhận khiếu nại"))
    register = walk.text(f"main tr:has(th:text-is('{receipt}'))", walk.tab)
    assert "Mỗi hộ chỉ được hỗ trợ nhà ở một lần" in register  # the answer
    assert "Có cơ sở: đã sửa danh sách" in register

    # The People's Committee's decision and the list annexed to it.
    decision = walk.text("#decision dl")
    assert DECISION in decision and "23/10/2025" in decision
    assert "Chủ tịch UBND xã Thần Sa" in decision
    annex = walk.paper(walk.link("In danh sách kèm theo quyết định"))
    text = _flat(annex.text)
    assert "DANH SÁCH HỘ GIA ĐÌNH ĐƯỢC HỖ TRỢ" in text and f"Số: {DECISION}" in text
    assert f"Kèm theo Quyết định số {DECISION} ngày 23/10/2025" in text
    # The total row as printed, label and sum on one line (the reading order of a table's cells
    # in the PDF's text differs between Chromium versions).
    footer = [_flat(row) for page in annex.rows for row in page.splitlines() if "Tổng cộng" in row]
    assert footer == [f"Tổng cộng: 2 hộ {total}"] and "Chủ tịch UBND xã Thần Sa" in text
    assert all(name in text and amount in text for name, (_, amount) in households.items())

    # The settlement of the round: each house, then its report and the vouchers' list.
    walk.follow("Quyết toán đợt")
    settlement_url = page.url
    assert walk.text("#closing") == "Đã khóa ngày 20/01/2026"
    houses = page.locator("main table tbody tr td:first-child a")
    codes = [houses.nth(i).inner_text() for i in range(houses.count())]
    assert len(codes) == 2
    vouchers = {}  # number -> amount
    for code in codes:
        walk.follow(code)
        _a_house(walk, households, vouchers, list_id)
        walk.back()
        assert page.url == settlement_url
    assert len(vouchers) == 4

    support, paid, balance = (walk.text(f"#total-{n}") for n in ("support", "paid", "balance"))
    assert paid == support and balance == "0 ₫"
    receipts = walk.link("Danh sách ký nhận các phiếu chi của đợt")
    text = _flat(walk.paper(receipts, landscape=True).text)
    assert "DANH SÁCH KÝ NHẬN TIỀN HỖ TRỢ NHÀ Ở" in text and "Tổng cộng: 4 phiếu" in text
    for number, amount in vouchers.items():
        assert number in text and amount in text, number
    assert paid in text and "THỦ QUỸ" in text
    printed = walk.paper(walk.link("In báo cáo (A4)"), landscape=True)
    text = _flat(printed.text)
    assert "BÁO CÁO QUYẾT TOÁN KINH PHÍ HỖ TRỢ NHÀ Ở" in text
    assert f"Theo Quyết định số {DECISION} ngày 23/10/2025" in text
    assert all(code in text for code in codes)
    # The total line as printed: the support in all, paid by vouchers, still to pay.
    total_line = next(
        line for rows in printed.rows for line in rows.splitlines() if "Tổng cộng:" in line
    )
    assert _money_cells(total_line)[-3:] == [support, paid, balance]
    context.close()

    # The province: its rounds page, Thần Sa's round 1 closed, its round 3 in posting.
    context = browser.new_context(locale="vi-VN", storage_state=logged_in("tinh"))
    province = Walk(context, tmp_path)
    province.page.goto(live_server.url + "/reports")  # the province's landing page
    province.follow("Tình hình các đợt hỗ trợ theo xã")
    closed = province.text(f"#round-{list_id}")
    assert "Nhà Đại đoàn kết, 2025, đợt 1" in closed and "Đã có quyết định (đã khóa)" in closed
    assert f"{DECISION} · 23/10/2025" in closed and "Đã khóa ngày 20/01/2026" in closed
    assert f"4 phiếu: {paid} / {support}" in closed  # vouchers paid, of the support due
    than_sa = province.page.locator("#rounds tbody").filter(has_text="Thần Sa")
    posted = _flat(than_sa.locator("tr", has_text="đợt 3").inner_text())
    assert "Đang niêm yết công khai" in posted and "1 chưa trả lời" in posted
    context.close()


def _a_house(walk: Walk, households: dict, vouchers: dict, list_id: int) -> None:
    """A house of the round on its page: approved by the decision, both tranches paid by
    signed vouchers (each printed), its stage-completion and handover minutes printed, its
    dossier complete or each gap explained."""
    page = walk.page
    head = walk.text("dl.facts dd")
    assert head in households
    history = walk.text("table:has(caption:text-is('Lịch sử giai đoạn'))")
    assert "23/10/2025 Đề xuất Đã duyệt" in history  # approved on the decision's day
    # The decision that approved it, in its dossier, leads to the list it decided.
    assert f"{DECISION} · 23/10/2025" in walk.text("#dossier-decision")
    assert page.locator("#dossier-decision a").get_attribute("href") == f"/lists/{list_id}#decision"
    first_stage = "Xong móng" if "Xong móng" in history else "Đạt 30%"
    for tranche, stage in (("first", first_stage), ("second", "Hoàn thành")):
        due = walk.text(f"#due-{tranche}")
        assert "Có" in walk.text(f"tr:has(#voucher-{tranche})")  # signed for by the receiver
        text = _flat(walk.paper(page.locator(f"#voucher-{tranche} a")).text)
        number = walk.text(".paper-head .unit", walk.tab).split("Số: ")[-1]
        amount = walk.text("#amount", walk.tab)
        assert amount == due
        assert "PHIẾU CHI" in text and f"Số: {number}" in text and amount in text
        assert head in text and "NGƯỜI NHẬN TIỀN" in text and "THỦ QUỸ" in text
        vouchers[number] = amount
        minutes = page.locator("main p", has_text="Biên bản xác nhận hoàn thành theo giai đoạn")
        text = _flat(walk.paper(minutes.get_by_role("link", name=stage, exact=True)).text)
        assert "BIÊN BẢN XÁC NHẬN HOÀN THÀNH THEO GIAI ĐOẠN" in text
        assert re.search(r"Số: \d+/BB-NT", text) and f"số tiền {due}" in text
        assert f"ông/bà {head}" in text and COMMITTEE in text
    text = _flat(walk.paper(walk.link("Biên bản bàn giao")).text)
    assert "BIÊN BẢN BÀN GIAO NHÀ Ở" in text and head in text and "CHỦ HỘ" in text
    dossier = page.locator("#dossier + ul li")
    lines = [_flat(dossier.nth(i).inner_text()) for i in range(dossier.count())]
    assert len(lines) == 9
    assert all(line.startswith("✓") or "lý do" in line for line in lines), lines
