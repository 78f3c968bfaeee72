"""Kept counts moved in place by a write's own change: one parameterised upsert per row.

The kept figures (relief.reports.kept, relief.ledger.kept) are rows of counts keyed by a unique
set of columns. A write that knows its change adds it to the row (inserted when new) and
removes a row that falls to nothing, as a recount keeps no zero rows. Plain statements: the
query builder's cost per statement was more than the statement's own (issue 29).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tortoise.models import Model


def _marks(dialect: str, n: int, start: int = 1) -> list[str]:
    return [f"${i}" for i in range(start, start + n)] if dialect == "postgres" else ["?"] * n


async def add(
    model: type[Model],
    key: Mapping[str, Any],
    amounts: Mapping[str, int],
    also: Mapping[str, Any] | None = None,
    counted: tuple[str, ...] = (),
) -> None:
    """Adds `amounts` to the row of `model` whose unique columns are `key` (inserted with
    `also` when there is none), in the caller's transaction; after a subtraction, deletes it
    when every counted column (`counted`, default the amounts') is 0. No key may be NULL (a
    unique index never matches NULLs: the row would be inserted twice)."""
    if not any(amounts.values()):
        return
    assert None not in key.values(), key
    connection = model._meta.db
    dialect = connection.capabilities.dialect
    table = model._meta.db_table
    inserted = {**key, **(also or {}), **amounts}
    columns = ", ".join(f'"{c}"' for c in inserted)
    marks = ", ".join(_marks(dialect, len(inserted)))
    conflict = ", ".join(f'"{c}"' for c in key)
    moved = ", ".join(f'"{c}" = "{table}"."{c}" + excluded."{c}"' for c in amounts)
    await connection.execute_query(
        f'INSERT INTO "{table}" ({columns}) VALUES ({marks}) '
        f"ON CONFLICT ({conflict}) DO UPDATE SET {moved}",
        list(inserted.values()),
    )
    if all(v >= 0 for v in amounts.values()):
        return
    where = [f'"{c}" = {m}' for c, m in zip(key, _marks(dialect, len(key)), strict=True)]
    where += [f'"{c}" = 0' for c in counted or amounts]
    await connection.execute_query(
        f'DELETE FROM "{table}" WHERE {" AND ".join(where)}', list(key.values())
    )
