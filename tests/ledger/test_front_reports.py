"""The Front's report to the higher Front over HTTP on both databases: a commune's Front sends
a month's figures per fund, kept as they were when sent; the province's Front receives or
returns it; a commune's Front cannot answer, nor read another commune's report."""

from __future__ import annotations

from datetime import date

from relief.core.actor import Role
from relief.ledger import front_reports, service
from relief.ledger.models import Channel, FrontReport, FundLevel
from tests.factories import login_as, make_user, post_form
from tests.ledger.factories import THAN_SA, a_commune_year, front_officer

M = 1_000_000
VO_NHAI = "05716"


async def _sent(client) -> FrontReport:
    """Thần Sa's Front sends the month of its year's entries; the report it made."""
    year = await a_commune_year()
    day = year.donations[0].received_on
    await login_as(client, await make_user(Role.FRONT, commune_code=THAN_SA, username="xa"))
    sent = await post_form(client, "/ledger/front-reports", {"month": f"{day:%Y-%m}"})
    assert sent.status_code == 303, sent.text
    return await FrontReport.get(id=int(sent.headers["location"].rsplit("/", 1)[1]))


async def _as_province(client) -> None:
    client.cookies.clear()
    await login_as(client, await make_user(Role.FRONT, username="tinh"))


async def test_the_report_keeps_the_ledgers_figures_as_they_were_when_sent(client):
    report = await _sent(client)
    at_sending = await front_reports.figures(report.commune_id, report.year, report.month)
    commune_line = next(x for x in report.figures if x["level"] == FundLevel.COMMUNE)
    later = service.DonationInput(
        level=FundLevel.COMMUNE,
        commune_id=report.commune_id,
        channel=Channel.CASH,
        amount=7 * M,
        received_on=date(report.year, report.month, 1),
    )
    await service.record_donation(await front_officer(), later)
    kept = await FrontReport.get(id=report.id)
    now = await front_reports.figures(report.commune_id, report.year, report.month)
    assert (report.figures, commune_line["received"], kept.figures, _received(now)) == (
        at_sending,
        135 * M,
        at_sending,
        _received(at_sending) + 7 * M,
    )


def _received(lines: list[dict]) -> int:
    return sum(line["received"] for line in lines)


async def test_the_province_front_receives_a_sent_report(client):
    report = await _sent(client)
    await _as_province(client)
    url = f"/ledger/front-reports/{report.id}/receive"
    answered = await post_form(client, url, {"version": str(report.version)})
    after = await FrontReport.get(id=report.id)
    assert (answered.status_code, after.received_by, after.returned_at) == (303, "tinh", None)


async def test_the_province_front_returns_a_report_saying_why(client):
    report = await _sent(client)
    await _as_province(client)
    url = f"/ledger/front-reports/{report.id}/return"
    bare = await post_form(client, url, {"version": str(report.version)})
    answered = await post_form(
        client, url, {"version": str(report.version), "return_comment": "Thiếu chứng từ chi."}
    )
    after = await FrontReport.get(id=report.id)
    assert (bare.status_code, answered.status_code, after.return_comment) == (
        422,
        303,
        "Thiếu chứng từ chi.",
    )


async def test_a_returned_month_can_be_sent_again_and_a_pending_one_cannot(client):
    report = await _sent(client)
    month = {"month": f"{report.year:04d}-{report.month:02d}"}
    twice = await post_form(client, "/ledger/front-reports", month)
    await FrontReport.filter(id=report.id).update(returned_at=report.sent_at)
    again = await post_form(client, "/ledger/front-reports", month)
    assert (twice.status_code, again.status_code) == (409, 303)


async def test_a_commune_front_cannot_receive(client):
    report = await _sent(client)
    url = f"/ledger/front-reports/{report.id}/receive"
    answered = await post_form(client, url, {"version": str(report.version)})
    assert (answered.status_code, (await FrontReport.get(id=report.id)).received_at) == (403, None)


async def test_another_communes_front_does_not_see_the_report(client):
    report = await _sent(client)
    client.cookies.clear()
    await login_as(client, await make_user(Role.FRONT, commune_code=VO_NHAI, username="vn"))
    assert (await client.get(f"/ledger/front-reports/{report.id}")).status_code == 404


async def test_both_fronts_reach_the_reports_from_the_ledger(client):
    report = await _sent(client)
    commune_page = await client.get("/ledger")
    await _as_province(client)
    province_page = await client.get("/ledger")
    listed = await client.get("/ledger/front-reports")
    shown = await client.get(f"/ledger/front-reports/{report.id}")
    link = 'href="/ledger/front-reports"'
    assert (
        link in commune_page.text,
        link in province_page.text,
        f'href="/ledger/front-reports/{report.id}"' in listed.text,
        "Tiếp nhận" in shown.text,
    ) == (True, True, True, True)


async def test_a_sent_month_offers_no_second_sending(client):
    report = await _sent(client)
    page = await client.get(f"/ledger/front-reports?month={report.year:04d}-{report.month:02d}")
    assert 'method="post" action="/ledger/front-reports"' not in page.text
