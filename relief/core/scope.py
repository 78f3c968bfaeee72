"""Access scope in one place: the only way to query scoped rows.

Every model holding scoped data declares a `scope_rule`; services build their queries with
`scoped(actor, Model)` so that a commune officer sees only their commune, a province officer
(or a province's Front) only their province, and a sponsor only what it funds. A row outside
the scope is simply absent: callers answer 404, not 403.

A row's province is found through its commune: the rule's commune path among the province's
communes (a subquery on the small commune table, indexed by province, so each table's own
commune index serves), unless the rule names its own `province` path (the places). A row of
no commune (the province's ledger, an action on no commune) belongs to the province its
`above_communes` path names: never to every province. A path through a relation
("fund__province_id") is a subquery too (`fund_id IN (the province's funds)`), not a join:
each table's own index on the relation serves, and a read of one fund's rows (the province
fund's donations, newest first) walks that index in order and stops at its page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tortoise import Tortoise
from tortoise.expressions import Q, RawSQL, Subquery
from tortoise.models import Model
from tortoise.queryset import QuerySet, ValuesQuery

from relief.core.actor import Actor
from relief.core.permissions import COMMUNE_BOUND, SPONSORS, Can, can

# A path is a field lookup ("commune_id") or a function of the actor giving a Q.
ScopePath = str | Callable[[Actor], Q] | None


@dataclass(frozen=True)
class ScopeRule:
    commune: ScopePath = None  # how a row belongs to a commune
    sponsor: ScopePath = None  # how a row belongs to a sponsor (None: sponsors never see it)
    registry: bool = False  # a shared list (communes, sponsors) that commune officers read whole
    public: bool = False  # read whole by every role, sponsors included (places)
    # How a row belongs to a province, when it is not through `commune` (the places).
    province: ScopePath = None
    # Rows without a commune belong to the level above the communes (the province's ledger,
    # actions on no commune in the audit trail), each to its province by this path (a field
    # lookup: "province_id", "fund__province_id"): a province's officers read their own
    # province's; a row of no province (the central fund's, a national actor's action) is read
    # by the national roles only.
    above_communes: str | None = None
    # ... and a commune officer reads its own province's too (a commune's Front sees the
    # province's bank statements exist, to be told they belong to the other level: 403, not 404).
    communes_read_above: bool = False

    def province_condition(self, actor: Actor, province_id: int, model: type[Model]) -> Q | None:
        """Rows of this province (None: the rule has no province; a shared register): by the
        rule's own province path, else its commune path among the province's communes (a
        subquery on the commune table, so the row's own commune index serves)."""
        if self.province is not None:
            return _condition(self.province, actor, province_id)
        if not isinstance(self.commune, str):
            return None
        communes = Tortoise.apps["models"]["Commune"]  # places is above core: found by name
        of_province = Subquery(communes.filter(province_id=province_id).values("id"))
        condition = Q(**{self.commune + "__in": of_province})  # type: ignore[arg-type]
        if self.above_communes is not None:
            condition |= self.above(model, province_id)
        return condition

    def above(self, model: type[Model], province: int | Subquery) -> Q:
        """Rows above the communes of this province (a province's id, or a subquery of one)."""
        assert isinstance(self.commune, str) and self.above_communes is not None
        no_commune = Q(**{self.commune + "__isnull": True})  # type: ignore[arg-type]
        return no_commune & of_province(model, self.above_communes, province)

    @property
    def has_province(self) -> bool:
        return self.province is not None or isinstance(self.commune, str)


def of_province(model: type[Model], path: str, province: int | Subquery) -> Q:
    """Rows of `model` whose `path` ("province_id", "fund__province_id", ...) names this
    province (an id, or a subquery of one). Through a relation, a subquery on the related
    table (`fund_id IN (SELECT id FROM ledger_fund WHERE province_id = ...)`), not a join."""
    head, _, rest = path.partition("__")
    if not rest:
        lookup = path if isinstance(province, int) else path + "__in"
        return Q(**{lookup: province})  # type: ignore[arg-type]
    field = model._meta.fields_map[head]
    related: type[Model] = field.related_model  # type: ignore[attr-defined]
    ids = Subquery(related.filter(of_province(related, rest, province)).values("id"))
    source = str(field.source_field)  # "fund_id": the relation's own column
    return Q(**{source + "__in": ids})  # type: ignore[arg-type]


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
    table = can(actor)
    if table.read_every_commune:
        return qs if not table.province_bound else _of_province(actor, table, rule, qs)
    if actor.role in COMMUNE_BOUND:
        if rule.commune is not None and actor.commune_id is not None:
            condition = _condition(rule.commune, actor, actor.commune_id)
            if rule.communes_read_above and isinstance(rule.commune, str):
                condition |= rule.above(qs.model, _province_of_commune(actor.commune_id))
            return qs.filter(condition)
        return qs if rule.registry else nothing(qs)
    if actor.role in SPONSORS and rule.sponsor is not None and actor.sponsor_id is not None:
        return qs.filter(_condition(rule.sponsor, actor, actor.sponsor_id)).distinct()
    return qs if rule.public else nothing(qs)


def _province_of_commune(commune_id: int) -> Subquery:
    communes = Tortoise.apps["models"]["Commune"]  # places is above core: found by name
    return Subquery(communes.filter(id=commune_id).values("province_id"))


def _of_province(actor: Actor, table: Can, rule: ScopeRule, qs: QuerySet[Any]) -> QuerySet[Any]:
    """A province-bound actor's part: its province's rows; shared registers (sponsors,
    disasters, programme rules) whole; nothing for an account without its province."""
    province_id = table.home_province
    condition = (
        rule.province_condition(actor, province_id, qs.model) if province_id is not None else None
    )
    if condition is not None:
        return qs.filter(condition)
    if not rule.has_province and (rule.registry or rule.public):
        return qs
    return nothing(qs)


# --- scoped reads whose statement is built once ----------------------------------------------

# (dialect, name, the actor's scope, arguments) -> the statement and its parameters.
_statements: dict[tuple, tuple[str, list[Any]]] = {}
STATEMENTS_KEPT = 2_000


def _shape(actor: Actor) -> tuple:
    """What `scoped` reads of an actor: its role, commune, province and sponsor."""
    return (actor.role, actor.commune_id, actor.province_id, actor.sponsor_id)


async def plain_rows(
    actor: Actor, model: type[Model], read: tuple, build: Callable[[], ValuesQuery[Any]]
) -> list[dict[str, Any]]:
    """The rows of a scoped read as the database gives them (SQLite: dates as text). Its
    statement is built by `build` (a `.values(...)` of `scoped(actor, model)`, shaped only by
    the actor's scope and by `read`: the read's name and arguments) once per process and
    scope, not on every request: building a statement through the query builder costs a page
    more than running it (issue 29)."""
    db = model._meta.db
    key = (db.capabilities.dialect, _shape(actor), read)
    found = _statements.get(key)
    if found is None:
        qs = build()
        qs._choose_db_if_not_chosen()
        qs._make_query()
        sql, params = qs.query.get_parameterized_sql()
        if len(_statements) >= STATEMENTS_KEPT:
            _statements.clear()
        found = _statements[key] = (sql, list(params))
    return await db.execute_query_dict(found[0], found[1])


_MARK = re.compile(r"\$(\d+)")


def numbered(sql: str, dialect: str) -> str:
    """A plain statement's `?` marks as the database wants them ($1, $2… on PostgreSQL)."""
    if dialect != "postgres":
        return sql
    parts = sql.split("?")
    return "".join(f"{p}${i}" for i, p in enumerate(parts[:-1], 1)) + parts[-1]


def in_scope(actor: Actor, model: type[Model], outer: str) -> tuple[str, list[Any]]:
    """The scope as a condition of a plain statement: true when the row `outer` (an alias of
    `model`'s table in that statement, not the table's own name) is in the actor's part.
    `EXISTS` of `scoped(actor, model)` read for that one row, so that a statement answers
    which of its rows the actor may open without a statement of its own; built by `scoped`
    once per process and scope (issue 29). Its marks are `?`, in the order of its
    parameters: the caller numbers the whole statement (`numbered`)."""
    db = model._meta.db
    key = (db.capabilities.dialect, _shape(actor), "in_scope", model.__name__, outer)
    found = _statements.get(key)
    if found is None:
        pk = model._meta.pk_attr
        outer_pk = RawSQL(f"{outer}.{model._meta.db_pk_column}")
        qs = scoped(actor, model).filter(**{pk: outer_pk}).values(pk)
        qs._choose_db_if_not_chosen()
        qs._make_query()
        sql, params = qs.query.get_parameterized_sql()
        marks = [int(m) for m in _MARK.findall(sql)]
        if marks != list(range(1, len(marks) + 1)):  # PostgreSQL's, in their order
            raise ValueError(f"unexpected marks in a scoped statement: {sql}")
        if len(_statements) >= STATEMENTS_KEPT:
            _statements.clear()
        found = _statements[key] = (f"EXISTS ({_MARK.sub('?', sql)})", list(params))
    return found
