"""Twenty saves of the same person at once make one household; the others are asked for a
reason (the check and the insert are serialised: SQLite its write lock, PostgreSQL an
advisory lock keyed by commune and name)."""

import asyncio

from relief.core.errors import Invalid
from relief.households import duplicates, service
from relief.households.models import Household
from relief.households.records import HOUSEHOLD
from tests.households.factories import household_data, officer


async def test_twenty_parallel_creates_of_one_person_make_one_household(orm):
    actor = await officer()
    data = await household_data(head_name="Hoàng Văn Thắng", id_number="")

    async def create():
        try:
            return await service.create_household(actor, HOUSEHOLD.form(dict(data)))
        except Invalid as exc:
            return exc

    results = await asyncio.gather(*(create() for _ in range(20)))
    made = [r for r in results if isinstance(r, Household)]
    refused = [r for r in results if isinstance(r, Invalid)]
    assert len(made) == 1 and len(refused) == 19
    assert all(
        r.field_errors.get("confirm_duplicate") == duplicates.LIKELY_DUPLICATE for r in refused
    )
    assert await Household.all().count() == 1
