"""The schema made by the migrations: constraints and the append-only audit trail."""

from datetime import date

import pytest
from tortoise.exceptions import IntegrityError

from relief import db
from relief.core import audit
from relief.core.actor import SYSTEM
from relief.core.models import AuditEntry
from relief.households.models import Gender, Household
from relief.houses.models import Contribution, FundingSource, HouseCase, HouseKind, Programme
from relief.places.models import Hamlet


async def _household(**kw) -> Household:
    hamlet = await Hamlet.filter(name="Kim Sơn").first()
    values = dict(
        commune_id=hamlet.commune_id,
        hamlet=hamlet,
        head_name="Hoàng Văn Thắng",
        head_name_key="hoang van thang",
        gender=Gender.MALE,
        members=4,
    )
    values.update(kw)
    return await Household.create(**values)


async def test_members_outside_1_to_30_are_refused_by_the_database(orm):
    with pytest.raises(IntegrityError):
        await _household(members=0)
    with pytest.raises(IntegrityError):
        await _household(members=31)
    assert await Household.all().count() == 0


async def test_id_number_is_unique_when_present(orm):
    await _household(id_number="019090001234")
    await _household(id_number=None)
    await _household(id_number=None)
    with pytest.raises(IntegrityError):
        await _household(id_number="019090001234")


async def test_disbursed_above_pledged_is_refused_by_the_database(orm):
    household = await _household()
    case = await HouseCase.create(
        code="TS-2025-0001",
        year=2025,
        seq=1,
        household=household,
        commune_id=household.commune_id,
        hamlet_id=household.hamlet_id,
        programme=Programme.GREAT_SOLIDARITY,
        kind=HouseKind.NEW_BUILD,
        stage_on=date(2025, 10, 15),
        proposed_on=date(2025, 10, 15),
    )
    with pytest.raises(IntegrityError):
        await Contribution.create(
            house_case=case,
            commune_id=case.commune_id,
            source=FundingSource.STATE_BUDGET,
            amount_pledged=10,
            amount_disbursed=11,
        )


async def test_audit_entries_cannot_be_changed_or_deleted(orm):
    entry = await audit.record(SYSTEM, "create", "thing", 1, after={"a": 1})
    conn = db.connection()
    # SQLite raises through tortoise, asyncpg its own RaiseError: both carry the message.
    with pytest.raises(Exception, match="append-only"):
        await conn.execute_query("UPDATE audit_entry SET action = 'x'")
    with pytest.raises(Exception, match="append-only"):
        await conn.execute_query("DELETE FROM audit_entry")
    again = await AuditEntry.get(id=entry.id)
    assert again.action == "create" and again.after == {"a": 1}
