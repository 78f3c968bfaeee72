"""The province's sum of the quick reports as an XLSX paper (issue 26): the administrative
heading of the province, the title, the moment, the table with a column per commune after the
total, the houses by band and class, the recipients and the signature; on A4, one page wide
while a few communes report, landscape and pages across (the labels repeated on each) when many
do; read back from the file, on both databases."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from relief.core.actor import SYSTEM
from relief.disaster_reports.records import REPORT
from relief.disaster_reports.service import save_report
from relief.households.models import Disaster
from relief.places.models import Commune
from tests.factories import login_as, make_user

MOMENT = {"as_of_date": "2025-10-10", "as_of_hour": "17"}


async def _report(disaster: Disaster, code: str, rice: str) -> None:
    data = {**MOMENT, "commune_code": code, "disaster_id": str(disaster.id), "rice_ha": rice}
    await save_report(SYSTEM, REPORT.form(data))


async def _sheet(client, disaster: Disaster):
    await login_as(client, await make_user("province"))
    response = await client.get(f"/disasters/{disaster.id}/province-report/xlsx")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).active


def _rows(sheet) -> list[list]:
    return [[c for c in row if c not in (None, "")] for row in sheet.iter_rows(values_only=True)]


async def test_the_province_sum_is_a_paper_on_a4(client):
    disaster = await Disaster.create(name="Bão số 11 (Matmo)", starts_on=date(2025, 10, 6))
    await _report(disaster, "05725", "12.5")
    await _report(disaster, "05716", "1,5")
    sheet = await _sheet(client, disaster)
    rows = _rows(sheet)
    assert rows[0] == ["ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert rows[1][0] == "BAN CHỈ HUY PHÒNG CHỐNG THIÊN TAI VÀ TÌM KIẾM CỨU NẠN"
    assert rows[2] == ["Số:       /BC-BCH", "Thái Nguyên, ngày 10 tháng 10 năm 2025"]
    assert ["BÁO CÁO NHANH"] in rows
    assert ["TT", "Chỉ tiêu", "Đơn vị tính", "Toàn tỉnh", "Thần Sa", "Võ Nhai"] in rows
    assert [r[1:] for r in rows if "Lúa bị thiệt hại" in r] == [
        ["Lúa bị thiệt hại", "ha", 14, 12.5, 1.5]
    ]
    assert any(r[:1] == ["Mức độ thiệt hại"] for r in rows)  # the houses by band and class
    assert ["Nơi nhận:", "TM. BAN CHỈ HUY"] in rows
    assert ["- Ban Chỉ đạo quốc gia về Phòng, chống thiên tai (để báo cáo);", "TRƯỞNG BAN"] in rows
    setup = sheet.page_setup
    assert (int(setup.paperSize), setup.orientation, setup.fitToWidth) == (9, "portrait", 1)


async def test_many_communes_print_landscape_pages_across_with_their_labels(client):
    disaster = await Disaster.create(name="Bão số 11 (Matmo)", starts_on=date(2025, 10, 6))
    communes = await Commune.all().order_by("code").limit(9)
    for commune in communes:
        await _report(disaster, commune.code, "1")
    sheet = await _sheet(client, disaster)
    setup = sheet.page_setup
    # The total and nine communes: ten columns, eight a page, so two pages across.
    assert (int(setup.paperSize), setup.orientation, setup.fitToWidth) == (9, "landscape", 2)
    assert sheet.print_title_cols == "$A:$C"
    assert sheet.print_title_rows is not None
