"""Completion rules per programme: a one-person household's 24 m² house, the rule named and
linked in the refusal, the commune's audited override, and the administrator's editable norms."""

from __future__ import annotations

from datetime import date

import pytest

from relief.core.actor import SYSTEM
from relief.core.errors import Conflict, Forbidden, Invalid
from relief.core.models import AuditEntry
from relief.houses.models import HouseCase, Programme, ProgrammeRule, Stage
from tests.factories import bearer, login_as, make_household, make_user
from tests.households.factories import PROVINCE
from tests.houses.factories import add_photo_row, case_at, move_stage

TODAY = date.today()


async def _small_house(programme: Programme) -> HouseCase:
    household = await make_household(members=1, head_name=f"Hộ {programme.value}")
    case = await case_at(
        Stage.FOUNDATION_DONE, household=household, programme=programme, area_m2="24"
    )
    await add_photo_row(case)
    return case


async def test_a_one_person_24_m2_house_completes_under_the_campaign_not_great_solidarity(orm):
    allowed = await _small_house(Programme.TEMPORARY_HOUSE)
    done = await move_stage(SYSTEM, allowed.id, Stage.COMPLETED, TODAY)
    assert done.stage is Stage.COMPLETED

    refused = await _small_house(Programme.GREAT_SOLIDARITY)
    with pytest.raises(Conflict) as caught:
        await move_stage(SYSTEM, refused.id, Stage.COMPLETED, TODAY)
    (problem,) = caught.value.details["problems"]
    assert "30 m²" in problem
    assert caught.value.details["source_url"] == "/programmes#rule-great_solidarity-new_build"
    assert (await HouseCase.get(id=refused.id)).stage is Stage.FOUNDATION_DONE


async def test_a_family_needs_30_m2_under_the_campaign_too(orm):
    household = await make_household(members=4)
    case = await case_at(
        Stage.FOUNDATION_DONE,
        household=household,
        programme=Programme.TEMPORARY_HOUSE,
        area_m2="24",
    )
    await add_photo_row(case)
    with pytest.raises(Conflict) as caught:
        await move_stage(SYSTEM, case.id, Stage.COMPLETED, TODAY)
    assert "30 m²" in caught.value.details["problems"][0]
    assert caught.value.details["source_url"] == "/programmes#rule-temporary_house-new_build"


async def test_the_commune_overrides_with_a_written_reason_and_it_is_audited(orm):
    case = await _small_house(Programme.GREAT_SOLIDARITY)
    with pytest.raises(Invalid) as caught:
        await move_stage(SYSTEM, case.id, Stage.COMPLETED, TODAY, "", override=True)
    assert set(caught.value.field_errors) == {"reason"}
    with pytest.raises(Forbidden):
        await move_stage(PROVINCE, case.id, Stage.COMPLETED, TODAY, "x", override=True)
    reason = "Người già neo đơn, UBND xã quyết định nghiệm thu nhà 24 m²."
    done = await move_stage(SYSTEM, case.id, Stage.COMPLETED, TODAY, reason, override=True)
    assert done.stage is Stage.COMPLETED and done.rule_override_reason == reason
    entry = await AuditEntry.get(
        entity="house_case", entity_id=str(case.id), action="override_rule"
    )
    assert entry.reason == reason and "30 m²" in entry.after["rule"][0]


async def test_the_page_links_the_source_and_the_api_overrides(client):
    case = await _small_house(Programme.GREAT_SOLIDARITY)
    officer = await make_user("commune")
    await login_as(client, officer)
    page = await client.get(f"/houses/{case.id}")
    assert 'href="/programmes#rule-great_solidarity-new_build"' in page.text
    assert 'name="override"' in page.text
    headers = await bearer(officer)
    url = f"/api/v1/houses/{case.id}/stage"
    version = (await HouseCase.get(id=case.id)).version
    body = {"to": "completed", "on": TODAY.isoformat(), "version": version}
    refused = await client.post(url, json=body, headers=headers)
    assert refused.status_code == 409
    details = refused.json()["details"]
    assert details["source_label"] == "Quy định của chương trình Nhà Đại đoàn kết: Xây mới"
    done = await client.post(
        url, json={**body, "override": True, "reason": "Hộ một người"}, headers=headers
    )
    assert done.status_code == 200, done.text
    assert done.json()["stage"] == "completed"


async def test_the_administrator_edits_a_norm_and_the_rule_follows(client):
    rule = await ProgrammeRule.get(programme="great_solidarity", kind="new_build")
    assert rule.support_amount == 50_000_000 and not rule.confirmed
    headers = await bearer(await make_user("admin"))
    url = f"/api/v1/programme-rules/{rule.id}"
    bad = await client.patch(
        url, json={"min_area_one_person_m2": "-1", "version": 1}, headers=headers
    )
    assert bad.status_code == 422 and "min_area_one_person_m2" in bad.json()["errors"]
    body = {"min_area_one_person_m2": 18, "source": "Quyết định của UBND tỉnh", "version": 1}
    fixed = await client.patch(url, json=body, headers=headers)
    assert fixed.status_code == 200 and fixed.json()["min_area_one_person_m2"] == 18
    assert fixed.json()["confirmed"]
    stale = await client.patch(url, json=body, headers=headers)
    assert stale.status_code == 409
    assert await AuditEntry.exists(entity="programme_rule", entity_id=str(rule.id))
    officer = await bearer(await make_user("commune"))
    assert (await client.patch(url, json=body, headers=officer)).status_code == 403
    case = await _small_house(Programme.GREAT_SOLIDARITY)
    done = await move_stage(SYSTEM, case.id, Stage.COMPLETED, TODAY)
    assert done.stage is Stage.COMPLETED
