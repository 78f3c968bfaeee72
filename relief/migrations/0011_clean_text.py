"""Stored text cleaned like new input: no control or invisible characters (issue: a BEL in a
name broke every export; a zero-width space hid a duplicate from search).

Every text column of every table but the audit trail (append-only: history stays as written)
and the places (loaded from checked files) is read for values holding such a character, and
those values are rewritten with `clean_text`. Only rows that hold one are touched.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

from relief.core.text import clean_text

SKIPPED = {"audit_entry", "tortoise_migrations", "province", "commune", "former_unit", "hamlet"}
# Every character clean_text removes or changes (NUL cannot be stored as text in either).
CHARS = "".join(chr(c) for c in range(1, 0x10000) if clean_text(chr(c)) != chr(c))


async def _text_columns(client, sqlite: bool) -> dict[str, list[str]]:
    columns: dict[str, list[str]] = {}
    if sqlite:
        _, tables = await client.execute_query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        for row in tables:
            _, info = await client.execute_query(f'PRAGMA table_info("{row["name"]}")')
            columns[row["name"]] = [
                c["name"] for c in info if any(t in c["type"].upper() for t in ("CHAR", "TEXT"))
            ]
    else:
        _, rows = await client.execute_query(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND data_type IN ('text', 'character varying')"
        )
        for row in rows:
            columns.setdefault(row["table_name"], []).append(row["column_name"])
    return {t: cols for t, cols in columns.items() if t not in SKIPPED and cols}


async def forward(apps, schema_editor) -> None:
    client = schema_editor.client
    sqlite = client.capabilities.dialect == "sqlite"
    if sqlite:
        match, pattern, set_sql = "GLOB ?", f"*[{CHARS}]*", "= ? WHERE {col} = ?"
    else:
        match, pattern, set_sql = "~ $1", f"[{CHARS}]", "= $1 WHERE {col} = $2"
    for table, cols in (await _text_columns(client, sqlite)).items():
        for col in cols:
            _, rows = await client.execute_query(
                f'SELECT DISTINCT "{col}" AS v FROM "{table}" WHERE "{col}" {match}', [pattern]
            )
            for row in rows:
                sql = f'UPDATE "{table}" SET "{col}" ' + set_sql.format(col=f'"{col}"')
                await client.execute_query(sql, [clean_text(row["v"]), row["v"]])


class Migration(migrations.Migration):
    dependencies = [("models", "0010_kept_forms")]

    initial = False

    operations = [ops.RunPython(forward)]
