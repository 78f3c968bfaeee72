"""Models read by plain statements: a model's columns under a table alias, and the model made
from a row as Tortoise makes it from its own (a page that reads several tables in one
statement: issue 29)."""

from __future__ import annotations

from typing import Any, TypeVar

from tortoise.models import Model

M = TypeVar("M", bound=Model)

_columns: dict[tuple[type[Model], str, str], str] = {}


def columns(model: type[Model], alias: str, prefix: str = "") -> str:
    """`alias."column" AS "<prefix>column", …` for every column of the model."""
    key = (model, alias, prefix)
    found = _columns.get(key)
    if found is None:
        names = model._meta.fields_db_projection.values()
        found = _columns[key] = ", ".join(f'{alias}."{c}" AS "{prefix}{c}"' for c in names)
    return found


def made(model: type[M], row: dict[str, Any], prefix: str = "") -> M | None:
    """The model of the row's columns named with `prefix` (None when its key is NULL: a row
    an outer join did not find)."""
    meta = model._meta
    if row[prefix + meta.db_pk_column] is None:
        return None
    if not prefix:
        return model._init_from_db(**row)
    n = len(prefix)
    return model._init_from_db(**{k[n:]: v for k, v in row.items() if k.startswith(prefix)})
