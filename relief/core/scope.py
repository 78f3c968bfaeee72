"""Access scope in one place: the only way to query scoped rows.

Every model holding scoped data declares a `scope_rule`; services build their queries with
`scoped(actor, Model)` so that a commune officer sees only their commune and a sponsor only
what it funds. A row outside the scope is simply absent: callers answer 404, not 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from relief.core.actor import Actor
from relief.core.permissions import COMMUNE_BOUND, SPONSORS, can

# A path is a field lookup ("commune_id") or a function of the actor giving a Q.
ScopePath = str | Callable[[Actor], Q] | None


@dataclass(frozen=True)
class ScopeRule:
    commune: ScopePath = None  # how a row belongs to a commune
    sponsor: ScopePath = None  # how a row belongs to a sponsor (None: sponsors never see it)
    registry: bool = False  # a shared list (communes, sponsors) that commune officers read whole
    public: bool = False  # read whole by every role, sponsors included (places)


def _condition(path: str | Callable[[Actor], Q], actor: Actor, value: int) -> Q:
    if callable(path):
        return path(actor)
    return Q(**{path: value})  # type: ignore[arg-type]  # a field lookup, not Q's join_type


def nothing(qs: QuerySet[Any]) -> QuerySet[Any]:
    """An empty result of the same query (Tortoise's QuerySet has no `none()`)."""
    return qs.filter(pk__in=[])


def scoped(actor: Actor, source: type[Model] | QuerySet[Any]) -> QuerySet[Any]:
    """The actor's part of a model or queryset; the one way scoped data is read."""
    qs = source.all() if isinstance(source, type) else source
    rule: ScopeRule | None = getattr(qs.model, "scope_rule", None)
    if rule is None:
        raise TypeError(f"{qs.model.__name__} declares no scope_rule")
    if can(actor).read_every_commune:
        return qs
    if actor.role in COMMUNE_BOUND:
        if rule.commune is not None and actor.commune_id is not None:
            return qs.filter(_condition(rule.commune, actor, actor.commune_id))
        return qs if rule.registry else nothing(qs)
    if actor.role in SPONSORS and rule.sponsor is not None and actor.sponsor_id is not None:
        return qs.filter(_condition(rule.sponsor, actor, actor.sponsor_id)).distinct()
    return qs if rule.public else nothing(qs)
