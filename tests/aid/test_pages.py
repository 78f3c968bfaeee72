"""The aid visit pages over HTTP: a visit, households picked by an accent-free search."""

from relief.aid.models import AidGiven, AidVisit
from tests.factories import login_as, make_household, make_user, post_form


async def test_a_visit_is_recorded_and_households_are_added_from_the_search(client):
    await login_as(client, await make_user("commune"))
    bad = await post_form(client, "/visits/new", {"visited_on": "2099-01-01"})
    assert bad.status_code == 422
    assert 'id="e-visited_on">Ngày này ở tương lai.' in bad.text and 'id="e-delegation"' in bad.text
    created = await post_form(
        client, "/visits/new", {"visited_on": "2025-10-09", "delegation": "Đoàn xã Thần Sa"}
    )
    assert created.status_code == 303
    visit = await AidVisit.get()
    h = await make_household(head_name="Nông Thị Thảo")
    found = await client.get(f"/visits/{visit.id}", params={"q": "nong thi thao"})
    assert "Thêm Nông Thị Thảo" in found.text
    refused = await post_form(
        client, f"/visits/{visit.id}/gifts", {"household_id": h.id, "cash": "1,5"}
    )
    assert refused.status_code == 422
    assert '<div class="error">Hãy nhập số tiền theo đồng' in refused.text
    assert not await AidGiven.exists()
    added = await post_form(
        client,
        f"/visits/{visit.id}/gifts",
        {"household_id": h.id, "cash": "2.000.000", "goods": "Gạo", "goods_value": "300 000"},
    )
    assert added.status_code == 303
    page = await client.get(f"/visits/{visit.id}")
    assert "2.000.000" in page.text and "2.300.000" in page.text
    household = await client.get(f"/households/{h.id}")
    assert "Đoàn xã Thần Sa" in household.text


async def test_a_visit_of_another_commune_is_404_for_an_officer(client):
    admin = await make_user("admin")
    await login_as(client, admin)
    other = await make_household(commune_code="05665")
    created = await post_form(
        client,
        "/visits/new",
        {"visited_on": "2025-10-09", "delegation": "Đoàn", "commune_id": other.commune_id},
    )
    assert created.status_code == 303
    visit = await AidVisit.get()
    client.cookies.clear()
    await login_as(client, await make_user("commune"))
    assert (await client.get(f"/visits/{visit.id}")).status_code == 404
    sponsor = await make_user("sponsor")
    client.cookies.clear()
    await login_as(client, sponsor)
    assert (await client.get("/visits")).status_code == 403


async def test_a_new_visit_lands_on_adding_households_and_a_search_keeps_the_ticks(client):
    await login_as(client, await make_user("commune"))
    created = await post_form(
        client, "/visits/new", {"visited_on": "2025-10-09", "delegation": "Đoàn xã Thần Sa"}
    )
    visit = await AidVisit.get()
    assert created.headers["location"] == f"/visits/{visit.id}/batch"
    chosen = await make_household(head_name="Nông Thị Thảo")
    other = await make_household(head_name="Hà Văn Sơn")
    # The search button posts the form back: what was ticked and typed stays.
    found = await post_form(
        client,
        f"/visits/{visit.id}/batch",
        {
            "find": "1",
            "q": "ha van son",
            "everyone": "1",
            "household_ids": str(chosen.id),
            "cash": "700.000",
        },
    )
    assert found.status_code == 200
    chosen_part = found.text.split('id="chosen"')[1].split('id="found"')[0]
    found_part = found.text.split('id="found"')[1]
    assert (
        f'value="{chosen.id}" checked' in chosen_part,
        f'value="{other.id}"' in found_part,
        'value="700.000"' in found.text,
        await AidGiven.exists(),
    ) == (True, True, True, False)
