"""The sponsor registry and pledges: rules in the service, the same over HTTP."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from relief.core.errors import Conflict, Forbidden, Invalid
from relief.core.formatting import local_today
from relief.core.models import AuditEntry
from relief.sponsors import service
from relief.sponsors.models import Pledge, Sponsor
from tests.factories import actor_for, bearer, login_as, make_sponsor, make_user, post_form


async def test_a_sponsor_is_registered_once_whatever_the_accents(orm):
    province = actor_for(await make_user("province"))
    sponsor = await service.create_sponsor(
        province,
        service.SponsorInput(name="Báo  Xây dựng", kind="newspaper", phone="+84 912 345 678"),
    )
    assert sponsor.name == "Báo Xây dựng" and sponsor.phone == "0912345678"
    with pytest.raises(Conflict):
        await service.create_sponsor(
            province, service.SponsorInput(name="bao xay dung", kind="company")
        )
    with pytest.raises(Invalid) as err:
        await service.create_sponsor(
            province, service.SponsorInput(name="", kind="bank", phone="12", email="x@")
        )
    assert set(err.value.field_errors) == {"name", "kind", "phone", "email"}
    officer = actor_for(await make_user("commune"))
    with pytest.raises(Forbidden):
        await service.create_sponsor(officer, service.SponsorInput(name="X", kind="company"))
    assert [s.name for s in await service.list_sponsors(officer, "xay dung")] == ["Báo Xây dựng"]


async def test_pledges_for_a_commune_or_the_province(orm):
    admin = actor_for(await make_user("admin"))
    sponsor = await service.create_sponsor(
        admin, service.SponsorInput(name="Petrolimex", kind="company")
    )
    pledge = await service.create_pledge(
        admin,
        service.PledgeInput(
            sponsor_id=sponsor.id, amount=500_000_000, houses=10, pledged_on=date(2025, 10, 25)
        ),
    )
    assert pledge.commune_id is None and pledge.sponsor.name == "Petrolimex"
    with pytest.raises(Invalid) as err:
        await service.create_pledge(
            admin,
            service.PledgeInput(
                sponsor_id=sponsor.id,
                amount=0,
                houses=-1,
                pledged_on=local_today() + timedelta(days=1),
                commune_id=999_999,
            ),
        )
    assert set(err.value.field_errors) == {"amount", "houses", "pledged_on", "commune_id"}
    assert await Pledge.all().count() == 1


async def test_the_registry_over_http(client):
    province = await make_user("province")
    headers = await bearer(province)
    created = await client.post(
        "/api/v1/sponsors", json={"name": "Báo Xây dựng", "kind": "newspaper"}, headers=headers
    )
    assert created.status_code == 201
    sponsor_id = created.json()["id"]
    pledge = await client.post(
        "/api/v1/pledges",
        json={"sponsor_id": sponsor_id, "amount": 150_000_000, "pledged_on": "2025-10-20"},
        headers=headers,
    )
    assert pledge.status_code == 201 and pledge.json()["commune"] is None
    officer = await make_user("commune")
    listed = await client.get("/api/v1/pledges", headers=await bearer(officer))
    assert [p["amount"] for p in listed.json()["items"]] == [150_000_000]
    refused = await client.post(
        "/api/v1/sponsors", json={"name": "X", "kind": "company"}, headers=await bearer(officer)
    )
    assert refused.status_code == 403
    await login_as(client, province)
    page = await post_form(client, f"/sponsors/{sponsor_id}/pledges", {"amount": "abc"})
    assert page.status_code == 422 and "Vui lòng sửa các lỗi" in page.text
    ok = await post_form(
        client,
        f"/sponsors/{sponsor_id}/pledges",
        {"amount": "60.000.000", "houses": "1", "pledged_on": "20/10/2025"},
    )
    assert ok.status_code == 303
    assert "60.000.000" in (await client.get(f"/sponsors/{sponsor_id}")).text


async def test_a_sponsor_is_corrected_on_its_edit_page(client):
    sponsor = await make_sponsor("Bao Xay dung")
    province = await make_user("province", username="tinh")
    await login_as(client, province)
    detail = await client.get(f"/sponsors/{sponsor.id}")
    assert f'href="/sponsors/{sponsor.id}/edit"' in detail.text
    form = await client.get(f"/sponsors/{sponsor.id}/edit")
    assert form.status_code == 200 and 'value="Bao Xay dung"' in form.text
    assert 'name="version" value="1"' in form.text
    fields = {"name": "Báo Xây dựng", "kind": "newspaper", "phone": "0912 345 678", "version": "1"}
    bad = await post_form(client, f"/sponsors/{sponsor.id}/edit", {**fields, "email": "x@"})
    assert bad.status_code == 422 and "ten@example.vn" in bad.text
    saved = await post_form(client, f"/sponsors/{sponsor.id}/edit", fields)
    assert saved.status_code == 303 and saved.headers["location"] == f"/sponsors/{sponsor.id}"
    assert "Báo Xây dựng" in (await client.get(f"/sponsors/{sponsor.id}")).text
    stale = await post_form(client, f"/sponsors/{sponsor.id}/edit", {**fields, "name": "Báo X"})
    assert stale.status_code == 409 and 'value="Báo X"' in stale.text
    entry = await AuditEntry.get(entity="sponsor", entity_id=str(sponsor.id), action="update")
    assert entry.username == "tinh" and entry.before["name"] == "Bao Xay dung"
    assert entry.after == {"name": "Báo Xây dựng", "phone": "0912345678", "version": 2}


async def test_only_the_registry_keepers_may_correct_a_sponsor(client):
    sponsor = await make_sponsor()
    for role in ("commune", "sponsor"):
        await login_as(client, await make_user(role))
        assert (await client.get(f"/sponsors/{sponsor.id}/edit")).status_code == 403
        refused = await post_form(
            client, f"/sponsors/{sponsor.id}/edit", {"name": "X", "kind": "company", "version": "1"}
        )
        assert refused.status_code == 403
    await login_as(client, await make_user("commune", commune_code="05725"))
    assert "/edit" not in (await client.get(f"/sponsors/{sponsor.id}")).text
    assert (await Sponsor.get(id=sponsor.id)).name == "Báo Xây dựng"
    assert not await AuditEntry.filter(entity="sponsor", action="update").exists()
