"""Small factories and HTTP helpers shared by the tests of every area."""

from __future__ import annotations

import itertools
from typing import Any

import httpx

from relief.accounts import sessions
from relief.accounts.models import ApiToken, User
from relief.accounts.passwords import hash_password, new_token, token_hash
from relief.core.actor import Actor, Role
from relief.core.text import fold, normalize_text
from relief.households.models import Gender, Household
from relief.places.models import Commune, Hamlet, Province
from relief.sponsors.models import Sponsor, SponsorKind

PASSWORD = "correct-horse-battery"
_seq = itertools.count(1)


async def make_sponsor(
    name: str = "Báo Xây dựng", kind: SponsorKind = SponsorKind.NEWSPAPER
) -> Sponsor:
    name = normalize_text(name)
    sponsor = await Sponsor.get_or_none(name_key=fold(name))
    return sponsor or await Sponsor.create(name=name, name_key=fold(name), kind=kind)


async def make_user(
    role: Role | str,
    *,
    commune_code: str | None = None,
    sponsor: Sponsor | None = None,
    username: str | None = None,
    password: str = PASSWORD,
    province_code: str | None = None,
) -> User:
    """A user of a role; a commune officer defaults to Thần Sa (05725), a province officer
    (or a province's Front) to Thái Nguyên (19)."""
    role = Role(role)
    commune = None
    if role is Role.COMMUNE:
        commune = await Commune.get(code=commune_code or "05725")
    if role is Role.FRONT and commune_code:  # without a commune: the province's Front
        commune = await Commune.get(code=commune_code)
    if role is Role.SPONSOR and sponsor is None:
        sponsor = await make_sponsor()
    province_id = commune.province_id if commune is not None else None
    if role in (Role.PROVINCE, Role.FRONT) and commune is None:
        province_id = (await Province.get(code=province_code or "19")).id
    return await User.create(
        username=username or f"{role.value}{next(_seq)}",
        password_hash=hash_password(password),
        role=role,
        province_id=province_id,
        commune=commune,
        sponsor=sponsor if role is Role.SPONSOR else None,
    )


def actor_for(user: User) -> Actor:
    return Actor(
        role=user.role,
        user_id=user.id,
        username=user.username,
        commune_id=user.commune_id,
        sponsor_id=user.sponsor_id,
        province_id=user.province_id,
    )


async def make_household(
    commune_code: str = "05725", hamlet_name: str | None = None, **fields: Any
) -> Household:
    commune = await Commune.get(code=commune_code)
    hamlets = Hamlet.filter(commune=commune)
    hamlet = await (hamlets.filter(name=hamlet_name) if hamlet_name else hamlets).first()
    name = normalize_text(fields.pop("head_name", "Hoàng Văn Thắng"))
    values: dict[str, Any] = dict(
        commune=commune,
        hamlet=hamlet,
        head_name=name,
        head_name_key=fold(name),
        gender=Gender.MALE,
        birth_year=1970,
        members=4,
    )
    values.update(fields)
    return await Household.create(**values)


async def login_as(client: httpx.AsyncClient, user: User) -> None:
    """Gives the client a session cookie for the user, as a login would."""
    token = await sessions.start(user, "127.0.0.1", "tests", None)
    client.cookies.set(sessions.SESSION_COOKIE, token)


async def bearer(user: User) -> dict[str, str]:
    """Authorization headers with a fresh API token of the user."""
    plain = new_token()
    await ApiToken.create(user=user, token_hash=token_hash(plain), prefix=plain[:12])
    return {"Authorization": f"Bearer {plain}"}


async def csrf_token(client: httpx.AsyncClient) -> str:
    """The CSRF token a form of the app would carry (the signed cookie set by any GET)."""
    if "relief_csrf" not in client.cookies:
        await client.get("/")
    return client.cookies["relief_csrf"]


async def post_form(
    client: httpx.AsyncClient, url: str, data: dict[str, Any] | None = None, **kwargs: Any
) -> httpx.Response:
    """Posts a form as the browser would, with its CSRF token."""
    payload = {**(data or {}), "_csrf_token": await csrf_token(client)}
    return await client.post(url, data=payload, **kwargs)
