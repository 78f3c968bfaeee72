"""Text is cleaned where it enters: an invisible character cannot slip past the duplicate
check or search, whether typed in a form or sent to the API."""

import pytest

from relief.core.errors import Invalid
from relief.households import service
from relief.households.records import HOUSEHOLD
from relief.households.search import HouseholdFilter, search_households
from tests.factories import actor_for, bearer, make_user
from tests.households.factories import household_data, officer


async def test_a_zero_width_space_does_not_hide_a_duplicate(orm):
    actor = await officer()
    first = await household_data(head_name="Hoàng Văn Thắng", id_number="")
    await service.create_household(actor, HOUSEHOLD.form(first))
    twin = await household_data(head_name="Ho\u200bàng Văn\x07 Thắng", id_number="", phone="")
    with pytest.raises(Invalid) as caught:
        await service.create_household(actor, HOUSEHOLD.form(twin))
    assert "confirm_duplicate" in caught.value.field_errors


async def test_a_name_sent_to_the_api_is_stored_and_found_clean(client):
    user = await make_user("commune")
    data = await household_data(head_name="Lò\x07 Thị\u200b Mai\u202e")
    response = await client.post("/api/v1/households", json=data, headers=await bearer(user))
    assert response.status_code == 201, response.text
    assert response.json()["head_name"] == "Lò Thị Mai"

    found = await search_households(actor_for(user), HouseholdFilter(q="lo thi mai"))
    assert [h.head_name for h in found.items] == ["Lò Thị Mai"]
