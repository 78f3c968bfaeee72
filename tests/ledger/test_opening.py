"""The public pages and the ledger open on the current campaign, not on the clock's year: a
typhoon's campaign called last autumn is still the one shown after New Year."""

from __future__ import annotations

from datetime import date

import pytest

from relief.core.actor import SYSTEM
from relief.core.formatting import local_today
from relief.ledger import public, service
from relief.ledger.campaigns import current_campaign
from relief.ledger.models import Campaign, Channel, FundLevel
from relief.places.models import Commune
from tests.factories import login_as, make_user
from tests.ledger.factories import for_thai_nguyen

pytestmark = pytest.mark.usefixtures("orm")

M = 1_000_000
LAST_YEAR = local_today().year - 1


async def _campaign(code: str, starts_on: date, **more) -> Campaign:
    return await Campaign.create(
        name=f"Đợt vận động {code}", code=code, starts_on=starts_on, **more
    )


async def _gift(commune_id: int | None, amount: int, day: date) -> None:
    await service.record_donation(
        SYSTEM if commune_id else await for_thai_nguyen(),
        service.DonationInput(
            level=FundLevel.COMMUNE if commune_id else FundLevel.PROVINCE,
            commune_id=commune_id,
            channel=Channel.BANK_TRANSFER,
            amount=amount,
            received_on=day,
        ),
    )


async def test_public_and_ledger_open_on_last_years_open_campaign_not_an_empty_year(client):
    campaign = await _campaign("BL", date(LAST_YEAR, 10, 1))  # open, no end: still running
    commune = await Commune.get(code="05725")
    await _gift(commune.id, 40 * M, date(LAST_YEAR, 10, 20))
    await _gift(None, 70 * M, date(LAST_YEAR, 11, 3))
    public.forget_cache()
    shown = f"Campaign shown: {campaign.name}, 01/10/{LAST_YEAR} – …; money of {LAST_YEAR}."
    await client.get("/lang/en", params={"next": "/"})
    province = await client.get("/public")
    commune_page = await client.get("/public/05725")
    await login_as(client, await make_user("front", commune_code=None))
    await client.get("/lang/en", params={"next": "/"})
    ledger = await client.get("/ledger")
    assert [
        (shown in page.text, f"Money per fund in {LAST_YEAR}" in page.text)
        for page in (province, commune_page)
    ] + [
        (
            shown in ledger.text,
            f"Received, allocated, spent and balance in {LAST_YEAR}" in ledger.text,
        )
    ] == [(True, True)] * 3


async def test_without_a_campaign_of_today_the_latest_campaign_with_money_is_current():
    with_money = await _campaign("BL", date(LAST_YEAR, 10, 1), ends_on=date(LAST_YEAR, 12, 31))
    await _campaign("LQ", date(LAST_YEAR, 12, 1), closed_on=date(LAST_YEAR, 12, 5))
    await _gift(None, 5 * M, date(LAST_YEAR, 10, 20))
    assert (await current_campaign(local_today())).id == with_money.id
