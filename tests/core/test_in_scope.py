"""The scope as a condition of a plain statement (`in_scope`) keeps the rows `scoped` keeps."""

import pytest

from relief.core import audit
from relief.core.actor import Actor, Role
from relief.core.models import AuditEntry
from relief.core.scope import in_scope, numbered, scoped
from relief.households import service
from relief.households.models import Household
from relief.households.records import HOUSEHOLD
from tests.households.factories import (
    ADMIN,
    PROVINCE,
    VAN_LANG,
    hamlet_of,
    household_data,
    officer,
)

OTHER_PROVINCE = Actor(role=Role.PROVINCE, username="other", province_id=2)
SPONSOR = Actor(role=Role.SPONSOR, username="nha_tai_tro", sponsor_id=1)


async def _kept(actor: Actor, model, table: str) -> set[int]:
    condition, values = in_scope(actor, model, "t")
    db = model._meta.db
    sql = numbered(f'SELECT t.id FROM "{table}" t WHERE {condition}', db.capabilities.dialect)
    return {row["id"] for row in await db.execute_query_dict(sql, values)}


@pytest.mark.parametrize("who", ["officer", "province", "other_province", "admin", "sponsor"])
async def test_a_plain_statement_keeps_the_rows_the_scope_keeps(orm, who):
    await service.create_household(
        ADMIN, HOUSEHOLD.form(await household_data(id_number="", phone=""))
    )
    await service.create_household(
        ADMIN,
        HOUSEHOLD.form(
            await household_data(hamlet=await hamlet_of(VAN_LANG), id_number="", phone="")
        ),
    )
    await audit.record(PROVINCE, "export", "report")  # of no commune: the province's
    actor = {
        "officer": await officer(),
        "province": PROVINCE,
        "other_province": OTHER_PROVINCE,
        "admin": ADMIN,
        "sponsor": SPONSOR,
    }[who]
    for model, table in ((Household, "household"), (AuditEntry, "audit_entry")):
        expected = set(await scoped(actor, model).values_list("id", flat=True))
        assert await _kept(actor, model, table) == expected
        assert expected or who in ("other_province", "sponsor")
