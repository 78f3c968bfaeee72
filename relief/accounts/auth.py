"""Who is making a request: sessions for pages, bearer tokens for the API, and guards.

The middleware turns a session cookie (pages) or an `Authorization: Bearer` token (API) into
an `Actor`; handlers receive it as `actor: CurrentActor` and pass it to the services, where
the scope is applied.
"""

from __future__ import annotations

from datetime import UTC, datetime

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.di import NamedDependency
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.types import ASGIApp, Receive, Scope, Send

from relief.accounts import sessions
from relief.accounts.models import ApiToken, User
from relief.accounts.passwords import token_hash
from relief.core.scope import ANONYMOUS, Actor, Role, current_actor

ACTOR_KEY = "relief_actor"

# How a handler asks for the actor: `actor: CurrentActor` (the dependency named "actor").
CurrentActor = NamedDependency[Actor]


def actor_of(user: User, ip: str | None) -> Actor:
    return Actor(
        role=user.role,
        user_id=user.id,
        username=user.username,
        commune_id=user.commune_id,
        sponsor_id=user.sponsor_id,
        ip=ip,
    )


def client_ip(scope: Scope) -> str | None:
    client = scope.get("client")
    return client[0] if client else None


async def _from_token(header: str, ip: str | None) -> Actor:
    token = header[7:].strip() if header.lower().startswith("bearer ") else ""
    if not token:
        return ANONYMOUS
    found = await ApiToken.get_or_none(
        token_hash=token_hash(token), revoked_at=None
    ).select_related("user")
    if found is None or not found.user.is_active:
        return ANONYMOUS
    now = datetime.now(UTC)
    if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
        await ApiToken.filter(id=found.id).update(last_used_at=now)
    return actor_of(found.user, ip)


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


async def provide_actor(request: Request) -> Actor:
    """The actor the authentication middleware found for this request (anonymous if none)."""
    return request.scope.get(ACTOR_KEY, ANONYMOUS)  # type: ignore[return-value]


def _actor(connection: ASGIConnection) -> Actor:
    return connection.scope.get(ACTOR_KEY, ANONYMOUS)  # type: ignore[return-value]


# The role groups the routes are guarded by, named once.
# Everyone but sponsors: the Front reads what officers read (never contacts) and writes none.
STAFF_ROLES = (Role.ADMIN, Role.PROVINCE, Role.COMMUNE, Role.FRONT)
WRITER_ROLES = (Role.ADMIN, Role.COMMUNE)  # who write a commune's records
MANAGER_ROLES = (Role.ADMIN, Role.PROVINCE)  # province-wide registers: disasters, sponsors


def login_required(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    """Guard: anonymous requests get 401 (pages turn it into a redirect to the login)."""
    if _actor(connection).role is None:
        raise NotAuthorizedException()


def roles(*allowed: Role):
    """Guard factory: only these roles may use the route (others get 403)."""

    def guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
        actor = _actor(connection)
        if actor.role is None:
            raise NotAuthorizedException()
        if actor.role not in allowed:
            raise PermissionDeniedException()

    guard.__name__ = "roles_" + "_".join(r.value for r in allowed)
    return guard
