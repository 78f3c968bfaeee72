"""Stage moves of several houses of one commune at the same moment (the province's app on
several processes): each is written once, and every kept figure equals a recount after."""

from __future__ import annotations

import asyncio

from relief.core.actor import SYSTEM
from relief.houses.models import HouseCase, Stage
from relief.ledger import kept as kept_books
from relief.reports import kept
from tests.houses.factories import approve, move_stage
from tests.reports import writes


async def test_simultaneous_stage_moves_in_one_commune_each_land_once(orm):
    await writes.seed()
    for n in range(8):
        await writes.create_household(n * 2)  # the same commune's hamlets
    for n in range(12):
        await writes.open_case(n)
    cases = [
        await approve(c, writes.TODAY)
        for c in await HouseCase.filter(stage=Stage.PROPOSED).order_by("id")
    ]
    communes = {c.commune_id for c in cases}
    assert len(cases) >= 6 and len(communes) < len(cases)  # several cases share a commune

    await asyncio.gather(*(move_stage(SYSTEM, c.id, Stage.STARTED, writes.TODAY) for c in cases))

    assert await HouseCase.filter(stage=Stage.STARTED).count() == len(cases)
    assert await kept.differences() == []
    assert await kept_books.differences() == []
