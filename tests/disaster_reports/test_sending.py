"""Sending the quick report and the province's answer, and the duty calendar computed from
them (Joint Circular 43/2015: the first report within 24 hours of the disaster's start, then
one each day before 17:00), over HTTP on both databases, with the clock set by the test."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from relief.core.formatting import LOCAL_TZ
from relief.core.models import AuditEntry
from relief.disaster_reports import duty, service
from relief.disaster_reports.models import DisasterReport
from relief.households.models import Disaster
from relief.places.models import Commune
from tests.factories import login_as, make_user, post_form

THAN_SA, VO_NHAI = "05725", "05716"


class Clock:
    """The moment the app takes for "now" (sending, and the states of the days owed)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.at = datetime(2025, 10, 6, 12, tzinfo=LOCAL_TZ)
        monkeypatch.setattr(service, "now", lambda: self.at)
        monkeypatch.setattr(duty, "now", lambda: self.at)

    def set(self, day: int, hour: int, minute: int = 0) -> None:
        self.at = datetime(2025, 10, day, hour, minute, tzinfo=LOCAL_TZ)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


async def _save(client, disaster: Disaster, code: str, day: int, rice: str = "1") -> int:
    url = f"/disasters/{disaster.id}/reports/{code}"
    saved = await post_form(
        client, url, {"as_of_date": f"{day:02d}/10/2025", "as_of_hour": "17", "rice_ha": rice}
    )
    assert saved.status_code == 303, saved.text
    return int(saved.headers["location"].rsplit("/", 1)[1])


async def _send(client, report_id: int) -> int:
    report = await DisasterReport.get(id=report_id)
    sent = await post_form(
        client, f"/disaster-reports/{report_id}/send", {"version": str(report.version)}
    )
    return sent.status_code


def _states(html: str) -> list[str]:
    """The states of the calendar's days, newest first, as their cells' classes say."""
    return re.findall(r'class="state-(\w+)"', html)


async def test_sent_received_returned_late_and_missing_on_the_calendar_and_grid(client, clock):
    disaster = await Disaster.create(name="Lũ sông Cầu", starts_on=date(2025, 10, 6))
    than_sa = await make_user("commune", commune_code=THAN_SA)
    vo_nhai = await make_user("commune", commune_code=VO_NHAI)
    province = await make_user("province")

    # Thần Sa: the first report at 18:00 on the first day (due 24 h after the start: on time),
    # the second day's before 17:00 (on time), nothing on the third day (missing).
    await login_as(client, than_sa)
    clock.set(6, 18)
    first = await _save(client, disaster, THAN_SA, 6)
    page = await client.get(f"/disaster-reports/{first}")
    assert f'action="/disaster-reports/{first}/send"' in page.text
    assert await _send(client, first) == 303
    sent = await DisasterReport.get(id=first)
    assert sent.sent_by == than_sa.username and sent.sent_at == clock.at
    assert await _send(client, first) == 409  # sent once: a change is a new version
    clock.set(7, 16, 30)
    second = await _save(client, disaster, THAN_SA, 7)
    assert await _send(client, second) == 303
    # A version saved later about an earlier day is listed by the day it reports on.
    older = await _save(client, disaster, THAN_SA, 6, rice="2")
    form = await client.get(f"/disasters/{disaster.id}/reports/{THAN_SA}")
    listed = re.findall(r'href="/disaster-reports/(\d+)"', form.text)
    assert listed.index(str(second)) < listed.index(str(first)) < len(listed)
    assert listed.index(str(older)) < listed.index(str(first))  # same day: newest saved first

    # Võ Nhai misses the first day and sends the second day's the morning after (late).
    await login_as(client, vo_nhai)
    late = await _save(client, disaster, VO_NHAI, 7)
    clock.set(8, 9)
    assert await _send(client, late) == 303
    # Not its commune: the report, its sending and Thần Sa's calendar are not found.
    assert await _send(client, first) == 404
    assert (await client.get(f"/disasters/{disaster.id}/duty/{THAN_SA}")).status_code == 404

    # The province receives Thần Sa's first report and returns its second: a comment needed.
    await login_as(client, province)
    clock.set(8, 10)
    version = str((await DisasterReport.get(id=first)).version)
    received = await post_form(client, f"/disaster-reports/{first}/receive", {"version": version})
    assert received.status_code == 303, received.text
    assert (await DisasterReport.get(id=first)).received_by == province.username
    version = str((await DisasterReport.get(id=second)).version)
    bare = await post_form(client, f"/disaster-reports/{second}/return", {"version": version})
    assert bare.status_code == 422
    assert 'id="e-return_comment"' in bare.text
    assert (await DisasterReport.get(id=second)).returned_at is None
    returned = await post_form(
        client,
        f"/disaster-reports/{second}/return",
        {"version": version, "return_comment": "Thiếu số liệu giao thông."},
    )
    assert returned.status_code == 303, returned.text
    unsent = await post_form(client, f"/disaster-reports/{older}/receive", {"version": "1"})
    assert unsent.status_code == 409  # never sent: nothing to receive
    assert await AuditEntry.filter(entity="disaster_report", action="send_report").count() == 3
    assert await AuditEntry.filter(entity="disaster_report", action="return_report").count() == 1

    # The grid: the second day has one report on time (Thần Sa), one late (Võ Nhai), the
    # other communes missing; Thần Sa's line links to its calendar.
    clock.set(9, 10)
    grid = await client.get(f"/disasters/{disaster.id}/duty")
    assert grid.status_code == 200
    communes = await Commune.all().count()
    totals = re.findall(r"<td>(\d+)/(\d+)/(\d+)</td>", grid.text)
    assert totals[0] == ("1", "0", str(communes - 1))  # 06/10: Thần Sa on time
    assert totals[1] == ("1", "1", str(communes - 2))  # 07/10
    assert totals[2] == ("0", "0", str(communes))  # 08/10: nobody
    assert totals[3] == ("0", "0", "0")  # 09/10: due until 17:00
    assert f'href="/disasters/{disaster.id}/duty/{THAN_SA}"' in grid.text

    # The commune reads its calendar and the comment, and sends a corrected version.
    await login_as(client, than_sa)
    calendar = await client.get(f"/disasters/{disaster.id}/duty/{THAN_SA}")
    assert calendar.status_code == 200
    assert _states(calendar.text) == ["due", "missing", "returned", "received"]
    back = await client.get(f"/disaster-reports/{second}")
    assert "Thiếu số liệu giao thông." in back.text
    assert f'action="/disaster-reports/{second}/send"' not in back.text
    await login_as(client, vo_nhai)
    calendar = await client.get(f"/disasters/{disaster.id}/duty/{VO_NHAI}")
    assert _states(calendar.text) == ["due", "missing", "late", "missing"]
    assert "Gửi muộn" in calendar.text and "Thiếu (quá hạn chưa gửi)" in calendar.text
    clock.set(9, 17, 1)  # past the deadline, nothing sent: the day is missing
    calendar = await client.get(f"/disasters/{disaster.id}/duty/{VO_NHAI}")
    assert _states(calendar.text)[0] == "missing"


async def test_the_commune_landing_page_shows_what_is_due_today_with_its_links(client, clock):
    disaster = await Disaster.create(name="Bão số 3", starts_on=date(2025, 10, 5))
    clock.set(6, 8)
    await login_as(client, await make_user("commune", commune_code=THAN_SA))
    landing = await client.get("/reports", follow_redirects=True)
    assert landing.status_code == 200
    assert 'id="due-today"' in landing.text and "Bão số 3" in landing.text
    assert f'href="/disasters/{disaster.id}/reports/{THAN_SA}"' in landing.text
    assert f'href="/disasters/{disaster.id}/duty/{THAN_SA}"' in landing.text
    assert 'href="/duty"' in landing.text


async def test_steps_refused_to_whom_the_access_matrix_refuses(client, clock):
    disaster = await Disaster.create(name="Lũ", starts_on=date(2025, 10, 6))
    await login_as(client, await make_user("commune", commune_code=THAN_SA))
    clock.set(6, 18)
    report = await _save(client, disaster, THAN_SA, 6)
    # A stale version is refused (409) and nothing is sent.
    stale = await post_form(client, f"/disaster-reports/{report}/send", {"version": "7"})
    assert stale.status_code == 409
    assert (await DisasterReport.get(id=report)).sent_at is None
    # The commune officer cannot receive its own report; a sponsor reaches none of it.
    receive = await post_form(client, f"/disaster-reports/{report}/receive", {"version": "1"})
    assert receive.status_code == 403
    await login_as(client, await make_user("sponsor"))
    assert (await client.get("/duty")).status_code == 403
    assert (await client.get(f"/disasters/{disaster.id}/duty/{THAN_SA}")).status_code == 403
    assert (await _send(client, report)) == 403


def test_the_deadlines_are_settings_defaulting_to_the_circulars(monkeypatch, tmp_path):
    from relief.settings import Settings

    disaster = Disaster(name="Lũ", starts_on=date(2025, 10, 6), ends_on=date(2025, 10, 8))
    base = {"RELIEF_VAR_DIR": str(tmp_path)}
    circular = Settings.from_env(base)
    assert (circular.first_report_hours, circular.commune_report_hour) == (24, 17)
    monkeypatch.setattr(duty, "active", lambda: circular)
    days = duty.duty_days(disaster, date(2025, 10, 20))  # ended: its last day, not today
    assert [(d.day, first, when.strftime("%d %H")) for d, first, when in days] == [
        (6, True, "07 00"),
        (7, False, "07 17"),
        (8, False, "08 17"),
    ]
    own = Settings.from_env(
        {**base, "RELIEF_FIRST_REPORT_HOURS": "12", "RELIEF_COMMUNE_REPORT_HOUR": "16"}
    )
    monkeypatch.setattr(duty, "active", lambda: own)
    days = duty.duty_days(disaster, date(2025, 10, 7))  # going on: up to today
    assert [when.strftime("%d %H") for _, _, when in days] == ["06 12", "07 16"]


async def test_the_api_sends_receives_and_returns_with_one_status_each(client, clock):
    from tests.factories import bearer

    disaster = await Disaster.create(name="Lũ", starts_on=date(2025, 10, 6))
    officer = await make_user("commune", commune_code=THAN_SA)
    province = await bearer(await make_user("province"))
    mine = await bearer(officer)
    clock.set(6, 18)
    body = {"commune_code": THAN_SA, "disaster_id": disaster.id, "as_of_date": "2025-10-06"}
    made = await client.post("/api/v1/disaster-reports", json=body, headers=mine)
    assert made.status_code == 201, made.text
    report = made.json()
    assert (report["version"], report["sent_at"]) == (1, None)
    url = f"/api/v1/disaster-reports/{report['id']}"
    refused = await client.post(f"{url}/receive", json={"version": 1}, headers=province)
    assert refused.status_code == 409  # not sent yet
    sent = await client.post(f"{url}/send", json={"version": 1}, headers=mine)
    assert sent.status_code == 200, sent.text
    assert sent.json()["sent_by"] == officer.username and sent.json()["version"] == 2
    stale = await client.post(f"{url}/send", json={"version": 1}, headers=mine)
    assert stale.status_code == 409
    bare = await client.post(f"{url}/return", json={"version": 2}, headers=province)
    assert bare.status_code == 422
    assert bare.json()["codes"] == {"return_comment": "required"}
    done = await client.post(
        f"{url}/return", json={"version": 2, "return_comment": "Thiếu số liệu."}, headers=province
    )
    assert done.status_code == 200, done.text
    assert done.json()["return_comment"] == "Thiếu số liệu."
    other = await bearer(await make_user("commune", commune_code=VO_NHAI))
    assert (await client.post(f"{url}/send", json={"version": 3}, headers=other)).status_code == 404


async def test_a_full_week_of_every_commune_stays_under_60_kb(client, clock):
    """The grid at its largest: every commune of the province, seven days, a version each."""
    disaster = await Disaster.create(name="Lũ", starts_on=date(2025, 10, 1))
    clock.set(9, 18)
    communes = await Commune.all()
    sent = datetime(2025, 10, 9, 9, tzinfo=LOCAL_TZ)
    await DisasterReport.bulk_create(
        [
            DisasterReport(
                commune_id=c.id,
                disaster_id=disaster.id,
                as_of=datetime(2025, 10, day, 17, tzinfo=LOCAL_TZ),
                number=day,
                sent_at=sent,
                sent_by="x",
            )
            for c in communes
            for day in range(3, 10)
        ]
    )
    await login_as(client, await make_user("province"))
    grid = await client.get(f"/disasters/{disaster.id}/duty")
    assert grid.status_code == 200
    assert grid.text.count('href="/disaster-reports/') == 7 * len(communes)
    assert len(grid.content) <= 60 * 1024
    assert 'href="?until=2025-10-02"' in grid.text  # the week before
