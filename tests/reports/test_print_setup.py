"""Every XLSX export is ready to print (issue 28): read back from the downloaded file, each
sheet is A4, one page wide, its header rows repeated on every page and an as-of line in its
page header; the household code is a plain number; a commune officer's export is named by
the commune; a CSV names its charset once."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from relief.core.actor import SYSTEM
from relief.disaster_reports.models import DisasterReport
from relief.disaster_reports.records import REPORT
from relief.disaster_reports.service import save_report
from relief.households.models import Disaster
from relief.places.models import Commune
from tests.factories import login_as, make_household, make_user
from tests.ledger.factories import a_commune_year


async def test_every_xlsx_export_prints_on_a4_one_page_wide_with_its_header(client):
    year = await a_commune_year()
    await make_household("05725", head_name="Hoàng Văn Thắng")
    disaster = await Disaster.create(name="Bão số 11 (Matmo)", starts_on=date(2025, 10, 6))
    commune = await Commune.get(code="05725")
    moment = {"as_of_date": "2025-10-10", "as_of_hour": "17"}
    sent = {**moment, "commune_code": commune.code, "disaster_id": str(disaster.id)}
    await save_report(SYSTEM, REPORT.form(sent))
    report = await DisasterReport.get(commune_id=commune.id)
    await login_as(client, await make_user("admin"))
    urls = [
        "/reports/export/households/xlsx",
        "/reports/export/houses/xlsx",
        "/reports/export/province/xlsx",
        "/reports/communes/05725/export/xlsx",
        "/public/statement?fmt=xlsx",
        f"/disaster-reports/{report.id}/xlsx",
        f"/disasters/{disaster.id}/province-report/xlsx",
        f"/visits/{year.visit_id}/receipts/xlsx",
    ]
    setups = {}
    for url in urls:
        response = await client.get(url)
        assert response.status_code == 200, url
        book = load_workbook(io.BytesIO(response.content))
        for sheet in book.worksheets:
            setup = sheet.page_setup
            setups[(url, sheet.title)] = (
                setup.paperSize,
                setup.fitToWidth,
                setup.fitToHeight,
                sheet.sheet_properties.pageSetUpPr.fitToPage,
                bool(sheet.print_title_rows),
                bool(sheet.oddHeader.right.text),
            )
    expected = (9, 1, 0, True, True, True)  # 9: A4 in the numbering of the file format
    wrong = {k: v for k, v in setups.items() if v != expected}
    assert wrong == {}, "\n".join(f"{k}: {v}" for k, v in wrong.items())


async def test_a_commune_officers_household_list_is_named_by_the_commune(client):
    household = await make_household("05725", head_name="Hoàng Văn Thắng")
    await login_as(client, await make_user("commune", commune_code="05725"))
    response = await client.get("/reports/export/households/xlsx")
    name = response.headers["content-disposition"]
    assert "ho-gia-dinh-05725-" in name and "tinh" not in name
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert (sheet.cell(2, 1).value, sheet.cell(2, 1).number_format) == (household.id, "0")
    csv = await client.get("/reports/export/households/csv")
    assert csv.headers["content-type"] == "text/csv; charset=utf-8"
