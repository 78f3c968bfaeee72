"""The summaries: every indicator on a known data set, the same on the page, in JSON and in
Excel, and a constant number of queries whatever the number of households."""

from __future__ import annotations

import io
import logging
from datetime import date, timedelta

from openpyxl import load_workbook

from relief.aid.models import AidGiven, AidVisit
from relief.core.formatting import local_today
from relief.core.models import AuditEntry
from relief.households.models import DamageAssessment, DamageBand, Disaster, Household
from relief.houses.models import Contribution, FundingSource, HouseCase, HouseKind, Programme, Stage
from relief.places.models import Hamlet
from relief.reports import kept
from tests.factories import bearer, login_as, make_household, make_user

KNOWN = {
    "affected": 4,
    "relocated": 1,
    "visits": 1,
    "reached": 2,
    "cash": 5_000_000,
    "goods": 1_000_000,
    "need": 3,
    "handed_over": 1,
    "under_construction": 1,
    "not_started": 1,
    "cancelled": 1,
    "late": 1,
    "pledged": 90_000_000,
    "disbursed": 42_000_000,
}


async def _case(household, stage, *, started_ago=None, code, kind=HouseKind.NEW_BUILD):
    start = local_today() - timedelta(days=started_ago) if started_ago else None
    return await HouseCase.create(
        code=code,
        year=2025,
        seq=int(code[-4:]),
        household=household,
        commune_id=household.commune_id,
        hamlet_id=household.hamlet_id,
        programme=Programme.GREAT_SOLIDARITY,
        kind=kind,
        stage=stage,
        stage_on=date(2025, 10, 20),
        proposed_on=date(2025, 10, 15),
        started_on=start,
        handed_over_on=date(2025, 12, 20) if stage is Stage.HANDED_OVER else None,
    )


async def known_data():
    """Thần Sa: 4 households with damage, a visit, 4 house cases, money; Võ Nhai: one more."""
    disaster = await Disaster.create(name="Bão số 11 (Matmo)", starts_on=date(2025, 10, 6))
    hh = [await make_household("05725", "Kim Sơn", head_name=f"Hộ {i}") for i in range(3)]
    hh.append(await make_household("05725", "Trung Sơn", head_name="Hộ 3"))
    bands = [DamageBand.TOTAL, DamageBand.TOTAL, DamageBand.TO_CONFIRM, DamageBand.NONE]
    for n, (h, band) in enumerate(zip(hh, bands, strict=True)):
        await DamageAssessment.create(
            household=h,
            disaster=disaster,
            commune_id=h.commune_id,
            hamlet_id=h.hamlet_id,
            band=band,
            collapsed=n == 0,
            roof_blown_off=n == 2,
            flooded=n == 3,
            relocated=n == 0,
            assessed_on=date(2025, 10, 9),
        )
    visit = await AidVisit.create(
        commune_id=hh[0].commune_id,
        disaster=disaster,
        visited_on=date(2025, 10, 11),
        delegation="Đoàn tỉnh",
    )
    for h, cash in ((hh[0], 3_000_000), (hh[3], 2_000_000)):
        await AidGiven.create(
            visit=visit,
            household=h,
            commune_id=h.commune_id,
            hamlet_id=h.hamlet_id,
            cash=cash,
            goods_value=500_000,
        )
    done = await _case(hh[0], Stage.HANDED_OVER, started_ago=60, code="TS-2025-0001")
    building = await _case(hh[1], Stage.STARTED, started_ago=200, code="TS-2025-0002")
    await _case(hh[2], Stage.APPROVED, code="TS-2025-0003")
    await _case(hh[3], Stage.CANCELLED, code="TS-2025-0004")
    for case, pledged, disbursed in ((done, 60_000_000, 60_000_000), (building, 30_000_000, 0)):
        await Contribution.create(
            house_case=case,
            commune_id=case.commune_id,
            source=FundingSource.STATE_BUDGET,
            amount_pledged=pledged // 2,
            amount_disbursed=disbursed // 2,
        )
        await Contribution.create(
            house_case=case,
            commune_id=case.commune_id,
            source=FundingSource.SPONSOR,
            amount_pledged=pledged // 2,
            amount_disbursed=min(disbursed // 2, 12_000_000),
        )
    other = await make_household("05716", head_name="Hộ Võ Nhai")
    await DamageAssessment.create(
        household=other,
        disaster=disaster,
        commune_id=other.commune_id,
        hamlet_id=other.hamlet_id,
        band=DamageBand.PARTIAL,
        assessed_on=date(2025, 10, 9),
    )
    await kept.rebuild()  # rows written around the services, as a bulk load would
    return disaster


async def _as_province(client) -> dict[str, str]:
    """Logs the client in as a province officer; returns API headers for the same user."""
    user = await make_user("province")
    await login_as(client, user)
    return await bearer(user)


def _check(figures: dict, known=KNOWN):
    houses, money = figures["houses"], figures["money"]
    assert figures["affected_households"] == known["affected"]
    assert figures["relocated_households"] == known["relocated"]
    assert figures["aid_visits"] == known["visits"]
    assert figures["households_reached"] == known["reached"]
    assert figures["cash"] == known["cash"] and figures["goods_value"] == known["goods"]
    assert houses["need"] == known["need"] and houses["handed_over"] == known["handed_over"]
    assert houses["under_construction"] == known["under_construction"]
    assert houses["not_started"] == known["not_started"]
    assert houses["cancelled"] == known["cancelled"] and houses["late"] == known["late"]
    assert money["pledged"] == known["pledged"] and money["disbursed"] == known["disbursed"]


async def test_every_indicator_of_a_known_commune(client):
    await known_data()
    headers = await _as_province(client)
    data = (await client.get("/api/v1/communes/05725/summary", headers=headers)).json()
    assert data["as_of"] == local_today().isoformat()
    _check(data["total"])
    assert data["total"]["damage_by_band"]["total"] == 2
    assert data["total"]["money"]["disbursed_by_source"] == {
        "state_budget": 30_000_000,
        "fund_for_the_poor": 0,
        "sponsor": 12_000_000,
        "household": 0,
        "policy_bank_loan": 0,
        "labour_days": 0,
    }
    kim_son = next(h for h in data["hamlets"] if h["name"] == "Kim Sơn")
    assert kim_son["affected_households"] == 3 and kim_son["houses"]["need"] == 3
    assert [h["code"] for h in data["late_houses"]] == ["TS-2025-0002"]


async def test_province_totals_add_up_the_communes(client):
    await known_data()
    headers = await _as_province(client)
    data = (await client.get("/api/v1/summary", headers=headers)).json()
    assert len(data["communes"]) == 13
    than_sa = next(c for c in data["communes"] if c["code"] == "05725")
    _check(than_sa)
    assert data["total"]["affected_households"] == KNOWN["affected"] + 1
    everything = (
        await client.get("/api/v1/summary", params={"all": "true"}, headers=headers)
    ).json()
    assert len(everything["communes"]) == 92


async def test_page_json_and_excel_give_the_same_numbers(client):
    await known_data()
    await login_as(client, await make_user("province"))
    page = (await client.get("/reports/communes/05725")).text
    assert "Tính đến ngày" in page
    assert (
        "5.000.000\u00a0₫" in page and "42.000.000\u00a0₫" in page and "90.000.000\u00a0₫" in page
    )
    response = await client.get("/reports/communes/05725/export/xlsx")
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "B2"
    headers = [c.value for c in sheet[1]]
    assert "Hộ bị ảnh hưởng" in headers and "Đã giải ngân" in headers
    total_row = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "Tổng cộng")
    row = dict(zip(headers, total_row, strict=False))
    assert row["Hộ bị ảnh hưởng"] == KNOWN["affected"]
    assert row["Tiền mặt đã trao"] == KNOWN["cash"] and isinstance(row["Tiền mặt đã trao"], int)
    assert row["Nhu cầu nhà"] == KNOWN["need"] and row["Đã bàn giao"] == KNOWN["handed_over"]
    assert row["Đã giải ngân"] == KNOWN["disbursed"] and row["Cam kết"] == KNOWN["pledged"]
    assert [s.title for s in book.worksheets] == [
        "Các thôn",
        "Theo chương trình",
        "Theo nhóm báo cáo",
        "Nhà chậm tiến độ",
    ]
    groups = book.worksheets[2]
    need = [c.value for c in groups[1]].index("Nhu cầu nhà")
    assert sum(r[need] for r in groups.iter_rows(min_row=2, values_only=True)) == KNOWN["need"]
    assert await AuditEntry.filter(action="export", entity="commune_summary").exists()


async def test_csv_has_a_bom_and_accents(client):
    await known_data()
    await login_as(client, await make_user("province"))
    response = await client.get("/reports/export/province/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    assert "Thần Sa" in text and "Tổng cộng" in text


async def test_filters_narrow_the_figures_and_bad_filters_are_422(client):
    disaster = await known_data()
    headers = await _as_province(client)
    other = await Disaster.create(name="Lũ 2026", starts_on=date(2026, 7, 1))
    empty = (
        await client.get(
            "/api/v1/communes/05725/summary", params={"disaster": other.id}, headers=headers
        )
    ).json()
    assert empty["total"]["affected_households"] == 0
    same = (
        await client.get(
            "/api/v1/communes/05725/summary", params={"disaster": disaster.id}, headers=headers
        )
    ).json()
    assert same["total"]["affected_households"] == KNOWN["affected"]
    bad = await client.get("/api/v1/summary", params={"date_from": "31/02/2025"}, headers=headers)
    assert bad.status_code == 422 and "date_from" in bad.json()["errors"]


async def test_a_commune_officer_sees_only_their_commune(client):
    await known_data()
    await login_as(client, await make_user("commune", commune_code="05725"))
    landing = await client.get("/reports")
    assert landing.status_code == 303 and landing.headers["location"] == "/reports/communes/05725"
    assert (await client.get("/reports/communes/05716")).status_code == 404
    assert (await client.get("/reports/communes/05725")).status_code == 200


async def test_household_export_hides_contacts_from_the_province(client):
    await make_household("05725", id_number="019070001234", phone="0912345678")
    await login_as(client, await make_user("province"))
    text = (await client.get("/reports/export/households/csv?commune=05725")).content.decode()
    assert "019070001234" not in text and "0912345678" not in text
    await login_as(client, await make_user("commune", commune_code="05725"))
    text = (await client.get("/reports/export/households/csv?commune=05725")).content.decode()
    assert "019070001234" in text and "0912345678" in text
    assert await AuditEntry.filter(action="export", entity="household_list").count() == 2


async def _households(n: int) -> None:
    disaster = await Disaster.first()
    hamlets = await Hamlet.filter(commune__is_focus=True)
    communes = {h.id: h.commune_id for h in hamlets}
    rows = [
        Household(
            commune_id=communes[h.id],
            hamlet_id=h.id,
            head_name=f"Hộ {i}",
            head_name_key=f"ho {i}",
            members=3,
        )
        for i, h in enumerate(hamlets[i % len(hamlets)] for i in range(n))
    ]
    await Household.bulk_create(rows, batch_size=500)
    created = await Household.all().order_by("-id").limit(n)
    await DamageAssessment.bulk_create(
        [
            DamageAssessment(
                household_id=h.id,
                disaster_id=disaster.id,
                commune_id=h.commune_id,
                hamlet_id=h.hamlet_id,
                band=DamageBand.NONE,
                flooded=True,
                assessed_on=date(2025, 10, 9),
            )
            for h in created
        ],
        batch_size=500,
    )


class _QueryCounter(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record):
        self.count += 1


async def _queries_for(client, url: str) -> int:
    logger = logging.getLogger("tortoise.db_client")
    counter, level = _QueryCounter(), logger.level
    logger.addHandler(counter)
    logger.setLevel(logging.DEBUG)
    try:
        assert (await client.get(url)).status_code == 200
    finally:
        logger.removeHandler(counter)
        logger.setLevel(level)
    return counter.count


async def test_summary_pages_cost_the_same_queries_for_10_and_2000_households(client):
    await known_data()
    await login_as(client, await make_user("province"))
    await _households(10)
    small = {u: await _queries_for(client, u) for u in ("/reports", "/reports/communes/05725")}
    await _households(1990)
    assert await Household.all().count() > 2000
    large = {u: await _queries_for(client, u) for u in ("/reports", "/reports/communes/05725")}
    assert small == large
    assert all(n < 25 for n in large.values())
