"""The event summary and periodic reports (Joint Circular 43/2015 Art. 7.2-7.3): drawn from the
records (damage, aid by source, houses and their money by source) with the commune's own lines,
locked when sent, received or returned as the quick report is, owed with a deadline and a state,
printed on A4 and as an XLSX with the administrative heading; over HTTP on both databases."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from relief.aid.models import AidGiven, AidVisit
from relief.core.formatting import LOCAL_TZ
from relief.core.models import AuditEntry
from relief.disaster_reports import duty, period, sending
from relief.disaster_reports.models import PeriodReport
from relief.households.models import DamageAssessment, Disaster
from relief.houses.models import Contribution, HouseCase, Stage
from tests.factories import login_as, make_household, make_user, post_form
from tests.houses.factories import case_at

THAN_SA, VO_NHAI = "05725", "05716"


class Clock:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.at = datetime(2025, 10, 14, 9, tzinfo=LOCAL_TZ)
        for module in (period, duty, sending):
            monkeypatch.setattr(module, "now", lambda: self.at)

    def set(self, year: int, month: int, day: int, hour: int = 9) -> None:
        self.at = datetime(year, month, day, hour, tzinfo=LOCAL_TZ)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


async def _records(disaster: Disaster) -> None:
    """Damage, aid from two delegations and a house answering the disaster, in Thần Sa."""
    first = await make_household(THAN_SA, head_name="Nông Văn Một", members=5)
    second = await make_household(THAN_SA, head_name="Hoàng Thị Hai", members=3)
    for household, band, dead in ((first, "total", 1), (second, "heavy", 0)):
        await DamageAssessment.create(
            household=household,
            disaster=disaster,
            commune_id=household.commune_id,
            hamlet_id=household.hamlet_id,
            band=band,
            house_class="semi_solid",
            dead=dead,
            assessed_on=date(2025, 10, 8),
        )
    gifts = (("UBMTTQ tỉnh", first, 2_000_000, 500_000), ("Báo Xây dựng", second, 1_000_000, 0))
    for delegation, household, cash, goods in gifts:
        visit = await AidVisit.create(
            commune_id=household.commune_id,
            disaster=disaster,
            visited_on=date(2025, 10, 9),
            delegation=delegation,
        )
        await AidGiven.create(
            visit=visit,
            household=household,
            commune_id=household.commune_id,
            hamlet_id=household.hamlet_id,
            cash=cash,
            goods_value=goods,
        )
    case = await case_at(Stage.COMPLETED, household=first)
    await HouseCase.filter(id=case.id).update(disaster_id=disaster.id)
    await Contribution.create(
        house_case=case,
        commune_id=case.commune_id,
        source="state_budget",
        amount_pledged=40_000_000,
        amount_disbursed=40_000_000,
    )


async def test_event_summary_drawn_sent_locked_returned_and_sent_again(client, clock):
    disaster = await Disaster.create(
        name="Lũ sông Cầu", starts_on=date(2025, 10, 6), ends_on=date(2025, 10, 10)
    )
    await _records(disaster)
    officer = await make_user("commune", commune_code=THAN_SA)
    province = await make_user("province")
    draft_url = f"/communes/{THAN_SA}/period-reports/event/{disaster.id}"

    await login_as(client, officer)
    draft = await client.get(draft_url)
    assert draft.status_code == 200
    assert "UBMTTQ tỉnh" in draft.text and "3.000.000\u00a0₫" in draft.text
    assert "40.000.000\u00a0₫" in draft.text
    # The situation is drafted from the disaster; the commune writes the rest.
    assert "Lũ sông Cầu, 06/10/2025 – 10/10/2025" in draft.text

    sent = await post_form(
        client,
        draft_url,
        {"situation": "Lũ lớn trên sông Cầu.", "lessons": "Sơ tán sớm.", "proposals": "Hỗ trợ"},
    )
    assert sent.status_code == 303, sent.text
    report = await PeriodReport.get(id=int(sent.headers["location"].rsplit("/", 1)[1]))
    assert (report.kind, report.number, report.sent_by) == ("event", 1, officer.username)
    assert report.texts == {
        "situation": "Lũ lớn trên sông Cầu.",
        "lessons": "Sơ tán sớm.",
        "proposals": "Hỗ trợ",
    }
    aid = report.figures["aid"]
    assert [s["source"] for s in aid["sources"]] == ["Báo Xây dựng", "UBMTTQ tỉnh"]
    assert (aid["households"], aid["cash"], aid["goods_value"]) == (2, 3_000_000, 500_000)
    damage = report.figures["damage"]
    assert (damage["households"], damage["people"], damage["dead"]) == (2, 8, 1)
    assert damage["bands"] == {"total": {"semi_solid": 1}, "heavy": {"semi_solid": 1}}
    houses = report.figures["houses"]
    assert houses["counts"]["new_build"] == {"started": 1, "completed": 1, "handed_over": 0}
    assert houses["money"] == {"state_budget": 40_000_000}
    # Awaiting the province's answer: not sent twice.
    again = await post_form(client, draft_url, {"situation": "x"})
    assert again.status_code == 409

    # A later record does not change what was sent.
    household = await make_household(THAN_SA, head_name="Lý Văn Ba")
    visit = await AidVisit.get(delegation="UBMTTQ tỉnh")
    await AidGiven.create(
        visit=visit,
        household=household,
        commune_id=household.commune_id,
        hamlet_id=household.hamlet_id,
        cash=700_000,
    )
    assert (await PeriodReport.get(id=report.id)).figures["aid"]["cash"] == 3_000_000

    # Another commune's officer does not find it.
    await login_as(client, await make_user("commune", commune_code=VO_NHAI))
    assert (await client.get(f"/period-reports/{report.id}")).status_code == 404

    # The province returns it (a comment is needed), the commune reads why and sends again,
    # late; the province receives the second one.
    await login_as(client, province)
    bare = await post_form(client, f"/period-reports/{report.id}/return", {"version": "1"})
    assert bare.status_code == 422 and 'id="e-return_comment"' in bare.text
    returned = await post_form(
        client,
        f"/period-reports/{report.id}/return",
        {"version": "1", "return_comment": "Thiếu bài học kinh nghiệm."},
    )
    assert returned.status_code == 303, returned.text
    await login_as(client, officer)
    owed = await client.get(f"/communes/{THAN_SA}/period-reports")
    assert 'class="state-returned"' in owed.text
    clock.set(2025, 10, 16)
    resent = await post_form(client, draft_url, {"situation": "Lũ lớn.", "lessons": "Sơ tán."})
    assert resent.status_code == 303, resent.text
    second = await PeriodReport.get(id=int(resent.headers["location"].rsplit("/", 1)[1]))
    assert second.number == 2 and second.figures["aid"]["cash"] == 3_700_000
    await login_as(client, province)
    received = await post_form(client, f"/period-reports/{second.id}/receive", {"version": "1"})
    assert received.status_code == 303, received.text
    assert (await PeriodReport.get(id=second.id)).received_by == province.username
    actions = await AuditEntry.filter(entity="period_report").values_list("action", flat=True)
    assert sorted(actions) == ["receive_report", "return_report", "send_report", "send_report"]

    # The calendar: received, its first sending on time (before 15/10 17:00).
    grid = await client.get("/period-reports")
    assert grid.status_code == 200
    assert f'href="/period-reports/{second.id}"' in grid.text
    await login_as(client, officer)
    owed = await client.get(f"/communes/{THAN_SA}/period-reports")
    event_row = re.search(rf"event/{disaster.id}\".*?</tr>", owed.text, re.S)
    assert event_row is not None and 'class="state-received"' in event_row.group(0)
    assert "(sent on time)" in event_row.group(0) or "(gửi đúng hạn)" in event_row.group(0)

    # The paper and the XLSX: heading, number, title, aid and houses, recipients, signature.
    paper = await client.get(f"/period-reports/{second.id}/print")
    assert paper.status_code == 200
    for words in ("BÁO CÁO TỔNG HỢP", "Số: 02/BC-BCH", "Nơi nhận:", "Bàn giao", "3.700.000\u00a0₫"):
        assert words in paper.text
    xlsx = await client.get(f"/period-reports/{second.id}/xlsx")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = [[c for c in row if c not in (None, "")] for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0].startswith("ỦY BAN NHÂN DÂN XÃ")
    assert [c for c in rows[2] if str(c).startswith("Số:")] == ["Số: 02/BC-BCH"]
    assert ["Tổng cộng", 3, 3_700_000, 500_000] in rows
    assert ["Ngân sách nhà nước", 40_000_000] in rows
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.orientation == "portrait"
    assert any("NƠI NHẬN" in str(c).upper() for r in rows for c in r)


async def test_periodic_reports_owed_missing_late_and_on_time(client, clock):
    officer = await make_user("commune", commune_code=THAN_SA)
    province = await make_user("province")
    await login_as(client, officer)
    # 1 July 2025: the six-monthly report of 2025 was due on 15 June (missing); the yearly
    # one is not due yet.
    clock.set(2025, 7, 1)
    owed = await client.get(f"/communes/{THAN_SA}/period-reports")
    assert owed.status_code == 200
    cells = re.findall(
        r'period-reports/(\w+)/(\d+)">[^<]*</a></td>\s*<td[^>]*>[^<]*</td>\s*'
        r'<td[^>]*class="state-(\w+)"',
        owed.text,
    )
    assert ("half_year", "2025", "missing") in cells
    assert ("year", "2025", "due") in cells
    sent = await post_form(
        client, f"/communes/{THAN_SA}/period-reports/half_year/2025", {"response": "Đã làm."}
    )
    assert sent.status_code == 303, sent.text
    report = await PeriodReport.get(id=int(sent.headers["location"].rsplit("/", 1)[1]))
    assert (report.starts_on, report.ends_on) == (date(2025, 1, 1), date(2025, 6, 30))
    # The yearly report sent before 15 December: on time.
    clock.set(2025, 12, 10)
    on_time = await post_form(client, f"/communes/{THAN_SA}/period-reports/year/2025", {})
    assert on_time.status_code == 303, on_time.text

    await login_as(client, province)
    clock.set(2025, 12, 20)
    grid = await client.get("/period-reports")
    assert grid.status_code == 200
    # Thần Sa's row: the yearly report on time, the six-monthly one late.
    row = re.search(r"Thần Sa</a></th>(.*?)</tr>", grid.text, re.S)
    assert row is not None
    assert re.findall(r'class="state-(\w+)"', row.group(1))[:2] == ["on_time", "late"]
    # An unknown kind or year is not found.
    assert (await client.get(f"/communes/{THAN_SA}/period-reports/week/2025")).status_code == 404
    assert (await client.get(f"/communes/{THAN_SA}/period-reports/year/1900")).status_code == 404
