"""The statement (sao kê) downloaded as XLSX and CSV, read back cell by cell: its title and
period, each gift's receipt number and bank reference, goods as goods in their quantity and
unit, and the total; of the campaign the open books open on."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from relief.core.actor import SYSTEM
from relief.core.formatting import local_today
from relief.ledger import public, service
from relief.ledger.models import Campaign, Channel, FundLevel
from relief.places.models import Commune

pytestmark = pytest.mark.usefixtures("orm")

M = 1_000_000


async def test_the_statement_file_carries_references_goods_title_period_and_total(client):
    start = local_today() - timedelta(days=30)
    campaign = await Campaign.create(name="Bão số 3", code="BL", starts_on=start)
    commune = await Commune.get(code="05725")
    gift = service.DonationInput
    day = local_today() - timedelta(days=2)
    transfer = await service.record_donation(
        SYSTEM,
        gift(
            level=FundLevel.COMMUNE,
            commune_id=commune.id,
            channel=Channel.BANK_TRANSFER,
            amount=5 * M,
            received_on=day,
            reference="FT25301123456",
            donor_name="Nguyễn Thị Lan",
            named_publicly=True,
        ),
    )
    await service.record_donation(
        SYSTEM,
        gift(
            level=FundLevel.COMMUNE,
            commune_id=commune.id,
            channel=Channel.GOODS,
            amount=12 * M,
            received_on=day,
            goods="xi măng",
            quantity=4,
            unit="tấn",
        ),
    )
    public.forget_cache()
    response = await client.get("/public/05725/statement?fmt=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    text = (await client.get("/public/05725/statement?fmt=csv")).content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    title = f"Sao kê tiền và hàng ủng hộ đã nhận: {commune.name} · {campaign.name}"
    period = f"Thời gian: {start:%d/%m/%Y} – {local_today():%d/%m/%Y}"
    when = day.strftime("%d/%m/%Y")
    assert (
        response.headers["content-disposition"],
        rows[0][0],
        rows[1][0],
        [c.strftime("%d/%m/%Y") if hasattr(c, "strftime") else c for c in rows[3]],
        rows[4][1:],
        rows[5],
        sheet.print_title_rows,
        lines[:2],
        lines[3:],
    ) == (
        'attachment; filename="sao-ke-05725-BL.xlsx"',
        title,
        period,
        [
            when,
            transfer.receipt_number,
            "FT25301123456",
            "Nguyễn Thị Lan",
            "Chuyển khoản",
            "Quỹ cấp xã",
            None,
            None,
            None,
            5 * M,
        ],
        [
            "BL-19-05725-00002",
            None,
            "Nhà hảo tâm ẩn danh",
            "Hiện vật (quy ra tiền)",
            "Quỹ cấp xã",
            "xi măng",
            4,
            "tấn",
            12 * M,
        ],
        ["Tổng đã nhận", None, None, None, None, None, None, None, None, 17 * M],
        "$3:$3",
        [[title], [period]],
        [
            [
                when,
                "BL-19-05725-00001",
                "FT25301123456",
                "Nguyễn Thị Lan",
                "Chuyển khoản",
                "Quỹ cấp xã",
                "",
                "",
                "",
                "5000000",
            ],
            [
                when,
                "BL-19-05725-00002",
                "",
                "Nhà hảo tâm ẩn danh",
                "Hiện vật (quy ra tiền)",
                "Quỹ cấp xã",
                "xi măng",
                "4",
                "tấn",
                "12000000",
            ],
            ["Tổng đã nhận", "", "", "", "", "", "", "", "", "17000000"],
        ],
    )
