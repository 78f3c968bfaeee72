"""A form posted after the session ended is kept for its user and comes back after login."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from relief.accounts.models import KeptForm, Session
from relief.core.formatting import local_today
from relief.houses.models import HouseCase, Stage
from tests.factories import csrf_token, login_as, make_user, post_form
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
