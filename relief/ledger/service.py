"""Ledger rules: who may keep the books, receiving, allocating, reversing, closing a month.

Reconciled by construction: an allocation is refused when its fund has not received the money
(each fund is locked while it is checked), and what is spent from an allocation is read from
the records that spend it (the house's contribution disbursed, the visit's gifts), never more
than the allocation itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tortoise.expressions import F, Q, Subquery
from tortoise.functions import Sum
from tortoise.transactions import in_transaction

from relief.core import audit, versions
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.formatting import local_today
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.core.text import fold
from relief.houses.models import Contribution, FundingSource, HouseCase, Photo, Stage
from relief.ledger import campaigns, statement_totals
from relief.ledger.models import Allocation, ClosedPeriod, Donation, Fund, FundLevel
from relief.ledger.records import ALLOCATION, DONATION, AllocationIn, DonationIn
from relief.places.models import Commune
from relief.sponsors.models import Sponsor

DONATION_FIELDS = ["fund_id", *DONATION.audited, "reverses_id"]
ALLOCATION_FIELDS = [*ALLOCATION.audited, "contribution_id", "reverses_id"]
DonationInput = DonationIn  # the write of a donation (relief.ledger.records)
AllocationInput = AllocationIn  # the write of an allocation


# --- funds -----------------------------------------------------------------------------------


async def fund_for(level: FundLevel, commune_id: int | None, province_id: int | None) -> Fund:
    """The fund account of a level, made on first use: a commune's (of its commune's province),
    a province's (of `province_id`: the acting Front's province), or the central fund (none)."""
    if level in (FundLevel.COMMUNE, FundLevel.HOUSE):
        found = await Fund.get_or_none(level=level, commune_id=commune_id)
        if found is not None:
            return found
        province_id = (await Commune.get(id=commune_id)).province_id
    else:
        commune_id = None
        if level is FundLevel.CENTRAL:
            province_id = None
        elif province_id is None:
            raise Invalid({"level": "Only a province's Front keeps its province's fund."})
    fund, _ = await Fund.get_or_create(level=level, commune_id=commune_id, province_id=province_id)
    return fund


async def _lock_fund(fund_id: int) -> Fund:
    """The fund row, locked until the transaction ends (PostgreSQL; SQLite writes one at a time)."""
    return await Fund.filter(id=fund_id).select_for_update().get()


async def fund_available(fund_id: int) -> int:
    """Received minus allocated: what the fund may still allocate, read from the fund's kept
    totals (moved by each entry under the fund's lock: `_move`), not summed from its entries."""
    row = await Fund.filter(id=fund_id).values_list("received_total", "allocated_total")
    return int(row[0][0]) - int(row[0][1]) if row else 0


async def _move(fund_id: int, entity: str, amount: int) -> None:
    """Moves the fund's kept total by one entry written (a donation's amount into what it has
    received, an allocation's into what it has allocated; a reversal's amount is negative).
    Called with the fund locked, in the entry's transaction."""
    name = "received_total" if entity == "donation" else "allocated_total"
    await Fund.filter(id=fund_id).update(**{name: F(name) + amount})


async def _check_open(fund_id: int, on: date, field: str) -> None:
    if await ClosedPeriod.exists(fund_id=fund_id, year=on.year, month=on.month):
        raise Invalid(
            {
                field: "This month's books are closed: record a reversing entry in an open month "
                "instead."
            }
        )


# --- donations -------------------------------------------------------------------------------


async def record_donation(actor: Actor, data: DonationIn) -> Donation:
    """Records money or goods received by a fund; a gift to a house is allocated to it at once.
    A province-level gift goes to the fund of the actor's province."""
    data, errors = DONATION.check(data)
    level, commune_id, donor = data.level, data.commune_id, data.donor_name
    case = None
    house_case_id = None if "house_case_id" in errors else data.house_case_id
    if level is FundLevel.HOUSE and house_case_id is not None:
        case = await scoped(actor, HouseCase).get_or_none(id=house_case_id)
        if case is None or case.commune_id != commune_id:
            errors["house_case_id"] = "No such house case in this commune."
            case = None
        elif case.stage is Stage.CANCELLED:
            errors["house_case_id"] = "This case is cancelled: it takes no more money."
    if level is FundLevel.CENTRAL and can(actor).province_bound:
        # A province's Front keeps its own province's fund; the central fund, of no
        # province, is outside its scope (as another province's fund is).
        errors["level"] = "The central fund is not your province's: record the gift in its fund."
    if level in (FundLevel.CENTRAL, FundLevel.PROVINCE):
        commune_id = None
    elif "commune_id" not in errors and commune_id is not None:
        known = await scoped(actor, Commune).filter(id=commune_id).exists()
        if not known:
            errors["commune_id"] = "No such commune."
    sponsor = None
    if data.sponsor_id is not None and "sponsor_id" not in errors:
        sponsor = await Sponsor.get_or_none(id=data.sponsor_id)
        if sponsor is None:
            errors["sponsor_id"] = "No such sponsor."
        elif not donor:
            donor = sponsor.name
    if errors:
        raise Invalid(errors)
    if not can(actor).keep_ledger_of(commune_id):
        raise Forbidden()
    async with in_transaction():
        fund = await fund_for(level, commune_id, actor.province_id)
        await _lock_fund(fund.id)
        await _check_open(fund.id, data.received_on, "received_on")
        campaign = await campaigns.campaign_for(data.received_on)
        receipt = await campaigns.next_receipt(campaign, fund) if campaign else {}
        values = {
            **receipt,
            **DONATION.values(data),
            "fund_id": fund.id,
            "commune_id": commune_id,
            "house_case_id": case.id if case else None,
            "donor_name": donor,
            "donor_key": fold(donor),
            "named_publicly": bool(data.named_publicly and donor),
        }
        donation = await Donation.create(**values, created_by_id=actor.user_id)
        await _move(fund.id, "donation", donation.amount)
        await statement_totals.add(donation)
        await audit.record(
            actor,
            "create",
            "donation",
            donation.id,
            commune_id=commune_id,
            after=audit.snapshot(donation, DONATION_FIELDS),
        )
        if case is not None:
            await _allocate_locked(
                actor,
                fund,
                AllocationIn(
                    fund_id=fund.id,
                    house_case_id=case.id,
                    donation_id=donation.id,
                    amount=data.amount,
                    decision_number=data.decision_number or data.reference or "—",
                    decision_date=data.received_on,
                    allocated_on=data.received_on,
                    note=donation.note,
                ),
                case,
                None,
                donation,
            )
    return donation


async def get_donation(actor: Actor, donation_id: int) -> Donation:
    found = await scoped(actor, Donation).get_or_none(id=donation_id)
    if found is None:
        raise NotFound()
    return found


# --- allocations -----------------------------------------------------------------------------


async def allocate(  # noqa: C901 - one check per field and target
    actor: Actor, data: AllocationIn, contribution_id: int | None = None
) -> Allocation:
    """Assigns money of a fund to a house case or an aid visit, by a decision.

    `contribution_id`: a contribution already on the house that this money pays (its pledge,
    exactly); without one, the allocation adds a contribution to the house."""
    from relief.aid.models import AidVisit

    data, errors = ALLOCATION.check(data)
    fund = None
    if "fund_id" not in errors:
        fund = await scoped(actor, Fund).get_or_none(id=data.fund_id)
        if fund is None:
            errors["fund_id"] = "Choose the fund."  # none, or another province's
        elif not can(actor).keep_fund(fund.commune_id):
            raise Forbidden()  # only the Front of the fund's level moves its money
    case = visit = None
    if data.house_case_id is not None and "house_case_id" not in errors:
        case = await scoped(actor, HouseCase).get_or_none(id=data.house_case_id)
        if case is None:
            errors["house_case_id"] = "No such house case."
        elif case.stage is Stage.CANCELLED and contribution_id is None:
            errors["house_case_id"] = "This case is cancelled: it takes no more money."
    if data.aid_visit_id is not None and "aid_visit_id" not in errors:
        visit = await scoped(actor, AidVisit).get_or_none(id=data.aid_visit_id)
        if visit is None:
            errors["aid_visit_id"] = "No such aid visit."
    target_commune = case.commune_id if case else visit.commune_id if visit else None
    if fund and target_commune and fund.commune_id not in (None, target_commune):
        errors["fund_id"] = "A commune's fund pays only for its own commune."
    donation = None
    if data.donation_id is not None and "donation_id" not in errors:
        donation = await scoped(actor, Donation).get_or_none(id=data.donation_id)
        if donation is None or (fund and donation.fund_id != fund.id):
            errors["donation_id"] = "No such donation in this fund."
    if contribution_id is not None:
        existing = await Contribution.get_or_none(id=contribution_id)
        if existing is None or case is None or existing.house_case_id != case.id:
            errors["contribution_id"] = "No such contribution on this house."
        elif await live_allocations(Q(contribution_id=existing.id)):
            errors["contribution_id"] = "This contribution is already paid by an allocation."
        elif existing.amount_pledged != data.amount and "amount" not in errors:
            errors["amount"] = "The amount must be the contribution's pledge."
    if errors:
        raise Invalid(errors)
    assert fund is not None  # else errors named it
    if not can(actor).keep_ledger_of(target_commune):
        raise Forbidden()
    async with in_transaction():
        await _lock_fund(fund.id)
        return await _allocate_locked(actor, fund, data, case, visit, donation, contribution_id)


async def _allocate_locked(
    actor: Actor,
    fund: Fund,
    data: AllocationIn,
    case,
    visit,
    donation: Donation | None,
    contribution_id: int | None = None,
) -> Allocation:
    """The allocation inside the caller's transaction, with the fund row locked."""
    assert data.allocated_on is not None and data.amount is not None  # checked by the caller
    await _check_open(fund.id, data.allocated_on, "allocated_on")
    available = await fund_available(fund.id)
    if data.amount > available:
        raise Invalid(
            {"amount": "This fund has not received that much money that is not yet allocated."}
        )
    if donation is not None:
        used = (
            await Allocation.filter(donation_id=donation.id).annotate(s=Sum("amount")).values("s")
        )
        if int(used[0]["s"] or 0) + data.amount > donation.amount:
            raise Invalid({"amount": "More than the donation named is left to allocate."})
    contribution = None
    commune_id = case.commune_id if case else visit.commune_id
    if contribution_id is not None:
        contribution = await Contribution.get(id=contribution_id)
    elif case is not None:
        # The money reaches the house as a contribution; disbursing it is the spending.
        source = (
            FundingSource.SPONSOR
            if donation and donation.sponsor_id
            else FundingSource.FUND_FOR_THE_POOR
        )
        contribution = await Contribution.create(
            house_case_id=case.id,
            commune_id=case.commune_id,
            source=source,
            sponsor_id=donation.sponsor_id if donation else None,
            amount_pledged=data.amount,
            amount_disbursed=0,
            note=f"QĐ {data.decision_number}",
        )
        await audit.record(
            actor,
            "create",
            "contribution",
            contribution.id,
            commune_id=case.commune_id,
            after={"house_case_id": case.id, "source": source.value, "amount_pledged": data.amount},
        )
    allocation = await Allocation.create(
        **ALLOCATION.values(data),
        commune_id=commune_id,
        contribution=contribution,
        made_contribution=contribution_id is None and case is not None,
        created_by_id=actor.user_id,
    )
    await _move(fund.id, "allocation", allocation.amount)
    await audit.record(
        actor,
        "create",
        "allocation",
        allocation.id,
        commune_id=commune_id,
        after=audit.snapshot(allocation, ALLOCATION_FIELDS),
    )
    return allocation


async def get_allocation(actor: Actor, allocation_id: int) -> Allocation:
    found = await scoped(actor, Allocation).get_or_none(id=allocation_id)
    if found is None:
        raise NotFound()
    return found


# --- reversing and closing -------------------------------------------------------------------


def _reason(reason: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise Invalid({"reason": "Give the reason for the reversing entry."})
    return text


@dataclass(frozen=True)
class _Entries:
    """A kind of ledger entry, as the one reversal mechanism needs to know it."""

    model: type[Donation] | type[Allocation]
    dated: str  # the field that dates an entry: a reversal is dated today
    copied: tuple[str, ...]  # what a reversal repeats of the entry it reverses
    audited: list[str]


ENTRIES = {
    "donation": _Entries(
        Donation,
        "received_on",
        (
            "fund_id",
            "commune_id",
            "house_case_id",
            "sponsor_id",
            "donor_name",
            "donor_key",
            "named_publicly",
            "channel",
            "goods",
            "quantity",
            "unit",
            "reference",
            "campaign_id",
        ),
        DONATION_FIELDS,
    ),
    "allocation": _Entries(
        Allocation,
        "allocated_on",
        (
            "fund_id",
            "commune_id",
            "house_case_id",
            "aid_visit_id",
            "donation_id",
            "decision_number",
            "decision_date",
        ),
        ALLOCATION_FIELDS,
    ),
}


async def reversible(actor: Actor, entity: str, entry_id: int):
    """The entry, if this actor may reverse it: in scope (else 404), of a fund of the actor's
    level (else 403), neither reversed nor a reversal (else 409)."""
    kind = ENTRIES[entity]
    original = await scoped(actor, kind.model).get_or_none(id=entry_id)
    if original is None:
        raise NotFound()
    fund = await Fund.get(id=original.fund_id)
    if not can(actor).keep_ledger_of(original.commune_id) or not can(actor).keep_fund(
        fund.commune_id
    ):
        raise Forbidden()
    if original.reverses_id is not None or await kind.model.exists(reverses_id=original.id):
        raise Conflict("This entry is already reversed, or is itself a reversal.")
    return original


async def reverse(actor: Actor, entity: str, entry_id: int, reason: str):
    """Cancels a donation or an allocation by a reversing entry dated today (the same amount,
    negative, pointing at it), in an open month, with its reason in the audit trail.

    Refused for a donation whose money is allocated (except a gift straight to a house, whose
    allocation goes with it) and for an allocation whose money is spent.
    """
    text = _reason(reason)
    original = await reversible(actor, entity, entry_id)
    today = local_today()
    async with in_transaction():
        await _lock_fund(original.fund_id)
        await _check_open(original.fund_id, today, "reason")
        if entity == "donation":
            await _before_donation_reversal(actor, original, text, today)
        return await _reverse_locked(actor, entity, original, text, today)


async def _reverse_locked(actor: Actor, entity: str, original, reason: str, today: date):
    """The reversing entry and its audit, inside the caller's transaction (fund locked)."""
    kind = ENTRIES[entity]
    if entity == "allocation":
        await _before_allocation_reversal(actor, original, reason)
    reversal = await kind.model.create(
        **{name: getattr(original, name) for name in kind.copied},
        **{kind.dated: today},  # type: ignore[arg-type]  # a field, not create's using_db
        amount=-original.amount,
        note=reason,
        reverses_id=original.id,
        created_by_id=actor.user_id,
    )
    await _move(original.fund_id, entity, reversal.amount)
    if isinstance(reversal, Donation):
        await statement_totals.add(reversal)
    await audit.record(
        actor,
        "reverse",
        entity,
        original.id,
        commune_id=original.commune_id,
        after=audit.snapshot(reversal, kind.audited),
        reason=reason,
    )
    return reversal


async def _before_donation_reversal(
    actor: Actor, original: Donation, reason: str, today: date
) -> None:
    if original.house_case_id is not None:  # a gift straight to a house takes its allocation
        for allocation in await Allocation.filter(donation_id=original.id, reverses_id=None):
            if not await Allocation.exists(reverses_id=allocation.id):
                await _reverse_locked(actor, "allocation", allocation, reason, today)
    if await fund_available(original.fund_id) < original.amount:
        raise Conflict("This money is already allocated: reverse the allocations first.")


async def _before_allocation_reversal(actor: Actor, original: Allocation, reason: str) -> None:
    spent = await _spent_by_allocation(Q(id=original.id))
    if spent.get(original.id, 0) > 0:
        raise Conflict("Money of this allocation is already spent: it cannot be reversed.")
    if original.made_contribution:  # the contribution it added goes back to nothing
        contribution = await Contribution.get(id=original.contribution_id)
        note = f"{contribution.note} — {reason}".strip(" —")[:2000]
        await versions.save(
            actor,
            contribution,
            contribution.version,  # read under the allocation's lock, a moment ago
            {"amount_pledged": 0, "note": note},
            entity="contribution",
            audited=["amount_pledged"],
            reason=reason,
        )


async def close_month(actor: Actor, fund_id: int, year: int, month: int) -> ClosedPeriod:
    """Closes a month of a fund's books: nothing dated in it may be added afterwards."""
    fund = await scoped(actor, Fund).get_or_none(id=fund_id)
    if fund is None:
        raise NotFound()
    if not can(actor).keep_fund(fund.commune_id):
        raise Forbidden()
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Invalid({"month": "Choose a month."})
    if date(year, month, 1) > local_today():
        raise Invalid({"month": "A month that has not begun cannot be closed."})
    async with in_transaction():
        if await ClosedPeriod.exists(fund_id=fund_id, year=year, month=month):
            raise Conflict("This month is already closed.")
        closed = await ClosedPeriod.create(
            fund_id=fund_id,
            commune_id=fund.commune_id,
            year=year,
            month=month,
            closed_by_id=actor.user_id,
        )
        await audit.record(
            actor,
            "close",
            "ledger_period",
            closed.id,
            commune_id=fund.commune_id,
            after={"fund_id": fund_id, "year": year, "month": month},
        )
    return closed


# --- spending --------------------------------------------------------------------------------


async def live_allocations(condition: Q) -> list[dict]:
    """Allocations matching the condition that are neither reversals nor reversed, oldest first."""
    # `reverses_id > 0`, not `IS NOT NULL`: a range of its index holding only the reversals
    # (SQLite scans the whole index for `NOT ... IS NULL`).
    reversed_ids = Subquery(Allocation.filter(reverses_id__gt=0).values("reverses_id"))
    return list(
        await Allocation.filter(condition, reverses_id=None)
        .exclude(id__in=reversed_ids)
        .order_by("id")
        .values(
            "id",
            "fund_id",
            "commune_id",
            "amount",
            "allocated_on",
            "aid_visit_id",
            "contribution_id",
        )
    )


def spend_in_order(visit_rows: list[dict], given: dict[int, int]) -> dict[int, int]:
    """What each live allocation of some visits spent: each visit's gifts (`given`: cash plus
    goods value per visit) spent from its allocations (`visit_rows`, oldest first) in order,
    each up to its amount."""
    left = dict(given)
    spent: dict[int, int] = {}
    for row in visit_rows:
        value = min(row["amount"], left.get(row["aid_visit_id"], 0))
        left[row["aid_visit_id"]] = left.get(row["aid_visit_id"], 0) - value
        spent[row["id"]] = value
    return spent


async def _spent_by_allocation(
    condition: Q, live: list[dict] | None = None, disbursed: dict[int, int] | None = None
) -> dict[int, int]:
    """What each live allocation matching the condition has spent (`live`: those allocations,
    already read, as a page of a list holds them: named by their ids, not by the condition;
    `disbursed`: what their contributions disbursed, read with them).

    A house allocation spends what its contribution disbursed. A visit's gifts (cash and goods
    value) are spent from the visit's allocations in the order they were made, each up to its
    amount; what is given beyond them came from other sources.
    """
    from relief.aid.models import AidGiven

    contributions: Subquery | list[int]
    visits: Subquery | list[int]
    if live is None:
        rows = await live_allocations(condition)
        # The contributions and visits are named by subqueries, not by lists of ids: the
        # province's books name tens of thousands, more than a query may carry as arguments.
        matching = Allocation.filter(condition)
        contributions = Subquery(
            matching.filter(contribution_id__not_isnull=True).values("contribution_id")
        )
        visits = Subquery(matching.filter(aid_visit_id__not_isnull=True).values("aid_visit_id"))
    else:
        rows = live
        contributions = sorted({r["contribution_id"] for r in rows if r["contribution_id"]})
        visits = sorted({r["aid_visit_id"] for r in rows if r["aid_visit_id"]})
    if disbursed is None:
        disbursed = {}
        if any(r["contribution_id"] for r in rows):
            disbursed = dict(
                await Contribution.filter(id__in=contributions).values_list(
                    "id", "amount_disbursed"
                )
            )
    given: dict[int, int] = {}
    visit_rows: list[dict] = []
    if any(r["aid_visit_id"] for r in rows):
        for row in (
            await AidGiven.filter(visit_id__in=visits)
            .group_by("visit_id")
            .annotate(c=Sum("cash"), g=Sum("goods_value"))
            .values("visit_id", "c", "g")
        ):
            given[row["visit_id"]] = int(row["c"] or 0) + int(row["g"] or 0)
        # Every allocation of those visits, so that earlier ones spend first.
        visit_rows = await live_allocations(Q(aid_visit_id__in=visits))
    spent: dict[int, int] = {}
    for row in rows:
        if row["contribution_id"]:
            spent[row["id"]] = min(row["amount"], int(disbursed.get(row["contribution_id"], 0)))
    spent.update(spend_in_order(visit_rows, given))
    wanted = {r["id"] for r in rows}
    return {k: v for k, v in spent.items() if k in wanted}


async def set_photo_public(actor: Actor, photo_id: int, public: bool) -> Photo:
    """Shows a photo of a house on the commune's public page, or takes it off."""
    photo = await scoped(actor, Photo).get_or_none(id=photo_id)
    if photo is None:
        raise NotFound()
    if not can(actor).write_commune(photo.commune_id):
        raise Forbidden()
    if photo.is_public == public:
        return photo
    async with in_transaction():
        await Photo.filter(id=photo.id).update(is_public=public)
        await audit.record(
            actor,
            "update",
            "photo",
            photo.id,
            commune_id=photo.commune_id,
            before={"is_public": photo.is_public},
            after={"is_public": public},
        )
    photo.is_public = public
    return photo
