"""The household, damage and disaster pages over HTTP: forms, errors next to fields, 422/409."""

from pathlib import Path

from relief.households.models import DamageAssessment, Household
from tests.factories import login_as, make_household, make_user, post_form
from tests.households.factories import VAN_LANG, damage_data, household_data, make_disaster


async def logged_in(client, role: str = "commune"):
    user = await make_user(role)
    await login_as(client, user)
    return user


async def test_an_officer_adds_a_household_and_lands_on_its_page(client):
    await logged_in(client)
    form = await client.get("/households/new")
    assert form.status_code == 200 and 'name="_csrf_token"' in form.text
    response = await post_form(client, "/households/new", await household_data())
    assert response.status_code == 303
    page = await client.get(response.headers["location"])
    assert page.status_code == 200 and "Hoàng Văn Thắng" in page.text and "Đã lưu." in page.text


async def test_bad_input_is_422_with_each_message_next_to_its_field_and_nothing_saved(client):
    await logged_in(client)
    data = await household_data(members="0", phone="12", id_number="019170001234")
    response = await post_form(client, "/households/new", data)
    assert response.status_code == 422
    assert 'id="e-members">Một hộ có từ 1 đến 30 nhân khẩu.</div>' in response.text
    assert 'id="e-phone">Hãy nhập số điện thoại' in response.text
    assert 'id="e-id_number">Số định danh không khớp với giới tính.' in response.text
    assert 'value="Hoàng Văn Thắng"' in response.text  # the input is kept
    assert not await Household.exists()


async def test_errors_are_in_english_after_the_switch(client):
    await logged_in(client)
    client.cookies.set("relief_lang", "en")
    response = await post_form(client, "/households/new", await household_data(members="99"))
    assert 'id="e-members">A household has 1 to 30 members.</div>' in response.text


async def test_a_likely_duplicate_shows_the_link_and_asks_for_the_reason(client):
    await logged_in(client)
    first = await make_household(birth_year=1970)
    data = await household_data(head_name="hoang van thang", id_number="", phone="")
    response = await post_form(client, "/households/new", data)
    assert response.status_code == 422
    assert f'href="/households/{first.id}"' in response.text
    assert 'name="confirm_duplicate"' in response.text
    data.update(confirm_duplicate="1", duplicate_reason="Hai người cùng tên")
    assert (await post_form(client, "/households/new", data)).status_code == 303


async def test_an_id_number_of_another_commune_blocks_without_revealing_it(client):
    await logged_in(client)
    other = await make_household(commune_code=VAN_LANG, id_number="019070001234")
    response = await post_form(client, "/households/new", await household_data())
    assert response.status_code == 422
    assert "Hộ đó thuộc một xã khác." in response.text
    assert f"/households/{other.id}" not in response.text


async def test_a_stale_edit_shows_what_changed_and_keeps_the_input(client):
    await logged_in(client)
    h = await make_household()
    edit = await client.get(f"/households/{h.id}/edit")
    assert 'name="version" value="1"' in edit.text
    await Household.filter(id=h.id).update(members=9, version=2)  # someone else, meanwhile
    data = await household_data(ethnicity="Nùng", version="1", id_number="", phone="")
    response = await post_form(client, f"/households/{h.id}/edit", data)
    assert response.status_code == 409
    assert "Có người khác vừa lưu bản ghi này" in response.text
    assert 'value="Nùng"' in response.text and 'name="version" value="2"' in response.text
    assert (await Household.get(id=h.id)).members == 9


async def test_the_list_finds_a_name_typed_without_accents(client):
    await logged_in(client)
    await make_household(head_name="Triệu Thị Huyền")
    await make_household(head_name="Lường Văn Quý")
    response = await client.get("/households", params={"q": "trieu thi huyen"})
    assert response.status_code == 200
    assert "Triệu Thị Huyền" in response.text and "Lường Văn Quý" not in response.text


async def test_damage_is_recorded_once_then_corrected(client):
    await logged_in(client)
    h, d = await make_household(), await make_disaster()
    url = f"/households/{h.id}/damage"
    assert (await client.get(url)).status_code == 200
    bad = await post_form(client, url, damage_data(d, estimated_loss="-5"))
    assert bad.status_code == 422 and 'id="e-estimated_loss"' in bad.text
    assert (await post_form(client, url, damage_data(d))).status_code == 303
    again = await post_form(client, url, damage_data(d, band="heavy", collapsed="", flooded="1"))
    assert again.status_code == 422 and "Sửa đánh giá đã có" in again.text
    found = await DamageAssessment.get(household_id=h.id)
    fixed = await post_form(
        client,
        f"/damage/{found.id}/edit",
        damage_data(d, band="very_heavy", collapsed="", version="1"),
    )
    assert fixed.status_code == 303
    page = await client.get(f"/households/{h.id}")
    assert "Thiệt hại rất nặng (từ 50% đến 70%)" in page.text and "250.000.000" in page.text


async def test_archiving_from_the_household_page(client):
    await logged_in(client)
    h = await make_household()
    refused = await post_form(client, f"/households/{h.id}/archive", {"version": "1"})
    assert refused.status_code == 422 and "Hãy ghi lý do lưu trữ hộ này." in refused.text
    done = await post_form(
        client, f"/households/{h.id}/archive", {"version": "1", "reason": "Nhập trùng"}
    )
    assert done.status_code == 303
    assert (await Household.get(id=h.id)).archived_at is not None


async def test_the_province_manages_disasters_and_officers_only_read_them(client):
    await logged_in(client, "province")
    bad = await post_form(client, "/disasters/new", {"name": "", "kind": "typhoon"})
    assert bad.status_code == 422 and 'id="e-name"' in bad.text and 'id="e-starts_on"' in bad.text
    ok = await post_form(
        client,
        "/disasters/new",
        {"name": "Lũ quét", "kind": "flash_flood", "starts_on": "2025-10-20"},
    )
    assert ok.status_code == 303
    client.cookies.clear()
    await logged_in(client)
    assert (await client.get("/disasters")).status_code == 200
    assert (await client.get("/disasters/new")).status_code == 403


async def test_choice_lists_show_the_registry_words(client):
    await login_as(client, await make_user("commune"))
    form = (await client.get("/households/new")).text
    assert '<option value="near_poor">Hộ cận nghèo</option>' in form
    assert '<option value="female">Nữ</option>' in form
    assert 'name="martyr_family" value="1"> Gia đình liệt sĩ</label>' in form
    household = await make_household(revolutionary_service=True)
    page = (await client.get(f"/households/{household.id}")).text
    assert '<span class="tag">Người có công với cách mạng</span>' in page
    await login_as(client, await make_user("province"))
    disaster = (await client.get("/disasters/new")).text
    assert '<option value="typhoon" selected>Bão</option>' in disaster
    assert '<option value="flood">Lũ, lụt</option>' in disaster


async def test_nothing_typed_is_cut_short_the_server_says_what_is_wrong(client):
    """No field of a form carries a browser maxlength, which cuts what is typed without a word
    ("bốn" in a two-character field became "bố"): the server's limits answer beside the field,
    with what was typed kept."""
    await logged_in(client)
    long_name = "Hoàng Văn " + "Thắng" * 30
    data = await household_data(members="bốn", head_name=long_name)
    response = await post_form(client, "/households/new", data)
    assert response.status_code == 422
    assert 'id="e-members">' in response.text and 'value="bốn"' in response.text
    assert 'id="e-head_name">' in response.text and f'value="{long_name}"' in response.text
    assert not await Household.exists()


def test_no_template_sets_a_maxlength():
    templates = Path(__file__).resolve().parents[2] / "templates"
    assert [p.name for p in templates.rglob("*.html") if "maxlength" in p.read_text()] == []
