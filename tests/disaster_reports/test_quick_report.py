"""The commune's quick report: damage entered by page, API and import, counted in the report's
page and XLSX, kept as versions, and summed for the province."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from relief.disaster_reports.models import DisasterReport
from relief.households.models import DamageAssessment, Disaster
from tests.factories import bearer, csrf_token, login_as, make_household, make_user, post_form
from tests.households.factories import damage_data
from tests.imports.files import xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = [
    "Xã",
    "Thôn, xóm",
    "Họ và tên chủ hộ",
    "Giới tính",
    "Năm sinh",
    "Số nhân khẩu",
    "Mức độ thiệt hại",
    "Sạt lở phải di dời",
    "Di dời khẩn cấp",
    "Ngày di dời",
    "Ngày đánh giá",
]


async def _enter_three_ways(client, disaster: Disaster) -> None:
    """A flooded 30–50 % house by the page, a collapsed one with two injured by the API, a
    landslide relocation by an import."""
    officer = await make_user("commune")
    await login_as(client, officer)
    flooded = await make_household(head_name="Hộ Ngập")
    page = await post_form(
        client,
        f"/households/{flooded.id}/damage",
        damage_data(
            disaster, band="heavy", collapsed="", flooded="1", flood_depth_m="1,2", relocated=""
        ),
    )
    assert page.status_code == 303, page.text
    collapsed = await make_household(head_name="Hộ Sập")
    body = {
        "household_id": collapsed.id,
        "disaster_id": disaster.id,
        "house_class": "simple",
        "band": "total",
        "collapsed": True,
        "injured": 2,
        "assessed_on": "2025-10-08",
    }
    api = await client.post("/api/v1/damage-assessments", json=body, headers=await bearer(officer))
    assert api.status_code == 201, api.text
    row = [
        "Thần Sa",
        "Kim Sơn",
        "Hộ Sạt Lở",
        "Nam",
        1960,
        3,
        "",
        "x",
        "x",
        "07/10/2025",
        "08/10/2025",
    ]
    files = {"file": ("sat-lo.xlsx", xlsx([row], headers=HEADERS), XLSX)}
    payload = {"_csrf_token": await csrf_token(client), "disaster_id": str(disaster.id)}
    preview = await client.post("/imports", data=payload, files=files)
    assert preview.status_code == 303, preview.text
    import_id = int(preview.headers["location"].rsplit("/", 1)[1])
    done = await post_form(client, f"/imports/{import_id}/confirm")
    assert done.status_code == 303, done.text
    landslide = await DamageAssessment.get(household__head_name="Hộ Sạt Lở")
    assert landslide.landslide_relocation and landslide.relocated
    assert landslide.band.value == "to_confirm"


def _sheet_values(content: bytes) -> dict[str, list]:
    """Each labelled row's quantities (the sheet is as wide as its widest table)."""
    sheet = load_workbook(io.BytesIO(content)).active
    out = {}
    for row in sheet.iter_rows(values_only=True):
        if row[1]:
            cells = list(row[3:])
            while cells and cells[-1] is None:
                cells.pop()
            out[row[1]] = cells
    return out


async def test_damage_from_page_api_and_import_in_the_report_its_xlsx_and_the_province(client):
    disaster = await Disaster.create(name="Bão số 11 (Matmo)", starts_on=date(2025, 10, 6))
    await _enter_three_ways(client, disaster)

    form_url = f"/disasters/{disaster.id}/reports/05725"
    form = await client.get(form_url)
    assert form.status_code == 200 and "Báo cáo nhanh" in form.text
    bad = await post_form(client, form_url, {"as_of_date": "10/10/2025", "rice_ha": "-3"})
    assert bad.status_code == 422 and 'id="e-rice_ha"' in bad.text
    saved = await post_form(
        client,
        form_url,
        {"as_of_date": "10/10/2025", "as_of_hour": "17", "rice_ha": "12,5", "schools": "2"},
    )
    assert saved.status_code == 303, saved.text
    first = await DisasterReport.get(commune__code="05725")
    assert first.households["households"] == 3
    bands = first.households["bands"]
    assert bands == {
        "heavy": {"less_solid": 1},
        "total": {"simple": 1},
        "to_confirm": {"unknown": 1},
    }
    assert (first.households["flooded"], first.households["collapsed"]) == (1, 1)
    assert (first.households["injured"], first.households["landslide_relocation"]) == (2, 1)
    assert first.households["relocated"] == 1
    page = await client.get(saved.headers["location"])
    assert "Tính đến 17 giờ ngày 10/10/2025" in page.text
    assert "Nhà thiệt hại nặng (từ 30% đến 50%)" in page.text and "Nhà thiếu kiên cố" in page.text

    sheet = _sheet_values((await client.get(f"/disaster-reports/{first.id}/xlsx")).content)
    assert sheet["Người bị thương"] == [2]
    assert sheet["Nhà bị ngập"] == [1]
    assert sheet["trong đó sập đổ, cuốn trôi"] == [1]
    assert sheet["Nhà thiệt hại nặng (từ 30% đến 50%)"] == [1]
    assert sheet["Nhà phải di dời do sạt lở"] == [1]
    assert sheet["Lúa bị thiệt hại"] == [12.5]

    # A new version: the first stays as it was.
    again = await post_form(
        client, form_url, {"as_of_date": "10/10/2025", "as_of_hour": "17", "rice_ha": "20"}
    )
    assert again.status_code == 303
    assert (await DisasterReport.get(id=first.id)).figures["rice_ha"] == "12.5"

    # Another commune reports at the same moment: the province adds the latest versions.
    other = await make_household("05716", head_name="Hộ Võ Nhai")
    await DamageAssessment.create(
        household=other,
        disaster=disaster,
        commune_id=other.commune_id,
        hamlet_id=other.hamlet_id,
        band="total",
        collapsed=True,
        injured=1,
        assessed_on=date(2025, 10, 9),
    )
    admin = await make_user("admin")
    await login_as(client, admin)
    assert (
        await post_form(
            client,
            f"/disasters/{disaster.id}/reports/05716",
            {"as_of_date": "10/10/2025", "as_of_hour": "17", "rice_ha": "1,5"},
        )
    ).status_code == 303
    province = await make_user("province")
    headers = await bearer(province)
    summed = await client.get(f"/api/v1/disasters/{disaster.id}/province-report", headers=headers)
    lines = summed.json()["lines"]
    assert lines["injured"] == 3 and lines["collapsed"] == 2 and lines["rice_ha"] == 21.5
    assert lines["flooded"] == 1 and lines["landslide_relocation"] == 1
    await login_as(client, province)
    page = await client.get(f"/disasters/{disaster.id}/province-report")
    assert page.status_code == 200 and "Võ Nhai" in page.text and "Thần Sa" in page.text
    as_of = summed.json()["as_of"]
    book = await client.get(
        f"/disasters/{disaster.id}/province-report/xlsx", params={"as_of": as_of}
    )
    sheet = _sheet_values(book.content)
    assert sheet["Người bị thương"] == [3, 2, 1]  # the total, then Thần Sa, Võ Nhai
    assert sheet["Lúa bị thiệt hại"] == [21.5, 20, 1.5]


async def test_a_commune_officer_cannot_report_for_another_commune(client):
    disaster = await Disaster.create(name="Lũ", starts_on=date(2025, 10, 6))
    await login_as(client, await make_user("commune"))
    refused = await client.get(f"/disasters/{disaster.id}/reports/05716")
    assert refused.status_code == 404
    forbidden = await client.get(f"/disasters/{disaster.id}/province-report")
    assert forbidden.status_code == 403
