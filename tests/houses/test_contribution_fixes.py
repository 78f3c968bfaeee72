"""A contribution booked by mistake: deleted with a reason, or given to another sponsor; the
wrong sponsor stops seeing the house at once, in the portal and the API."""

from __future__ import annotations

from relief.core.models import AuditEntry
from relief.houses.models import Contribution, FundingSource
from tests.factories import bearer, login_as, make_sponsor, make_user, post_form
from tests.houses.factories import open_case


async def _funded_by(name: str):
    sponsor = await make_sponsor(name)
    case = await open_case()
    contribution = await Contribution.create(
        house_case=case,
        commune_id=case.commune_id,
        source=FundingSource.SPONSOR,
        sponsor=sponsor,
        amount_pledged=5_000_000,
    )
    return sponsor, case, contribution


async def _sees(client, sponsor, case) -> tuple[int, int]:
    user = await make_user("sponsor", sponsor=sponsor)
    api = await client.get(f"/api/v1/portal/houses/{case.id}", headers=await bearer(user))
    await login_as(client, user)
    page = await client.get(f"/portal/houses/{case.id}")
    client.cookies.clear()
    return api.status_code, page.status_code


async def test_a_deleted_contribution_needs_a_reason_is_audited_and_ends_the_sponsors_sight(
    client,
):
    sponsor, case, contribution = await _funded_by("Công ty Nhầm")
    assert await _sees(client, sponsor, case) == (200, 200)
    officer = await make_user("commune")
    headers = await bearer(officer)
    url = f"/api/v1/contributions/{contribution.id}/delete"
    refused = await client.post(url, json={"version": 1}, headers=headers)
    assert refused.status_code == 422 and "reason" in refused.json()["errors"]
    assert await Contribution.exists(id=contribution.id)

    done = await client.post(
        url, json={"reason": "Ghi nhầm nhà tài trợ", "version": 1}, headers=headers
    )
    assert done.status_code == 204
    assert not await Contribution.exists(id=contribution.id)
    entry = await AuditEntry.get(entity="contribution", action="delete")
    assert entry.reason == "Ghi nhầm nhà tài trợ" and entry.before["amount_pledged"] == 5_000_000
    assert await _sees(client, sponsor, case) == (404, 404)


async def test_a_contribution_given_to_the_right_sponsor_moves_the_sight_with_it(client):
    wrong, case, contribution = await _funded_by("Công ty Nhầm")
    right = await make_sponsor("Công ty Đúng")
    await login_as(client, await make_user("commune"))
    response = await post_form(
        client,
        f"/contributions/{contribution.id}/sponsor",
        {"sponsor_id": str(right.id), "reason": "Chuyển đúng", "version": "1"},
    )
    assert response.status_code == 303
    client.cookies.clear()
    assert (await Contribution.get(id=contribution.id)).sponsor_id == right.id
    entry = await AuditEntry.get(entity="contribution", action="update")
    assert (entry.before, entry.after, entry.reason) == (
        {"sponsor_id": wrong.id, "version": 1},
        {"sponsor_id": right.id, "version": 2},
        "Chuyển đúng",
    )
    assert await _sees(client, wrong, case) == (404, 404)
    assert await _sees(client, right, case) == (200, 200)


async def test_the_page_delete_asks_for_a_reason_and_another_commune_cannot(client):
    _, _case, contribution = await _funded_by("Công ty Nhầm")
    await login_as(client, await make_user("commune", commune_code="05665"))
    url = f"/contributions/{contribution.id}/delete"
    assert (await post_form(client, url, {"reason": "x", "version": "1"})).status_code == 404
    await login_as(client, await make_user("commune"))
    assert (await post_form(client, url, {"reason": "", "version": "1"})).status_code == 422
    assert (await post_form(client, url, {"reason": "Trùng"})).status_code == 422  # no version
    assert (await post_form(client, url, {"reason": "Trùng", "version": "1"})).status_code == 303
    assert not await Contribution.exists(id=contribution.id)
