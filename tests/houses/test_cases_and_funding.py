"""Opening cases (codes, one per household, scope) and the money rules."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from relief.core.actor import SYSTEM
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.formatting import local_today
from relief.houses import funding, stage_minutes
from relief.houses.codes import code_prefix
from relief.houses.models import Contribution, FundingSource, HouseCase, Stage, Tranche
from relief.houses.service import CaseInput
from relief.houses.service import open_case as open_case_service
from relief.places.models import Commune, Province
from tests.factories import actor_for, make_household, make_sponsor, make_user
from tests.houses.factories import (
    add_photo_row,
    case_at,
    move_stage,
    open_case,
    update_contribution,
)

TODAY = local_today()


async def test_codes_follow_the_commune_and_year_sequence(orm):
    first = await open_case()
    second = await open_case(await make_household(head_name="Nông Thị Hoa"))
    assert first.code == f"TS-{first.year}-0001" and second.code == f"TS-{first.year}-0002"
    assert (first.commune_id, first.hamlet_id) == (
        (await first.household).commune_id,
        (await first.household).hamlet_id,
    )


async def test_a_commune_keeps_its_code_when_another_with_its_initials_is_loaded(orm):
    """Thần Sa's houses are TS-…; a commune of another province loaded later with the same
    initials (Tân Sơn) gets its code added, and Thần Sa's next house is still TS-…."""
    first = await open_case()
    province = await Province.create(code="25", name="Phú Thọ")
    await Commune.create(
        province=province, code="07900", kind="xa", name="Tân Sơn", name_key="tan son"
    )
    second = await open_case(await make_household(head_name="Nông Thị Hoa"))
    assert (first.code, second.code) == (f"TS-{first.year}-0001", f"TS-{first.year}-0002")
    tan_son = await Commune.get(code="07900")
    assert await code_prefix(tan_son) == "TS07900"


async def test_codes_stay_unique_when_cases_are_opened_at_once(orm):
    households = [await make_household(head_name=f"Lý Văn {n}") for n in "ABCDEF"]
    cases = await asyncio.gather(*(open_case(h) for h in households))
    assert len({c.code for c in cases}) == 6
    assert sorted(c.seq for c in cases) == [1, 2, 3, 4, 5, 6]


async def test_one_open_case_per_household(orm):
    case = await open_case()
    with pytest.raises(Conflict) as err:
        await open_case(await case.household)
    assert err.value.details["code"] == case.code


async def test_bad_case_input_is_reported_field_by_field(orm):
    household = await make_household()
    with pytest.raises(Invalid) as err:
        await open_case_service(
            SYSTEM,
            CaseInput(
                household_id=household.id,
                programme="villa",
                kind=None,
                area_m2="abc",
                estimated_cost=-5,
                proposed_on=date(2999, 1, 1),
            ),
        )
    assert set(err.value.field_errors) == {
        "programme",
        "kind",
        "area_m2",
        "estimated_cost",
        "proposed_on",
    }
    assert not await HouseCase.exists()


async def test_an_officer_opens_cases_only_in_their_commune(orm):
    officer = actor_for(await make_user("commune"))
    elsewhere = await make_household("05665")
    with pytest.raises(Invalid) as err:
        await open_case_service(
            officer,
            CaseInput(household_id=elsewhere.id, programme="great_solidarity", kind="repair"),
        )
    assert err.value.field_errors == {"household_id": "No such household."}
    province = actor_for(await make_user("province"))
    with pytest.raises(Forbidden):
        await open_case_service(
            province,
            CaseInput(household_id=elsewhere.id, programme="great_solidarity", kind="repair"),
        )


def _money(source=FundingSource.STATE_BUDGET, pledged=30_000_000, disbursed=0, **kw):
    return funding.ContributionInput(
        source=source, amount_pledged=pledged, amount_disbursed=disbursed, **kw
    )


async def test_disbursed_is_never_above_pledged(orm):
    case = await open_case()
    with pytest.raises(Invalid) as err:
        await funding.add_contribution(SYSTEM, case.id, _money(pledged=10, disbursed=11))
    assert "amount_disbursed" in err.value.field_errors
    c = await funding.add_contribution(SYSTEM, case.id, _money(pledged=10_000_000))
    with pytest.raises(Invalid):
        await update_contribution(SYSTEM, c.id, 10_000_000, 10_000_001)
    with pytest.raises(Invalid):
        await funding.add_contribution(SYSTEM, case.id, _money(pledged=-1))


async def test_no_more_than_70_percent_before_completion(orm):
    case = await case_at(Stage.FOUNDATION_DONE)
    await stage_minutes.record_minutes(SYSTEM, case.id, Stage.FOUNDATION_DONE, "01/BB-NT", TODAY, 1)
    state = await funding.add_contribution(SYSTEM, case.id, _money(pledged=30_000_000))
    sponsor = await make_sponsor()
    await funding.add_contribution(
        SYSTEM,
        case.id,
        _money(FundingSource.SPONSOR, pledged=30_000_000, sponsor_id=sponsor.id),
    )
    # 70% of the 60 M pledged on the case: 42 M may go out before completion.
    state = await update_contribution(SYSTEM, state.id, 30_000_000, 30_000_000)
    assert state.tranche is Tranche.FIRST
    sponsor_c = await Contribution.get(source=FundingSource.SPONSOR)
    await update_contribution(SYSTEM, sponsor_c.id, 30_000_000, 12_000_000)
    with pytest.raises(Invalid) as err:
        await update_contribution(SYSTEM, sponsor_c.id, 30_000_000, 12_000_001)
    assert "70%" in err.value.field_errors["amount_disbursed"]
    with pytest.raises(Invalid):  # 43 M of 61 M
        await funding.add_contribution(SYSTEM, case.id, _money(pledged=1_000_000, disbursed=10**6))
    # Lowering a pledge that would push the share above 70% is refused too.
    with pytest.raises(Invalid):
        await update_contribution(SYSTEM, sponsor_c.id, 20_000_000, 12_000_000)
    # At completion the final 30% is paid.
    await add_photo_row(case)
    await move_stage(SYSTEM, case.id, Stage.COMPLETED, TODAY)
    final = await update_contribution(SYSTEM, sponsor_c.id, 30_000_000, 30_000_000)
    assert final.tranche is Tranche.FINAL
    summary = await funding.funding_of(SYSTEM, case.id)
    assert (summary.pledged, summary.disbursed, summary.gap) == (60_000_000, 60_000_000, 0)


async def test_a_step_back_from_completed_is_refused_once_the_final_tranche_is_paid(orm):
    case = await case_at(Stage.COMPLETED)
    await funding.add_contribution(
        SYSTEM, case.id, _money(pledged=10_000_000, disbursed=10_000_000)
    )
    with pytest.raises(Conflict):
        await move_stage(SYSTEM, case.id, Stage.FOUNDATION_DONE, TODAY, "Sai")


async def test_the_gap_between_cost_and_pledges_is_shown(orm):
    case = await open_case(estimated_cost=60_000_000)
    await funding.add_contribution(SYSTEM, case.id, _money(pledged=25_000_000))
    await funding.add_contribution(
        SYSTEM,
        case.id,
        _money(FundingSource.LABOUR_DAYS, pledged=0, labour_days=40),
    )
    summary = await funding.funding_of(SYSTEM, case.id)
    assert summary.gap == 35_000_000 and summary.labour_days == 40
    assert [s.source for s in summary.by_source] == [
        FundingSource.STATE_BUDGET,
        FundingSource.LABOUR_DAYS,
    ]


async def test_sources_and_sponsors_must_agree(orm):
    case = await open_case()
    with pytest.raises(Invalid) as err:
        await funding.add_contribution(SYSTEM, case.id, _money(FundingSource.SPONSOR))
    assert "sponsor_id" in err.value.field_errors
    sponsor = await make_sponsor()
    with pytest.raises(Invalid):
        await funding.add_contribution(
            SYSTEM, case.id, _money(FundingSource.HOUSEHOLD, sponsor_id=sponsor.id)
        )
    with pytest.raises(Invalid):
        await funding.add_contribution(SYSTEM, case.id, _money(FundingSource.LABOUR_DAYS))
    with pytest.raises(Invalid):
        await funding.add_contribution(SYSTEM, case.id, _money("gold"))


async def test_contributions_carry_the_commune_and_respect_scope(orm):
    case = await open_case(await make_household("05665"))
    c = await funding.add_contribution(SYSTEM, case.id, _money())
    assert c.commune_id == case.commune_id
    officer = actor_for(await make_user("commune"))
    with pytest.raises(NotFound):
        await funding.add_contribution(officer, case.id, _money())
    with pytest.raises(NotFound):
        await update_contribution(officer, c.id, 1, 0)


async def test_a_cancelled_case_takes_no_more_money(orm):
    case = await open_case()
    await move_stage(SYSTEM, case.id, Stage.CANCELLED, TODAY, "Hộ chuyển đi")
    with pytest.raises(Conflict):
        await funding.add_contribution(SYSTEM, case.id, _money())
