"""Aid visits in the service: households of the commune, amounts, totals, concurrency."""

import pytest

from relief.aid import service
from relief.aid.models import AidGiven
from relief.core.errors import Conflict, Forbidden, Invalid
from relief.core.models import AuditEntry
from relief.households.page import household_page
from tests.aid.factories import gift_in, gift_patch, visit_in, visit_patch
from tests.factories import make_household
from tests.households.factories import ADMIN, PROVINCE, VAN_LANG, make_disaster, officer

VISIT = {"visited_on": "09/10/2025", "delegation": "Đoàn công tác UBND xã Thần Sa"}


async def test_a_visit_covers_many_households_with_totals_per_visit_and_household(orm):
    actor = await officer()
    a, b = await make_household(head_name="Lý Văn A"), await make_household(head_name="Ma Thị B")
    visit = await service.create_visit(actor, visit_in({**VISIT, "leader": "Chủ tịch UBND xã"}))
    assert visit.commune_id == actor.commune_id
    await service.add_gift(actor, visit.id, gift_in({"household_id": a.id, "cash": "2.000.000"}))
    await service.add_gift(
        actor,
        visit.id,
        gift_in(
            {
                "household_id": b.id,
                "cash": "1 000 000",
                "goods": "Gạo 20 kg",
                "goods_value": "500000",
            }
        ),
    )
    gifts, totals = await service.visit_gifts(actor, visit)
    assert totals == {
        "households": 2,
        "cash": 3_000_000,
        "goods_value": 500_000,
        "total": 3_500_000,
    }
    row = next(g for g in gifts if g.household_id == b.id)
    assert (row.commune_id, row.hamlet_id) == (b.commune_id, b.hamlet_id)
    second = await service.create_visit(actor, visit_in(VISIT))
    await service.add_gift(actor, second.id, gift_in({"household_id": a.id, "cash": "3000000"}))
    page = await household_page(actor, a.id)
    assert page.aid_totals == {"visits": 2, "cash": 5_000_000, "goods_value": 0}


async def test_only_households_of_the_visits_commune_once_each(orm):
    actor = await officer()
    mine = await make_household()
    other = await make_household(commune_code=VAN_LANG)
    visit = await service.create_visit(actor, visit_in(VISIT))
    with pytest.raises(Invalid) as caught:
        await service.add_gift(
            actor, visit.id, gift_in({"household_id": other.id, "cash": "1000000"})
        )
    assert caught.value.field_errors == {
        "household_id": "Choose a household of the visit's commune."
    }
    await service.add_gift(actor, visit.id, gift_in({"household_id": mine.id, "cash": "1000000"}))
    with pytest.raises(Invalid) as caught:
        await service.add_gift(
            actor, visit.id, gift_in({"household_id": mine.id, "cash": "1000000"})
        )
    assert caught.value.field_errors == {"household_id": service.ALREADY_IN_VISIT}


@pytest.mark.parametrize(
    ("gift", "errors"),
    [
        ({"cash": "-1000"}, {"cash"}),
        ({"cash": "1.000.000,50"}, {"cash"}),
        ({"cash": ""}, {"cash"}),
        ({"goods_value": "500000"}, {"goods"}),
        ({"cash": "99999999999999999999999"}, {"cash"}),
    ],
)
async def test_amounts_are_whole_non_negative_dong_and_something_is_given(orm, gift, errors):
    actor = await officer()
    h = await make_household()
    visit = await service.create_visit(actor, visit_in(VISIT))
    with pytest.raises(Invalid) as caught:
        await service.add_gift(actor, visit.id, gift_in({"household_id": h.id, **gift}))
    assert set(caught.value.field_errors) == errors
    assert not await AidGiven.exists()


async def test_a_visit_needs_a_date_not_in_the_future_and_a_delegation(orm):
    with pytest.raises(Invalid) as caught:
        await service.create_visit(await officer(), visit_in({"visited_on": "01/01/2099"}))
    assert caught.value.field_errors == {
        "visited_on": "This date is in the future.",
        "delegation": "This field is required.",
    }


async def test_the_api_may_create_a_visit_with_its_households_all_or_nothing(orm):
    actor = await officer()
    h = await make_household()
    other = await make_household(commune_code=VAN_LANG)
    rows = [{"household_id": str(h.id), "cash": "1000000"}, {"household_id": str(other.id)}]
    with pytest.raises(Invalid) as caught:
        await service.create_visit(actor, visit_in({**VISIT, "gifts": rows}))
    assert set(caught.value.field_errors) == {"gifts.1.household_id", "gifts.1.cash"}
    visit = await service.create_visit(actor, visit_in({**VISIT, "gifts": rows[:1]}))
    assert (await service.visit_gifts(actor, visit))[1]["cash"] == 1_000_000


async def test_the_province_reads_visits_but_does_not_record_them(orm):
    with pytest.raises(Forbidden):
        await service.create_visit(PROVINCE, visit_in(VISIT))
    with pytest.raises(Invalid) as caught:
        await service.create_visit(ADMIN, visit_in(VISIT))
    assert caught.value.field_errors == {"commune_id": "Choose the commune."}


async def test_stale_visit_and_gift_edits_are_refused_with_what_changed(orm):
    actor = await officer()
    h = await make_household()
    d = await make_disaster()
    visit = await service.create_visit(actor, visit_in({**VISIT, "disaster_id": str(d.id)}))
    await service.update_visit(
        actor, visit.id, visit_patch({"leader": "Bí thư", "version": "1"}, partial=True)
    )
    with pytest.raises(Conflict) as caught:
        await service.update_visit(
            actor, visit.id, visit_patch({"notes": "x", "version": "1"}, partial=True)
        )
    assert [c["field"] for c in caught.value.details["changes"]] == ["leader"]
    row = await service.add_gift(
        actor, visit.id, gift_in({"household_id": h.id, "cash": "1000000"})
    )
    token = row.version
    await service.update_gift(actor, row.id, gift_patch({"version": token, "cash": "2000000"}))
    with pytest.raises(Conflict) as caught:
        await service.update_gift(actor, row.id, gift_patch({"version": token, "cash": "5000000"}))
    assert caught.value.details["changes"][0]["now"] == 2_000_000
    with pytest.raises(Conflict):
        await service.remove_gift(actor, row.id, {"version": token})
    fresh = await service.get_gift(actor, row.id)
    await service.remove_gift(actor, row.id, {"version": fresh.version})
    assert not await AidGiven.exists()
    assert await AuditEntry.filter(entity="aid_given", action="delete").count() == 1
