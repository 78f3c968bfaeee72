"""The quick report's content as the circular's form asks: the people affected and relocated
counted from the households, the situation drafted from the records, the response, needs and
proposals in the commune's words, culture, education and health apart; its XLSX carries the
administrative heading, the band by class table, the recipients and the signature, set up to
print on A4 one page wide."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from relief.disaster_reports.models import DisasterReport
from relief.households.models import DamageAssessment, Disaster, DisasterKind
from tests.factories import login_as, make_household, make_user, post_form


async def _damage(disaster: Disaster, members: int, relocated: bool, depth_cm: int | None):
    household = await make_household(members=members, head_name=f"Hộ {members}")
    await DamageAssessment.create(
        household=household,
        disaster=disaster,
        commune_id=household.commune_id,
        hamlet_id=household.hamlet_id,
        house_class="semi_solid",
        band="heavy",
        flooded=depth_cm is not None,
        flood_depth_cm=depth_cm,
        relocated=relocated,
        assessed_on=date(2025, 10, 7),
    )


async def test_the_report_counts_people_drafts_the_situation_and_keeps_the_communes_words(
    client,
):
    disaster = await Disaster.create(
        name="Lũ tháng 10", kind=DisasterKind.FLOOD, starts_on=date(2025, 10, 6)
    )
    await _damage(disaster, members=5, relocated=True, depth_cm=120)
    await _damage(disaster, members=3, relocated=False, depth_cm=80)
    await login_as(client, await make_user("commune"))
    url = f"/disasters/{disaster.id}/reports/05725"

    form = await client.get(url)
    assert form.status_code == 200
    # Drafted from the records: the kind and start of the disaster, the deepest flooding.
    assert "Sâu nhất 1,2 m" in form.text and "Từ ngày 06/10/2025" in form.text

    saved = await post_form(
        client,
        url,
        {
            "as_of_date": "2025-10-07",
            "as_of_hour": "17",
            "kind": "Lũ",
            "isolated": "Thôn Kim Sơn bị chia cắt, 120 người",
            "response": "Sơ tán 12 hộ",
            "needs": "Mì tôm, nước uống",
            "proposals": "Hỗ trợ 200 triệu đồng",
            "relics": "1",
            "schools": "2",
            "health_stations": "1",
        },
    )
    assert saved.status_code == 303, saved.text
    report = await DisasterReport.get(commune__code="05725")
    assert (report.households["people"], report.households["relocated_people"]) == (8, 5)
    assert report.texts["isolated"] == "Thôn Kim Sơn bị chia cắt, 120 người"
    assert report.figures == {"relics": "1", "schools": "2", "health_stations": "1"}
    page = await client.get(f"/disaster-reports/{report.id}")
    assert "Hỗ trợ 200 triệu đồng" in page.text and "Di tích lịch sử, văn hóa" in page.text

    book = load_workbook(
        io.BytesIO((await client.get(f"/disaster-reports/{report.id}/xlsx")).content)
    )
    sheet = book.active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    for text in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 01/BC-BCH",
        "Thần Sa, ngày 07 tháng 10 năm 2025",
        "Nơi nhận:",
        "TM. BAN CHỈ HUY",
        "Thôn Kim Sơn bị chia cắt, 120 người",
        "Số người bị ảnh hưởng",
        "Nhà bị thiệt hại theo mức độ và loại nhà trước thiên tai",
    ):
        assert any(text in str(c) for c in cells), text
    rows = {row[1]: row for row in sheet.iter_rows(values_only=True) if row[1]}
    assert rows["Số người bị ảnh hưởng"][3] == 8
    heavy = rows["Nhà thiệt hại nặng (từ 30% đến 50%)"]
    assert heavy[3] == 2  # the table's line; the band by class row below it has the classes
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation) == (9, "portrait")  # 9: A4
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_title_rows is not None

    paper = await client.get(f"/disaster-reports/{report.id}/print")
    assert paper.status_code == 200
    assert "BÁO CÁO NHANH" in paper.text and "Số: 01/BC-BCH" in paper.text
