"""The ledger's rules: books that balance per fund, refusals, reversals and closed months."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from relief.core.actor import SYSTEM
from relief.core.errors import Conflict, Forbidden, Invalid
from relief.core.formatting import local_today
from relief.core.models import AuditEntry
from relief.houses.models import Contribution, FundingSource
from relief.ledger import books, service
from relief.ledger.models import Allocation, Channel, Donation, Fund, FundLevel
from relief.ledger.records import DONATION
from tests.factories import actor_for, make_user
from tests.ledger.factories import a_commune_year, front_officer

pytestmark = pytest.mark.usefixtures("orm")

M = 1_000_000


async def test_a_commune_year_balances_per_fund():
    year = await a_commune_year()
    ledger = await books.books(await books.funds_of(None))
    lines = {(line.level, line.commune_id): line for line in ledger.lines}
    commune = lines[(FundLevel.COMMUNE, year.commune.id)]
    assert (commune.received, commune.allocated, commune.spent) == (135 * M, 110 * M, 51 * M)
    assert commune.balance == 135 * M - 51 * M
    assert commune.unallocated == 25 * M
    province = lines[(FundLevel.PROVINCE, None)]
    assert (province.received, province.allocated, province.spent) == (200 * M, 80 * M, 0)
    assert ledger.total.received == 335 * M
    # What a fund spent equals the money its allocations moved: the house and the visit.
    disbursed = await Contribution.get(id=year.allocations[0].contribution_id)
    assert disbursed.amount_disbursed == 42 * M
    assert disbursed.source is FundingSource.SPONSOR  # the sponsor's donation is traced


async def test_every_entry_is_audited_as_the_front_officer():
    year = await a_commune_year()
    entries = await AuditEntry.filter(entity__in=["donation", "allocation"]).values_list(
        "entity", "username"
    )
    assert sum(1 for e, _ in entries if e == "donation") == 4
    assert sum(1 for e, _ in entries if e == "allocation") == 4
    assert year.front.username in {u for _, u in entries}


async def test_an_over_allocation_is_refused_with_a_clear_message():
    year = await a_commune_year()
    fund = year.donations[0].fund_id
    with pytest.raises(Invalid) as caught:
        await service.allocate(
            year.front,
            service.AllocationInput(
                fund_id=fund,
                house_case_id=year.house_b.id,
                amount=25 * M + 1,
                decision_number="15/QĐ",
                decision_date=local_today(),
                allocated_on=local_today(),
            ),
        )
    assert "amount" in caught.value.field_errors
    assert await Allocation.filter(fund_id=fund).count() == 3  # nothing written
    # Exactly what is left is allowed.
    await service.allocate(
        year.front,
        service.AllocationInput(
            fund_id=fund,
            house_case_id=year.house_b.id,
            amount=25 * M,
            decision_number="15/QĐ",
            decision_date=local_today(),
            allocated_on=local_today(),
        ),
    )
    assert await service.fund_available(fund) == 0


async def test_a_donation_cannot_be_allocated_twice_over():
    year = await a_commune_year()
    with pytest.raises(Invalid):
        await service.allocate(
            year.front,
            service.AllocationInput(
                fund_id=year.donations[0].fund_id,
                house_case_id=year.house_b.id,
                donation_id=year.donations[0].id,
                amount=40 * M + 1,
                decision_number="16/QĐ",
                decision_date=local_today(),
                allocated_on=local_today(),
            ),
        )


async def test_a_commune_front_officer_keeps_only_its_own_communes_books():
    year = await a_commune_year()
    other = await front_officer("05665")
    with pytest.raises(Forbidden):
        await service.record_donation(
            other,
            service.DonationInput(
                level=FundLevel.COMMUNE,
                commune_id=year.commune.id,
                channel=Channel.CASH,
                amount=M,
                received_on=local_today(),
            ),
        )
    officer = actor_for(await make_user("commune"))
    with pytest.raises(Forbidden):
        await service.record_donation(
            officer,
            service.DonationInput(
                level=FundLevel.COMMUNE,
                commune_id=year.commune.id,
                channel=Channel.CASH,
                amount=M,
                received_on=local_today(),
            ),
        )


async def test_bad_input_names_every_field():
    front = await front_officer()
    with pytest.raises(Invalid) as caught:
        await service.record_donation(
            front,
            DONATION.body(
                {
                    "channel": "goods",
                    "amount": 0,
                    "received_on": (local_today() + timedelta(days=2)).isoformat(),
                    "named_publicly": True,
                }
            ),
        )
    assert set(caught.value.field_errors) >= {
        "level",
        "amount",
        "received_on",
        "goods",
        "named_publicly",
    }


async def test_money_already_spent_cannot_be_reversed_but_unspent_money_can():
    year = await a_commune_year()
    with pytest.raises(Conflict):
        await service.reverse(year.front, "allocation", year.allocations[0].id, "Nhầm hộ")
    reversal = await service.reverse(year.front, "allocation", year.allocations[2].id, "Nhầm hộ")
    assert reversal.amount == -40 * M
    contribution = await Contribution.get(id=year.allocations[2].contribution_id)
    assert contribution.amount_pledged == 0
    assert await service.fund_available(year.donations[0].fund_id) == 65 * M
    with pytest.raises(Conflict):
        await service.reverse(year.front, "allocation", year.allocations[2].id, "again")


async def test_a_donation_whose_money_is_allocated_cannot_be_reversed():
    year = await a_commune_year()
    with pytest.raises(Conflict):
        await service.reverse(year.front, "donation", year.donations[0].id, "Nhập sai")
    reversal = await service.reverse(year.front, "donation", year.donations[1].id, "Nhập sai")
    assert reversal.amount == -20 * M
    assert await service.fund_available(year.donations[0].fund_id) == 5 * M


async def test_a_closed_month_takes_no_new_entry():
    front = await front_officer()
    year_ago = local_today().replace(day=1) - timedelta(days=40)
    donation = await service.record_donation(
        front,
        service.DonationInput(
            level=FundLevel.COMMUNE,
            commune_id=front.commune_id,
            channel=Channel.CASH,
            amount=M,
            received_on=year_ago,
        ),
    )
    await service.close_month(front, donation.fund_id, year_ago.year, year_ago.month)
    with pytest.raises(Invalid) as caught:
        await service.record_donation(
            front,
            service.DonationInput(
                level=FundLevel.COMMUNE,
                commune_id=front.commune_id,
                channel=Channel.CASH,
                amount=M,
                received_on=year_ago,
            ),
        )
    assert "received_on" in caught.value.field_errors
    # A correction goes in as a reversing entry dated today, in an open month.
    reversal = await service.reverse(front, "donation", donation.id, "Trùng phiếu thu")
    assert reversal.received_on == local_today()
    assert await Donation.filter(fund_id=donation.fund_id).count() == 2


async def test_a_closed_month_changes_only_by_a_reversing_entry_in_an_open_month():
    """An allocation dated in a closed month is refused; the entries already in it are
    corrected by reversing entries dated today, and while today's month is closed too nothing
    can be corrected at all."""
    year = await a_commune_year()
    past = local_today().replace(day=1) - timedelta(days=1)  # last month's last day
    donation = await service.record_donation(
        year.front,
        service.DonationInput(
            level=FundLevel.COMMUNE,
            commune_id=year.commune.id,
            channel=Channel.CASH,
            amount=10 * M,
            received_on=past,
        ),
    )
    fund = donation.fund_id
    allocation = await service.allocate(
        year.front,
        service.AllocationInput(
            fund_id=fund,
            house_case_id=year.house_b.id,
            amount=4 * M,
            decision_number="15/QĐ-MTTQ",
            decision_date=past,
            allocated_on=past,
        ),
    )
    await service.close_month(year.front, fund, past.year, past.month)
    with pytest.raises(Invalid) as caught:
        await service.allocate(
            year.front,
            service.AllocationInput(
                fund_id=fund,
                house_case_id=year.house_b.id,
                amount=M,
                decision_number="16/QĐ-MTTQ",
                decision_date=past,
                allocated_on=past,
            ),
        )
    assert "reversing entry" in caught.value.field_errors["allocated_on"]
    month = (past.replace(day=1), past)
    before = (await books.books(await books.funds_of(year.commune.id), *month)).total
    reversal = await service.reverse(year.front, "allocation", allocation.id, "Nhầm hộ")
    assert reversal.allocated_on == local_today()
    # The closed month's received money is untouched; the reversal lives in today's month.
    after = (await books.books(await books.funds_of(year.commune.id), *month)).total
    assert after.received == before.received
    assert (await Allocation.get(id=allocation.id)).allocated_on == past
    today = local_today()
    await service.close_month(year.front, fund, today.year, today.month)
    with pytest.raises(Invalid) as closed:
        await service.reverse(year.front, "donation", donation.id, "Nhập sai")
    assert "reason" in closed.value.field_errors
    assert not await Donation.exists(reverses_id=donation.id)


async def test_a_gift_straight_to_a_house_is_allocated_to_it_at_once():
    year = await a_commune_year()
    gift = await service.record_donation(
        SYSTEM,
        service.DonationInput(
            level=FundLevel.HOUSE,
            commune_id=year.commune.id,
            house_case_id=year.house_b.id,
            donor_name="Nguyễn Văn An",
            channel=Channel.CASH,
            amount=5 * M,
            received_on=local_today(),
        ),
    )
    fund = await Fund.get(id=gift.fund_id)
    assert fund.level is FundLevel.HOUSE
    allocation = await Allocation.get(donation_id=gift.id)
    assert allocation.house_case_id == year.house_b.id and allocation.amount == 5 * M
    assert await service.fund_available(fund.id) == 0
    # Reversed, the gift takes its allocation (and the contribution it added) back with it.
    await service.reverse(year.front, "donation", gift.id, "Nhầm nhà")
    assert await Allocation.filter(reverses_id=allocation.id).count() == 1
    assert (await Contribution.get(id=allocation.contribution_id)).amount_pledged == 0
    assert await service.fund_available(fund.id) == 0


async def test_a_donation_is_not_reversed_under_an_allocation_that_names_it():
    """Only a gift straight to a house takes its allocation with it: any other donation waits
    until the allocations made from it are reversed first, with a message that says so."""
    year = await a_commune_year()
    donation = await service.record_donation(
        year.front,
        service.DonationInput(
            level=FundLevel.COMMUNE,
            commune_id=year.commune.id,
            channel=Channel.CASH,
            amount=30 * M,
            received_on=local_today(),
        ),
    )
    allocation = await service.allocate(
        year.front,
        service.AllocationInput(
            fund_id=donation.fund_id,
            house_case_id=year.house_b.id,
            donation_id=donation.id,
            amount=30 * M,
            decision_number="20/QĐ-MTTQ",
            decision_date=local_today(),
            allocated_on=local_today(),
        ),
    )
    with pytest.raises(Conflict) as caught:
        await service.reverse(year.front, "donation", donation.id, "Nhập sai")
    assert "reverse the allocations first" in caught.value.message
    assert not await Allocation.exists(reverses_id=allocation.id)
    await service.reverse(year.front, "allocation", allocation.id, "Nhầm hộ")
    reversal = await service.reverse(year.front, "donation", donation.id, "Nhập sai")
    assert reversal.amount == -30 * M
    entries = await AuditEntry.filter(action="reverse").values_list("entity", "reason")
    assert sorted(entries) == [("allocation", "Nhầm hộ"), ("donation", "Nhập sai")]


async def test_a_sponsor_reconciles_pledge_received_and_spent():
    year = await a_commune_year()
    sponsor_id = year.donations[0].sponsor_id
    result = await books.sponsor_reconciliation(SYSTEM, sponsor_id)
    assert result.received == 100 * M
    assert result.allocated == 60 * M
    assert result.spent == 42 * M
    house = next(h for h in result.houses if h.house_case_id == year.house_a.id)
    assert (house.received, house.spent) == (60 * M, 42 * M)


async def test_two_allocations_at_once_of_what_is_left_leave_one_refused():
    """What a fund has left is its kept totals, read under the fund's lock: of two allocations
    of all of it sent at the same moment, one is recorded and the other refused."""
    year = await a_commune_year()
    fund = year.donations[0].fund_id
    left = await service.fund_available(fund)

    async def allocate(decision: str):
        return await service.allocate(
            year.front,
            service.AllocationInput(
                fund_id=fund,
                house_case_id=year.house_b.id,
                amount=left,
                decision_number=decision,
                decision_date=local_today(),
                allocated_on=local_today(),
            ),
        )

    outcomes = await asyncio.gather(allocate("31/QĐ"), allocate("32/QĐ"), return_exceptions=True)
    assert (
        sorted(type(o).__name__ for o in outcomes),
        await service.fund_available(fund),
        await Allocation.filter(fund_id=fund, decision_number__in=["31/QĐ", "32/QĐ"]).count(),
    ) == (["Allocation", "Invalid"], 0, 1)
