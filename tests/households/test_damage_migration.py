"""Migration 0011 moves damage recorded as one list to the bands and facts of Joint Circular
43/2015, on a database made by the earlier migrations with data in it (docs/domain.md)."""

from __future__ import annotations

import asyncio
import uuid
from datetime import date

import pytest
from tortoise import Tortoise
from tortoise.functions import Count
from tortoise.migrations.api import migrate

from relief import db
from relief.households.models import DamageAssessment
from relief.places.loader import load_places
from tests import databases

BEFORE = databases.KEPT_EARLIER[0]  # "models.0008_ledger", kept migrated up to there
# The migration under test. The database stops there: each later migration costs the test
# seconds of CPU (Tortoise rebuilds its models for every step), and none of them touches these
# rows (0018 only changes the table's indexes; 0011's cleaning of text has its own test).
MIGRATION = "models.0009_damage_bands"
# Old level -> how many rows of it the old data holds (every level, unequal counts).
OLD_COUNTS = {
    "collapsed": 3,
    "over_70": 2,
    "from_50_to_70": 4,
    "from_30_to_50": 5,
    "under_30": 6,
    "roof_lost": 7,
    "flooded": 8,
    "landslide_risk": 9,
}
# The documented mapping, as counts per band and per fact afterwards.
BANDS_AFTER = {"total": 5, "very_heavy": 4, "heavy": 5, "partial": 6, "to_confirm": 24}
FACTS_AFTER = {"collapsed": 3, "roof_blown_off": 7, "flooded": 8, "landslide_relocation": 9}


@pytest.fixture
async def old_database(backend, tmp_path) -> str:
    """A database migrated up to the migration before the one under test, without places
    (kept like the other tests' migrated databases: tests/databases.py)."""
    if backend == "sqlite":
        yield await asyncio.to_thread(databases.copy_sqlite, tmp_path / "old.sqlite3", BEFORE)
        return
    name = f"relief_old_{uuid.uuid4().hex[:12]}"
    yield await asyncio.to_thread(databases.create_postgres, name, BEFORE)
    await asyncio.to_thread(databases.drop_postgres, name)


async def _fill_old(url: str) -> None:
    """Households with assessments of every old level, written as the old schema wants them."""
    await db.init_db(url)
    try:
        await load_places()
        conn = db.connection()
        hamlet = (await conn.execute_query_dict("SELECT id, commune_id FROM hamlet LIMIT 1"))[0]
        now = "2025-10-10 08:00:00"
        await conn.execute_query(
            "INSERT INTO disaster (name, kind, starts_on, description, created_at) "
            f"VALUES ('Bão số 11 (Matmo)', 'typhoon', '2025-10-06', '', '{now}')"
        )
        disaster = (await conn.execute_query_dict("SELECT id FROM disaster"))[0]["id"]
        n = 0
        for level, count in OLD_COUNTS.items():
            for i in range(count):
                n += 1
                await conn.execute_query(
                    "INSERT INTO household (commune_id, hamlet_id, head_name, head_name_key, "
                    "members, ethnicity, poverty_status, revolutionary_service, martyr_family, "
                    "social_protection, especially_hard, address_detail, created_at, updated_at, "
                    f"version) VALUES ({hamlet['commune_id']}, {hamlet['id']}, 'Hộ {n}', "
                    f"'ho {n}', 3, 'Tày', 'none', FALSE, FALSE, FALSE, FALSE, '', '{now}', "
                    f"'{now}', 1)"
                )
                household = (await conn.execute_query_dict("SELECT MAX(id) AS id FROM household"))[
                    0
                ]["id"]
                relocated = level == "landslide_risk" and i % 2 == 0
                moved = ("TRUE", "'2025-10-07'") if relocated else ("FALSE", "NULL")
                await conn.execute_query(
                    "INSERT INTO damage_assessment (household_id, disaster_id, commune_id, "
                    "hamlet_id, level, relocated, relocated_on, estimated_loss, needs, "
                    "assessed_on, assessed_by, created_at, updated_at, version) VALUES "
                    f"({household}, {disaster}, {hamlet['commune_id']}, {hamlet['id']}, "
                    f"'{level}', {moved[0]}, {moved[1]}, 1000000, '[\"repair\"]', "
                    f"'2025-10-10', '', '{now}', '{now}', 1)"
                )
        before = await conn.execute_query_dict(
            "SELECT level, COUNT(*) AS n FROM damage_assessment GROUP BY level"
        )
        assert {r["level"]: r["n"] for r in before} == OLD_COUNTS
    finally:
        await db.close_db()


async def test_old_levels_become_bands_and_facts_as_documented(old_database):
    await _fill_old(old_database)

    await migrate(config=db.tortoise_config(old_database), target=MIGRATION)
    await Tortoise.close_connections()
    await db.init_db(old_database)
    try:
        rows = await DamageAssessment.annotate(n=Count("id")).group_by("band").values("band", "n")
        assert {getattr(r["band"], "value", r["band"]): r["n"] for r in rows} == BANDS_AFTER
        for fact, count in FACTS_AFTER.items():
            assert await DamageAssessment.filter(**{fact: True}).count() == count, fact
        # Nothing else changed: relocations, their dates, the class left unknown, no casualties.
        assert await DamageAssessment.filter(relocated=True).count() == 5
        assert await DamageAssessment.filter(relocated_on=date(2025, 10, 7)).count() == 5
        assert await DamageAssessment.filter(house_class__isnull=False).count() == 0
        assert await DamageAssessment.filter(dead__gt=0).count() == 0
        # A collapsed house is always totally damaged, and over 70 % ones are not "collapsed".
        assert await DamageAssessment.filter(collapsed=True).exclude(band="total").count() == 0
        columns = await _columns(db.connection())
        assert "level" not in columns and {"band", "house_class", "injured"} <= columns
    finally:
        await db.close_db()


async def _columns(conn) -> set[str]:
    if conn.capabilities.dialect == "sqlite":
        rows = await conn.execute_query_dict("PRAGMA table_info(damage_assessment)")
        return {r["name"] for r in rows}
    rows = await conn.execute_query_dict(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'damage_assessment'"
    )
    return {r["column_name"] for r in rows}
