"""Forms that help on a phone: errors beside their fields, nothing typed lost, many at once."""

from __future__ import annotations

import asyncio
import hashlib
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from relief.core.formatting import local_today
from relief.core.i18n import translations
from relief.db import close_db, init_db
from relief.settings import default_database_url
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def vi(message: str) -> str:
    return translations("vi").gettext(message)


def _officer(browser, state: dict):
    context = browser.new_context(
        viewport=PHONE, locale="vi-VN", is_mobile=True, storage_state=state
    )
    return context, context.new_page()


@pytest.fixture(scope="module")
def officer(browser, logged_in):
    """Thần Sa's officer on a phone, logged in already (the session this process shares), one
    page for the module's tests: each starts by going to its page. (A new context per test
    cost a second of CPU: a new renderer, and the officer's first page keeping the commune's
    households and damage forms for offline use.)"""
    context, page = _officer(browser, logged_in("thansa"))
    yield page
    context.close()


@pytest.fixture
def officer_own_session(live_server, browser):
    """Thần Sa's officer on a phone, in a session of its own (this test ends it)."""
    context, page = _officer(
        browser, log_in(live_server.url, "thansa", live_server.logins["thansa"])
    )
    yield page
    context.close()


def _post_move(page, to: str, on: str, reason: str | None = None) -> None:
    form = page.locator("form.move", has=page.locator(f"input[name=to][value={to}]"))
    form.locator("input[name=on]").fill(on)
    if reason is not None:
        form.locator("textarea[name=reason]").fill(reason)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_the_stage_form_shows_each_error_beside_its_field_and_keeps_the_date(live_server, officer):
    page = officer
    page.goto(live_server.url + "/houses?stage=started")
    page.locator("table tbody th a").first.click()
    page.wait_for_load_state()
    house_url = page.url
    forward = page.locator("form.move input[name=to]").first.get_attribute("value")
    too_early = "2020-01-02"
    future = (local_today() + timedelta(days=3)).isoformat()
    cases = [
        (
            forward,
            too_early,
            None,
            "on",
            too_early,
            "A stage date cannot be earlier than the date of the current stage.",
        ),
        (forward, future, None, "on", future, "A stage date cannot be in the future."),
        ("paused", local_today().isoformat(), "", "reason", None, "Give the reason for this move."),
    ]
    for n, (to, on, reason, field, kept, message) in enumerate(cases):
        if n:  # the house page again, without the last case's errors
            page.goto(house_url)
        _post_move(page, to, on, reason)
        beside = page.locator(f"#e-{field}-{to}")
        assert beside.inner_text() == vi(message)
        control = page.locator(f"#f-{field}-{to}")
        assert control.get_attribute("aria-invalid") == "true"
        assert page.evaluate("document.activeElement.id") == f"f-{field}-{to}"
        # The summary names the field (its label, without the required mark) and links to it.
        label = page.locator(f"label[for='f-{field}-{to}']").inner_text().rstrip(" *")
        line = page.locator(f".error-summary a[href='#f-{field}-{to}']").inner_text()
        assert line == f"{label}: {vi(message)}"
        assert page.locator(f"#f-on-{to}").input_value() == on  # the typed date is kept
        if kept:
            assert control.input_value() == kept
    assert page.locator("#current-stage").inner_text() == "Khởi công"  # nothing was saved


async def _ten_affected_households(var_dir) -> tuple[list[str], list[str]]:
    """Ten affected households of Thần Sa, spread over three hamlets (four, three, three)."""
    from relief.core.actor import SYSTEM
    from relief.households import damage
    from relief.households.models import Disaster
    from relief.places.models import Hamlet
    from tests.factories import make_household
    from tests.households.factories import assessment_in, damage_data

    await init_db(default_database_url(var_dir))
    try:
        hamlets = await Hamlet.filter(commune__code="05725").order_by("-id").limit(3)
        disaster = await Disaster.all().order_by("id").first()
        names = [f"Triệu Văn Mười {i}" for i in range(10)]
        for i, name in enumerate(names):
            hamlet = hamlets[min(i // 3, 2)] if i < 9 else hamlets[0]
            h = await make_household(head_name=name, hamlet_name=hamlet.name)
            await damage.create_assessment(SYSTEM, assessment_in(h.id, damage_data(disaster)))
        return [h.name for h in hamlets], names
    finally:
        await close_db()


def test_ten_households_of_three_hamlets_are_added_to_a_visit_in_one_save(live_server, officer):
    with ThreadPoolExecutor(1) as pool:  # the browser's event loop owns this thread
        hamlets, names = pool.submit(
            asyncio.run, _ten_affected_households(live_server.var_dir)
        ).result()
    page = officer
    page.goto(live_server.url + "/visits/new")
    page.fill("#f-delegation", "Đoàn Mặt trận Tổ quốc xã")
    page.fill("#f-visited_on", local_today().isoformat())
    page.locator("main form button[type=submit]").click()  # "Lưu và thêm hộ"
    page.wait_for_load_state()
    visit_url = page.url.removesuffix("/batch")
    assert page.url.endswith("/batch")
    # Hamlet by hamlet: what is ticked stays chosen while the next hamlet is searched.
    for hamlet in hamlets:
        page.select_option("#f-hamlet", label=hamlet)
        page.fill("#f-q", "trieu van muoi")  # typed without accents
        page.get_by_role("button", name="Tìm", exact=True).click()
        page.wait_for_load_state()
        found = page.locator("ul.batch-rows:not(.chosen) input[name=household_ids]")
        for i in range(found.count()):
            found.nth(i).check()
    assert page.locator("ul.chosen input[name=household_ids]:checked").count() == 7
    page.fill("#f-cash", "1.000.000")
    page.fill("#f-goods", "Gạo 10 kg")
    first = page.locator("ul.batch-rows input[name=household_ids]").first.get_attribute("value")
    page.locator("ul.batch-rows summary").first.click()
    page.fill(f"#f-h{first}-cash", "2.000.000")  # one family got more
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Thêm các hộ đã chọn").click()
    assert answer.value.status == 303  # one save
    page.wait_for_load_state()
    assert page.url.startswith(visit_url)
    visited = page.locator("#households tbody th").all_inner_texts()
    assert sorted(visited) == sorted(names)
    assert "11.000.000" in page.locator("#households tfoot").inner_text()


async def _end_session(var_dir, cookie: str) -> None:
    """The officer's session goes idle for two days (as a phone left in a pocket)."""
    from datetime import UTC, datetime

    from relief.accounts.models import Session

    await init_db(default_database_url(var_dir))
    try:
        long_ago = datetime.now(UTC) - timedelta(days=2)
        # This phone's session only (the table holds the hash of the cookie's value).
        session_id = hashlib.sha256(cookie.encode()).hexdigest()
        assert await Session.filter(id=session_id).update(last_seen_at=long_ago) == 1
    finally:
        await close_db()


def test_a_form_sent_after_the_session_ended_comes_back_filled_after_login(
    live_server, officer_own_session
):
    page = officer_own_session
    page.goto(live_server.url + "/houses?stage=started")
    page.locator("table tbody th a").first.click()
    page.wait_for_load_state()
    house_url = page.url
    pause = page.locator("form.move", has=page.locator("input[name=to][value=paused]"))
    pause.locator("input[name=on]").fill("2020-01-02")  # before the current stage: refused
    pause.locator("textarea[name=reason]").fill("Chờ xi măng về bản sau lũ")
    with ThreadPoolExecutor(1) as pool:
        cookie = next(c for c in page.context.cookies() if c["name"] == "relief_session")
        pool.submit(asyncio.run, _end_session(live_server.var_dir, cookie["value"])).result()
    pause.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "/login" in page.url and "Chờ" not in page.url  # nothing typed in the URL
    page.fill("input[name=username]", "thansa")
    page.fill("input[name=password]", live_server.logins["thansa"])
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url == house_url
    assert page.locator("#f-reason-paused").input_value() == "Chờ xi măng về bản sau lũ"
    assert page.locator("#f-on-paused").input_value() == "2020-01-02"
    assert page.locator("#e-on-paused").inner_text() == vi(
        "A stage date cannot be earlier than the date of the current stage."
    )


def test_the_language_switch_keeps_the_page_and_its_search(live_server, officer):
    page = officer
    searched = live_server.url + "/households?q=hoang+van&sort=-name"
    page.goto(searched)
    page.get_by_role("link", name="English", exact=True).click()
    page.wait_for_load_state()
    assert page.url == searched
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#f-q").input_value() == "hoang van"
    page.get_by_role("link", name="Tiếng Việt", exact=True).click()
    page.wait_for_load_state()
    assert page.url == searched and page.locator("html").get_attribute("lang") == "vi"
