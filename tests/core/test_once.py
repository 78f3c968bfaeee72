"""One-time submission keys: a create sent twice with one key is written once (forms and API)."""

import asyncio

import pytest

from relief.aid.models import AidVisit
from relief.core.models import AuditEntry, SubmissionKey
from relief.households.models import Household
from relief.houses.models import Contribution
from tests.factories import bearer, login_as, make_household, make_user, post_form
from tests.households.factories import hamlet_of, household_data
from tests.houses.factories import open_case

# Concurrent or versioned writes: about the database, so on PostgreSQL too.
pytestmark = pytest.mark.both_databases

KEY = "k" * 20
VISIT = {"visited_on": "2025-10-09", "delegation": "Đoàn xã Thần Sa"}


async def test_a_visit_form_sent_twice_with_one_key_makes_one_visit(client):
    await login_as(client, await make_user("commune"))
    form = await client.get("/visits/new")
    assert 'name="submission_key"' in form.text
    first = await post_form(client, "/visits/new", {**VISIT, "submission_key": KEY})
    again = await post_form(client, "/visits/new", {**VISIT, "submission_key": KEY})
    assert first.status_code == again.status_code == 303
    assert again.headers["location"] == first.headers["location"]
    assert await AidVisit.all().count() == 1
    assert await AuditEntry.filter(entity="aid_visit", action="create").count() == 1
    other = await post_form(client, "/visits/new", {**VISIT, "submission_key": "x" * 20})
    assert other.status_code == 303 and await AidVisit.all().count() == 2


async def test_two_taps_at_once_make_one_contribution(client):
    user = await make_user("commune")
    await login_as(client, user)
    case = await open_case(await make_household())
    data = {"source": "state_budget", "amount_pledged": "5.000.000", "submission_key": KEY}
    answers = await asyncio.gather(
        *(post_form(client, f"/houses/{case.id}/contributions", data) for _ in range(3))
    )
    assert [a.status_code for a in answers] == [303, 303, 303]
    assert await Contribution.filter(house_case_id=case.id).count() == 1
    assert await SubmissionKey.filter(key=KEY).count() == 1


async def test_a_refused_form_keeps_no_key_and_can_be_sent_again_corrected(client):
    await login_as(client, await make_user("commune"))
    bad = await post_form(
        client, "/visits/new", {"visited_on": "2099-01-01", "submission_key": KEY}
    )
    assert bad.status_code == 422 and not await SubmissionKey.exists()
    good = await post_form(client, "/visits/new", {**VISIT, "submission_key": KEY})
    assert good.status_code == 303 and await AidVisit.all().count() == 1


async def test_another_accounts_key_is_refused(client):
    await login_as(client, await make_user("commune"))
    assert (await post_form(client, "/visits/new", {**VISIT, "submission_key": KEY})).is_redirect
    client.cookies.clear()
    await login_as(client, await make_user("commune", username="other"))
    refused = await post_form(client, "/visits/new", {**VISIT, "submission_key": KEY})
    assert refused.status_code == 409
    assert await AidVisit.all().count() == 1


async def test_the_api_replays_the_first_answer_of_an_idempotency_key(client):
    headers = {**await bearer(await make_user("commune")), "Idempotency-Key": KEY}
    first = await client.post("/api/v1/visits", json=VISIT, headers=headers)
    again = await client.post("/api/v1/visits", json=VISIT, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert await AidVisit.all().count() == 1
    without = await client.post(
        "/api/v1/visits", json=VISIT, headers={**headers, "Idempotency-Key": ""}
    )
    assert without.status_code == 400
    refused = await client.post(
        "/api/v1/visits", json={}, headers={**headers, "Idempotency-Key": "y" * 20}
    )
    assert refused.status_code == 422
    assert not await SubmissionKey.filter(key="y" * 20).exists()


async def test_the_api_refuses_a_malformed_idempotency_key(client):
    headers = {**await bearer(await make_user("commune")), "Idempotency-Key": "short"}
    answer = await client.post("/api/v1/visits", json=VISIT, headers=headers)
    assert answer.status_code == 400 and not await AidVisit.exists()


async def test_a_household_form_sent_twice_with_one_key_makes_one_household(client):
    # The duplicate check's lock is taken inside the key's own transaction (a nested one).
    await login_as(client, await make_user("commune"))
    data = {**await household_data(), "submission_key": KEY}
    first = await post_form(client, "/households/new", data)
    again = await post_form(client, "/households/new", data)
    assert first.status_code == again.status_code == 303
    assert again.headers["location"] == first.headers["location"]
    assert await Household.all().count() == 1
    assert await AuditEntry.filter(entity="household", action="create").count() == 1


async def test_the_api_creates_a_household_once_with_an_idempotency_key(client):
    headers = {**await bearer(await make_user("commune")), "Idempotency-Key": KEY}
    body = {**await household_data(), "hamlet_id": (await hamlet_of()).id}
    first = await client.post("/api/v1/households", json=body, headers=headers)
    again = await client.post("/api/v1/households", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert await Household.all().count() == 1


async def test_an_idempotency_key_sent_with_another_body_is_refused_and_writes_nothing(client):
    headers = {**await bearer(await make_user("commune")), "Idempotency-Key": KEY}
    first = await client.post("/api/v1/visits", json=VISIT, headers=headers)
    other = {**VISIT, "delegation": "Đoàn huyện Vị Xuyên"}
    refused = await client.post("/api/v1/visits", json=other, headers=headers)
    assert (refused.status_code, refused.json()["detail"]) == (
        422,
        "Idempotency-Key này đã được dùng cho một yêu cầu khác.",
    )
    assert await AidVisit.all().values_list("delegation", flat=True) == ["Đoàn xã Thần Sa"]
    # The same body again is still the first answer, and still one visit.
    again = await client.post("/api/v1/visits", json=VISIT, headers=headers)
    assert (again.status_code, again.json()) == (201, first.json())
    assert again.headers["idempotent-replayed"] == "true"
    assert await AidVisit.all().count() == 1


async def test_an_idempotency_key_sent_to_another_route_is_refused(client):
    headers = {**await bearer(await make_user("commune")), "Idempotency-Key": KEY}
    assert (await client.post("/api/v1/visits", json=VISIT, headers=headers)).status_code == 201
    body = {**await household_data(), "hamlet_id": (await hamlet_of()).id}
    refused = await client.post("/api/v1/households", json=body, headers=headers)
    assert refused.status_code == 422
    assert not await Household.exists()
