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


async def test_a_week_shows_money_by_source_beside_its_counts_and_prints_on_a4(client):
    import io

    from openpyxl import load_workbook

    from relief.houses.models import Contribution

    commune = await Commune.get(code="05725")
    case = await case_at(Stage.STARTED)
    await Contribution.create(
        house_case=case,
        commune_id=case.commune_id,
        source="state_budget",
        amount_pledged=60_000_000,
        amount_disbursed=40_000_000,
    )
    week = await campaign.submit(SYSTEM, commune)
    (key,) = week.figures["money_by_row"]
    assert key.endswith(":new_build")
    assert week.figures["money_by_row"][key] == {"state_budget": 40_000_000}
    assert week.change["money_by_row"][key] == {"state_budget": 40_000_000}

    await login_as(client, await make_user("commune"))
    page = await client.get(f"/campaign-weeks/{week.id}")
    assert page.status_code == 200
    row = page.text[page.text.index('class="row-money"') :][:200]
    assert "40.000.000\u00a0₫" in row
    assert f'href="/campaign-weeks/{week.id}/print"' in page.text
    paper = await client.get(f"/campaign-weeks/{week.id}/print")
    assert paper.status_code == 200
    for words in ("BÁO CÁO TIẾN ĐỘ HỖ TRỢ NHÀ Ở", "Nơi nhận:", "Ngân sách nhà nước: 40.000.000"):
        assert words in paper.text.replace("\u00a0", " ")
    book = await client.get(f"/campaign-weeks/{week.id}/xlsx")
    assert book.status_code == 200
    sheet = load_workbook(io.BytesIO(book.content)).active
    rows = [[c for c in r if c not in (None, "")] for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert rows[1][0] == "XÃ THẦN SA"
    assert ["BÁO CÁO TIẾN ĐỘ HỖ TRỢ NHÀ Ở"] in rows
    (line,) = [r for r in rows if len(r) == 9 and r[-1] == 40_000_000]
    assert line[1:] == ["Xây mới", 1, 1, 0, 0, 0, 0, 40_000_000]  # started (+1), the money
    assert ["trong đó: Ngân sách nhà nước", 40_000_000] in rows
    setup = sheet.page_setup
    assert (int(setup.paperSize), setup.orientation, setup.fitToWidth) == (9, "portrait", 1)
