"""A commune officer without a signal, in real Chromium: forms kept in the outbox, sent once.

The server is the real `relief serve` on the demo; the network is cut with Playwright's offline
switch (which the page's navigator.onLine follows) or, for a sync cut halfway, by losing the
server's answer to one request after the server has written it.
"""

from __future__ import annotations

import re
import time
from datetime import datetime

import pytest
from playwright.sync_api import expect

from relief.core.formatting import LOCAL_TZ
from relief.core.text import fold
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser

THAN_SA = "05725"


def _phone(browser, state: dict):
    """A Thần Sa officer's phone, logged in."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="vi-VN",
        is_mobile=True,
        has_touch=True,
        storage_state=state,
    )
    return context, context.new_page()


def _ready(page, live_server) -> None:
    """Online on the offline page, the app ready to work offline: its service worker running
    and the commune's households (and their damage forms) kept; nothing waiting to be sent."""
    page.context.set_offline(False)
    # Straight to the offline page, logged in already, not by the commune summary.
    page.goto(live_server.url + "/offline")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    deadline = time.monotonic() + 30
    while not page.evaluate(f"({_READ})('data', 'list')"):
        assert time.monotonic() < deadline, "the household list was not kept"
        page.wait_for_timeout(200)


@pytest.fixture(scope="module")
def _phones():
    held: list = []  # at most one (context, page)
    yield held
    for context, _page in held:
        context.close()


@pytest.fixture
def officer(_phones, browser, logged_in, live_server):
    """The officer in the session this test process shares, on one phone (browser context)
    for the module's tests, made ready again before each: a new context per test cost about
    a second and a half of CPU (a new renderer; the households and 40 damage forms kept
    again). A phone that a test stopped halfway left with forms unsent is replaced."""
    if _phones:
        page = _phones[0][1]
        _ready(page, live_server)
        if _outbox(page) == 0:
            return page
        _phones.pop()[0].close()
    context, page = _phone(browser, logged_in("thansa"))
    _phones.append((context, page))
    _ready(page, live_server)
    return page


@pytest.fixture
def officer_own_session(browser, live_server):
    """The officer in a session of their own (the test logs out, which ends it)."""
    login = log_in(live_server.url, "thansa", live_server.logins["thansa"])
    context, page = _phone(browser, login)
    _ready(page, live_server)
    yield page
    context.close()


# Read the phone's IndexedDB as the page sees it (without creating it when it is absent).
_READ = """(store, key) => indexedDB.databases().then((dbs) => {
  if (!dbs.some((d) => d.name === "relief-offline")) return store === "outbox" ? 0 : null;
  return new Promise((ok) => {
    const r = indexedDB.open("relief-offline");
    r.onsuccess = () => {
      const db = r.result;
      const s = db.transaction(store).objectStore(store);
      const q = key ? s.get(key) : s.count();
      q.onsuccess = () => { db.close(); ok(key ? q.result !== undefined : q.result); };
    };
  });
})"""


def _outbox(page) -> int:
    return page.evaluate(f"({_READ})('outbox')")


def _wait_outbox(page, n: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while _outbox(page) != n:
        if time.monotonic() > deadline:
            raise AssertionError(f"the outbox did not come to {n} (it has {_outbox(page)})")
        page.wait_for_timeout(200)


def _households(live_server, name: str) -> int:
    return live_server.count("SELECT COUNT(*) FROM household WHERE head_name = ?", name)


def _add_household(page, name: str, birth_year: str = "1990") -> None:
    page.select_option("#f-hamlet_id", index=1)
    page.fill("#f-head_name", name)
    page.select_option("#f-gender", "male")
    page.fill("#f-birth_year", birth_year)
    page.fill("#f-members", "4")
    page.locator("main form button[type=submit]").click()


def _existing(live_server, n: int) -> list[tuple[int, str]]:
    import sqlite3

    db = sqlite3.connect(f"file:{live_server.var_dir / 'relief.sqlite3'}?mode=ro", uri=True)
    try:
        return db.execute(
            "SELECT h.id, h.head_name FROM household h JOIN commune c ON c.id = h.commune_id "
            "WHERE c.code = ? AND h.archived_at IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM damage_assessment d WHERE d.household_id = h.id) ORDER BY h.id",
            (THAN_SA,),
        ).fetchall()[:n]
    finally:
        db.close()


def test_six_forms_made_offline_are_saved_once_after_a_reload(officer, live_server):
    page, base = officer, live_server.url
    visit_id = live_server.count(
        "SELECT v.id FROM aid_visit v JOIN commune c ON c.id = v.commune_id "
        "WHERE c.code = ? ORDER BY v.id LIMIT 1",
        THAN_SA,
    )
    to_assess = _existing(live_server, 3)
    gift_for = to_assess[2]
    gift_page = f"{base}/visits/{visit_id}"
    page.goto(gift_page)  # seen once online, nobody searched: the phone keeps the page
    audit_before = live_server.count("SELECT COALESCE(MAX(id), 0) FROM audit_entry")

    page.context.set_offline(True)
    page.goto(base + "/households/new")
    names = ["Lường Văn Offline Một", "Triệu Thị Offline Hai", "Nông Văn Offline Ba"]
    for n, name in enumerate(names, start=1):
        _add_household(page, name)
        _wait_outbox(page, n)
        # The script draws the note after it has stored the form: wait for it, not read it.
        expect(page.locator("#outbox-note")).to_contain_text("chưa gửi")
    for n, (household_id, _name) in enumerate(to_assess[:2], start=4):
        page.goto(f"{base}/households/{household_id}/damage")
        page.select_option("#f-disaster_id", index=1)
        page.select_option("#f-band", index=1)
        page.fill("#f-assessed_on", "2025-10-09")
        page.locator("main form button[type=submit]").click()
        _wait_outbox(page, n)
    page.goto(gift_page)
    page.fill("#f-q", fold(gift_for[1]))  # found in the list kept on the phone, accents or not
    page.locator("#add form[role=search] button[type=submit]").click()
    page.locator(f"form.pick:has(input[value='{gift_for[0]}']) input[name=cash]").fill("2000000")
    page.locator(f"form.pick:has(input[value='{gift_for[0]}']) button[type=submit]").click()
    _wait_outbox(page, 6)

    page.reload()  # still offline: the page comes from the phone, the outbox from IndexedDB
    assert _outbox(page) == 6
    page.goto(base + "/offline")
    expect(page.locator("#outbox li")).to_have_count(6)  # listed by the page's script
    assert all(_households(live_server, n) == 0 for n in names)

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    _wait_outbox(page, 0)
    assert all(_households(live_server, n) == 1 for n in names)
    for household_id, _name in to_assess[:2]:
        assert (
            live_server.count(
                "SELECT COUNT(*) FROM damage_assessment WHERE household_id = ?", household_id
            )
            == 1
        )
    assert (
        live_server.count(
            "SELECT COUNT(*) FROM aid_given WHERE visit_id = ? AND household_id = ?",
            visit_id,
            gift_for[0],
        )
        == 1
    )
    # Audited as the officer who typed them, one entry each.
    for entity, made in (("household", 3), ("damage_assessment", 2), ("aid_given", 1)):
        audited = live_server.count(
            "SELECT COUNT(*) FROM audit_entry WHERE id > ? AND entity = ? AND action = 'create' "
            "AND username = 'thansa'",
            audit_before,
            entity,
        )
        assert audited == made, (entity, audited)
    page.reload()
    assert page.locator("#outbox li").count() == 0
    assert page.locator("#outbox-empty").is_visible()


def test_a_sync_cut_halfway_makes_nothing_twice_and_loses_nothing(officer, live_server):
    page, base = officer, live_server.url
    names = ["Hoàng Văn Cắt Một", "Hoàng Văn Cắt Hai", "Hoàng Văn Cắt Ba"]
    page.context.set_offline(True)
    page.goto(base + "/households/new")
    for n, name in enumerate(names, start=1):
        _add_household(page, name, "1977")
        _wait_outbox(page, n)

    # The second post reaches the server, which writes it, but its answer is lost on the way
    # back: the phone sees a failed request, exactly as when the signal drops mid-sync.
    page.evaluate(
        """() => {
          const real = window.fetch;
          let posts = 0;
          window.restoreFetch = () => { window.fetch = real; };
          window.fetch = async (url, init) => {
            if (init && init.method === "POST" && ++posts === 2) {
              await real(url, init);
              throw new TypeError("Failed to fetch");
            }
            return real(url, init);
          };
        }"""
    )
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    _wait_outbox(page, 2)
    page.wait_for_timeout(500)
    assert _outbox(page) == 2  # sync stopped at the cut: the rest waits
    assert [_households(live_server, n) for n in names] == [1, 1, 0]
    page.evaluate("window.restoreFetch()")
    page.evaluate("window.dispatchEvent(new Event('online'))")
    _wait_outbox(page, 0)
    assert [_households(live_server, n) for n in names] == [1, 1, 1]


def test_a_likely_duplicate_is_asked_on_sync_and_answered(officer, live_server):
    page, base = officer, live_server.url
    page.context.set_offline(True)
    page.goto(base + "/households/new")
    _add_household(page, "Phan Văn Trùng", "1966")
    _wait_outbox(page, 1)
    _add_household(page, "Phan Văn Trùng", "1966")  # the same person typed twice
    _wait_outbox(page, 2)
    page.context.set_offline(False)
    page.goto(base + "/offline")
    _wait_outbox(page, 1)
    assert _households(live_server, "Phan Văn Trùng") == 1
    item = page.locator("#outbox li")
    expect(item).to_have_count(1)
    # The first form is written; the second's answer (a likely duplicate) may still be on its
    # way while the list already shows one row, so wait for the row to ask for a decision.
    expect(item).to_contain_text("Cần")
    item.get_by_role("button").first.click()  # open it to answer
    page.wait_for_selector("#duplicates")
    page.check("input[name=confirm_duplicate]")
    page.fill("#f-duplicate_reason", "Hai anh em cùng tên, khác thôn")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert _households(live_server, "Phan Văn Trùng") == 2
    page.goto(base + "/offline")
    _wait_outbox(page, 0)
    assert _households(live_server, "Phan Văn Trùng") == 2


def test_a_form_on_the_phones_copy_of_a_page_makes_its_own_record(officer, live_server):
    page, base = officer, live_server.url
    online, offline = "Vi Văn Có Sóng", "Vi Văn Mất Sóng"
    page.goto(base + "/households/new")  # the phone keeps this copy, one-time key and all
    _add_household(page, online, "1981")
    page.wait_for_load_state()
    assert _households(live_server, online) == 1
    page.context.set_offline(True)
    page.goto(base + "/households/new")  # the kept copy: its key was the first form's
    _add_household(page, offline, "1982")
    _wait_outbox(page, 1)
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    _wait_outbox(page, 0)
    assert [_households(live_server, n) for n in (online, offline)] == [1, 1]


def test_logging_out_with_an_unsent_form_asks_and_keeps_it_for_the_same_officer(
    officer_own_session, live_server
):
    page, base = officer_own_session, live_server.url
    page.context.set_offline(True)
    page.goto(base + "/households/new")
    _add_household(page, "Lò Văn Chưa Gửi")
    _wait_outbox(page, 1)
    # Back online, but the server cannot be reached for this form: it is still waiting.
    page.route("**/households/new", lambda route: route.abort())
    page.context.set_offline(False)
    page.locator("header form[action='/logout'] button").click()
    dialog = page.locator("#logout-dialog")
    expect(dialog).to_be_visible()
    assert "Còn 1 biểu mẫu chưa gửi" in dialog.inner_text()
    # The item is named, at the commune's time as the app writes it ("16:49 07/10/2025"),
    # not "Thêm hộ · 04:49:15" in the phone's UTC.
    item = dialog.locator("li").inner_text()
    kept_at = re.fullmatch(r"Thêm hộ: Lò Văn Chưa Gửi · (\d{2}):\d{2} (\d{2}/\d{2}/\d{4})", item)
    assert kept_at, item
    now = datetime.now(LOCAL_TZ)
    assert kept_at.group(2) == now.strftime("%d/%m/%Y") and kept_at.group(1) in {
        f"{now.hour:02d}",
        f"{(now.hour - 1) % 24:02d}",
    }
    dialog.get_by_role("button", name="Gửi ngay rồi đăng xuất").click()
    expect(dialog.get_by_role("status")).to_contain_text("Chưa gửi được 1 biểu mẫu")
    assert _outbox(page) == 1  # nothing was lost, and still logged in
    with page.expect_navigation():
        dialog.get_by_role("button", name="Giữ trên máy rồi đăng xuất").click()
    page.wait_for_load_state()
    assert page.evaluate("document.body.dataset.user") == ""  # logged out
    assert _outbox(page) == 1  # kept on the phone for its officer
    assert page.evaluate(f"({_READ})('data', 'list')") is False  # the list is gone
    assert page.evaluate("caches.keys()") == []
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0
    assert _households(live_server, "Lò Văn Chưa Gửi") == 0

    # The same officer logs in again on this phone: the kept form is sent, once.
    page.unroute("**/households/new")
    page.goto(base + "/login")
    page.fill("#f-username", "thansa")
    page.fill("#f-password", live_server.logins["thansa"])
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    _wait_outbox(page, 0)
    assert _households(live_server, "Lò Văn Chưa Gửi") == 1


def test_logging_out_with_nothing_unsent_clears_the_list_and_the_pages(
    officer_own_session, live_server
):
    page = officer_own_session
    assert page.evaluate("caches.keys().then((k) => k.length)") > 0
    with page.expect_navigation():
        page.locator("header form[action='/logout'] button").click()
    page.wait_for_load_state()
    assert page.evaluate("document.body.dataset.user") == ""
    names = page.evaluate("indexedDB.databases().then((d) => d.map((x) => x.name))")
    assert "relief-offline" not in names
    assert page.evaluate("caches.keys()") == []
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0


def test_after_a_login_the_commune_works_offline_without_opening_pages(browser, live_server):
    """Logged in, nothing else opened: the commune's households are kept (searchable without
    accents) and any household's damage can be recorded without a signal, sent once."""
    base = live_server.url
    household_id, name = _existing(live_server, 40)[-1]  # not one the first test assesses
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="vi-VN", is_mobile=True, has_touch=True
    )
    try:
        page = context.new_page()
        page.goto(base + "/login")
        page.fill("#f-username", "thansa")
        page.fill("#f-password", live_server.logins["thansa"])
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        deadline = time.monotonic() + 30
        while not (
            page.evaluate(f"({_READ})('data', 'list')")
            and page.evaluate("!!navigator.serviceWorker.controller")
        ):
            assert time.monotonic() < deadline, "the household list was not kept"
            page.wait_for_timeout(200)

        kept = f"caches.match('/households/{household_id}/damage').then((r) => !!r)"
        assert page.evaluate(kept) is False  # its own form was never fetched
        page.context.set_offline(True)
        page.goto(base + "/offline")
        expect(page.locator("#offline-kept")).to_contain_text("hộ của xã được giữ trên máy")
        page.fill("#offline-q", fold(name))  # typed without accents
        found = page.locator("#offline-results li", has_text=name)
        expect(found).to_have_count(1)
        found.get_by_role("link", name="Ghi thiệt hại").click()
        page.wait_for_load_state()
        # Another household's kept form, made this one's.
        expect(page.locator("h1")).to_contain_text(name)
        page.select_option("#f-disaster_id", index=1)
        page.select_option("#f-band", index=1)
        page.fill("#f-assessed_on", "2025-10-09")
        page.locator("main form button[type=submit]").click()
        _wait_outbox(page, 1)

        page.context.set_offline(False)
        page.evaluate("window.dispatchEvent(new Event('online'))")
        _wait_outbox(page, 0)
        assert (
            live_server.count(
                "SELECT COUNT(*) FROM damage_assessment WHERE household_id = ?", household_id
            )
            == 1
        )
    finally:
        context.close()


_STATUSES = """() => new Promise((ok) => {
  const r = indexedDB.open("relief-offline");
  r.onsuccess = () => {
    const q = r.result.transaction("outbox").objectStore("outbox").getAll();
    q.onsuccess = () => { r.result.close(); ok(q.result.map((i) => i.status)); };
  };
})"""


def test_a_kept_form_survives_a_lost_session_cookie_and_is_sent_once_after_login(
    officer_own_session, live_server
):
    page, base = officer_own_session, live_server.url
    name = "Lò Thị Mất Cookie"
    page.context.set_offline(True)
    page.goto(base + "/households/new")
    _add_household(page, name, "1984")
    _wait_outbox(page, 1)
    page.context.clear_cookies(name="relief_session")  # the browser lost its session
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    deadline = time.monotonic() + 30
    while page.evaluate(_STATUSES) != ["login"]:  # kept, waiting for its officer
        assert time.monotonic() < deadline, page.evaluate(_STATUSES)
        page.wait_for_timeout(200)
    assert _households(live_server, name) == 0
    page.goto(base + "/login")
    page.fill("#f-username", "thansa")
    page.fill("#f-password", live_server.logins["thansa"])
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    _wait_outbox(page, 0)
    page.wait_for_timeout(500)
    assert _households(live_server, name) == 1
