"""Logging in and out: sessions, fixation, CSRF, throttling, disabled users, idle expiry."""

from datetime import timedelta

import httpx
from argon2 import PasswordHasher

from relief.accounts import passwords, sessions
from relief.accounts.models import LoginAttempt, Session, User
from relief.core.models import AuditEntry
from tests.factories import PASSWORD, csrf_token, make_user, post_form


async def _login(client, username, password=PASSWORD, **extra):
    return await post_form(client, "/login", {"username": username, "password": password, **extra})


def _from(client: httpx.AsyncClient, address: str) -> httpx.AsyncClient:
    """Another browser on the same app, at another client address."""
    transport = httpx.ASGITransport(app=client._transport.app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url=client.base_url, headers=client.headers)


async def test_a_stranger_failing_fifty_times_does_not_lock_the_officer_out_elsewhere(client):
    """Fifty failed logins from one address (30 would reach the per-username limit) leave the
    right password from another address working, the attacker's address refused, and the
    audit trail with a bounded number of entries for that address."""
    await make_user("commune", username="canbo")
    async with _from(client, "203.0.113.66") as attacker, _from(client, "198.51.100.7") as owner:
        answers = [
            (await _login(attacker, "canbo", "doan-thu-mat-khau")).status_code for _ in range(50)
        ]
        assert answers == [422] * 5 + [429] * 45
        # Only the five real failures count: refused tries neither add nor restart a window.
        assert await LoginAttempt.filter(username_key="canbo").count() == 5

        welcome = await _login(owner, "canbo")
        assert (welcome.status_code, welcome.headers["location"]) == (303, "/reports")
        assert (await owner.get("/account")).status_code == 200  # the session works

        assert (await _login(attacker, "canbo")).status_code == 429  # still waiting
    entries = await AuditEntry.filter(ip="203.0.113.66").values_list("action", flat=True)
    assert sorted(entries) == ["login_failed"] * 5 + ["login_throttled"]


async def test_login_opens_a_session_and_lands_on_the_role_page(client):
    await make_user("commune", username="canbo")
    response = await _login(client, "canbo")
    assert response.status_code == 303 and response.headers["location"] == "/reports"
    cookie = response.headers["set-cookie"]
    assert "relief_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie
    me = await client.get("/account")
    assert me.status_code == 200 and "canbo" in me.text
    assert await AuditEntry.filter(action="login", username="canbo").exists()


async def test_session_cookie_is_secure_when_served_over_https(client, settings):
    client._transport.app.state.settings = settings.__class__(
        **{**settings.__dict__, "https": True}
    )
    await make_user("admin", username="boss")
    response = await _login(client, "boss")
    assert "Secure" in response.headers["set-cookie"]


async def test_login_gives_a_new_session_id_so_a_planted_one_is_useless(client):
    """Session fixation: an id known before login never becomes an authenticated session."""
    victim = await make_user("province", username="victim")
    planted = await sessions.start(victim, None, "", None)  # an id the attacker knows
    await sessions.end(planted)
    client.cookies.set("relief_session", planted)
    response = await _login(client, "victim")
    new_id = response.cookies.get("relief_session")
    assert new_id and new_id != planted
    assert await sessions.resolve(planted, 60) is None
    assert (await sessions.resolve(new_id, 60)).id == victim.id
    # A second login from the same browser replaces the session rather than adding one.
    client.cookies.set("relief_session", new_id)
    again = await _login(client, "victim")
    assert again.cookies.get("relief_session") != new_id
    assert await Session.filter(user=victim).count() == 1


async def test_wrong_password_is_refused_with_a_message_and_audited(client):
    await make_user("admin", username="boss")
    response = await _login(client, "boss", "wrong-password")
    assert response.status_code == 422
    assert "Sai tên đăng nhập hoặc mật khẩu." in response.text
    assert "relief_session" not in response.cookies
    entry = await AuditEntry.get(action="login_failed")
    assert entry.username == "boss" and entry.ip


async def test_five_failures_lock_the_username_for_a_while(client):
    await make_user("admin", username="boss")
    for _ in range(5):
        assert (await _login(client, "boss", "nope-nope-nope")).status_code == 422
    locked = await _login(client, "boss")  # even the right password is refused now
    assert locked.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in locked.text
    assert await AuditEntry.filter(action="login_failed").count() == 5
    assert await AuditEntry.filter(action="login_throttled").count() == 1
    # After the window the attempts no longer count.
    old = sessions.now() - timedelta(minutes=16)
    await LoginAttempt.all().update(at=old)
    assert (await _login(client, "boss")).status_code == 303


async def test_disabled_user_cannot_log_in_and_loses_open_sessions(client):
    user = await make_user("commune", username="gone")
    token = await sessions.start(user, None, "", None)
    user.is_active = False
    await user.save()
    assert await sessions.resolve(token, 60) is None
    response = await _login(client, "gone")
    assert response.status_code == 422 and "Tài khoản này đã bị khóa" in response.text


async def test_idle_session_expires(client):
    user = await make_user("province", username="idle")
    token = await sessions.start(user, None, "", None)
    await Session.all().update(last_seen_at=sessions.now() - timedelta(minutes=121))
    client.cookies.set("relief_session", token)
    response = await client.get("/account")
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
    # Ended for good: its row only names its user for a form posted with it later.
    again = await client.get("/account")
    assert again.status_code == 303 and again.headers["location"].startswith("/login")
    assert await Session.filter(user=user).count() == 1
    await Session.all().update(last_seen_at=sessions.now() - timedelta(days=31))
    assert (await client.get("/account")).status_code == 303
    assert not await Session.exists()


async def test_a_form_post_without_the_csrf_token_is_refused_and_writes_nothing(client):
    await make_user("admin", username="boss")
    await csrf_token(client)
    response = await client.post("/login", data={"username": "boss", "password": PASSWORD})
    assert response.status_code == 403
    assert not await Session.exists()
    assert not await AuditEntry.filter(action="login").exists()
    forged = await client.post(
        "/login", data={"username": "boss", "password": PASSWORD, "_csrf_token": "forged" * 10}
    )
    assert forged.status_code == 403 and not await Session.exists()


async def test_logout_ends_the_session(client):
    await make_user("province", username="tinh")
    await _login(client, "tinh")
    token = client.cookies["relief_session"]
    response = await post_form(client, "/logout")
    assert response.status_code == 303
    assert await sessions.resolve(token, 60) is None
    assert await AuditEntry.filter(action="logout", username="tinh").exists()
    assert (await client.get("/account")).status_code == 303


async def test_change_password_checks_the_current_one_and_ends_other_sessions(client):
    user = await make_user("commune", username="canbo")
    other = await sessions.start(user, None, "", None)
    await _login(client, "canbo")
    bad = await post_form(
        client, "/account/password", {"current": "wrong", "new": "short", "confirm": "short"}
    )
    assert bad.status_code == 422
    assert "Đây không phải mật khẩu hiện tại của bạn." in bad.text
    assert "Mật khẩu phải có ít nhất 10 ký tự." in bad.text
    ok = await post_form(
        client,
        "/account/password",
        {"current": PASSWORD, "new": "a-new-long-password", "confirm": "a-new-long-password"},
    )
    assert ok.status_code == 303
    assert await sessions.resolve(other, 60) is None
    assert (await client.get("/account")).status_code == 200  # this browser stays logged in
    assert (await User.get(id=user.id)).password_hash != user.password_hash


async def test_next_parameter_returns_to_the_page_but_never_elsewhere(client):
    await make_user("admin", username="boss")
    response = await _login(client, "boss", next="/audit")
    assert response.headers["location"] == "/audit"
    client.cookies.clear()
    response = await _login(client, "boss", next="//evil.example/")
    assert response.headers["location"] == "/"


async def test_a_login_writes_only_its_own_columns_and_leaves_the_version(client):
    """Not an edit of the user: the last login and a rehashed password are written beside the
    version, so an administrator's form opened before the login still saves."""
    user = await make_user("commune", username="canbo")
    older = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
    await User.filter(id=user.id).update(password_hash=older, full_name="Lò Văn Minh")
    response = await _login(client, "canbo")
    assert response.status_code == 303
    after = await User.get(id=user.id)
    rehashed = after.password_hash != older and not passwords.needs_rehash(after.password_hash)
    assert (after.version, after.full_name, rehashed, after.last_login_at is not None) == (
        1,
        "Lò Văn Minh",
        True,
        True,
    )
