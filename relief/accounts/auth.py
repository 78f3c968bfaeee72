"""Who is making a request: the Actor that every controller passes to the services."""

from __future__ import annotations

from litestar import Request
from litestar.di import NamedDependency

from relief.core.scope import ANONYMOUS, Actor

ACTOR_KEY = "relief_actor"

# How a handler asks for the actor: `actor: CurrentActor` (the dependency named "actor").
CurrentActor = NamedDependency[Actor]


async def provide_actor(request: Request) -> Actor:
    """The actor the authentication middleware found for this request (anonymous if none)."""
    return request.scope.get(ACTOR_KEY, ANONYMOUS)  # type: ignore[return-value]
