"""The contacts rule: a household's ID number and phone are seen by admins and the officers
of its own commune only, in every output (pages, API, search, audit trail)."""

from relief.core import audit
from relief.core.actor import SYSTEM
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


async def test_a_front_officer_reads_names_and_hamlets_of_its_commune_but_no_contacts(client):
    """The Fatherland Front sees households' names and hamlets, never ID numbers or phones,
    only in its commune, and writes none of them."""
    h = await make_household(id_number=ID, phone=PHONE)
    other = await make_household("05665", head_name="Lục Thị Mai", id_number="019180004321")
    front = await make_user("front", commune_code="05725")
    await login_as(client, front)
    listed = await client.get("/households")
    assert listed.status_code == 200 and "Hoàng Văn Thắng" in listed.text
    assert "Lục Thị Mai" not in listed.text
    page = await client.get(f"/households/{h.id}")
    assert page.status_code == 200 and "Hoàng Văn Thắng" in page.text
    hamlet = await h.hamlet
    assert hamlet.name in page.text
    assert ID not in page.text and PHONE not in page.text
    printed = await client.get("/households/print")
    assert "Hoàng Văn Thắng" in printed.text and ID not in printed.text
    assert "Hoàng Văn Thắng" not in (await client.get("/households", params={"q": ID})).text
    assert (await client.get(f"/households/{other.id}")).status_code == 404
    assert (await client.get("/households/new")).status_code == 403
    headers = await bearer(front)
    one = (await client.get(f"/api/v1/households/{h.id}", headers=headers)).json()
    assert one["head_name"] == "Hoàng Văn Thắng"
    assert (one["id_number"], one["phone"]) == (None, None)
    items = (await client.get("/api/v1/households", headers=headers)).json()["items"]
    assert [i["id"] for i in items] == [h.id]
    edit = await client.patch(
        f"/api/v1/households/{h.id}", json={"head_name": "Hoàng Văn Thắm"}, headers=headers
    )
    assert edit.status_code == 403
