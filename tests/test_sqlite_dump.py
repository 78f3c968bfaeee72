"""The SQLite test database is made from a committed dump of one the migrations made
(tests/databases.py): the dump must be of this schema, or the suite would test a database the
migrations no longer make."""

from __future__ import annotations

import sqlite3

from tests import databases


def test_the_dump_is_of_this_schema():
    assert databases.dump_key() == databases.schema_key(), (
        "tests/sqlite_template.sql was made for another schema (a migration, the places or "
        "the loader changed): make it again by migrating, `.venv/bin/python -m tests.databases "
        "dump`, and commit it"
    )


def test_the_template_made_from_the_dump_holds_the_migrated_schema(tmp_path):
    """What the tests copy: every migration recorded as applied, the places loaded, in WAL."""
    url = databases.copy_sqlite(tmp_path / "t.sqlite3")
    path = url.removeprefix("sqlite://").split("?", 1)[0]
    with sqlite3.connect(path) as connection:
        applied = {
            row[0]
            for row in connection.execute(
                """SELECT name FROM "tortoise_migrations" WHERE app = 'models'"""
            )
        }
        communes = connection.execute('SELECT count(*) FROM "commune"').fetchone()[0]
        mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
    files = {p.stem for p in (databases.RELIEF / "migrations").glob("0*.py")}
    assert applied == files
    assert communes == 92
    assert mode == "wal"
