"""Money of a fund is allocated and reversed only by the Front of the fund's level: a commune's
Front is refused on the province's fund and on another commune's, the province's Front on a
commune's (the table is tests/ledger/access.py's FUND_LEVELS), on both databases."""

from __future__ import annotations

from datetime import date

from relief.core.actor import SYSTEM
from relief.houses.models import Stage
from relief.ledger import service
from relief.ledger.models import Channel, FundLevel
from relief.places.models import Commune
from tests.factories import actor_for, login_as, make_household, make_user, post_form
from tests.houses.factories import case_at
from tests.ledger.access import FUND_LEVELS
from tests.ledger.factories import a_commune_year

M = 1_000_000
OTHER = "05665"


async def _other_commune_allocation() -> int:
    """An allocation of another commune's fund to a house of that commune, by its own Front."""
    commune = await Commune.get(code=OTHER)
    today = date.today()
    await service.record_donation(
        SYSTEM,
        service.DonationInput(
            level=FundLevel.COMMUNE,
            commune_id=commune.id,
            channel=Channel.CASH,
            amount=10 * M,
            received_on=today,
        ),
    )
    fund = await service.fund_for(FundLevel.COMMUNE, commune.id, None)
    house = await case_at(Stage.APPROVED, household=await make_household(OTHER))
    front = actor_for(await make_user("front", commune_code=OTHER))
    allocation = await service.allocate(
        front,
        service.AllocationInput(
            fund_id=fund.id,
            house_case_id=house.id,
            amount=5 * M,
            decision_number="3/QĐ-MTTQ",
            decision_date=today,
            allocated_on=today,
        ),
    )
    return allocation.id


async def test_only_the_front_of_a_funds_level_moves_its_money(client):
    year = await a_commune_year()
    other_allocation = await _other_commune_allocation()
    other_fund = await service.fund_for(FundLevel.COMMUNE, (await Commune.get(code=OTHER)).id, None)
    funds = {
        "own": year.donations[0].fund_id,
        "province": year.donations[3].fund_id,
        "other": other_fund.id,
    }
    # The entries each attempt names: an unspent allocation of each fund.
    allocations = {
        ("front", "own"): year.allocations[2].id,
        ("front", "province"): year.allocations[1].id,
        ("front", "other"): other_allocation,
        ("province_front", "own"): year.allocations[3].id,
        ("province_front", "province"): year.allocations[1].id,
    }
    users = {
        "front": await make_user("front", commune_code="05725"),
        "province_front": await make_user("front"),
    }
    today = date.today().isoformat()
    answered = {}
    for role, action, fund in FUND_LEVELS:
        await login_as(client, users[role])
        if action == "allocate":
            response = await post_form(
                client,
                "/ledger/allocations",
                {
                    "fund_id": str(funds[fund]),
                    "house_case_id": year.house_b.code,
                    "amount": "1.000.000",
                    "decision_number": "30/QĐ",
                    "decision_date": today,
                    "allocated_on": today,
                },
            )
        elif action == "confirm_reversal":
            response = await client.get(f"/ledger/allocations/{allocations[role, fund]}/reverse")
        else:
            response = await post_form(
                client,
                f"/ledger/allocations/{allocations[role, fund]}/reverse",
                {"reason": "Nhầm quỹ"},
            )
        answered[role, action, fund] = response.status_code
    assert answered == FUND_LEVELS
