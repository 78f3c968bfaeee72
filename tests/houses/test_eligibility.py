"""Eligibility as data: each programme's rule over a household's facts. For each rule a
household it admits opens a case (201) and a household it does not is refused (422, the
reason in Vietnamese naming the rule); an override needs a written reason and a commune
manager's approval (another account), and opening with it is audited; one house, one
programme; the household page says, per programme, eligible or not and why."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from relief.core.formatting import local_today
from relief.core.models import AuditEntry
from relief.households.models import DamageAssessment, DamageBand, Disaster, Household
from relief.houses.models import EligibilityOverride, HouseCase, Programme
from tests.factories import bearer, login_as, make_household, make_user, post_form

YEAR = local_today().year
BARE = "Hoàng Văn Thắng"  # make_household's: no poverty status, no register, no damage

# Per programme: the facts of a household the rule admits, and the refusal of a bare one.
RULES: dict[Programme, tuple[dict[str, Any], str]] = {
    Programme.DISASTER_RECOVERY: (
        {"poverty_status": "poor", "poverty_year": YEAR, "damage": "total"},
        "Hộ chưa đủ điều kiện của chương trình “Khắc phục thiên tai” (Nghị định 20/2021/NĐ-CP, "
        "Điều 15): Không phải hộ nghèo, cận nghèo hay hộ có hoàn cảnh khó khăn; Không có đánh "
        "giá nhà bị sập đổ, cuốn trôi hoặc thiệt hại hoàn toàn; Không có đánh giá nhà hư hỏng "
        "không còn ở được; Không phải di dời khẩn cấp.",
    ),
    Programme.REVOLUTIONARY_SERVICE: (
        {"revolutionary_service": True},
        "Hộ chưa đủ điều kiện của chương trình “Người có công với cách mạng” (Quyết định "
        "21/2024/QĐ-TTg: người có công với cách mạng, gia đình liệt sĩ): Không có trong sổ người "
        "có công với cách mạng; Không phải gia đình liệt sĩ.",
    ),
    Programme.NTP_POVERTY: (
        {"poverty_status": "near_poor", "poverty_year": YEAR - 1},
        "Hộ chưa đủ điều kiện của chương trình “Chương trình MTQG giảm nghèo bền vững” "
        "(Chương trình MTQG giảm nghèo bền vững: danh sách hộ nghèo, cận nghèo của năm): Không "
        "có trong danh sách hộ nghèo, cận nghèo.",
    ),
    Programme.NTP_ETHNIC: (
        {"poverty_status": "poor", "poverty_year": YEAR, "ethnicity": "Dao"},
        "Hộ chưa đủ điều kiện của chương trình “Chương trình MTQG phát triển kinh tế - xã hội "
        "vùng đồng bào dân tộc thiểu số và miền núi” (Chương trình MTQG vùng đồng bào dân tộc "
        "thiểu số và miền núi: hộ nghèo, cận nghèo người dân tộc thiểu số): Không có trong danh "
        "sách hộ nghèo, cận nghèo; Không ghi là người dân tộc thiểu số.",
    ),
    Programme.TEMPORARY_HOUSE: (
        {"poverty_status": "poor", "poverty_year": YEAR},
        "Hộ chưa đủ điều kiện của chương trình “Xóa nhà tạm, nhà dột nát” (Phong trào xóa nhà "
        "tạm, nhà dột nát (Chỉ thị 42/CT-TTg): danh sách hộ nghèo, cận nghèo của năm): Không có "
        "trong danh sách hộ nghèo, cận nghèo.",
    ),
    Programme.GREAT_SOLIDARITY: (
        {"especially_hard": True},
        "Hộ chưa đủ điều kiện của chương trình “Nhà Đại đoàn kết” (Các nhóm ưu tiên của Mặt trận "
        "Tổ quốc đối với nhà Đại đoàn kết): Không có trong danh sách hộ nghèo, cận nghèo; Không "
        "có trong sổ người có công với cách mạng; Không phải gia đình liệt sĩ; Không phải đối "
        "tượng bảo trợ xã hội; Không có hoàn cảnh đặc biệt khó khăn; Không có đánh giá nhà bị "
        "sập đổ, cuốn trôi hoặc thiệt hại hoàn toàn; Không có đánh giá nhà hư hỏng không còn ở "
        "được; Không phải di dời khẩn cấp.",
    ),
}


async def _household(name: str, **facts: Any) -> Household:
    band = facts.pop("damage", None)
    household = await make_household(head_name=name, **facts)
    if band is not None:
        disaster = await Disaster.create(name="Bão số 11 (Matmo)", starts_on=date(2025, 10, 6))
        await DamageAssessment.create(
            household=household,
            disaster=disaster,
            commune_id=household.commune_id,
            hamlet_id=household.hamlet_id,
            band=DamageBand(band),
            collapsed=band == "total",
            assessed_on=date(2025, 10, 9),
        )
    return household


def _case(household: Household, programme: Programme, **more: Any) -> dict[str, Any]:
    return {"household_id": household.id, "programme": programme.value, "kind": "new_build"}


@pytest.mark.parametrize("programme", list(RULES), ids=[p.value for p in RULES])
async def test_each_rule_admits_its_household_and_refuses_a_bare_one(client, programme):
    facts, refusal = RULES[programme]
    headers = await bearer(await make_user("commune"))
    admitted = await _household("Nông Thị Hoa", **dict(facts))
    opened = await client.post("/api/v1/houses", json=_case(admitted, programme), headers=headers)
    assert opened.status_code == 201, opened.text
    assert opened.json()["programme"] == programme.value

    bare = await make_household(head_name=BARE)
    refused = await client.post("/api/v1/houses", json=_case(bare, programme), headers=headers)
    assert refused.status_code == 422
    assert refused.json()["errors"] == {"programme": refusal}
    assert not await HouseCase.exists(household_id=bare.id)


async def test_a_list_of_an_old_year_no_longer_counts(client):
    household = await make_household(poverty_status="poor", poverty_year=YEAR - 2)
    headers = await bearer(await make_user("commune"))
    refused = await client.post(
        "/api/v1/houses", json=_case(household, Programme.NTP_POVERTY), headers=headers
    )
    assert refused.json()["errors"]["programme"].endswith(
        f": Có trong danh sách hộ nghèo, cận nghèo năm {YEAR - 2}, không còn áp dụng cho năm "
        f"{YEAR}."
    )


async def test_the_opening_page_says_why_too(client):
    await login_as(client, await make_user("commune"))
    bare = await make_household(head_name=BARE)
    page = await post_form(
        client,
        "/houses/new",
        {"household_id": bare.id, "programme": "revolutionary_service", "kind": "new_build"},
    )
    assert page.status_code == 422
    assert RULES[Programme.REVOLUTIONARY_SERVICE][1] in page.text


async def test_an_override_needs_a_reason_and_another_accounts_approval_and_is_audited(client):
    officer = await make_user("commune")
    officer_headers = await bearer(officer)
    manager = await make_user("admin", username="chu.tich.xa")
    manager_headers = await bearer(manager)
    bare = await make_household(head_name=BARE)
    case = _case(bare, Programme.REVOLUTIONARY_SERVICE)
    url = "/api/v1/eligibility-overrides"
    ask = {"household_id": bare.id, "programme": "revolutionary_service"}

    no_reason = await client.post(url, json=ask, headers=officer_headers)
    assert no_reason.json()["errors"] == {"reason": "Vui lòng nhập trường này."}
    reason = "Con liệt sĩ, hồ sơ công nhận đang chờ Sở Nội vụ xác nhận."
    asked = await client.post(url, json={**ask, "reason": reason}, headers=officer_headers)
    assert asked.status_code == 201, asked.text
    override = asked.json()
    assert (override["approved_by_id"], override["requested_by_id"]) == (None, officer.id)

    # Without the approval the case is still refused, and says it waits.
    waiting = await client.post("/api/v1/houses", json=case, headers=officer_headers)
    assert waiting.status_code == 422
    assert waiting.json()["errors"]["programme"] == (
        RULES[Programme.REVOLUTIONARY_SERVICE][1]
        + " Đề nghị mở hồ sơ ngoại lệ cho hộ và chương trình này đang chờ lãnh đạo xã phê duyệt."
    )
    # The officer cannot approve; nor can the manager approve an override they asked for.
    approve = f"{url}/{override['id']}/approve"
    body = {"version": override["version"]}
    assert (await client.post(approve, json=body, headers=officer_headers)).status_code == 403
    own = await client.post(url, json={**ask, "reason": "Tự đề nghị"}, headers=manager_headers)
    refused = await client.post(
        f"{url}/{own.json()['id']}/approve", json=body, headers=manager_headers
    )
    assert refused.status_code == 403
    assert (
        refused.json()["detail"]
        == "Ngoại lệ phải do một tài khoản khác với người đề nghị phê duyệt."
    )

    approved = await client.post(approve, json=body, headers=manager_headers)
    assert approved.status_code == 200, approved.text
    assert approved.json()["approved_by_id"] == manager.id
    opened = await client.post("/api/v1/houses", json=case, headers=officer_headers)
    assert opened.status_code == 201, opened.text
    house_id = opened.json()["id"]

    entry = await AuditEntry.get(
        entity="house_case", entity_id=str(house_id), action="override_eligibility"
    )
    assert entry.reason == reason
    assert (entry.after["approved_by_id"], entry.after["requested_by_id"]) == (
        manager.id,
        officer.id,
    )
    assert entry.after["not_met"] == [
        "Không có trong sổ người có công với cách mạng",
        "Không phải gia đình liệt sĩ",
    ]
    used = await EligibilityOverride.get(id=override["id"])
    assert used.house_case_id == house_id
    approval = await AuditEntry.get(entity="eligibility_override", action="approve")
    assert approval.entity_id == str(override["id"])


async def test_an_override_for_an_eligible_household_is_refused(client):
    headers = await bearer(await make_user("commune"))
    household = await make_household(revolutionary_service=True)
    asked = await client.post(
        "/api/v1/eligibility-overrides",
        json={"household_id": household.id, "programme": "revolutionary_service", "reason": "x"},
        headers=headers,
    )
    assert asked.json()["errors"] == {
        "programme": "Hộ đã đủ điều kiện của chương trình: không cần ngoại lệ."
    }


async def test_one_house_one_programme(client):
    headers = await bearer(await make_user("commune"))
    household = await make_household(
        revolutionary_service=True, poverty_status="poor", poverty_year=YEAR
    )
    first = await client.post(
        "/api/v1/houses", json=_case(household, Programme.GREAT_SOLIDARITY), headers=headers
    )
    assert first.status_code == 201
    code = first.json()["code"]
    second = await client.post(
        "/api/v1/houses", json=_case(household, Programme.REVOLUTIONARY_SERVICE), headers=headers
    )
    assert second.status_code == 409
    assert second.json()["detail"] == (
        f"Nhà này đã được hỗ trợ theo chương trình Nhà Đại đoàn kết (hồ sơ {code}): mỗi ngôi "
        "nhà chỉ được hỗ trợ từ một chương trình."
    )
    assert await HouseCase.filter(household_id=household.id).count() == 1


async def test_a_case_cannot_change_to_a_programme_that_refuses_the_household(client):
    officer = await make_user("commune")
    household = await make_household(especially_hard=True)
    opened = await client.post(
        "/api/v1/houses",
        json=_case(household, Programme.GREAT_SOLIDARITY),
        headers=await bearer(officer),
    )
    house = opened.json()
    await login_as(client, officer)
    changed = await post_form(
        client,
        f"/houses/{house['id']}/edit",
        {"programme": "revolutionary_service", "kind": "new_build", "version": house["version"]},
    )
    assert changed.status_code == 422
    assert (
        "Hộ chưa đủ điều kiện của chương trình “Người có công với cách mạng” (Quyết định "
        "21/2024/QĐ-TTg" in changed.text
    )
    assert (await HouseCase.get(id=house["id"])).programme is Programme.GREAT_SOLIDARITY


async def test_the_household_page_says_per_programme_eligible_or_not_and_why(client):
    officer = await make_user("commune")
    await login_as(client, officer)
    household = await _household(
        "Triệu Văn Sơn", poverty_status="poor", poverty_year=YEAR, damage="total"
    )
    page = (await client.get(f"/households/{household.id}")).text

    def row(programme: str) -> str:
        found = re.search(rf'<tr id="eligibility-{programme}">(.*?)</tr>', page, re.S)
        assert found, programme
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))).strip()

    assert row("disaster_recovery") == (
        "Khắc phục thiên tai Có Hộ nghèo theo danh sách năm "
        f"{YEAR}; Nhà bị sập đổ, cuốn trôi hoặc thiệt hại hoàn toàn (Thiệt hại hoàn toàn (trên "
        "70%), Bão số 11 (Matmo)) ( Nghị định 20/2021/NĐ-CP, Điều 15 )"
    )
    assert row("revolutionary_service").startswith(
        "Người có công với cách mạng Không Không có trong sổ người có công"
    )

    # The officer asks for an override on the page; another account approves it there.
    asked = await post_form(
        client,
        f"/households/{household.id}/eligibility-overrides",
        {"programme": "revolutionary_service", "reason": "Bố là thương binh, chờ cấp sổ."},
        follow_redirects=False,
    )
    assert asked.status_code == 303
    override = await EligibilityOverride.get(household_id=household.id)
    page = (await client.get(f"/households/{household.id}")).text
    assert "Chờ lãnh đạo xã phê duyệt" in page and "Bố là thương binh" in page
    assert f'action="/eligibility-overrides/{override.id}/approve"' not in page
    await login_as(client, await make_user("admin", username="chu.tich.xa"))
    approved = await post_form(
        client,
        f"/eligibility-overrides/{override.id}/approve",
        {"version": str(override.version)},
        follow_redirects=False,
    )
    assert approved.status_code == 303
    assert (await EligibilityOverride.get(id=override.id)).approved_at is not None
    page = (await client.get(f"/households/{household.id}")).text
    assert row("revolutionary_service").startswith(
        "Người có công với cách mạng Theo ngoại lệ đã được phê duyệt"
    )
