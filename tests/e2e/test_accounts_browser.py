"""Logging in as each demo user in real Chromium: each lands on its own part."""

import pytest

pytestmark = pytest.mark.browser


def _login(page, live_server, username, password=None):
    page.goto(live_server.url + "/login")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password or live_server.logins[username])
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()  # the landing page loaded before its rows are counted


def test_wrong_password_shows_a_message_in_vietnamese(live_server, page):
    _login(page, live_server, "tinh", "not-the-password")
    assert page.get_by_role("alert").inner_text() == "Sai tên đăng nhập hoặc mật khẩu."
    assert page.url.endswith("/login")


def test_province_officer_lands_on_the_dashboard(live_server, page):
    _login(page, live_server, "tinh")
    assert page.url.endswith("/reports")
    assert page.locator("main h1:visible").inner_text() == "Bảng tổng hợp toàn tỉnh"
    assert page.locator("table.summary tbody tr").count() == 13
    assert page.get_by_role("link", name="Người dùng").count() == 0


def test_commune_officer_lands_in_their_commune_and_cannot_open_another(live_server, page):
    _login(page, live_server, "thansa")
    assert page.url.endswith("/reports/communes/05725")
    assert page.locator("main h1:visible").inner_text() == "Tổng hợp xã Thần Sa"
    response = page.goto(live_server.url + "/reports/communes/05716")
    assert response.status == 404


def test_sponsor_lands_on_its_portal_and_sees_no_staff_menu(live_server, page):
    _login(page, live_server, "baoxaydung")
    assert "/portal" in page.url
    assert page.get_by_role("link", name="Hộ gia đình").count() == 0
    assert page.goto(live_server.url + "/households").status == 403


def test_admin_sees_the_users_and_the_audit_of_the_logins(live_server, page):
    _login(page, live_server, "admin")
    page.get_by_role("link", name="Người dùng").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="thansa", exact=True).count() == 1
    page.goto(live_server.url + "/audit?action=login")
    rows = page.locator("tbody tr").all_inner_texts()
    assert any("admin" in row for row in rows)
    with page.expect_navigation():  # logging out first clears what a phone kept offline
        page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Đăng nhập").count() == 1
