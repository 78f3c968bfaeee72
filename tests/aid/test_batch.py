"""Many households, of any hamlets, added to a visit in one save, each with its audit entry."""

import pytest

from relief.aid import batch, service
from relief.aid.models import AidGiven
from relief.core.errors import Invalid
from relief.core.models import AuditEntry
from relief.households import damage
from relief.places.models import Hamlet
from tests.aid.factories import visit_in
from tests.factories import make_household
from tests.households.factories import assessment_in, damage_data, hamlet_of, make_disaster, officer

VISIT = {"visited_on": "09/10/2025", "delegation": "Đoàn công tác UBND xã Thần Sa"}


async def _affected(actor, disaster, names, hamlet):
    found = []
    for name in names:
        h = await make_household(head_name=name, hamlet_name=hamlet.name)
        await damage.create_assessment(actor, assessment_in(h.id, damage_data(disaster)))
        found.append(h)
    return found


async def test_a_hamlets_affected_households_are_added_at_once_with_one_amount(orm):
    actor = await officer()
    disaster, hamlet = await make_disaster(), await hamlet_of()
    names = ["Hoàng Văn Thắng", "Hoàng Thị Hoa", "Lý Văn Đức"]
    hoang_thang, hoang_hoa, ly_duc = await _affected(actor, disaster, names, hamlet)
    await make_household(head_name="Hoàng Văn Không", hamlet_name=hamlet.name)  # no damage
    visit = await service.create_visit(actor, visit_in({**VISIT, "disaster_id": str(disaster.id)}))

    listed = await batch.find_households(actor, visit.id, hamlet.id)
    assert {h.id for h in listed.households} == {hoang_thang.id, hoang_hoa.id, ly_duc.id}
    filtered = await batch.find_households(actor, visit.id, hamlet.id, "hoang")
    assert {h.id for h in filtered.households} == {hoang_thang.id, hoang_hoa.id}

    saved = await batch.add_gifts(
        actor,
        visit.id,
        {
            "household_ids": [str(hoang_thang.id), str(hoang_hoa.id), str(ly_duc.id)],
            "cash": "1.000.000",
            "goods": "Gạo 10 kg",
            "goods_value": "200.000",
            f"h{ly_duc.id}-cash": "3.000.000",  # a collapsed house got more
        },
    )
    assert len(saved) == 3
    given = {g.household_id: g for g in await AidGiven.filter(visit_id=visit.id)}
    assert given[hoang_thang.id].cash == given[hoang_hoa.id].cash == 1_000_000
    assert given[ly_duc.id].cash == 3_000_000 and given[ly_duc.id].goods == "Gạo 10 kg"
    entries = await AuditEntry.filter(entity="aid_given", action="create")
    assert sorted(e.entity_id for e in entries) == sorted(str(g.id) for g in given.values())
    after = await batch.find_households(actor, visit.id, hamlet.id)
    assert after.households == []  # added households leave the list


async def test_one_wrong_row_saves_nothing_and_says_which(orm):
    actor = await officer()
    disaster, hamlet = await make_disaster(), await hamlet_of()
    a, b = await _affected(actor, disaster, ["Ma Văn A", "Ma Văn B"], hamlet)
    visit = await service.create_visit(actor, visit_in(VISIT))
    with pytest.raises(Invalid) as caught:
        await batch.add_gifts(
            actor,
            visit.id,
            {"household_ids": [str(a.id), str(b.id)], "cash": "500000", f"h{b.id}-cash": "-5"},
        )
    assert caught.value.field_errors == {f"h{b.id}-cash": "An amount cannot be negative."}
    assert await AidGiven.filter(visit_id=visit.id).count() == 0
    with pytest.raises(Invalid) as caught:
        await batch.add_gifts(actor, visit.id, {"cash": "500000"})
    assert caught.value.field_errors == {"household_ids": "Tick the households to add."}


async def test_households_of_several_hamlets_found_by_name_are_chosen_for_one_save(orm):
    actor = await officer()
    disaster = await make_disaster()
    first, second, third = await Hamlet.filter(commune__code="05725").order_by("name").limit(3)
    affected = [
        (await _affected(actor, disaster, [f"Triệu Văn Mười {n}"], hamlet))[0]
        for n, hamlet in enumerate((first, second, third))
    ]
    undamaged = await make_household(head_name="Triệu Thị Lan", hamlet_name=third.name)
    visit = await service.create_visit(actor, visit_in({**VISIT, "disaster_id": str(disaster.id)}))

    by_name = await batch.find_households(actor, visit.id, None, "trieu van muoi")
    assert {h.id for h in by_name.households} == {h.id for h in affected}
    # Any household, not only those with damage recorded, by a name across the hamlets:
    anyone = await batch.find_households(actor, visit.id, None, "trieu", everyone=True)
    assert {h.id for h in anyone.households} == {*(h.id for h in affected), undamaged.id}
    # Every household of the commune at once is too many: a hamlet or a name first.
    assert (await batch.find_households(actor, visit.id, everyone=True)).needs_narrowing
    # What is ticked stays chosen, apart from the next search's rows.
    again = await batch.find_households(
        actor, visit.id, third.id, everyone=True, chosen_ids=[affected[0].id, affected[1].id]
    )
    assert [h.id for h in again.chosen] == [affected[0].id, affected[1].id]
    assert {h.id for h in again.households} == {affected[2].id, undamaged.id}

    ids = [str(h.id) for h in (*affected, undamaged)]
    saved = await batch.add_gifts(actor, visit.id, {"household_ids": ids, "cash": "500.000"})
    assert sorted(g.household_id for g in saved) == sorted(int(i) for i in ids)


async def test_before_any_search_only_the_first_affected_households_are_shown(orm, monkeypatch):
    """A commune's affected households may be thousands: the page opens with a few, and a
    hamlet or a name finds the rest (the page stays light on a weak signal)."""
    actor = await officer()
    disaster, hamlet = await make_disaster(), await hamlet_of()
    names = ["Ma Văn A", "Ma Văn B", "Ma Văn C"]
    await _affected(actor, disaster, names, hamlet)
    visit = await service.create_visit(actor, visit_in({**VISIT, "disaster_id": str(disaster.id)}))
    monkeypatch.setattr(batch, "FIRST_ROWS", 2)
    first = await batch.find_households(actor, visit.id)
    assert (len(first.households), first.more) == (2, True)
    by_hamlet = await batch.find_households(actor, visit.id, hamlet.id)
    assert (len(by_hamlet.households), by_hamlet.more) == (3, False)
