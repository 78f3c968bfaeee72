"""Who is making a request: sessions for pages, bearer tokens for the API.

The middleware turns a session cookie (pages) or an `Authorization: Bearer` token (API) into
an `Actor` and leaves it where `core.actor` reads it; handlers receive it as
`actor: CurrentActor` and pass it to the services, where the scope is applied. Guards and
permissions are in `core.guards` and `core.permissions`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from litestar import Request
from litestar.types import ASGIApp, Receive, Scope, Send

from relief.accounts import sessions
from relief.accounts.models import ApiToken, User
from relief.accounts.passwords import token_hash
from relief.accounts.sessions import SignedIn
from relief.core.actor import ACTOR_KEY, ANONYMOUS, Actor, current_actor


def actor_of(user: User | SignedIn, ip: str | None) -> Actor:
    return Actor(
        role=user.role,
        user_id=user.id,
        username=user.username,
        commune_id=user.commune_id,
        sponsor_id=user.sponsor_id,
        province_id=user.province_id,
        ip=ip,
    )


def client_ip(scope: Scope) -> str | None:
    client = scope.get("client")
    return client[0] if client else None


async def _from_token(header: str, ip: str | None) -> Actor:
    token = header[7:].strip() if header.lower().startswith("bearer ") else ""
    if not token:
        return ANONYMOUS
    hashed = token_hash(token)
    found = await sessions.signed_in("api_token", hashed)
    if found is None or not found[2]:
        return ANONYMOUS
    user, last_used, _active = found
    now = datetime.now(UTC)
    if last_used is None or (now - last_used).total_seconds() > 60:
        await ApiToken.filter(token_hash=hashed).update(last_used_at=now)
    return actor_of(user, ip)


def authentication_middleware(idle_minutes: int):
    """API paths authenticate by bearer token only, pages by session cookie only.

    Keeping the two apart means the API needs no CSRF token (no ambient credential) and a
    page can never be driven by a token.
    """

    def factory(app: ASGIApp) -> ASGIApp:
        async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] == "http":
                request: Request = Request(scope)
                ip = client_ip(scope)
                if scope["path"].startswith("/api/"):
                    actor = await _from_token(request.headers.get("authorization", ""), ip)
                else:
                    user = await sessions.resolve(
                        request.cookies.get(sessions.SESSION_COOKIE), idle_minutes
                    )
                    actor = actor_of(user, ip) if user else ANONYMOUS
                scope[ACTOR_KEY] = actor  # type: ignore[literal-required]
                token = current_actor.set(actor)
                try:
                    await app(scope, receive, send)
                finally:
                    current_actor.reset(token)
                return
            await app(scope, receive, send)

        return middleware

    return factory
