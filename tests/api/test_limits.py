"""Input limits of the JSON API: one request cannot stall the others (a list of a million ids,
a body nested a thousand deep, a body of megabytes), and a name needs a letter."""

from __future__ import annotations

import json

import pytest

from relief.core import bodies
from relief.households.models import Household
from relief.houses.models import Handover
from tests.factories import bearer, make_user
from tests.households.factories import hamlet_of, household_data

TOO_MANY_VI = "Một danh sách có tối đa 1000 mục."
TOO_DEEP_VI = "Nội dung yêu cầu lồng nhau quá sâu (tối đa 16 cấp)."
NO_LETTER_VI = "Tên phải có ít nhất một chữ cái."


async def officer():
    return await bearer(await make_user("commune"))


def handover(house_ids: list[int]) -> dict:
    return {
        "held_on": "2025-11-20",
        "place": "Nhà văn hóa thôn Kim Sơn",
        "organisers": "UBND xã Thần Sa",
        "house_ids": house_ids,
    }


async def test_a_list_longer_than_the_cap_is_refused_naming_the_field_and_the_cap(client):
    assert str(bodies.MAX_ITEMS) in bodies.TOO_MANY_ITEMS  # the message says the cap
    response = await client.post(
        "/api/v1/handovers",
        json=handover(list(range(1, bodies.MAX_ITEMS + 2))),
        headers=await officer(),
    )
    assert response.status_code == 422, response.text
    body = response.json()
    assert (body["errors"], body["codes"]) == (
        {"house_ids": TOO_MANY_VI},
        {"house_ids": "too_many_items"},
    )
    assert not await Handover.exists()


async def test_a_list_inside_an_item_is_capped_too(client):
    hamlet = await hamlet_of()
    response = await client.post(
        "/api/v1/damage-assessments",
        json={"hamlet_id": hamlet.id, "needs": ["food"] * (bodies.MAX_ITEMS + 1)},
        headers=await officer(),
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {"needs": TOO_MANY_VI}


@pytest.mark.parametrize("depth", [bodies.MAX_DEPTH + 1, 5000])
async def test_a_body_nested_deeper_than_the_bound_answers_400_before_it_is_parsed(client, depth):
    nested = "[" * depth + "]" * depth
    response = await client.post(
        "/api/v1/households",
        content=f'{{"head_name": {nested}}}',
        headers={**await officer(), "content-type": "application/json"},
    )
    assert response.status_code == 400, response.text
    assert response.json()["detail"] == TOO_DEEP_VI


async def test_unclosed_brackets_answer_400_not_a_server_error(client):
    response = await client.post(
        "/api/v1/households",
        content="[" * 100_000,
        headers={**await officer(), "content-type": "application/json"},
    )
    assert (response.status_code, response.json()["detail"]) == (
        400,
        "Nội dung yêu cầu không phải JSON hợp lệ.",
    )


async def test_a_body_nested_to_the_bound_is_decoded_as_usual(client):
    nested = "[" * bodies.MAX_DEPTH + "]" * bodies.MAX_DEPTH
    response = await client.post(
        "/api/v1/households",
        content=f'{{"head_name": "Lò Văn Páo", "needs": "[[[[", "x": {nested[2:-2]}}}',
        headers={**await officer(), "content-type": "application/json"},
    )
    assert response.status_code == 422  # the fields' own messages: the body was read
    assert "head_name" not in response.json()["errors"]


async def test_a_body_over_the_size_limit_is_refused_unread(client):
    ids = ",".join(["1234567"] * 200_000)  # 1.6 MB: a million ids was 8 MB
    response = await client.post(
        "/api/v1/handovers",
        content=f'{{"house_ids": [{ids}]}}',
        headers={**await officer(), "content-type": "application/json"},
    )
    assert response.status_code == 413
    assert not await Handover.exists()


@pytest.mark.parametrize("name", ["\u0301\u0303\u0309", "12345", "...", "-- !"])
async def test_a_head_name_without_a_letter_is_refused(client, name):
    data = await household_data(head_name=name)
    response = await client.post("/api/v1/households", json=data, headers=await officer())
    assert response.status_code == 422, response.text
    assert response.json()["errors"] == {"head_name": NO_LETTER_VI}
    assert response.json()["codes"] == {"head_name": "no_letter"}
    assert not await Household.exists()


def test_the_depth_of_json_is_found_without_parsing_it():
    deep = json.dumps({"a": [1, {"b": ['[[[[\\"', [[]]]}]}).encode()
    assert bodies.nesting_error(deep, 6) is None
    assert bodies.nesting_error(deep, 5) == bodies.TOO_DEEP
    assert bodies.nesting_error(b'{"a": "]]]]"}', 1) is None
    assert bodies.nesting_error(b'{"a": [1, 2}', 16) == bodies.NOT_JSON
