"""Accounts: throttling by username and address, summed-up audit of unknown names, strong
passwords (zxcvbn), and API tokens that end with the password."""

from datetime import timedelta

import pytest

from relief.accounts import login, service, sessions
from relief.accounts.models import LoginAttempt, User
from relief.core.actor import SYSTEM
from relief.core.errors import Invalid
from relief.core.i18n import current_language, gettext
from relief.core.models import AuditEntry
from tests.factories import PASSWORD, bearer, login_as, make_user, post_form


async def _fail(username: str, ip: str, times: int = 1) -> None:
    for _ in range(times):
        with pytest.raises(login.LoginRefused):
            await login.log_in(username, "wrong-guess-123", ip, "", None)


async def test_failures_from_one_address_do_not_lock_the_owner_out_elsewhere(orm):
    await make_user("commune", username="canbo")
    await _fail("canbo", "203.0.113.9", 5)
    with pytest.raises(login.LoginRefused) as refused:
        await login.log_in("canbo", PASSWORD, "203.0.113.9", "", None)
    assert refused.value.throttled  # that address waits
    user, _ = await login.log_in("canbo", PASSWORD, "198.51.100.7", "", None)
    assert user.username == "canbo"  # the owner, elsewhere, logs in


async def test_a_guess_spread_over_many_addresses_meets_the_slower_limit_per_username(orm):
    await make_user("commune", username="canbo")
    for n in range(login.MAX_FAILURES_PER_USERNAME):
        await _fail("canbo", f"203.0.113.{n}")
    with pytest.raises(login.LoginRefused) as refused:  # an address that failed waits
        await login.log_in("canbo", PASSWORD, "203.0.113.0", "", None)
    assert refused.value.throttled
    # The refusal was not a failure: the count stays where the guesses left it.
    assert await LoginAttempt.filter(username_key="canbo").count() == 30


async def test_the_right_password_from_an_address_that_never_failed_passes_the_username_limit(
    orm,
):
    await make_user("commune", username="canbo")
    for n in range(login.MAX_FAILURES_PER_USERNAME + 10):
        await _fail("canbo", f"203.0.113.{n}")
    user, _ = await login.log_in("canbo", PASSWORD, "198.51.100.7", "", None)
    assert user.username == "canbo"
    # The owner's login forgets only the owner's address: the guessing addresses still wait.
    with pytest.raises(login.LoginRefused) as refused:
        await login.log_in("canbo", PASSWORD, "203.0.113.1", "", None)
    assert refused.value.throttled


async def test_refused_tries_are_audited_once_per_username_and_address_with_the_failures(orm):
    await make_user("commune", username="canbo")
    await _fail("canbo", "203.0.113.9", 5 + 40)
    entry = await AuditEntry.get(action="login_throttled")
    assert (entry.username, entry.ip, entry.after) == ("canbo", "203.0.113.9", {"failures_here": 5})
    await _fail("canbo", "203.0.113.10", 6)  # another address: its own entry
    assert await AuditEntry.filter(action="login_throttled").count() == 2


async def test_failed_logins_of_unknown_names_are_one_audit_entry_with_a_count(orm):
    await _fail("khong-co", "203.0.113.1", 3)
    await _fail("khong-co", "203.0.113.2", 2)
    assert not await AuditEntry.filter(action="login_failed").exists()  # no row per try
    await LoginAttempt.all().update(at=sessions.now() - timedelta(minutes=16))
    await _fail("nguoi-khac", "203.0.113.3")  # any later login sums up the closed window
    entry = await AuditEntry.get(action="login_failed")
    assert entry.username == "khong-co" and entry.after["failures"] == 5
    assert entry.after["addresses"] == ["203.0.113.1", "203.0.113.2"]
    assert await LoginAttempt.all().count() == 1  # only the new one, still counting


@pytest.mark.parametrize("password", ["aaaaaaaaaa", " " * 10, "1234567890", "canbo12345"])
async def test_guessable_passwords_are_refused_in_vietnamese(orm, password):
    with pytest.raises(Invalid) as refused:
        await service.create_user(SYSTEM, "canbo", password, "commune", commune_code="05725")
    assert refused.value.field_errors["password"] == service.TOO_EASY
    current_language.set("vi")
    assert gettext(service.TOO_EASY).startswith("Mật khẩu này quá dễ đoán")


async def test_api_tokens_end_when_the_password_is_changed_or_reset(client):
    user = await make_user("commune", username="canbo")
    headers = await bearer(user)
    assert (await client.get("/api/v1/me", headers=headers)).status_code == 200
    await login_as(client, user)
    changed = await post_form(
        client,
        "/account/password",
        {"current": PASSWORD, "new": "mot-mat-khau-moi-dai", "confirm": "mot-mat-khau-moi-dai"},
    )
    assert changed.status_code == 303
    assert (await client.get("/api/v1/me", headers=headers)).status_code == 401

    headers = await bearer(user)
    version = (await User.get(id=user.id)).version  # the password change made a version
    assert version == 2
    await service.reset_password(SYSTEM, user.id, "lai-mot-mat-khau-khac", version)
    assert (await client.get("/api/v1/me", headers=headers)).status_code == 401
