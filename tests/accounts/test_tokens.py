"""API tokens: shown once, stored hashed, act with their user's role, revocable."""

from relief.accounts import tokens
from relief.accounts.models import ApiToken
from relief.accounts.passwords import token_hash
from relief.core.models import AuditEntry
from tests.factories import actor_for, login_as, make_user, post_form


async def test_token_is_stored_hashed_and_acts_with_its_users_role(client):
    officer = await make_user("commune", username="canbo", commune_code="05725")
    token, plain = await tokens.create_token(actor_for(officer), "canbo", "script")
    stored = await ApiToken.get(id=token.id)
    assert stored.token_hash == token_hash(plain) and plain not in stored.token_hash
    response = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {plain}"})
    assert response.status_code == 200
    assert response.json()["role"] == "commune" and response.json()["username"] == "canbo"
    assert await AuditEntry.filter(action="create", entity="api_token").exists()


async def test_revoked_token_and_disabled_user_token_are_refused(client):
    user = await make_user("province", username="tinh")
    token, plain = await tokens.create_token(actor_for(user), "tinh")
    headers = {"Authorization": f"Bearer {plain}"}
    assert (await client.get("/api/v1/me", headers=headers)).status_code == 200
    await tokens.revoke_token(actor_for(user), token.id)
    response = await client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401 and response.json()["status_code"] == 401
    assert await AuditEntry.filter(action="revoke", entity="api_token").exists()

    _, second = await tokens.create_token(actor_for(user), "tinh")
    user.is_active = False
    await user.save()
    assert (
        await client.get("/api/v1/me", headers={"Authorization": f"Bearer {second}"})
    ).status_code == 401


async def test_a_token_cannot_open_pages_and_a_session_cannot_use_the_api(client):
    user = await make_user("admin", username="boss")
    _, plain = await tokens.create_token(actor_for(user), "boss")
    page = await client.get("/account", headers={"Authorization": f"Bearer {plain}"})
    assert page.status_code == 303  # pages need a session: to the login
    await login_as(client, user)
    assert (await client.get("/api/v1/me")).status_code == 401


async def test_token_created_on_the_account_page_is_shown_once(client):
    user = await make_user("province", username="tinh")
    await login_as(client, user)
    response = await post_form(client, "/account/tokens", {"name": "báo cáo tuần"})
    assert response.status_code == 201
    token = await ApiToken.get(user=user)
    shown = response.text.split('<code class="token">')[1].split("</code>")[0]
    assert token_hash(shown) == token.token_hash
    page = await client.get("/account")
    assert shown not in page.text and token.prefix in page.text


async def test_users_can_revoke_only_their_own_tokens(client):
    owner = await make_user("province", username="owner")
    token, _ = await tokens.create_token(actor_for(owner), "owner")
    other = await make_user("province", username="other")
    await login_as(client, other)
    response = await post_form(client, f"/account/tokens/{token.id}/revoke")
    assert response.status_code == 404
    assert (await ApiToken.get(id=token.id)).revoked_at is None
