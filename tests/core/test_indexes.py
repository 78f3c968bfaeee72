"""Every index and unique constraint the models declare exists in the database, on both.

SQLite cannot add a CHECK constraint to a table: the migration rebuilds the table, and a
rebuild that forgets the indexes makes every summary slow and lets duplicates in.
"""

from __future__ import annotations

from tortoise import Tortoise

from relief import db


def _columns(model, names) -> tuple[str, ...]:
    out = []
    for name in names:
        field = model._meta.fields_map.get(name)
        source = getattr(field, "source_field", None) if field is not None else None
        out.append(source or model._meta.fields_db_projection.get(name, name))
    return tuple(out)


def _declared(model) -> set[tuple[tuple[str, ...], bool]]:
    """(columns, unique) of every index the model asks for."""
    wanted = set()
    for index in model._meta.indexes:
        names = getattr(index, "fields", index)
        wanted.add((_columns(model, names), False))
    for names in model._meta.unique_together:
        wanted.add((_columns(model, names), True))
    for name, field in model._meta.fields_map.items():
        if getattr(field, "unique", False) and not field.pk and name in model._meta.db_fields:
            wanted.add((_columns(model, [name]), True))
        elif (
            getattr(field, "index", False)
            and not field.pk
            and name in model._meta.fields_db_projection
        ):
            wanted.add((_columns(model, [name]), False))
    return wanted


async def _existing(table: str) -> set[tuple[tuple[str, ...], bool]]:
    conn = db.connection()
    if conn.capabilities.dialect == "sqlite":
        found = set()
        for row in await conn.execute_query_dict(f'PRAGMA index_list("{table}")'):
            cols = await conn.execute_query_dict(f'PRAGMA index_info("{row["name"]}")')
            found.add(
                (
                    tuple(c["name"] for c in sorted(cols, key=lambda c: c["seqno"])),
                    bool(row["unique"]),
                )
            )
        return found
    rows = await conn.execute_query_dict(
        """SELECT i.indisunique AS uniq, array_agg(a.attname ORDER BY k.ord) AS cols
           FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
           CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
           WHERE t.relname = $1 GROUP BY i.indexrelid, i.indisunique""",
        [table],
    )
    return {(tuple(r["cols"]), bool(r["uniq"])) for r in rows}


async def test_every_declared_index_exists(orm):
    missing = []
    for model in Tortoise.apps["models"].values():
        existing = await _existing(model._meta.db_table)
        for columns, unique in _declared(model):
            # A unique index also serves as a plain one.
            if (columns, unique) not in existing and not (
                not unique and (columns, True) in existing
            ):
                missing.append(f"{model._meta.db_table}{columns}{' unique' if unique else ''}")
    assert not missing, missing
