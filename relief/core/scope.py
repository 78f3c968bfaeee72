"""Access scope in one place: who is acting, and the only way to query scoped rows.

Every model holding scoped data declares a `scope_rule`; services build their queries with
`scoped(actor, Model)` so that a commune officer sees only their commune and a sponsor only
what it funds. A row outside the scope is simply absent: callers answer 404, not 403.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet


class Role(StrEnum):
    ADMIN = "admin"
    PROVINCE = "province"
    COMMUNE = "commune"
    SPONSOR = "sponsor"
    FRONT = "front"  # the Fatherland Front: keeps the ledger of a commune or of the province


@dataclass(frozen=True)
class Actor:
    """Who acts: built by `accounts` from a session or a token, or SYSTEM for the CLI."""

    role: Role | None  # None: not logged in (sees only public rows)
    user_id: int | None = None
    username: str = ""
    commune_id: int | None = None
    sponsor_id: int | None = None
    ip: str | None = None

    @property
    def sees_everything(self) -> bool:
        """Reads every commune: admins, the province, and the province's Front officers."""
        if self.role is Role.FRONT:
            return self.commune_id is None
        return self.role in (Role.ADMIN, Role.PROVINCE)

    @property
    def in_one_commune(self) -> bool:
        """Reads one commune only: a commune officer, or a Front officer of a commune."""
        return self.role in (Role.COMMUNE, Role.FRONT) and self.commune_id is not None

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


SYSTEM = Actor(role=Role.ADMIN, username="system")
ANONYMOUS = Actor(role=None)

# The actor of the current request, for templates (menus); services take it as an argument.
current_actor: ContextVar[Actor] = ContextVar("current_actor", default=ANONYMOUS)

# A path is a field lookup ("commune_id") or a function of the actor giving a Q.
ScopePath = str | Callable[[Actor], Q] | None


@dataclass(frozen=True)
class ScopeRule:
    commune: ScopePath = None  # how a row belongs to a commune
    sponsor: ScopePath = None  # how a row belongs to a sponsor (None: sponsors never see it)
    registry: bool = False  # a shared list (communes, sponsors) that commune officers read whole
    public: bool = False  # read whole by every role, sponsors included (places)


def _condition(path: ScopePath, actor: Actor, value: int | None) -> Q:
    if callable(path):
        return path(actor)
    return Q(**{path: value})


def nothing(qs: QuerySet[Any]) -> QuerySet[Any]:
    """An empty result of the same query (Tortoise's QuerySet has no `none()`)."""
    return qs.filter(pk__in=[])


def scoped(actor: Actor, source: type[Model] | QuerySet[Any]) -> QuerySet[Any]:
    """The actor's part of a model or queryset; the one way scoped data is read."""
    qs = source.all() if isinstance(source, type) else source
    rule: ScopeRule | None = getattr(qs.model, "scope_rule", None)
    if rule is None:
        raise TypeError(f"{qs.model.__name__} declares no scope_rule")
    if actor.sees_everything:
        return qs
    if actor.role in (Role.COMMUNE, Role.FRONT):
        if rule.commune is not None and actor.commune_id is not None:
            return qs.filter(_condition(rule.commune, actor, actor.commune_id))
        return qs if rule.registry else nothing(qs)
    if actor.role is Role.SPONSOR and rule.sponsor is not None and actor.sponsor_id is not None:
        return qs.filter(_condition(rule.sponsor, actor, actor.sponsor_id)).distinct()
    return qs if rule.public else nothing(qs)


def can_write_commune(actor: Actor, commune_id: int | None) -> bool:
    """Writes to a commune's records: admins anywhere, a commune officer in their own."""
    if actor.is_admin:
        return True
    return actor.role is Role.COMMUNE and commune_id is not None and actor.commune_id == commune_id
