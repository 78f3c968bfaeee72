"""Campaigns and receipts: donations in a campaign's period get the next receipt number of the
campaign's and fund's sequence (never twice, even when recorded at the same moment), the
receipt prints with a QR code whose page verifies the gift, naming the donor only with consent."""

from __future__ import annotations

import asyncio
import re
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest

from relief.core.actor import SYSTEM
from relief.core.formatting import local_today
from relief.ledger import service
from relief.ledger.campaign_views import qr_svg
from relief.ledger.models import Campaign, Channel, Donation, FundLevel
from relief.places.models import Commune
from tests.factories import bearer, login_as, make_user, post_form
from tests.ledger.factories import for_thai_nguyen

pytestmark = pytest.mark.usefixtures("orm")

M = 1_000_000


async def _campaign(code: str = "BL2025", **more) -> Campaign:
    values = {
        "name": "Ủng hộ đồng bào bị thiệt hại do bão số 3",
        "code": code,
        "starts_on": local_today() - timedelta(days=60),
        **more,
    }
    return await Campaign.create(**values)


def _gift(commune_id: int | None, amount: int, **more) -> service.DonationInput:
    values = {
        "level": FundLevel.COMMUNE if commune_id else FundLevel.PROVINCE,
        "commune_id": commune_id,
        "channel": Channel.BANK_TRANSFER,
        "amount": amount,
        "received_on": local_today() - timedelta(days=1),
        **more,
    }
    return service.DonationInput(**values)


async def test_receipts_are_numbered_per_campaign_and_fund_without_a_gap_or_a_repeat():
    await _campaign()
    commune = await Commune.get(code="05725")
    # Eight gifts to one fund at the same moment, and one to the province's fund.
    await asyncio.gather(
        *(service.record_donation(SYSTEM, _gift(commune.id, (n + 1) * M)) for n in range(8))
    )
    await service.record_donation(await for_thai_nguyen(), _gift(None, 5 * M))
    numbers = sorted(await Donation.all().values_list("receipt_number", flat=True))
    assert numbers == [f"BL2025-19-05725-{n:05d}" for n in range(1, 9)] + ["BL2025-19-T-00001"]


async def test_a_gift_outside_every_open_campaign_has_no_receipt():
    await _campaign(closed_on=local_today() - timedelta(days=2))
    commune = await Commune.get(code="05725")
    donation = await service.record_donation(SYSTEM, _gift(commune.id, 3 * M))
    assert (donation.campaign_id, donation.receipt_number, donation.receipt_token) == (
        None,
        "",
        None,
    )


async def test_the_receipt_carries_the_qr_of_its_public_page_which_names_no_one_unasked(client):
    await _campaign()
    commune = await Commune.get(code="05725")
    donation = await service.record_donation(
        SYSTEM,
        _gift(commune.id, 2_500_000, donor_name="Nguyễn Văn Hảo", named_publicly=False),
    )
    await login_as(client, await make_user("front", commune_code="05725"))
    receipt = await client.get(f"/ledger/donations/{donation.id}/receipt?paper=a5")
    url = re.search(r"(http://[^\s<]+/public/receipts/[\w-]+)", receipt.text).group(1)
    client.cookies.clear()
    verified = await client.get(urlsplit(url).path)
    assert (
        qr_svg(url) in receipt.text,
        'class="paper a5"' in receipt.text,
        "2.500.000" in verified.text,
        "Nguyễn Văn Hảo" in verified.text,
    ) == (True, True, True, False)


async def test_the_province_front_calls_a_campaign_and_a_communes_front_cannot(client):
    form = {
        "name": "Ủng hộ khắc phục lũ quét",
        "code": "lq 2026",
        "call_number": "30/LKG-MTTQ-BTT",
        "starts_on": date(2026, 9, 1).isoformat(),
        "bank_1": "Vietcombank",
        "number_1": "0391 000 654 321",
        "holder_1": "Ủy ban MTTQ Việt Nam tỉnh Thái Nguyên",
    }
    await login_as(client, await make_user("front", commune_code="05725"))
    refused = await post_form(client, "/ledger/campaigns", form)
    await login_as(client, await make_user("front"))
    made = await post_form(client, "/ledger/campaigns", form)
    campaign = await Campaign.get(code="LQ2026")
    assert (refused.status_code, made.status_code, made.headers["location"], campaign.accounts) == (
        403,
        303,
        f"/ledger/campaigns/{campaign.id}",
        [
            {
                "bank": "Vietcombank",
                "number": "0391000654321",
                "holder": "Ủy ban MTTQ Việt Nam tỉnh Thái Nguyên",
            }
        ],
    )


async def test_a_closed_campaign_keeps_and_publishes_its_final_report(client):
    campaign = await _campaign(code="BL2026")
    commune = await Commune.get(code="05725")
    await service.record_donation(SYSTEM, _gift(commune.id, 40 * M))
    await service.record_donation(
        SYSTEM,
        _gift(
            commune.id,
            12 * M,
            channel=Channel.GOODS,
            goods="xi măng",
            quantity=4,
            unit="tấn",
            donor_name="HTX Võ Nhai",
        ),
    )
    before = await client.get(f"/public/campaigns/{campaign.id}/report")
    await login_as(client, await make_user("front"))
    unticked = await post_form(client, f"/ledger/campaigns/{campaign.id}/close", {"version": "1"})
    closed = await post_form(
        client, f"/ledger/campaigns/{campaign.id}/close", {"version": "1", "confirm": "1"}
    )
    client.cookies.clear()
    published = await client.get(f"/public/campaigns/{campaign.id}/report")
    late = await service.record_donation(SYSTEM, _gift(commune.id, 1 * M))
    assert (
        before.status_code,
        unticked.status_code,
        closed.status_code,
        published.status_code,
        'id="received">52.000.000' in published.text,
        "4 tấn xi măng" in published.text,
        late.campaign_id,
    ) == (404, 422, 303, 200, True, True, None)


async def test_the_api_lists_a_donations_receipt_and_its_goods_as_goods(client):
    await _campaign()
    commune = await Commune.get(code="05725")
    await service.record_donation(
        SYSTEM,
        _gift(commune.id, 12 * M, channel=Channel.GOODS, goods="xi măng", quantity=4, unit="tấn"),
    )
    headers = await bearer(await make_user("front", commune_code="05725"))
    item = (await client.get("/api/v1/ledger/donations", headers=headers)).json()["items"][0]
    assert (item["receipt_number"], item["quantity"], item["unit"]) == (
        "BL2025-19-05725-00001",
        "4",
        "tấn",
    )
