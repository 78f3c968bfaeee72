"""Who acts: the roles, the actor of a request, and how a handler receives it.

`accounts` turns a session cookie or an API token into an `Actor` (its authentication
middleware stores it under `ACTOR_KEY`); every area receives it as `actor: CurrentActor` and
passes it to its services. What an actor may do is decided in `core.permissions`, what it
may read in `core.scope`.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from enum import StrEnum

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.di import NamedDependency


class Role(StrEnum):
    ADMIN = "admin"
    PROVINCE = "province"
    COMMUNE = "commune"
    SPONSOR = "sponsor"
    FRONT = "front"  # the Fatherland Front: keeps the ledger of a commune or of the province
    # National readers: a ministry's disaster office and the central Front read every province
    # and write nothing.
    MINISTRY = "ministry"
    CENTRAL_FRONT = "central_front"


@dataclass(frozen=True)
class Actor:
    """Who acts: built by `accounts` from a session or a token, or SYSTEM for the CLI."""

    role: Role | None  # None: not logged in (sees only public rows)
    user_id: int | None = None
    username: str = ""
    commune_id: int | None = None
    sponsor_id: int | None = None
    province_id: int | None = None  # the province of a province officer or a province's Front
    ip: str | None = None


SYSTEM = Actor(role=Role.ADMIN, username="system")
ANONYMOUS = Actor(role=None)

# The actor of the current request, for templates (menus); services take it as an argument.
current_actor: ContextVar[Actor] = ContextVar("current_actor", default=ANONYMOUS)

# Where the authentication middleware leaves the request's actor in the ASGI scope.
ACTOR_KEY = "relief_actor"

# How a handler asks for the actor: `actor: CurrentActor` (the dependency named "actor").
CurrentActor = NamedDependency[Actor]


def actor_of_connection(connection: ASGIConnection) -> Actor:
    """The actor the authentication middleware found for this request (anonymous if none)."""
    return connection.scope.get(ACTOR_KEY, ANONYMOUS)  # type: ignore[return-value]


async def provide_actor(request: Request) -> Actor:
    """The `actor` dependency of every handler."""
    return actor_of_connection(request)
