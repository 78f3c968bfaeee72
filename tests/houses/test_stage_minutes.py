"""Stage-completion minutes: what they print, their number and date, the tranche they release."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

import pytest

from relief import settings as relief_settings
from relief.core.actor import SYSTEM
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.formatting import local_today
from relief.core.models import AuditEntry
from relief.houses import funding, stage_minutes
from relief.houses.models import FundingSource, HouseKind, Stage, StageEvent
from tests.factories import login_as, make_user, post_form
from tests.households.factories import PROVINCE
from tests.houses.factories import case_at, update_contribution

TODAY = local_today()


def _money(pledged: int, disbursed: int = 0) -> funding.ContributionInput:
    return funding.ContributionInput(
        source=FundingSource.STATE_BUDGET, amount_pledged=pledged, amount_disbursed=disbursed
    )


async def test_the_first_tranche_waits_for_the_signed_minutes_of_the_foundation(orm):
    case = await case_at(Stage.FOUNDATION_DONE)
    with pytest.raises(Invalid) as caught:
        await funding.add_contribution(SYSTEM, case.id, _money(60_000_000, 42_000_000))
    assert caught.value.field_errors == {"amount_disbursed": stage_minutes.NEEDS_MINUTES}
    pledge = await funding.add_contribution(SYSTEM, case.id, _money(60_000_000))  # no money out

    event = await stage_minutes.record_minutes(
        SYSTEM, case.id, Stage.FOUNDATION_DONE, " 07/BB-NT ", TODAY, 1
    )
    assert (event.minutes_number, event.minutes_on) == ("07/BB-NT", TODAY)
    stored = await StageEvent.get(id=event.id)
    assert (stored.minutes_number, stored.minutes_on) == ("07/BB-NT", TODAY)
    audit = await AuditEntry.get(entity="stage_event", entity_id=event.id)
    assert audit.after["minutes_number"] == "07/BB-NT"
    paid = await update_contribution(SYSTEM, pledge.id, 60_000_000, 42_000_000)
    assert paid.amount_disbursed == 42_000_000

    m = await stage_minutes.stage_minutes_of(SYSTEM, case.id, Stage.FOUNDATION_DONE)
    assert (m.pledged, m.tranche, m.tranche_share) == (60_000_000, 42_000_000, 70)


async def test_the_rule_is_a_setting(orm, settings):
    case = await case_at(Stage.THIRTY_PERCENT_DONE, kind=HouseKind.REPAIR)
    relief_settings.activate(replace(settings, tranche_needs_minutes=False))
    try:
        paid = await funding.add_contribution(SYSTEM, case.id, _money(30_000_000, 21_000_000))
    finally:
        relief_settings.activate(settings)
    assert paid.amount_disbursed == 21_000_000
    # On by default: the same payment on another repair waits for its minutes.
    other = await case_at(Stage.THIRTY_PERCENT_DONE, kind=HouseKind.REPAIR)
    with pytest.raises(Invalid):
        await funding.add_contribution(SYSTEM, other.id, _money(30_000_000, 21_000_000))


async def test_minutes_need_a_stage_reached_a_number_and_a_sensible_date(orm):
    case = await case_at(Stage.FOUNDATION_DONE)
    with pytest.raises(Conflict):  # not completed yet
        await stage_minutes.stage_minutes_of(SYSTEM, case.id, Stage.COMPLETED)
    with pytest.raises(NotFound):
        await stage_minutes.stage_minutes_of(SYSTEM, case.id, "started")
    with pytest.raises(NotFound):
        await stage_minutes.stage_minutes_of(SYSTEM, case.id, "nonsense")
    with pytest.raises(Invalid) as caught:
        await stage_minutes.record_minutes(
            SYSTEM, case.id, Stage.FOUNDATION_DONE, "", TODAY + timedelta(days=1), 1
        )
    assert set(caught.value.field_errors) == {"minutes_number", "minutes_on"}
    event = await StageEvent.get(house_case_id=case.id, to_stage=Stage.FOUNDATION_DONE)
    with pytest.raises(Invalid) as caught:
        await stage_minutes.record_minutes(
            SYSTEM, case.id, Stage.FOUNDATION_DONE, "1/BB", event.on - timedelta(days=1), 1
        )
    assert caught.value.field_errors == {
        "minutes_on": "The minutes cannot be signed before the stage was reached."
    }
    with pytest.raises(Forbidden):
        await stage_minutes.record_minutes(PROVINCE, case.id, Stage.FOUNDATION_DONE, "1", TODAY, 1)


async def test_the_page_prints_the_board_and_records_the_number(client):
    case = await case_at(Stage.FOUNDATION_DONE)
    await funding.add_contribution(SYSTEM, case.id, _money(60_000_000))
    await login_as(client, await make_user("commune"))
    url = f"/houses/{case.id}/stage-minutes/foundation_done"
    page = await client.get(url)
    assert page.status_code == 200
    for text in (
        "BIÊN BẢN XÁC NHẬN HOÀN THÀNH THEO GIAI ĐOẠN",
        "Hoàn thành phần móng",
        "ỦY BAN MTTQ VIỆT NAM",
        "42.000.000",
        "Bốn mươi hai triệu đồng chẵn",
    ):
        assert text in page.text
    assert re.search(r"TRƯỞNG (THÔN|XÓM|BẢN|LÀNG) ", page.text)
    assert 'name="version" value="1"' in page.text
    on = TODAY.isoformat()
    bad = await post_form(client, url, {"minutes_number": "", "minutes_on": on, "version": "1"})
    assert bad.status_code == 422
    versionless = await post_form(client, url, {"minutes_number": "12/BB-NT", "minutes_on": on})
    assert versionless.status_code == 422
    done = await post_form(
        client,
        url,
        {"minutes_number": "12/BB-NT", "minutes_on": on, "version": "1"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert "Số: 12/BB-NT" in (await client.get(url)).text
    stale = await post_form(
        client, url, {"minutes_number": "13/BB-NT", "minutes_on": on, "version": "1"}
    )
    assert stale.status_code == 409
    assert "Đã thay đổi trong lúc bạn sửa" in stale.text and "12/BB-NT" in stale.text
    assert (
        await StageEvent.get(house_case_id=case.id, to_stage=Stage.FOUNDATION_DONE)
    ).version == 2
    assert (await client.get(f"/houses/{case.id}/stage-minutes/completed")).status_code == 409
