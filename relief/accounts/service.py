"""Users: creation, binding to a commune or sponsor, disabling, password resets (admin only)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tortoise.transactions import in_transaction
from zxcvbn import zxcvbn

from relief.accounts import sessions, tokens
from relief.accounts.models import User
from relief.accounts.passwords import MIN_PASSWORD_LENGTH, new_password_hash
from relief.core import audit, versions
from relief.core.actor import Actor, Role
from relief.core.errors import Forbidden, Invalid, NotFound
from relief.core.permissions import can
from relief.core.roles import ROLES, Binding, spec
from relief.core.text import fold
from relief.places.models import Commune, Province
from relief.sponsors.models import Sponsor

USER_FIELDS = [
    "username",
    "full_name",
    "role",
    "province_id",
    "commune_id",
    "sponsor_id",
    "is_active",
]
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


@dataclass(frozen=True)
class Bound:
    """What an account is bound to (core.roles): its province, commune or sponsor."""

    province: Province | None = None
    commune: Commune | None = None
    sponsor: Sponsor | None = None


async def _binding(
    role: Role | None,
    commune_code: str | None,
    sponsor_name: str | None,
    errors: dict[str, str],
    province_code: str | None = None,
) -> Bound:
    """The province, commune or sponsor the role binds the account to (core.roles): a commune
    officer's commune (required), a province officer's province (required), a Front officer's
    commune or, without one, its province (the province's Front: required), a sponsor user's
    sponsor (required); national roles none. A commune's account is of the commune's province.
    A binding the role takes none of is left out."""
    commune: Commune | None = None
    sponsor: Sponsor | None = None
    province: Province | None = None
    if role is None:
        return Bound()
    bound_to = spec(role).bound_to
    if bound_to.takes_commune:
        if commune_code:
            commune = await Commune.get_or_none(code=commune_code.strip()).select_related(
                "province"
            )
            if commune is None:
                errors["commune"] = "No commune with this code."
            else:
                province = commune.province
        elif bound_to is Binding.COMMUNE:
            errors["commune"] = "A commune officer needs a commune."
    if bound_to.takes_province and commune is None and "commune" not in errors:
        if province_code:
            province = await Province.get_or_none(code=province_code.strip())
            if province is None:
                errors["province"] = "No province with this code."
        else:
            errors["province"] = "A province officer or a province's Front needs a province."
    if bound_to.takes_sponsor:
        if sponsor_name:
            sponsor = await Sponsor.get_or_none(name_key=fold(sponsor_name))
            if sponsor is None:
                errors["sponsor"] = "No sponsor with this name."
        else:
            errors["sponsor"] = "A sponsor user needs a sponsor."
    return Bound(province, commune, sponsor)


def _role(value: str | Role | None, errors: dict[str, str]) -> Role | None:
    try:
        role = Role(value or "")
    except ValueError:
        role = None
    if role not in ROLES:
        errors["role"] = "Choose a role from the list."
        return None
    return role


async def create_user(
    actor: Actor,
    username: str,
    password: str,
    role: str | Role,
    *,
    full_name: str = "",
    commune_code: str | None = None,
    sponsor_name: str | None = None,
    province_code: str | None = None,
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
    bound = await _binding(role_value, commune_code, sponsor_name, errors, province_code)
    if errors:
        raise Invalid(errors)
    async with in_transaction():
        user = await User.create(
            username=username,
            password_hash=await new_password_hash(password),
            full_name=full_name.strip(),
            role=role_value,
            province=bound.province,
            commune=bound.commune,
            sponsor=bound.sponsor,
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
    return list(
        await User.all()
        .select_related("province", "commune", "sponsor")
        .order_by("role", "username")
    )


async def get_user(actor: Actor, user_id: int) -> User:
    _require_admin(actor)
    user = await User.get_or_none(id=user_id).select_related("province", "commune", "sponsor")
    if user is None:
        raise NotFound("No such user.")
    return user


def user_form_values(user: User) -> dict[str, str]:
    """A user's edit form filled with what is stored, with the version it was read at."""
    return {
        "full_name": user.full_name,
        "role": user.role.value,
        "province": user.province.code if user.province and not user.commune else "",
        "commune": user.commune.code if user.commune else "",
        "sponsor": user.sponsor.name if user.sponsor else "",
        "version": str(user.version),
    }


async def update_user(
    actor: Actor,
    user_id: int,
    *,
    full_name: str,
    role: str | Role,
    commune_code: str | None,
    sponsor_name: str | None,
    version: int | str | None,
    province_code: str | None = None,
) -> User:
    """Changes a user's name, role and binding over the version read; their sessions end
    when the role or binding changes."""
    user = await get_user(actor, user_id)
    base_version = versions.required(version)
    await versions.check(actor, user, base_version, entity="user", audited=USER_FIELDS)
    errors: dict[str, str] = {}
    role_value = _role(role, errors)
    bound = await _binding(role_value, commune_code, sponsor_name, errors, province_code)
    if user.id == actor.user_id and role_value is not Role.ADMIN:
        errors["role"] = "You cannot take away your own administrator role."
    if errors:
        raise Invalid(errors)
    values = {
        "full_name": full_name.strip(),
        "role": role_value,
        "province_id": bound.province.id if bound.province else None,
        "commune_id": bound.commune.id if bound.commune else None,
        "sponsor_id": bound.sponsor.id if bound.sponsor else None,
    }
    rebound = (user.role, user.province_id, user.commune_id, user.sponsor_id) != (
        role_value,
        values["province_id"],
        values["commune_id"],
        values["sponsor_id"],
    )

    async def end_sessions(saved: User) -> None:
        if rebound:  # a new role or binding means a new login
            await sessions.end_all(saved.id)

    return await versions.save(
        actor, user, base_version, values, entity="user", audited=USER_FIELDS, then=end_sessions
    )


async def set_active(actor: Actor, user_id: int, active: bool, version: int | str | None) -> User:
    """Disables (logging the user out everywhere) or enables a user, over the version read."""
    user = await get_user(actor, user_id)
    base_version = versions.required(version)
    await versions.check(actor, user, base_version, entity="user", audited=USER_FIELDS)
    if user.id == actor.user_id and not active:
        raise Invalid({"is_active": "You cannot disable your own account."})

    async def end_sessions(saved: User) -> None:
        if not active:
            await sessions.end_all(saved.id)

    return await versions.save(
        actor,
        user,
        base_version,
        {"is_active": active},
        entity="user",
        audited=USER_FIELDS,
        action="enable" if active else "disable",
        then=end_sessions,
    )


async def reset_password(
    actor: Actor, user_id: int, password: str, version: int | str | None
) -> User:
    """An administrator sets a new password over the version read; the user's sessions and
    API tokens end."""
    user = await get_user(actor, user_id)
    base_version = versions.required(version)
    await versions.check(actor, user, base_version, entity="user", audited=USER_FIELDS)
    if message := password_error(password, user.username):
        raise Invalid({"password": message})

    async def end_access(saved: User) -> None:
        await tokens.revoke_all(saved.id)
        await sessions.end_all(saved.id)

    return await versions.save(
        actor,
        user,
        base_version,
        {"password_hash": await new_password_hash(password)},
        entity="user",
        audited=USER_FIELDS,
        action="reset_password",
        then=end_access,
    )
