"""Users and API tokens: creation with validation, each write audited in its transaction."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from relief.accounts.models import ApiToken, User
from relief.accounts.passwords import (
    MIN_PASSWORD_LENGTH,
    hash_password,
    new_token,
    token_hash,
)
from relief.core import audit
from relief.core.errors import Forbidden, Invalid, NotFound
from relief.core.scope import Actor, Role
from relief.core.text import fold
from relief.places.models import Commune
from relief.sponsors.models import Sponsor

USER_FIELDS = ["username", "full_name", "role", "commune_id", "sponsor_id", "is_active"]


def _require_admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise Forbidden()


async def create_user(
    actor: Actor,
    username: str,
    password: str,
    role: str,
    *,
    full_name: str = "",
    commune_code: str | None = None,
    sponsor_name: str | None = None,
) -> User:
    """A new user; a commune officer needs a commune, a sponsor user a sponsor."""
    _require_admin(actor)
    errors: dict[str, str] = {}
    username = (username or "").strip().lower()
    if (
        not username
        or len(username) > 150
        or not username.replace(".", "").replace("_", "").replace("-", "").isalnum()
    ):
        errors["username"] = "A username is letters, digits, dots, dashes or underscores."
    elif await User.exists(username=username):
        errors["username"] = "This username is taken."
    if len(password or "") < MIN_PASSWORD_LENGTH:
        errors["password"] = "A password has at least 10 characters."
    try:
        role_value = Role(role)
    except ValueError:
        role_value = None
        errors["role"] = "Choose a role: admin, province, commune or sponsor."
    commune = sponsor = None
    if role_value is Role.COMMUNE:
        if not commune_code:
            errors["commune"] = "A commune officer needs a commune."
        else:
            commune = await Commune.get_or_none(code=commune_code.strip())
            if commune is None:
                errors["commune"] = "No commune with this code."
    if role_value is Role.SPONSOR:
        if not sponsor_name:
            errors["sponsor"] = "A sponsor user needs a sponsor."
        else:
            sponsor = await Sponsor.get_or_none(name_key=fold(sponsor_name))
            if sponsor is None:
                errors["sponsor"] = "No sponsor with this name."
    if errors:
        raise Invalid(errors)
    async with in_transaction():
        user = await User.create(
            username=username,
            password_hash=hash_password(password),
            full_name=full_name.strip(),
            role=role_value,
            commune=commune,
            sponsor=sponsor,
        )
        await audit.record(
            actor,
            "create",
            "user",
            user.id,
            commune_id=user.commune_id,
            after=audit.snapshot(user, USER_FIELDS),
        )
    return user


async def create_token(actor: Actor, username: str, name: str = "") -> tuple[ApiToken, str]:
    """A new API token for a user; the plain token is returned once and never stored."""
    user = await User.get_or_none(username=(username or "").strip().lower())
    if user is None or not (actor.is_admin or actor.user_id == user.id):
        raise NotFound("No user with this username.")
    plain = new_token()
    async with in_transaction():
        token = await ApiToken.create(
            user=user, name=name.strip(), token_hash=token_hash(plain), prefix=plain[:12]
        )
        await audit.record(
            actor,
            "create",
            "api_token",
            token.id,
            after={"user": user.username, "name": token.name},
        )
    return token, plain
