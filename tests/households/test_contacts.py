"""The contacts rule: a household's ID number and phone are seen by admins and the officers
of its own commune only, in every output (pages, API, search, audit trail)."""

from relief.core import audit
from relief.core.scope import SYSTEM
from tests.factories import bearer, login_as, make_household, make_user

ID, PHONE = "019070001234", "0912345678"


async def test_the_api_gives_contacts_to_the_own_commune_and_admins_only(client):
    h = await make_household(id_number=ID, phone=PHONE)
    for role, shown in (("admin", True), ("commune", True), ("province", False)):
        headers = await bearer(await make_user(role))
        listed = (await client.get("/api/v1/households", headers=headers)).json()["items"]
        one = (await client.get(f"/api/v1/households/{h.id}", headers=headers)).json()
        for item in (listed[0], one):
            assert (item["id_number"], item["phone"]) == ((ID, PHONE) if shown else (None, None))


async def test_the_province_sees_no_contacts_on_the_page_nor_finds_by_them(client):
    h = await make_household(id_number=ID, phone=PHONE)
    await login_as(client, await make_user("province"))
    page = await client.get(f"/households/{h.id}")
    assert page.status_code == 200 and "Hoàng Văn Thắng" in page.text
    assert ID not in page.text and PHONE not in page.text
    found = await client.get("/households", params={"q": ID[:9]})
    assert "Hoàng Văn Thắng" not in found.text
    api = await client.get(
        "/api/v1/households", params={"q": PHONE}, headers=await bearer(await make_user("admin"))
    )
    assert api.json()["total"] == 1  # the admin does find it


async def test_the_audit_trail_hides_contacts_from_the_province(client):
    h = await make_household(id_number=ID, phone=PHONE)
    await audit.record(
        SYSTEM, "create", "household", h.id, commune_id=h.commune_id, after={"id_number": ID}
    )
    await login_as(client, await make_user("province"))
    page = await client.get("/audit")
    assert page.status_code == 200 and ID not in page.text
    await login_as(client, await make_user("admin"))
    assert ID in (await client.get("/audit")).text
