"""API tokens: created (shown once), listed, revoked; only hashes are stored."""

from __future__ import annotations

from datetime import UTC, datetime

from tortoise.transactions import in_transaction

from relief.accounts.models import ApiToken, User
from relief.accounts.passwords import new_token, token_hash
from relief.core import audit
from relief.core.actor import Actor
from relief.core.errors import NotFound
from relief.core.permissions import can


async def create_token(actor: Actor, username: str, name: str = "") -> tuple[ApiToken, str]:
    """A new token for a user (an admin's for anyone, others' for themselves), shown once."""
    user = await User.get_or_none(username=(username or "").strip().lower())
    if user is None or not can(actor).manage_tokens_of(user.id):
        raise NotFound("No user with this username.")
    plain = new_token()
    async with in_transaction():
        token = await ApiToken.create(
            user=user, name=name.strip()[:100], token_hash=token_hash(plain), prefix=plain[:12]
        )
        await audit.record(
            actor,
            "create",
            "api_token",
            token.id,
            commune_id=user.commune_id,
            after={"user": user.username, "name": token.name, "prefix": token.prefix},
        )
    return token, plain


async def list_tokens(actor: Actor) -> list[ApiToken]:
    return list(await ApiToken.filter(user_id=actor.user_id).order_by("-id"))


async def revoke_token(actor: Actor, token_id: int) -> ApiToken:
    """Revokes one of the actor's own tokens (an admin may revoke anyone's)."""
    qs = ApiToken.filter(id=token_id)
    if not can(actor).manage_users:
        qs = qs.filter(user_id=actor.user_id)
    token = await qs.select_related("user").first()
    if token is None:
        raise NotFound("No such token.")
    if token.revoked_at is None:
        async with in_transaction():
            token.revoked_at = datetime.now(UTC)
            await token.save(update_fields=["revoked_at"])
            await audit.record(
                actor,
                "revoke",
                "api_token",
                token.id,
                commune_id=token.user.commune_id,
                after={"prefix": token.prefix},
            )
    return token


async def revoke_all(user_id: int) -> int:
    """Ends every live token of a user (their password changed or was reset): a token made
    with the old password must not outlive it. Call inside the write's transaction."""
    return await ApiToken.filter(user_id=user_id, revoked_at=None).update(
        revoked_at=datetime.now(UTC)
    )
