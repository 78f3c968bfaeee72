"""The access matrix over two provinces, on both databases: no province officer (nor a
province's Front) reads or writes another province's records; the national roles read both
and write neither. One pinned status per case."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook

from relief.core import audit
from relief.core.actor import Role
from relief.households.models import Disaster
from relief.houses.models import HouseCase, HouseKind, Programme
from relief.ledger.models import Campaign
from relief.places.models import Commune
from relief.reports import kept
from relief.reports.models import CampaignWeek
from tests.access import seed_second_province
from tests.factories import (
    actor_for,
    bearer,
    csrf_token,
    login_as,
    make_household,
    make_sponsor,
    make_user,
)

THAN_SA, CAI_KINH = "05725", "06427"


async def _case(household, code: str) -> HouseCase:
    return await HouseCase.create(
        code=code,
        year=2025,
        seq=1,
        household=household,
        commune_id=household.commune_id,
        hamlet_id=household.hamlet_id,
        programme=Programme.GREAT_SOLIDARITY,
        kind=HouseKind.NEW_BUILD,
        stage_on=date(2025, 10, 20),
        proposed_on=date(2025, 10, 15),
    )


@pytest.fixture
async def world(client):
    """Thái Nguyên (19) with a household and a house in Thần Sa; Lạng Sơn (20) with the same
    in Cai Kinh; one account of each province-bound and national role."""
    await seed_second_province()
    disaster = await Disaster.create(name="Bão số 11 (Matmo)", starts_on=date(2025, 10, 6))
    records = {}
    for province, code, name, case_code in (
        ("19", THAN_SA, "Hoàng Văn Thái", "TS-2025-0001"),
        ("20", CAI_KINH, "Hoàng Văn Lạng", "CK-2025-0001"),
    ):
        household = await make_household(commune_code=code, head_name=name)
        case = await _case(household, case_code)
        commune = await Commune.get(code=code)
        week = await CampaignWeek.create(
            commune=commune, week_start=date(2025, 11, 3), submitted_at=datetime.now(UTC)
        )
        records[province] = {
            "disaster": disaster.id,
            "household": household.id,
            "house": case.id,
            "commune": code,
            "commune_id": commune.id,
            "week": week.id,
        }
    await kept.rebuild()
    users = {
        "province 19": await make_user("province"),
        "province 20": await make_user("province", province_code="20"),
        "front 19": await make_user("front"),
        "front 20": await make_user("front", province_code="20"),
        "ministry": await make_user(Role.MINISTRY),
        "central front": await make_user(Role.CENTRAL_FRONT),
    }
    return records, users


# What each role reads, of each province: (role, province of the record) -> status.
READS = {
    ("province 19", "19"): 200,
    ("province 19", "20"): 404,
    ("province 20", "19"): 404,
    ("province 20", "20"): 200,
    ("front 20", "19"): 404,
    ("front 20", "20"): 200,
    ("ministry", "19"): 200,
    ("ministry", "20"): 200,
    ("central front", "19"): 200,
    ("central front", "20"): 200,
}
READ_PATHS = (
    "/households/{household}",
    "/registers/{commune}",
    "/disasters/{disaster}/reports/{commune}",
    "/ledger?commune_id={commune_id}",
    "/houses/{house}",
    "/reports/communes/{commune}",
    "/campaign-weeks/{week}",
    "/api/v1/households/{household}",
    "/api/v1/houses/{house}",
)


@pytest.mark.parametrize(("who", "of"), sorted(READS))
async def test_reads_stay_in_the_province_and_national_roles_read_both(client, world, who, of):
    records, users = world
    await login_as(client, users[who])
    headers = await bearer(users[who])
    failures = []
    for path in READ_PATHS:
        url = path.format(**records[of])
        response = await client.get(url, headers=headers if url.startswith("/api/") else None)
        if response.status_code != READS[(who, of)]:
            failures.append(f"GET {url}: {response.status_code}, expected {READS[(who, of)]}")
    assert not failures, "\n".join(failures)


async def test_lists_and_dashboards_show_only_the_province(client, world):
    _, users = world
    await login_as(client, users["province 20"])
    dashboard = (await client.get("/reports?all=1")).text
    assert "Cai Kinh" in dashboard and "Thần Sa" not in dashboard
    households = (await client.get("/households")).text
    assert "Hoàng Văn Lạng" in households and "Hoàng Văn Thái" not in households
    await login_as(client, users["province 19"])
    dashboard = (await client.get("/reports?all=1")).text
    assert "Thần Sa" in dashboard and "Cai Kinh" not in dashboard
    households = (await client.get("/households")).text
    assert "Hoàng Văn Thái" in households and "Hoàng Văn Lạng" not in households


NATIONAL = {"province 19": 403, "front 20": 403, "ministry": 200, "central front": 200}


@pytest.mark.parametrize("who", sorted(NATIONAL))
async def test_the_national_dashboard_is_the_national_roles(client, world, who):
    _, users = world
    await login_as(client, users[who])
    for url in ("/national", "/national/provinces/20"):
        assert (await client.get(url)).status_code == NATIONAL[who], url


async def test_the_national_dashboard_drills_province_commune_hamlet(client, world):
    _, users = world
    await login_as(client, users["ministry"])
    country = (await client.get("/national")).text
    assert 'href="/national/provinces/19?' in country
    assert 'href="/national/provinces/20?' in country
    province = (await client.get("/national/provinces/20")).text
    assert f'href="/reports/communes/{CAI_KINH}?' in province and "Thần Sa" not in province
    commune = await client.get(f"/reports/communes/{CAI_KINH}")
    assert commune.status_code == 200 and "Na Hoa" in commune.text


# Writes: the national roles are refused every write by the guards (403); a province-bound
# account is refused another province's records (404: not revealed) or commune (422 beside
# the field), and does its own.
async def test_national_roles_write_nothing(client, world):
    records, users = world
    sponsor = await make_sponsor()
    writes = (
        ("/disasters/new", {"name": "x", "starts_on": "2025-10-06"}),
        ("/households/new", {}),
        ("/ledger/donations", {}),
        (f"/sponsors/{sponsor.id}/pledges", {"amount": "1000", "pledged_on": "2025-10-10"}),
        (f"/campaign-weeks/{records['20']['week']}/accept", {"version": "1"}),
        (f"/houses/{records['19']['house']}/stage", {}),
    )
    for who in ("ministry", "central front"):
        await login_as(client, users[who])
        token = await csrf_token(client)
        for url, data in writes:
            response = await client.post(url, data={**data, "_csrf_token": token})
            assert response.status_code == 403, (who, url, response.status_code)
        headers = await bearer(users[who])
        response = await client.post("/api/v1/households", json={}, headers=headers)
        assert response.status_code == 403, (who, response.status_code)


async def test_a_province_writes_only_its_own(client, world):
    records, users = world
    sponsor = await make_sponsor()
    await login_as(client, users["province 20"])
    token = await csrf_token(client)
    accept = {"version": "1", "_csrf_token": token}
    other = await client.post(f"/campaign-weeks/{records['19']['week']}/accept", data=accept)
    assert other.status_code == 404
    own = await client.post(f"/campaign-weeks/{records['20']['week']}/accept", data=accept)
    assert own.status_code == 303
    pledge = {"amount": "1000000", "pledged_on": "2025-10-10", "_csrf_token": token}
    url = f"/sponsors/{sponsor.id}/pledges"
    refused = await client.post(url, data={**pledge, "commune_id": records["19"]["commune_id"]})
    assert refused.status_code == 422
    assert '<div class="error">Không có xã này.</div>' in refused.text
    done = await client.post(url, data={**pledge, "commune_id": records["20"]["commune_id"]})
    assert done.status_code == 303


async def test_a_provinces_export_holds_only_its_households_and_names_it(client, world):
    _, users = world
    await login_as(client, users["province 20"])
    response = await client.get("/reports/export/households/xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.oddHeader.left.text == "Tỉnh Lạng Sơn"
    cells = {str(c) for row in sheet.iter_rows(values_only=True) for c in row if c}
    assert "Hoàng Văn Lạng" in cells and "Hoàng Văn Thái" not in cells


async def test_a_provinces_communes_come_40_a_page_with_the_provinces_total(client, world):
    _, users = world
    await login_as(client, users["ministry"])
    pages = [(await client.get(f"/national/provinces/19?page={n}")).text for n in (1, 2, 3)]
    rows = [text.count('<th scope="row"><a href="/reports/communes/') for text in pages]
    assert rows == [40, 40, 12]  # Thái Nguyên's 92 communes and wards
    assert 'rel="next"' in pages[0] and 'rel="next"' not in pages[2]
    assert all(len(text.encode()) < 60 * 1024 for text in pages)


@pytest.mark.both_databases
async def test_a_provinces_fund_and_its_money_are_its_own(client, world):
    """Each province's Front keeps its own province fund: province 20's neither lists nor
    opens province 19's gift, nor allocates from its fund; each one's books count its own
    money only; the national roles read both."""
    records, users = world
    heads = {who: await bearer(users[who]) for who in ("front 19", "front 20", "ministry")}
    campaign = await Campaign.create(
        name="Ủng hộ bão số 11", code="BL2025", starts_on=date(2025, 10, 1)
    )
    gift = {"level": "province", "channel": "bank_transfer", "received_on": "2025-10-10"}
    url = "/api/v1/ledger/donations"
    ours = {**gift, "amount": 300_000_000, "donor_name": "Ngân hàng Thái Nguyên"}
    theirs = {**gift, "amount": 5_000_000, "donor_name": "Ngân hàng Lạng Sơn"}
    ours = await client.post(url, json=ours, headers=heads["front 19"])
    theirs = await client.post(url, json=theirs, headers=heads["front 20"])
    assert (ours.status_code, theirs.status_code) == (201, 201)
    a, b = ours.json(), theirs.json()
    assert a["fund_id"] != b["fund_id"]

    def listed(who: str):
        return client.get(url, headers=heads[who])

    assert [d["id"] for d in (await listed("front 20")).json()["items"]] == [b["id"]]
    assert [d["id"] for d in (await listed("front 19")).json()["items"]] == [a["id"]]
    assert {d["id"] for d in (await listed("ministry")).json()["items"]} == {a["id"], b["id"]}
    await login_as(client, users["front 20"])
    assert (await client.get(f"/ledger/donations/{a['id']}/reverse")).status_code == 404
    # The campaign is one register for both; its page lists the province's own receipts.
    page = (await client.get(f"/ledger/campaigns/{campaign.id}")).text
    assert "Ngân hàng Lạng Sơn" in page and "Ngân hàng Thái Nguyên" not in page

    allocation = {
        "house_case_id": records["20"]["house"],
        "decision_number": "01/QĐ-MTTQ",
        "decision_date": "2025-10-20",
        "allocated_on": "2025-10-20",
    }
    allocate = "/api/v1/ledger/allocations"
    other = {**allocation, "fund_id": a["fund_id"], "amount": 1_000_000}
    refused = await client.post(allocate, json=other, headers=heads["front 20"])
    assert refused.status_code == 422
    assert "fund_id" in str(refused.json())
    too_much = {**allocation, "fund_id": b["fund_id"], "amount": 6_000_000}
    short = await client.post(allocate, json=too_much, headers=heads["front 20"])
    assert short.status_code == 422  # its own fund has received 5 M, not province 19's 300 M
    assert "amount" in str(short.json())

    books = "/api/v1/ledger/books"
    received = {
        who: (await client.get(books, headers=heads[who])).json()["total"]["received"]
        for who in heads
    }
    assert received == {"front 19": 300_000_000, "front 20": 5_000_000, "ministry": 305_000_000}
    # The gifts' audit entries (on no commune) are their own province's, and the nation's.
    seen = {}
    for who in ("front 19", "front 20", "ministry"):
        entries, _ = await audit.search(actor_for(users[who]), entity="donation")
        seen[who] = {int(e.entity_id) for e in entries}
    assert seen == {"front 19": {a["id"]}, "front 20": {b["id"]}, "ministry": {a["id"], b["id"]}}


@pytest.mark.both_databases
async def test_a_province_bound_front_is_refused_the_central_fund(client, world):
    """The central fund is of no province: a province's Front neither records a gift in it
    nor allocates from it (422 beside the field, as on another province's fund: outside its
    scope); a commune's Front is refused it as any fund of another level (403)."""
    from relief.core.actor import SYSTEM
    from relief.ledger import service
    from relief.ledger.models import Fund, FundLevel

    records, users = world
    users["front Thần Sa"] = await make_user("front", commune_code=THAN_SA)
    gift = service.DonationInput(
        level=FundLevel.CENTRAL, channel="bank_transfer", amount=50_000_000,
        received_on=date(2025, 10, 10),
    )  # fmt: skip
    central = (await service.record_donation(SYSTEM, gift)).fund_id
    donation = {"level": "central", "channel": "cash", "amount": 1_000_000,
                "received_on": "2025-10-11", "donor_name": "Nhà hảo tâm"}  # fmt: skip
    allocation = {"fund_id": central, "house_case_id": records["19"]["house"],
                  "amount": 1_000_000, "decision_number": "09/QĐ-MTTQ",
                  "decision_date": "2025-10-20", "allocated_on": "2025-10-20"}  # fmt: skip
    answered = {}
    for who in ("front 19", "front Thần Sa"):
        headers = await bearer(users[who])
        for write, url, body in (
            ("donation", "/api/v1/ledger/donations", donation),
            ("allocation", "/api/v1/ledger/allocations", allocation),
        ):
            response = await client.post(url, json=body, headers=headers)
            errors = response.json().get("errors", {}) if response.status_code == 422 else {}
            answered[who, write] = (response.status_code, sorted(errors))
    assert answered == {
        ("front 19", "donation"): (422, ["level"]),
        ("front 19", "allocation"): (422, ["fund_id"]),
        ("front Thần Sa", "donation"): (403, []),
        ("front Thần Sa", "allocation"): (403, []),
    }
    fund = await Fund.get(id=central)
    assert (fund.received_total, fund.allocated_total) == (50_000_000, 0)
    # The province's Front's donation form offers its own province's fund, not the central.
    await login_as(client, users["front 19"])
    form = (await client.get("/ledger/donations/new")).text
    assert '<option value="province">' in form and 'value="central"' not in form


@pytest.mark.both_databases
async def test_receipt_numbers_carry_the_province_and_old_ones_still_verify(client, world):
    """Two provinces' funds number their receipts apart (19-T, 20-T; a commune's fund under
    its province); a receipt numbered before the province was carried keeps its number, and
    the public pages find both: the verification page and the statement's search."""
    from relief.ledger.models import Donation

    records, users = world
    campaign = await Campaign.create(
        name="Ủng hộ bão số 11", code="BL2025", starts_on=date(2025, 10, 1)
    )
    gift = {"channel": "bank_transfer", "received_on": "2025-10-10", "amount": 2_000_000}
    made = {}
    for who, body in (
        ("front 19", {**gift, "level": "province"}),
        ("front 20", {**gift, "level": "province"}),
        ("front 19", {**gift, "level": "commune", "commune_id": records["19"]["commune_id"]}),
    ):
        response = await client.post(
            "/api/v1/ledger/donations", json=body, headers=await bearer(users[who])
        )
        assert response.status_code == 201
        made[who, body["level"]] = response.json()["receipt_number"]
    assert made == {
        ("front 19", "province"): "BL2025-19-T-00001",
        ("front 20", "province"): "BL2025-20-T-00001",
        ("front 19", "commune"): f"BL2025-19-{THAN_SA}-00001",
    }
    # A receipt of the same campaign numbered the old way (before the province was carried).
    old = await Donation.create(
        fund_id=(await Donation.get(receipt_number="BL2025-19-T-00001")).fund_id,
        channel="cash", amount=3_000_000, received_on=date(2025, 10, 9), campaign=campaign,
        receipt_seq=99, receipt_number="BL2025-T-00001", receipt_token="oldreceipt0001",
    )  # fmt: skip
    new = await Donation.get(receipt_number="BL2025-19-T-00001")
    client.cookies.clear()
    found = {}
    for donation in (old, new):
        verified = await client.get(f"/public/receipts/{donation.receipt_token}")
        searched = await client.get(
            "/public/sao-ke", params={"campaign": campaign.id, "q": donation.receipt_number}
        )
        found[donation.receipt_number] = (
            verified.status_code,
            donation.receipt_number in verified.text,
            searched.text.count(f">{donation.receipt_number}<"),
        )
    assert found == {"BL2025-T-00001": (200, True, 1), "BL2025-19-T-00001": (200, True, 1)}
