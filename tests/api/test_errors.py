"""One error shape for the whole API: 422 with every bad field, its message in the client's
language (Vietnamese by default) and a machine code beside it."""

from __future__ import annotations

import pytest

from relief.houses.models import HouseCase
from relief.sponsors.models import Sponsor
from tests.factories import bearer, make_household, make_user
from tests.houses.factories import open_case

REQUIRED_VI = "Vui lòng nhập trường này."
CREATES = [
    "/api/v1/households",
    "/api/v1/disasters",
    "/api/v1/damage-assessments",
    "/api/v1/visits",
    "/api/v1/houses",
    "/api/v1/handovers",
    "/api/v1/sponsors",
    "/api/v1/pledges",
]


async def admin_headers():
    return await bearer(await make_user("admin"))


@pytest.mark.parametrize("path", CREATES)
async def test_an_empty_object_sent_to_a_create_answers_422_naming_each_field(client, path):
    response = await client.post(path, json={}, headers=await admin_headers())
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["errors"] and set(body["codes"]) == set(body["errors"])
    assert "required" in body["codes"].values()
    required = [f for f, code in body["codes"].items() if code == "required"]
    assert body["errors"][required[0]] == REQUIRED_VI


async def test_an_empty_object_added_to_a_record_answers_422_naming_each_field(client):
    case = await open_case()
    headers = await admin_headers()
    for path in (
        f"/api/v1/houses/{case.id}/contributions",
        f"/api/v1/houses/{case.id}/vouchers",
    ):
        response = await client.post(path, json={}, headers=headers)
        assert response.status_code == 422, response.text
        assert set(response.json()["codes"].values()) == {"required"}


async def test_every_bad_field_of_a_house_is_named_at_once(client):
    household = await make_household()
    response = await client.post(
        "/api/v1/houses",
        json={"household_id": household.id, "kind": 5, "area_m2": "big", "proposed_on": "hôm qua"},
        headers=await admin_headers(),
    )
    assert response.status_code == 422
    assert response.json()["codes"] == {
        "programme": "required",
        "kind": "not_text",
        "area_m2": "not_number",
        "proposed_on": "not_date",
    }
    assert not await HouseCase.exists()


async def test_sponsors_answer_422_with_translated_messages_like_every_area(client):
    headers = await admin_headers()
    response = await client.post(
        "/api/v1/sponsors", json={"name": "x" * 201, "kind": "company"}, headers=headers
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {"name": "Nội dung quá dài."}
    assert response.json()["codes"] == {"name": "too_long"}
    english = await client.post(
        "/api/v1/sponsors",
        json={"kind": "company"},
        headers={**headers, "Accept-Language": "en-GB,en;q=0.9,vi;q=0.5"},
    )
    assert english.json()["errors"] == {"name": "This field is required."}
    assert not await Sponsor.exists()


async def test_accept_language_picks_the_best_language_the_interface_speaks(client):
    headers = await admin_headers()
    for accepted, expected in [
        ("fr, en;q=0.8", "This field is required."),
        ("en;q=0.2, vi;q=0.9", REQUIRED_VI),
        ("de", REQUIRED_VI),
    ]:
        response = await client.post(
            "/api/v1/sponsors", json={}, headers={**headers, "Accept-Language": accepted}
        )
        assert response.json()["errors"]["name"] == expected, accepted


async def test_a_body_that_is_not_an_object_is_refused_field_less(client):
    response = await client.post("/api/v1/sponsors", json=[1, 2], headers=await admin_headers())
    assert response.status_code == 422
    assert response.json()["codes"] == {"body": "not_object"}


async def test_a_stage_move_without_the_version_read_is_refused(client):
    case = await open_case()
    response = await client.post(
        f"/api/v1/houses/{case.id}/stage",
        json={"to": "approved", "on": "2025-10-20"},
        headers=await admin_headers(),
    )
    assert response.status_code == 422
    assert response.json()["codes"] == {"version": "required"}
    assert (await HouseCase.get(id=case.id)).stage.value == "proposed"


async def test_a_body_for_a_record_outside_the_scope_answers_404_whatever_it_holds(client):
    case = await open_case(await make_household("05725"))
    other = await bearer(await make_user("commune", commune_code="05665"))
    response = await client.post(f"/api/v1/houses/{case.id}/stage", json=[], headers=other)
    assert response.status_code == 404


async def test_an_id_beyond_any_record_answers_422_not_a_server_error(client):
    """Found by the fuzzing: the ledger's ids went to the database unchecked, where SQLite
    cannot hold an integer this large."""
    headers = await admin_headers()
    allocation = {
        "fund_id": 1,
        "amount": 1_000,
        "decision_number": "01/QĐ",
        "decision_date": "2025-10-20",
        "allocated_on": "2025-10-20",
        "donation_id": 2**94,
    }
    donation = {
        "level": "province",
        "channel": "transfer",
        "amount": 1_000,
        "received_on": "2025-10-20",
        "sponsor_id": 2**94,
    }
    for path, body, field in [
        ("/api/v1/ledger/allocations", allocation, "donation_id"),
        ("/api/v1/ledger/donations", donation, "sponsor_id"),
    ]:
        response = await client.post(path, json=body, headers=headers)
        assert response.status_code == 422, (path, response.text)
        assert field in response.json()["codes"], path
