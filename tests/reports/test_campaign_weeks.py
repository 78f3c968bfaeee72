"""The housing campaign's weekly report: a week submitted is a locked snapshot of the houses by
campaign group and kind; once accepted it stays as it was after later edits, and the next
week shows the change."""

from __future__ import annotations

from datetime import timedelta

import pytest

from relief.core.actor import SYSTEM
from relief.core.errors import Conflict
from relief.core.formatting import local_today
from relief.houses.models import Stage
from relief.places.models import Commune
from relief.reports import campaign
from relief.reports.models import CampaignWeek
from tests.factories import login_as, make_user, post_form
from tests.houses.factories import case_at, move_stage


def _started(week: CampaignWeek | dict) -> int:
    figures = week.figures if isinstance(week, CampaignWeek) else week
    return sum(counts["started"] for counts in figures["houses"].values())


async def test_an_accepted_week_stays_and_the_next_week_shows_the_change(client):
    commune = await Commune.get(code="05725")
    case = await case_at(Stage.APPROVED)
    officer, province = await make_user("commune"), await make_user("province")
    last_week = local_today() - timedelta(days=7)

    # Last week: submitted (as of then), accepted by the province on its page.
    first = await campaign.submit(SYSTEM, commune, last_week)
    assert _started(first) == 0
    await login_as(client, province)
    accepted = await post_form(
        client, f"/campaign-weeks/{first.id}/accept", {"version": str(first.version)}
    )
    assert accepted.status_code == 303, accepted.text
    locked = (await CampaignWeek.get(id=first.id)).figures

    # An edit after: the house is started. The accepted week does not change, nor can it.
    await move_stage(SYSTEM, case.id, Stage.STARTED, local_today())
    with pytest.raises(Conflict):
        await campaign.submit(SYSTEM, commune, last_week)
    assert (await CampaignWeek.get(id=first.id)).figures == locked

    # This week, submitted by the commune's officer from its page: the change shows.
    await login_as(client, officer)
    page = await client.get("/communes/05725/campaign-weeks")
    assert page.status_code == 200 and "(+1)" in page.text
    week = campaign.week_of(local_today()).isoformat()
    sent = await post_form(client, "/communes/05725/campaign-weeks", {"week_start": week})
    assert sent.status_code == 303, sent.text
    second = await CampaignWeek.get(commune_id=commune.id, week_start=week)
    assert _started(second) == 1
    assert sum(c["started"] for c in second.change["houses"].values()) == 1
    assert (await CampaignWeek.get(id=first.id)).figures == locked


async def test_an_accepted_week_is_never_submitted_again(client):
    commune = await Commune.get(code="05725")
    week = await campaign.submit(SYSTEM, commune)
    province = await make_user("province")
    await campaign.answer(await _actor(province), week.id, week.version, True)
    await login_as(client, await make_user("commune"))
    today = campaign.week_of(local_today()).isoformat()
    refused = await post_form(client, "/communes/05725/campaign-weeks", {"week_start": today})
    assert refused.status_code == 409
    returned_comment = await post_form(
        client, f"/campaign-weeks/{week.id}/return", {"version": "2", "return_comment": "x"}
    )
    assert returned_comment.status_code == 403  # the commune does not answer


async def _actor(user):
    from relief.accounts.auth import actor_of

    return actor_of(user, None)
