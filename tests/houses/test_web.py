"""The houses over HTTP: pages and API call the same rules; sponsors see no personal data."""

from __future__ import annotations

from relief.core.actor import SYSTEM
from relief.core.formatting import local_today
from relief.houses import funding, handovers
from relief.houses.models import FundingSource, HouseCase, Stage
from tests.factories import bearer, login_as, make_household, make_sponsor, make_user, post_form
from tests.houses.factories import approve, case_at, image_bytes

TODAY = local_today()
ID_NUMBER, PHONE, BIRTH_YEAR = "019070123456", "0912345678", 1947


async def _sponsored_case(**kw):
    household = await make_household(
        head_name="Hoàng Văn Thắng", id_number=ID_NUMBER, phone=PHONE, birth_year=BIRTH_YEAR
    )
    case = await case_at(Stage.COMPLETED, household=household, **kw)
    sponsor = await make_sponsor()
    await funding.add_contribution(
        SYSTEM,
        case.id,
        funding.ContributionInput(
            source=FundingSource.SPONSOR,
            sponsor_id=sponsor.id,
            amount_pledged=24_000_000,
            amount_disbursed=24_000_000,
        ),
    )
    return case, sponsor


async def test_the_sponsor_sees_its_house_without_personal_data(client, settings):
    case, sponsor = await _sponsored_case()
    await handovers.create_handover(
        SYSTEM,
        handovers.HandoverInput(
            commune_id=case.commune_id,
            held_on=TODAY,
            place="Nhà văn hóa thôn Kim Sơn",
            organisers="UBND xã Thần Sa",
            house_ids=[case.id],
            sponsor_ids=[sponsor.id],
        ),
    )
    user = await make_user("sponsor", sponsor=sponsor)
    await login_as(client, user)
    pages = [await client.get("/portal"), await client.get(f"/portal/houses/{case.id}")]
    headers = await bearer(user)
    api = [
        await client.get("/api/v1/portal/houses", headers=headers),
        await client.get(f"/api/v1/portal/houses/{case.id}", headers=headers),
    ]
    for response in pages + api:
        assert response.status_code == 200
        body = response.text
        assert ID_NUMBER not in body and PHONE not in body and str(BIRTH_YEAR) not in body
        assert "Hoàng Văn Thắng" not in body
        assert "Hoàng V. T." in body and case.code in body
    assert "Đã bàn giao" in pages[0].text  # the stage, in Vietnamese by default
    data = api[1].json()
    assert data["stage"] == "handed_over" and data["handed_over_on"] == TODAY.isoformat()
    assert data["pledged"] == 24_000_000
    assert set(data).isdisjoint({"id_number", "phone", "birth_year", "household_id"})
    # The staff pages are not the sponsor's.
    assert (await client.get(f"/houses/{case.id}")).status_code == 403


async def test_a_sponsor_does_not_reach_houses_it_does_not_fund(client):
    case, _ = await _sponsored_case()
    other = await make_sponsor("Công ty Petrolimex")
    user = await make_user("sponsor", sponsor=other)
    headers = await bearer(user)
    assert (
        await client.get(f"/api/v1/portal/houses/{case.id}", headers=headers)
    ).status_code == 404
    assert (await client.get("/api/v1/portal/houses", headers=headers)).json()["houses"] == []


async def test_an_illegal_move_answers_with_the_same_message_on_page_and_api(client):
    case = await case_at(Stage.APPROVED)
    officer = await make_user("commune")
    headers = await bearer(officer)
    api = await client.post(
        f"/api/v1/houses/{case.id}/stage",
        json={"to": "completed", "on": TODAY.isoformat(), "version": case.version},
        headers=headers,
    )
    assert api.status_code == 409
    assert api.json()["detail"].startswith("Mỗi lần chỉ chuyển một giai đoạn")
    await login_as(client, officer)
    page = await post_form(
        client,
        f"/houses/{case.id}/stage",
        {"to": "completed", "on": TODAY.isoformat(), "version": case.version},
    )
    assert page.status_code == 409 and "Mỗi lần chỉ chuyển một giai đoạn" in page.text
    assert (await HouseCase.get(id=case.id)).stage is Stage.APPROVED
    bad = await client.post(f"/api/v1/houses/{case.id}/stage", json={}, headers=headers)
    assert bad.status_code == 422 and "to" in bad.json()["errors"]


async def test_an_officer_takes_a_case_forward_through_the_pages(client):
    officer = await make_user("commune")
    await login_as(client, officer)
    household = await make_household(poverty_status="poor", poverty_year=TODAY.year)
    opened = await post_form(
        client,
        "/houses/new",
        {
            "household_id": household.id,
            "programme": "great_solidarity",
            "kind": "new_build",
            "area_m2": "36,5",
            "estimated_cost": "60.000.000",
            "proposed_on": TODAY.strftime("%d/%m/%Y"),
        },
    )
    assert opened.status_code == 303
    case = await HouseCase.get(household_id=household.id)
    assert opened.headers["location"] == f"/houses/{case.id}"
    page = await client.get(f"/houses/{case.id}")
    assert 'name="to" value="approved"' not in page.text  # by a decision, not a button
    assert "chỉ được duyệt bằng quyết định của UBND xã" in page.text
    refused = await post_form(
        client,
        f"/houses/{case.id}/stage",
        {"to": "approved", "on": TODAY.isoformat(), "version": case.version},
    )
    assert refused.status_code == 409
    assert "Hồ sơ chỉ được duyệt bằng quyết định của UBND xã" in refused.text
    case = await approve(case, TODAY)
    moved = await post_form(
        client,
        f"/houses/{case.id}/stage",
        {"to": "started", "on": TODAY.isoformat(), "version": case.version},
    )
    assert moved.status_code == 303
    page = await client.get(f"/houses/{case.id}")
    assert page.status_code == 200 and "Khởi công" in page.text
    stale = await post_form(
        client,
        f"/houses/{case.id}/stage",
        {"to": "started", "on": TODAY.isoformat(), "version": case.version},
    )
    assert stale.status_code == 409
    errors = await post_form(client, "/houses/new", {"household_id": "x", "area_m2": "abc"})
    assert errors.status_code == 422 and "Vui lòng sửa các lỗi" in errors.text


async def test_photos_upload_and_are_served_only_in_scope(client, settings):
    case = await case_at(Stage.STARTED)
    officer = await make_user("commune")
    headers = await bearer(officer)
    files = {"file": ("nha.jpg", image_bytes("JPEG", (800, 600), exif=True), "image/jpeg")}
    up = await client.post(f"/api/v1/houses/{case.id}/photos", files=files, headers=headers)
    assert up.status_code == 201, up.text
    photo = up.json()
    got = await client.get(photo["url"], headers=headers)
    assert got.status_code == 200 and got.headers["content-type"] == "image/jpeg"
    assert b"PhoneMaker" not in got.content
    assert (await client.get(photo["display_url"], headers=headers)).status_code == 200
    not_image = {"file": ("x.jpg", b"hello", "image/jpeg")}
    refused = await client.post(
        f"/api/v1/houses/{case.id}/photos", files=not_image, headers=headers
    )
    assert refused.status_code == 422 and "file" in refused.json()["errors"]
    elsewhere = await make_user("commune", commune_code="05665")
    assert (await client.get(photo["url"], headers=await bearer(elsewhere))).status_code == 404
    sponsor_user = await make_user("sponsor")  # funds nothing here
    assert (await client.get(photo["url"], headers=await bearer(sponsor_user))).status_code == 404
    await login_as(client, officer)
    page = await post_form(client, f"/houses/{case.id}/photos", {"stage": "started"})
    assert page.status_code == 422


async def test_a_private_photo_is_never_stored_and_a_public_one_may_be_cached(client):
    """A shared phone keeps no private photo after logout: the browser may not store one
    (page or API); a photo the commune made public may be cached, on the public page."""
    from relief.houses.models import Photo

    case = await case_at(Stage.STARTED)
    officer = await make_user("commune")
    headers = await bearer(officer)
    files = {"file": ("nha.jpg", image_bytes("JPEG", (800, 600)), "image/jpeg")}
    photo = (
        await client.post(f"/api/v1/houses/{case.id}/photos", files=files, headers=headers)
    ).json()
    await login_as(client, officer)
    private = [
        await client.get(photo["url"], headers=headers),
        await client.get(photo["display_url"], headers=headers),
        await client.get(f"/photos/{photo['id']}"),
        await client.get(f"/photos/{photo['id']}", params={"size": "display"}),
    ]
    assert [(r.status_code, r.headers["cache-control"]) for r in private] == [(200, "no-store")] * 4
    await Photo.filter(id=photo["id"]).update(is_public=True)
    client.cookies.clear()
    shown = await client.get(f"/public/photos/{photo['id']}")
    assert (shown.status_code, shown.headers["cache-control"]) == (200, "max-age=3600, public")


async def test_minutes_print_with_the_parties_and_the_money(client):
    case, sponsor = await _sponsored_case()
    await handovers.create_handover(
        SYSTEM,
        handovers.HandoverInput(
            commune_id=case.commune_id,
            held_on=TODAY,
            place="Nhà văn hóa thôn Kim Sơn",
            organisers="UBND xã Thần Sa",
            house_ids=[case.id],
            sponsor_ids=[sponsor.id],
        ),
    )
    await login_as(client, await make_user("commune"))
    page = await client.get(f"/houses/{case.id}/minutes")
    assert page.status_code == 200
    for text in ("BIÊN BẢN BÀN GIAO", "Báo Xây dựng", "Hoàng Văn Thắng", "24.000.000", "CHỦ HỘ"):
        assert text in page.text


async def test_a_handover_form_with_a_house_not_completed_saves_nothing(client):
    done = await case_at(Stage.COMPLETED)
    not_yet = await case_at(Stage.STARTED, household=await make_household(head_name="Lý Thị Mai"))
    await login_as(client, await make_user("commune"))
    response = await post_form(
        client,
        "/handovers/new",
        {
            "held_on": TODAY.isoformat(),
            "place": "Nhà văn hóa",
            "organisers": "UBND xã",
            "house_ids": [str(done.id), str(not_yet.id)],
        },
    )
    assert response.status_code == 409 and not_yet.code in response.text
    assert (await HouseCase.get(id=done.id)).stage is Stage.COMPLETED


async def test_the_api_gives_each_code_its_label_in_the_clients_language(client):
    case = await case_at(Stage.STARTED)
    headers = await bearer(await make_user("province"))
    vi = (await client.get(f"/api/v1/houses/{case.id}", headers=headers)).json()
    assert vi["stage"] == "started" and vi["stage_label"] == "Khởi công"
    assert vi["kind_label"] == "Xây mới" and vi["programme_label"] == "Nhà Đại đoàn kết"
    en = await client.get(f"/api/v1/houses/{case.id}", headers={**headers, "Accept-Language": "en"})
    assert en.json()["stage_label"] == "Started" and en.json()["kind_label"] == "New build"
