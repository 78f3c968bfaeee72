"""A household's house cases over the years: a new one after a handover, never two open."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from relief.core.actor import SYSTEM
from relief.core.errors import Conflict
from relief.households.models import Disaster
from relief.houses import handovers
from relief.houses.models import HouseCase, HouseKind, Stage
from relief.houses.service import ALREADY_OPEN
from tests.factories import bearer, make_user
from tests.houses.factories import LONG_AGO, case_at, open_case


async def _handed_over_repair() -> HouseCase:
    case = await case_at(Stage.COMPLETED, kind=HouseKind.REPAIR)
    await handovers.create_handover(
        SYSTEM,
        handovers.HandoverInput(
            commune_id=case.commune_id,
            held_on=LONG_AGO + timedelta(days=10),
            place="Nhà văn hóa",
            organisers="UBND xã, MTTQ xã",
            house_ids=[case.id],
        ),
    )
    return await HouseCase.get(id=case.id)


async def test_a_handed_over_repair_then_a_rebuild_for_a_later_disaster(orm):
    repair = await _handed_over_repair()
    assert repair.stage is Stage.HANDED_OVER
    later = await Disaster.create(name="Lũ quét 2026", starts_on=date(2026, 6, 1))
    household = await repair.household
    rebuild = await open_case(
        household, kind=HouseKind.NEW_BUILD, disaster_id=later.id, programme_year=2026
    )
    assert (rebuild.disaster_id, rebuild.programme_year) == (later.id, 2026)
    assert repair.programme_year == LONG_AGO.year  # the year proposed when none is given
    with pytest.raises(Conflict) as refused:
        await open_case(household)
    assert refused.value.message == ALREADY_OPEN
    assert refused.value.details["code"] == rebuild.code
    assert await HouseCase.filter(household_id=household.id).count() == 2


async def test_the_database_refuses_a_second_open_case_too(orm):
    from tortoise.exceptions import IntegrityError

    case = await open_case()
    values = {
        f: getattr(case, f)
        for f in ("household_id", "commune_id", "hamlet_id", "programme", "kind", "year")
    }
    with pytest.raises(IntegrityError):
        await HouseCase.create(
            code="X-1", seq=999, stage_on=LONG_AGO, proposed_on=LONG_AGO, **values
        )


async def test_a_second_open_case_is_refused_with_the_message_over_the_api(client):
    case = await open_case()
    headers = await bearer(await make_user("commune"))
    body = {"household_id": case.household_id, "programme": "great_solidarity", "kind": "repair"}
    refused = await client.post("/api/v1/houses", json=body, headers=headers)
    assert refused.status_code == 409
    assert refused.json()["detail"].startswith("Hộ này đang có một hồ sơ nhà ở chưa xong")
    assert refused.json()["details"]["code"] == case.code
