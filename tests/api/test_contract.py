"""The API describes itself: a request schema for every write, the parameters of every list,
pages of one shape, a commune filter, hamlets with their ids, and versions on every update."""

from __future__ import annotations

from pathlib import Path

from relief.app import create_app
from relief.households.models import Household
from relief.places.models import Commune, Hamlet
from relief.settings import Settings
from tests.factories import bearer, make_household, make_user
from tests.households.factories import make_disaster
from tests.houses.factories import open_case

THAN_SA, VAN_LANG = "05725", "05665"
LISTS = {
    "/api/v1/households": {"q", "commune", "hamlet", "band", "poverty", "sort"},
    "/api/v1/visits": {"commune"},
    "/api/v1/damage-assessments": {"commune", "household_id", "disaster_id"},
    "/api/v1/houses": {"commune", "stage", "programme", "kind", "q"},
    "/api/v1/lists": {"commune", "programme", "year", "state"},
}


async def visit_of(client, household: Household) -> dict:
    """A visit of the household's commune with the household in it, made through the API."""
    commune = await Commune.get(id=household.commune_id)
    officer = await bearer(await make_user("commune", commune_code=commune.code))
    body = {
        "visited_on": "2025-10-09",
        "delegation": "Đoàn công tác UBND xã",
        "gifts": [{"household_id": household.id, "cash": 1_000_000}],
    }
    created = await client.post("/api/v1/visits", json=body, headers=officer)
    assert created.status_code == 201, created.text
    return created.json()


async def assess(client, household: Household, disaster) -> None:
    commune = await Commune.get(id=household.commune_id)
    officer = await bearer(await make_user("commune", commune_code=commune.code))
    body = {"household_id": household.id, "disaster_id": disaster.id, "band": "partial"}
    created = await client.post(
        "/api/v1/damage-assessments", json={**body, "assessed_on": "2025-10-10"}, headers=officer
    )
    assert created.status_code == 201, created.text


async def draft_list_of(client, household: Household) -> dict:
    """A beneficiary list of the household's commune with the household on it, drafted
    through the API by the commune's officer."""
    commune = await Commune.get(id=household.commune_id)
    officer = await bearer(await make_user("commune", commune_code=commune.code))
    body = {"programme": "disaster_recovery", "year": 2025, "household_ids": [household.id]}
    created = await client.post("/api/v1/lists", json=body, headers=officer)
    assert created.status_code == 201, created.text
    return created.json()


def _schema() -> dict:
    app = create_app(
        Settings(
            database_url="sqlite://:memory:",
            secret_key="x" * 40,
            var_dir=Path("/nonexistent"),
            media_dir=Path("/nonexistent"),
            password_profile="CHEAPEST",
        )
    )
    return app.openapi_schema.to_schema()


def _resolve(schema: dict, node: dict) -> dict:
    ref = node.get("$ref")
    return schema["components"]["schemas"][ref.rsplit("/", 1)[1]] if ref else node


def test_every_write_documents_its_body_and_its_errors():
    schema = _schema()
    writes = [
        (method, path, op)
        for path, item in schema["paths"].items()
        for method, op in item.items()
        if method in ("post", "patch", "put") and path.startswith("/api/")
    ]
    assert len(writes) >= 20
    for method, path, op in writes:
        content = op["requestBody"]["content"]
        (body,) = content.values()
        assert _resolve(schema, body["schema"])["properties"], (method, path)
        assert {"401", "403", "404", "409", "422"} <= set(op["responses"]), (method, path)
        error = op["responses"]["422"]["content"]["application/json"]["schema"]
        assert {"errors", "codes"} <= set(_resolve(schema, error)["properties"])


def test_every_list_documents_its_parameters_and_answers_a_page():
    schema = _schema()
    for path, filters in LISTS.items():
        op = schema["paths"][path]["get"]
        params = {p["name"]: p for p in op["parameters"]}
        assert filters | {"page", "per_page"} <= set(params), path
        assert params["per_page"]["schema"]["maximum"] == 200
        page = _resolve(schema, op["responses"]["200"]["content"]["application/json"]["schema"])
        # The household list counts up to a bound and says when more match (issue 29).
        counted_up_to = {"more"} if path == "/api/v1/households" else set()
        assert set(page["properties"]) == {"items", "total", "page", "pages"} | counted_up_to, path


async def test_the_province_filters_every_list_by_commune(client):
    here = await make_household(THAN_SA)
    there = await make_household(VAN_LANG)
    disaster = await make_disaster()
    for household in (here, there):
        await visit_of(client, household)
        await open_case(household)
        await assess(client, household, disaster)
        await draft_list_of(client, household)
    province = await bearer(await make_user("province"))
    for path in LISTS:
        everything = (await client.get(path, headers=province)).json()
        assert everything["total"] == 2, path
        mine = await client.get(path, params={"commune": THAN_SA}, headers=province)
        assert mine.json()["total"] == 1 and mine.json()["pages"] == 1, path
        one = await client.get(path, params={"per_page": 1, "page": 2}, headers=province)
        assert (one.json()["page"], one.json()["pages"], len(one.json()["items"])) == (2, 2, 1)
        too_many = await client.get(path, params={"per_page": 201}, headers=province)
        assert too_many.status_code == 400 and too_many.json()["codes"] == {"per_page": "invalid"}


async def test_hamlets_of_a_commune_come_with_the_ids_writes_refer_to(client):
    communes = (await client.get("/api/v1/communes")).json()
    than_sa = next(c for c in communes if c["code"] == THAN_SA)
    assert than_sa["id"] == (await Commune.get(code=THAN_SA)).id
    hamlets = (await client.get(f"/api/v1/communes/{THAN_SA}/hamlets")).json()
    stored = await Hamlet.filter(commune_id=than_sa["id"]).values_list("id", flat=True)
    assert sorted(h["id"] for h in hamlets) == sorted(stored) and hamlets
    assert {h["commune_id"] for h in hamlets} == {than_sa["id"]}
    officer = await bearer(await make_user("commune"))
    body = {"hamlet_id": hamlets[0]["id"], "head_name": "Lý Văn Minh", "members": 3}
    created = await client.post("/api/v1/households", json=body, headers=officer)
    assert created.status_code == 201, created.text
    assert (await client.get("/api/v1/communes/99999/hamlets")).status_code == 404


async def test_every_update_without_the_version_read_is_refused_with_422(client):
    household = await make_household()
    disaster = await make_disaster()
    visit = await visit_of(client, household)
    case = await open_case(household)
    headers = await bearer(await make_user("admin"))
    updates = [
        ("PATCH", f"/api/v1/households/{household.id}", {"members": 5}),
        ("POST", f"/api/v1/households/{household.id}/archive", {"reason": "Chuyển đi"}),
        ("PATCH", f"/api/v1/disasters/{disaster.id}", {"name": "Bão"}),
        ("PATCH", f"/api/v1/visits/{visit['id']}", {"leader": "Ông Nông Văn Hải"}),
        ("PATCH", f"/api/v1/aid-given/{visit['gifts'][0]['id']}", {"cash": 5}),
        ("POST", f"/api/v1/houses/{case.id}/stage", {"to": "approved", "on": "2025-10-20"}),
    ]
    blist = await draft_list_of(client, household)
    entry = blist["entries"][0]
    updates += [
        ("PATCH", f"/api/v1/lists/{blist['id']}", {"note": "Đợt 1"}),
        ("PATCH", f"/api/v1/lists/entries/{entry['id']}", {"proposed_amount": 5}),
        ("POST", f"/api/v1/lists/entries/{entry['id']}/remove", {"reason": "Trùng"}),
        ("POST", f"/api/v1/lists/{blist['id']}/send-to-review", {}),
    ]
    for method, path, body in updates:
        response = await client.request(method, path, json=body, headers=headers)
        assert response.status_code == 422, (path, response.text)
        assert response.json()["codes"] == {"version": "required"}, path
    gift = visit["gifts"][0]["id"]
    response = await client.delete(f"/api/v1/aid-given/{gift}", headers=headers)
    assert response.status_code == 422 and response.json()["codes"] == {"version": "required"}
    assert (await Household.get(id=household.id)).members == household.members


async def test_a_partial_update_keeps_the_fields_left_out(client):
    case = await open_case()
    headers = await bearer(await make_user("admin"))
    added = await client.post(
        f"/api/v1/houses/{case.id}/contributions",
        json={"source": "state_budget", "amount_pledged": 40_000_000},
        headers=headers,
    )
    assert added.status_code == 201, added.text
    contribution = added.json()
    changed = await client.patch(
        f"/api/v1/contributions/{contribution['id']}",
        json={"version": contribution["version"], "note": "Đợt 1"},
        headers=headers,
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["amount_pledged"], changed.json()["note"]) == (40_000_000, "Đợt 1")
    household = (
        await client.get(f"/api/v1/households/{case.household_id}", headers=headers)
    ).json()
    renamed = await client.patch(
        f"/api/v1/households/{household['id']}",
        json={"version": household["version"], "head_name": "Hoàng Văn Thắng B"},
        headers=headers,
    )
    assert renamed.json()["members"] == household["members"]
    assert renamed.json()["phone"] == household["phone"]
