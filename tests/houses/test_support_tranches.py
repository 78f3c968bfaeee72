"""The tranches are shares of the support (state budget, Fund for the Poor, sponsors), never
of the family's own money: the issue's case of 60 M pledged, 6 M of it the family's own, has a
support of 54 M, a first tranche of 37.8 M and a second of 16.2 M, on the house page, on the
stage-completion minutes and through the API."""

from __future__ import annotations

import re

import pytest

from relief.core.actor import SYSTEM
from relief.core.errors import Invalid
from relief.core.formatting import local_today
from relief.houses import funding, stage_minutes
from relief.houses.models import Contribution, FundingSource, HouseCase, ProgrammeRule, Stage
from tests.factories import bearer, login_as, make_sponsor, make_user
from tests.houses.factories import add_photo_row, case_at, move_stage, update_contribution

TODAY = local_today()


def _money(source: FundingSource, pledged: int, **more: int) -> funding.ContributionInput:
    return funding.ContributionInput(source=source, amount_pledged=pledged, **more)


async def _the_issues_case() -> HouseCase:
    """60 M pledged at the foundation stage: 30 M state, 24 M a sponsor, 6 M the family."""
    case = await case_at(Stage.FOUNDATION_DONE)
    sponsor = await make_sponsor()
    await funding.add_contribution(SYSTEM, case.id, _money(FundingSource.STATE_BUDGET, 30_000_000))
    await funding.add_contribution(
        SYSTEM, case.id, _money(FundingSource.SPONSOR, 24_000_000, sponsor_id=sponsor.id)
    )
    await funding.add_contribution(SYSTEM, case.id, _money(FundingSource.HOUSEHOLD, 6_000_000))
    return case


async def _contribution(case: HouseCase, source: FundingSource) -> Contribution:
    return await Contribution.get(house_case_id=case.id, source=source)


def _figure(html: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}">(?:<strong[^>]*>)?([^<]*)<', html)
    assert found, element_id
    return found.group(1).strip().replace("\xa0", " ")


async def test_the_house_page_shows_the_tranches_of_the_support_only(client):
    case = await _the_issues_case()
    await login_as(client, await make_user("commune"))
    page = (await client.get(f"/houses/{case.id}")).text
    figures = {k: _figure(page, k) for k in ("support", "own", "first-tranche", "second-tranche")}
    assert figures == {
        "support": "54.000.000 ₫",
        "own": "6.000.000 ₫",
        "first-tranche": "37.800.000 ₫",
        "second-tranche": "16.200.000 ₫",
    }
    assert "Đợt 1 (70% kinh phí hỗ trợ)" in page


async def test_the_minutes_release_the_first_tranche_of_the_support(client):
    case = await _the_issues_case()
    await login_as(client, await make_user("commune"))
    page = (await client.get(f"/houses/{case.id}/stage-minutes/foundation_done")).text
    assert (_figure(page, "support"), _figure(page, "own"), _figure(page, "tranche")) == (
        "54.000.000 ₫",
        "6.000.000 ₫",
        "37.800.000 ₫",
    )
    assert "Ba mươi bảy triệu tám trăm nghìn đồng" in page
    assert "42.000.000" not in page


async def test_the_completion_minutes_release_the_rest_of_the_support(orm):
    case = await _the_issues_case()
    await stage_minutes.record_minutes(SYSTEM, case.id, Stage.FOUNDATION_DONE, "1/BB", TODAY, 1)
    await add_photo_row(case)
    await move_stage(SYSTEM, case.id, Stage.COMPLETED, TODAY)
    m = await stage_minutes.stage_minutes_of(SYSTEM, case.id, Stage.COMPLETED)
    assert (m.pledged, m.support, m.own, m.tranche, m.tranche_share) == (
        60_000_000,
        54_000_000,
        6_000_000,
        16_200_000,
        30,
    )


async def test_the_api_gives_the_support_and_its_tranches(client):
    case = await _the_issues_case()
    headers = await bearer(await make_user("commune"))
    answer = await client.get(f"/api/v1/houses/{case.id}/funding", headers=headers)
    assert answer.status_code == 200
    body = answer.json()
    figures = ("pledged", "support", "own", "first_tranche_percent", "first_tranche")
    assert {k: body[k] for k in (*figures, "second_tranche")} == {
        "pledged": 60_000_000,
        "support": 54_000_000,
        "own": 6_000_000,
        "first_tranche_percent": 70,
        "first_tranche": 37_800_000,
        "second_tranche": 16_200_000,
    }
    household = next(s for s in body["by_source"] if s["source"] == "household")
    assert (household["is_support"], household["source_label"]) == (False, "Hộ gia đình")


async def test_no_more_than_the_first_tranche_of_the_support_goes_out_before_completion(orm):
    case = await _the_issues_case()
    await stage_minutes.record_minutes(SYSTEM, case.id, Stage.FOUNDATION_DONE, "1/BB", TODAY, 1)
    state = await _contribution(case, FundingSource.STATE_BUDGET)
    sponsor = await _contribution(case, FundingSource.SPONSOR)
    await update_contribution(SYSTEM, state.id, 30_000_000, 30_000_000)
    await update_contribution(SYSTEM, sponsor.id, 24_000_000, 7_800_000)  # 37.8 M of 54 M
    with pytest.raises(Invalid) as caught:
        await update_contribution(SYSTEM, sponsor.id, 24_000_000, 7_800_001)
    assert caught.value.field_errors == {
        "amount_disbursed": "Trước khi nhà hoàn thành chỉ được giải ngân tối đa 70% kinh phí hỗ "
        "trợ đã cam kết (ngân sách, Quỹ Vì người nghèo, nhà tài trợ); phần còn lại giải ngân khi "
        "hoàn thành."
    }
    # The family's own money is not the commune's to pay in tranches: all of it may be spent.
    own = await _contribution(case, FundingSource.HOUSEHOLD)
    spent = await update_contribution(SYSTEM, own.id, 6_000_000, 6_000_000)
    assert spent.amount_disbursed == 6_000_000


async def test_the_share_is_the_programmes_rule(client):
    case = await _the_issues_case()
    rule = await ProgrammeRule.get(programme=case.programme, kind=case.kind)
    admin = await make_user("admin")
    headers = await bearer(admin)
    changed = await client.patch(
        f"/api/v1/programme-rules/{rule.id}",
        json={"version": rule.version, "first_tranche_percent": 60},
        headers=headers,
    )
    assert changed.json()["first_tranche_percent"] == 60
    body = (await client.get(f"/api/v1/houses/{case.id}/funding", headers=headers)).json()
    assert (body["first_tranche"], body["second_tranche"]) == (32_400_000, 21_600_000)
    bad = await client.patch(
        f"/api/v1/programme-rules/{rule.id}",
        json={"version": rule.version + 1, "first_tranche_percent": 0},
        headers=headers,
    )
    assert bad.status_code == 422
    assert bad.json()["errors"] == {
        "first_tranche_percent": "Đợt 1 phải từ 1 đến 100 % kinh phí hỗ trợ."
    }
