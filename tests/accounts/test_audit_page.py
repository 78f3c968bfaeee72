"""The audit page: filters, and each role's part of the trail."""

from datetime import datetime

from relief.core import audit
from relief.core.actor import SYSTEM
from relief.core.formatting import LOCAL_TZ
from relief.places.models import Commune
from tests.factories import actor_for, login_as, make_user


async def _entries():
    than_sa = await Commune.get(code="05725")
    vo_nhai = await Commune.get(code="05716")
    await audit.record(
        SYSTEM,
        "update",
        "household",
        1,
        commune_id=than_sa.id,
        before={"members": 3},
        after={"members": 4},
    )
    await audit.record(
        SYSTEM,
        "update",
        "household",
        2,
        commune_id=vo_nhai.id,
        before={"members": 5},
        after={"members": 6},
    )


async def test_a_commune_officer_sees_only_their_communes_entries(client):
    await _entries()
    officer = await make_user("commune", commune_code="05725")
    await login_as(client, officer)
    page = await client.get("/audit", params={"entity": "household"})
    assert page.status_code == 200
    assert "#1" in page.text and "#2" not in page.text
    entries, total = await audit.search(actor_for(officer), entity="household")
    assert total == 1 and entries[0].entity_id == "1"


async def test_province_sees_all_and_filters_by_user_action_and_day(client):
    await _entries()
    province = await make_user("province", username="tinh")
    await login_as(client, province)
    page = await client.get("/audit", params={"entity": "household", "action": "update"})
    assert "#1" in page.text and "#2" in page.text
    today = datetime.now(LOCAL_TZ).date().isoformat()  # a Vietnamese day, not a UTC one
    assert "#1" in (await client.get("/audit", params={"date_from": today, "date_to": today})).text
    none = await client.get("/audit", params={"date_to": "2020-01-01"})
    assert "#1" not in none.text
    mine = await client.get("/audit", params={"user": "tinh", "entity": "household"})
    assert "#1" not in mine.text
    login_entries, _ = await audit.search(actor_for(province), username="system")
    assert len(login_entries) == 2


async def test_sponsors_have_no_audit_page(client):
    await login_as(client, await make_user("sponsor"))
    assert (await client.get("/audit")).status_code == 403


async def test_the_trail_reads_in_plain_vietnamese_and_filters_by_choice_lists(client):
    than_sa = await Commune.get(code="05725")
    await audit.record(
        SYSTEM,
        "update",
        "household",
        7,
        commune_id=than_sa.id,
        before={"members": 3, "poverty_status": "poor", "version": 1},
        after={"members": 4, "poverty_status": "near_poor", "version": 2},
    )
    await audit.record(
        SYSTEM,
        "stage",
        "house_case",
        8,
        commune_id=than_sa.id,
        before={"stage": "completed"},
        after={"stage": "handed_over"},
    )
    await login_as(client, await make_user("province"))
    page = (await client.get("/audit")).text
    row = page[page.index("#7") - 400 : page.index("#7")]
    assert "<td>Sửa</td>" in row and "Hộ gia đình" in row
    assert "Số nhân khẩu: 3" in page and "Số nhân khẩu: 4" in page
    assert "Diện hộ nghèo: Hộ nghèo" in page and "Diện hộ nghèo: Hộ cận nghèo" in page
    assert "Giai đoạn: Hoàn thành" in page and "Giai đoạn: Đã bàn giao" in page
    assert "Chuyển bước" in page and "Hồ sơ hỗ trợ nhà ở #8" in page
    for code in ("household", "near_poor", "handed_over", "members", "poverty_status"):
        assert f">{code}<" not in page and f"{code}:" not in page
    # The filters are choice lists of translated words, not free English codes.
    assert '<input id="f-entity"' not in page and '<select id="f-entity"' in page
    assert '<option value="household">Hộ gia đình</option>' in page
    assert '<option value="sponsor">Nhà tài trợ</option>' in page
    assert '<option value="update">Sửa</option>' in page
    chosen = (await client.get("/audit", params={"entity": "house_case"})).text
    assert '<option value="house_case" selected>Hồ sơ hỗ trợ nhà ở</option>' in chosen
    assert "#8" in chosen and "#7" not in chosen


async def test_the_trail_in_english_by_the_switch(client):
    await audit.record(SYSTEM, "archive", "household", 9, before={"archived_at": None})
    await login_as(client, await make_user("admin"))
    client.cookies.set("relief_lang", "en")
    page = (await client.get("/audit")).text
    assert "<td>Archived</td>" in page and "Household #9" in page
    assert '<option value="archive">Archived</option>' in page
