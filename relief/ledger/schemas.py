"""Shapes of the ledger API: its answers, and a reversal's reason (the writes of donations
and allocations, `DonationIn` and `AllocationIn`: records.py)."""

from __future__ import annotations

from datetime import date

import msgspec

from relief.core.labels import label
from relief.ledger import labels as _registered  # noqa: F401 (the area's words)
from relief.ledger.books import FundLine
from relief.ledger.models import Allocation, Donation


class DonationOut(msgspec.Struct):
    id: int
    fund_id: int
    commune_id: int | None
    house_case_id: int | None
    sponsor_id: int | None
    donor_name: str
    named_publicly: bool
    channel: str
    channel_label: str  # the code's label, in the request's language
    amount: int
    goods: str
    quantity: str | None  # goods as goods: "4" (tấn) …, a decimal written as text
    unit: str
    received_on: date
    reference: str
    note: str
    reverses_id: int | None
    campaign_id: int | None
    receipt_number: str  # "" outside every campaign and on a reversal


class AllocationOut(msgspec.Struct):
    id: int
    fund_id: int
    commune_id: int
    house_case_id: int | None
    aid_visit_id: int | None
    donation_id: int | None
    amount: int
    decision_number: str
    decision_date: date
    allocated_on: date
    note: str
    reverses_id: int | None


class ReverseIn(msgspec.Struct):
    reason: str


class FundLineOut(msgspec.Struct):
    fund_id: int
    level: str
    level_label: str
    commune_id: int | None
    received: int
    allocated: int
    spent: int
    balance: int
    unallocated: int


class BooksOut(msgspec.Struct):
    date_from: date | None
    date_to: date | None
    funds: list[FundLineOut]
    total: FundLineOut


def donation_out(d: Donation) -> DonationOut:
    return DonationOut(
        id=d.id,
        fund_id=d.fund_id,
        commune_id=d.commune_id,
        house_case_id=d.house_case_id,
        sponsor_id=d.sponsor_id,
        donor_name=d.donor_name,
        named_publicly=d.named_publicly,
        channel=d.channel.value,
        channel_label=label(d.channel),
        amount=d.amount,
        goods=d.goods,
        quantity=f"{d.quantity.normalize():f}" if d.quantity is not None else None,
        unit=d.unit,
        received_on=d.received_on,
        reference=d.reference,
        note=d.note,
        reverses_id=d.reverses_id,
        campaign_id=d.campaign_id,
        receipt_number=d.receipt_number,
    )


def allocation_out(a: Allocation) -> AllocationOut:
    return AllocationOut(
        id=a.id,
        fund_id=a.fund_id,
        commune_id=a.commune_id,
        house_case_id=a.house_case_id,
        aid_visit_id=a.aid_visit_id,
        donation_id=a.donation_id,
        amount=a.amount,
        decision_number=a.decision_number,
        decision_date=a.decision_date,
        allocated_on=a.allocated_on,
        note=a.note,
        reverses_id=a.reverses_id,
    )


def line_out(line: FundLine) -> FundLineOut:
    return FundLineOut(
        fund_id=line.fund_id,
        level=line.level.value,
        level_label=label(line.level),
        commune_id=line.commune_id,
        received=line.received,
        allocated=line.allocated,
        spent=line.spent,
        balance=line.balance,
        unallocated=line.unallocated,
    )


class StatementLineOut(msgspec.Struct):
    """A line of the public statement: what the public page shows of a gift, nothing more."""

    id: int  # the gift's page: /public/gifts/{id}
    received_on: date
    receipt_number: str
    reference: str
    donor: str  # the donor's name only with the donor's consent, else "anonymous donors"
    channel: str
    channel_label: str
    fund_level: str
    goods: str
    quantity: str | None
    unit: str
    amount: int
    reversal: bool


class StatementOut(msgspec.Struct):
    """One page of the public statement (sao kê) of a campaign (or year) and one set of
    funds, with the whole statement's period, count and total."""

    commune: str | None  # GSO code; None: the province's own funds
    campaign_id: int | None
    campaign: str | None
    date_from: date
    date_to: date
    query: str
    count: int  # every line of the statement, whatever the search or page
    total: int
    items: list[StatementLineOut]
    matched: int  # lines the search found
    page: int
    pages: int
