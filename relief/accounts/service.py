"""Users: creation, binding to a commune or sponsor, disabling, password resets (admin only)."""

from __future__ import annotations

import re

from tortoise.transactions import in_transaction
from zxcvbn import zxcvbn

from relief.accounts import sessions, tokens
from relief.accounts.models import User
from relief.accounts.passwords import MIN_PASSWORD_LENGTH, hash_password
from relief.core import audit
from relief.core.actor import Actor, Role
from relief.core.errors import Forbidden, Invalid, NotFound
from relief.core.permissions import can
from relief.core.text import fold
from relief.places.models import Commune
from relief.sponsors.models import Sponsor

USER_FIELDS = ["username", "full_name", "role", "commune_id", "sponsor_id", "is_active"]
_USERNAME = re.compile(r"^[a-z0-9._-]{2,150}$")


def _require_admin(actor: Actor) -> None:
    if not can(actor).manage_users:
        raise Forbidden()


TOO_EASY = (
    "This password is too easy to guess: use a few unrelated words, or mix letters, "
    "numbers and signs."
)
MIN_STRENGTH = 3  # zxcvbn's score from 0 to 4: 3 is "safely unguessable" online


def password_error(password: str, *user_inputs: str) -> str | None:
    """Long enough, and not guessable (zxcvbn: repeats, sequences, common words, the
    username): "aaaaaaaaaa" and ten spaces are refused."""
    if len(password or "") < MIN_PASSWORD_LENGTH:
        return "A password has at least 10 characters."
    # zxcvbn's time grows with the length; what follows the first 100 characters adds
    # strength anyway.
    if zxcvbn(password[:100], user_inputs=[u for u in user_inputs if u])["score"] < MIN_STRENGTH:
        return TOO_EASY
    return None


async def _binding(
    role: Role | None, commune_code: str | None, sponsor_name: str | None, errors: dict[str, str]
) -> tuple[Commune | None, Sponsor | None]:
    """The commune a commune officer works for, the sponsor a sponsor user speaks for."""
    commune = sponsor = None
    if role is Role.COMMUNE:
        if not commune_code:
            errors["commune"] = "A commune officer needs a commune."
        else:
            commune = await Commune.get_or_none(code=commune_code.strip())
            if commune is None:
                errors["commune"] = "No commune with this code."
    if role is Role.FRONT and commune_code:  # without a commune: the province's Front
        commune = await Commune.get_or_none(code=commune_code.strip())
        if commune is None:
            errors["commune"] = "No commune with this code."
    if role is Role.SPONSOR:
        if not sponsor_name:
            errors["sponsor"] = "A sponsor user needs a sponsor."
        else:
            sponsor = await Sponsor.get_or_none(name_key=fold(sponsor_name))
            if sponsor is None:
                errors["sponsor"] = "No sponsor with this name."
    return commune, sponsor


def _role(value: str | Role | None, errors: dict[str, str]) -> Role | None:
    try:
        return Role(value or "")
    except ValueError:
        errors["role"] = "Choose a role: admin, province, commune, sponsor or front."
        return None


async def create_user(
    actor: Actor,
    username: str,
    password: str,
    role: str | Role,
    *,
    full_name: str = "",
    commune_code: str | None = None,
    sponsor_name: str | None = None,
) -> User:
    """A new user; a commune officer needs a commune, a sponsor user a sponsor."""
    _require_admin(actor)
    errors: dict[str, str] = {}
    username = (username or "").strip().lower()
    if not _USERNAME.match(username):
        errors["username"] = "A username is 2 or more letters, digits, dots, dashes or underscores."
    elif await User.exists(username=username):
        errors["username"] = "This username is taken."
    if message := password_error(password, username):
        errors["password"] = message
    role_value = _role(role, errors)
    commune, sponsor = await _binding(role_value, commune_code, sponsor_name, errors)
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


async def list_users(actor: Actor) -> list[User]:
    _require_admin(actor)
    return list(await User.all().select_related("commune", "sponsor").order_by("role", "username"))


async def get_user(actor: Actor, user_id: int) -> User:
    _require_admin(actor)
    user = await User.get_or_none(id=user_id).select_related("commune", "sponsor")
    if user is None:
        raise NotFound("No such user.")
    return user


async def update_user(
    actor: Actor,
    user_id: int,
    *,
    full_name: str,
    role: str | Role,
    commune_code: str | None,
    sponsor_name: str | None,
) -> User:
    """Changes a user's name, role and binding; their sessions end when the role changes."""
    user = await get_user(actor, user_id)
    errors: dict[str, str] = {}
    role_value = _role(role, errors)
    commune, sponsor = await _binding(role_value, commune_code, sponsor_name, errors)
    if user.id == actor.user_id and role_value is not Role.ADMIN:
        errors["role"] = "You cannot take away your own administrator role."
    if errors:
        raise Invalid(errors)
    assert role_value is not None  # else errors named the role
    before = audit.snapshot(user, USER_FIELDS)
    async with in_transaction():
        user.full_name = full_name.strip()
        user.role = role_value
        user.commune = commune
        user.sponsor = sponsor
        await user.save()
        old, new = audit.changes(before, audit.snapshot(user, USER_FIELDS))
        if old or new:
            await audit.record(
                actor, "update", "user", user.id, commune_id=user.commune_id, before=old, after=new
            )
        if (
            before["role"] != new.get("role", before["role"])
            or "commune_id" in new
            or "sponsor_id" in new
        ):
            await sessions.end_all(user.id)
    return user


async def set_active(actor: Actor, user_id: int, active: bool) -> User:
    """Disables (logging the user out everywhere) or enables a user."""
    user = await get_user(actor, user_id)
    if user.id == actor.user_id and not active:
        raise Invalid({"is_active": "You cannot disable your own account."})
    async with in_transaction():
        user.is_active = active
        await user.save(update_fields=["is_active"])
        await audit.record(
            actor,
            "enable" if active else "disable",
            "user",
            user.id,
            commune_id=user.commune_id,
            before={"is_active": not active},
            after={"is_active": active},
        )
        if not active:
            await sessions.end_all(user.id)
    return user


async def reset_password(actor: Actor, user_id: int, password: str) -> User:
    """An administrator sets a new password; the user's sessions and API tokens end."""
    user = await get_user(actor, user_id)
    if message := password_error(password, user.username):
        raise Invalid({"password": message})
    async with in_transaction():
        user.password_hash = hash_password(password)
        await user.save(update_fields=["password_hash"])
        await tokens.revoke_all(user.id)
        await audit.record(actor, "reset_password", "user", user.id, commune_id=user.commune_id)
        await sessions.end_all(user.id)
    return user
