"""The API's display fields: beside each code, its label from the registry, in the client's
language (Vietnamese by default, English by Accept-Language)."""

from __future__ import annotations

from tests.factories import bearer, make_sponsor, make_user

THAN_SA = "05725"


async def test_each_code_comes_with_its_label(client):
    sponsor = await make_sponsor()
    headers = await bearer(await make_user("province"))
    english = {**headers, "Accept-Language": "en"}
    me = (await client.get("/api/v1/me", headers=headers)).json()
    assert me["role"] == "province" and me["role_label"] == "Cán bộ tỉnh"
    me = (await client.get("/api/v1/me", headers=english)).json()
    assert me["role_label"] == "Province officer"
    found = (await client.get(f"/api/v1/sponsors/{sponsor.id}", headers=headers)).json()
    assert found["kind"] == "newspaper" and found["kind_label"] == "Cơ quan báo chí"
    communes = (await client.get("/api/v1/communes", headers=headers)).json()
    items = communes["items"] if isinstance(communes, dict) else communes
    than_sa = next(c for c in items if c["code"] == THAN_SA)
    assert than_sa["kind"] == "xa" and than_sa["kind_label"] == "Xã"
    hamlets = (await client.get(f"/api/v1/communes/{THAN_SA}/hamlets", headers=english)).json()
    items = hamlets["items"] if isinstance(hamlets, dict) else hamlets
    assert items and all(h["kind_label"] for h in items)
    assert {h["kind_label"] for h in items} <= {"Hamlet (thôn)", "Hamlet (xóm)", "Village (bản)"}
