"""A form posted after the session ended is kept for its user and comes back after login."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from relief.accounts.models import KeptForm, Session
from relief.accounts.rescue import OWNER_COOKIE
from relief.accounts.sessions import SESSION_COOKIE
from relief.core.formatting import local_today
from relief.houses.models import HouseCase, Stage
from tests.factories import PASSWORD, csrf_token, login_as, make_user, post_form
from tests.houses.factories import case_at


async def _expire_sessions(client) -> None:
    """The form's page was loaded (its CSRF cookie set), then the session went idle."""
    await csrf_token(client)
    await Session.all().update(last_seen_at=datetime.now(UTC) - timedelta(days=2))


async def _post_expired(client, case, on: str):
    return await post_form(
        client,
        f"/houses/{case.id}/stage",
        {"to": "started", "on": on, "version": str(case.version)},
        headers={"referer": f"http://testserver/houses/{case.id}"},
    )


async def test_an_expired_sessions_form_comes_back_filled_after_login(client):
    case = await case_at(Stage.APPROVED)
    officer = await make_user("commune")
    await login_as(client, officer)
    await _expire_sessions(client)
    future = (local_today() + timedelta(days=5)).isoformat()
    refused = await _post_expired(client, case, future)
    assert refused.status_code == 303
    assert refused.headers["location"] == f"/login?next=/houses/{case.id}"
    assert future not in refused.headers["location"]  # what was typed is not in the URL
    kept = await KeptForm.get(user_id=officer.id)
    assert future.encode() in bytes(kept.body)

    await login_as(client, officer)
    back = await client.get(f"/houses/{case.id}")
    assert back.status_code == 422  # the form again, with its error beside the date
    assert f'value="{future}"' in back.text
    assert 'id="e-on-started"' in back.text
    assert not await KeptForm.exists(user_id=officer.id)  # one time only
    assert (await client.get(f"/houses/{case.id}")).status_code == 200


async def test_a_valid_kept_form_is_saved_after_login_and_only_for_its_user(client):
    case = await case_at(Stage.APPROVED)
    officer = await make_user("commune")
    colleague = await make_user("commune")
    await login_as(client, officer)
    await _expire_sessions(client)
    await _post_expired(client, case, local_today().isoformat())
    assert await KeptForm.exists(user_id=officer.id)

    await login_as(client, colleague)  # another officer on the same phone gets nothing
    assert (await client.get(f"/houses/{case.id}")).status_code == 200
    assert (await HouseCase.get(id=case.id)).stage is Stage.APPROVED

    await login_as(client, officer)
    saved = await client.get(f"/houses/{case.id}")
    assert saved.status_code == 303 and saved.headers["location"] == f"/houses/{case.id}#stage"
    assert (await HouseCase.get(id=case.id)).stage is Stage.STARTED


async def test_a_form_is_kept_even_after_another_request_met_the_ended_session(client):
    # Another tab, or the page's own background requests, reached the server first.
    case = await case_at(Stage.APPROVED)
    officer = await make_user("commune")
    await login_as(client, officer)
    await _expire_sessions(client)
    assert (await client.get("/households")).headers["location"].startswith("/login")
    refused = await _post_expired(client, case, local_today().isoformat())
    assert refused.headers["location"] == f"/login?next=/houses/{case.id}"
    assert await KeptForm.exists(user_id=officer.id)


async def test_a_form_posted_without_any_session_goes_back_to_its_page_after_login(client):
    case = await case_at(Stage.APPROVED)
    await csrf_token(client)
    refused = await _post_expired(client, case, local_today().isoformat())
    # Nothing to keep it for, but the login leads back to the page, not to the form's action.
    assert refused.headers["location"] == f"/login?next=/houses/{case.id}"


async def _log_in_by_the_form(client, user) -> None:
    answer = await post_form(client, "/login", {"username": user.username, "password": PASSWORD})
    assert answer.status_code == 303


async def test_a_form_posted_after_the_session_cookie_was_lost_is_kept_for_the_phones_officer(
    client,
):
    """The phone's browser dropped its session cookie (closed and opened again): the signed
    "whose phone" cookie the login left still says whose the form is."""
    case = await case_at(Stage.APPROVED)
    officer = await make_user("commune")
    await _log_in_by_the_form(client, officer)
    assert OWNER_COOKIE in client.cookies
    client.cookies.delete(SESSION_COOKIE)
    refused = await _post_expired(client, case, local_today().isoformat())
    assert refused.headers["location"] == f"/login?next=/houses/{case.id}"
    assert (await KeptForm.get()).user_id == officer.id

    await _log_in_by_the_form(client, officer)  # a new login: a new session, a new CSRF token
    client.cookies.set("relief_csrf", "")  # the token the form was sent with is gone too
    client.cookies.delete("relief_csrf")
    await csrf_token(client)
    saved = await client.get(f"/houses/{case.id}")
    assert saved.status_code == 303 and saved.headers["location"] == f"/houses/{case.id}#stage"
    assert (await HouseCase.get(id=case.id)).stage is Stage.STARTED
    assert not await KeptForm.exists()


async def test_a_forged_whose_phone_cookie_keeps_nothing(client):
    case = await case_at(Stage.APPROVED)
    officer = await make_user("commune")
    client.cookies.set(OWNER_COOKIE, f"{officer.id}.{'0' * 64}")
    await _post_expired(client, case, local_today().isoformat())
    assert not await KeptForm.exists()


async def test_a_form_without_the_browsers_own_csrf_token_is_never_kept(client):
    """A post from another site (or a stale page) is not kept to be replayed later."""
    case = await case_at(Stage.APPROVED)
    officer = await make_user("commune")
    await login_as(client, officer)
    await _expire_sessions(client)
    refused = await client.post(
        f"/houses/{case.id}/stage",
        data={"to": "started", "on": local_today().isoformat(), "_csrf_token": "forged"},
    )
    assert refused.status_code == 403  # refused as such, never kept to be replayed
    assert not await KeptForm.exists()
