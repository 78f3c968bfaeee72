"""Aid completeness: affected households not reached, and the same aid twice for one disaster."""

from __future__ import annotations

import pytest

from relief.aid import completeness, service
from relief.core.errors import Invalid
from relief.core.models import AuditEntry
from relief.households import damage
from tests.aid.factories import gift_in, visit_in
from tests.factories import make_household
from tests.households.factories import assessment_in, damage_data, make_disaster, officer


async def test_affected_households_no_visit_reached_are_listed(orm):
    actor = await officer()
    disaster = await make_disaster()
    reached = await make_household(head_name="Lý Văn An")
    missed = await make_household(head_name="Ma Thị Bình")
    await make_household(head_name="Hoàng Văn Cường")  # not affected: not listed
    for h in (reached, missed):
        await damage.create_assessment(actor, assessment_in(h.id, damage_data(disaster)))
    visit = await service.create_visit(
        actor,
        visit_in(
            {"visited_on": "10/10/2025", "delegation": "Đoàn xã", "disaster_id": str(disaster.id)}
        ),
    )
    await service.add_gift(
        actor, visit.id, gift_in({"household_id": reached.id, "cash": "1000000"})
    )
    # A visit for no disaster (or another) does not count as reaching.
    other = await service.create_visit(
        actor, visit_in({"visited_on": "10/10/2025", "delegation": "Hội"})
    )
    await service.add_gift(actor, other.id, gift_in({"household_id": missed.id, "cash": "1000000"}))

    result = await completeness.unreached(actor, disaster.id, reached.hamlet_id)
    assert [h.head_name for h in result.households] == ["Ma Thị Bình"]
    assert result.affected == 2


async def test_the_same_kind_of_aid_twice_for_one_disaster_needs_a_reason(orm):
    actor = await officer()
    disaster = await make_disaster()
    household = await make_household()
    visit = {"visited_on": "10/10/2025", "delegation": "Đoàn xã", "disaster_id": str(disaster.id)}
    first = await service.create_visit(actor, visit_in(visit))
    await service.add_gift(
        actor, first.id, gift_in({"household_id": household.id, "cash": "1000000"})
    )
    second = await service.create_visit(actor, visit_in({**visit, "delegation": "Đoàn tỉnh"}))
    # Goods after cash is another kind: no question asked.
    await service.add_gift(
        actor,
        second.id,
        gift_in({"household_id": household.id, "goods": "Gạo", "goods_value": "200000"}),
    )
    third = await service.create_visit(actor, visit_in({**visit, "delegation": "Đoàn huyện cũ"}))
    with pytest.raises(Invalid) as caught:
        await service.add_gift(
            actor, third.id, gift_in({"household_id": household.id, "cash": "500000"})
        )
    assert caught.value.field_errors == {"repeat_reason": completeness.GIVEN_TWICE}
    row = await service.add_gift(
        actor,
        third.id,
        gift_in(
            {"household_id": household.id, "cash": "500000", "repeat_reason": "Nhà bị sập lần hai"}
        ),
    )
    entry = await AuditEntry.get(entity="aid_given", entity_id=row.id)
    assert entry.reason == "Nhà bị sập lần hai"
    # A visit made with its households at once follows the same rule.
    with pytest.raises(Invalid) as caught:
        await service.create_visit(
            actor, visit_in({**visit, "gifts": [{"household_id": household.id, "cash": "100000"}]})
        )
    assert caught.value.field_errors == {"gifts.0.repeat_reason": completeness.GIVEN_TWICE}
