"""Route guards: a route names the permission it needs (see `core.permissions`).

    guards=[requires(Can.write_records)]

Anonymous requests get 401 (pages turn it into a redirect to the login), actors without the
permission 403. Finer decisions (this commune, this record) are the services'.

Guards are coroutines: Litestar runs a plain function guard in a worker thread, a hand-over
each way per guard and request (two guards on most writes) that cost more CPU than the check
(issue 29).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler

from relief.core.actor import actor_of_connection
from relief.core.permissions import Can


async def login_required(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    """Guard: anonymous requests get 401."""
    if actor_of_connection(connection).role is None:
        raise NotAuthorizedException()


def requires(
    *permissions: Callable[[Can], bool],
) -> Callable[[ASGIConnection, BaseRouteHandler], Awaitable[None]]:
    """Guard factory: the route needs one of these permissions, e.g. `Can.read_records`.

    (A type checker sees a property read on the class, `Can.read_records`, as its getter.)"""
    checks: list[Callable[[Can], bool]] = []
    for permission in permissions:
        if not isinstance(permission, property) or permission.fget is None:
            raise TypeError("requires() takes properties of Can, such as Can.write_records")
        checks.append(permission.fget)

    async def guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
        actor = actor_of_connection(connection)
        if actor.role is None:
            raise NotAuthorizedException()
        table = Can(actor)
        if not any(check(table) for check in checks):
            raise PermissionDeniedException()

    guard.__name__ = "requires_" + "_or_".join(c.__name__ for c in checks)
    return guard
