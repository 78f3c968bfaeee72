"""The steps of a beneficiary list: to the hamlets' review, posted, submitted, decided.

Each step is a versioned save of the list (its state) with what the step records: a hamlet's
review and its verdicts, the posting, the decision (which locks the list).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from relief.beneficiaries.models import (
    BeneficiaryList,
    Decision,
    HamletReview,
    ListEntry,
    ListState,
    Posting,
    ReviewOutcome,
)
from relief.beneficiaries.records import (
    DECISION,
    POSTING,
    REVIEW,
    DecisionIn,
    PostingIn,
    ReviewIn,
)
from relief.beneficiaries.service import (
    EMPTY,
    ENTRY_FIELDS,
    LIST_FIELDS,
    _writable,
    get_list,
    list_view,
    posting_days,
)
from relief.core import audit, versions
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, Invalid
from relief.core.formatting import local_today
from relief.core.permissions import can
from relief.houses.models import HouseCase, Stage
from relief.houses.stages import approve_by_decision

HAMLET_NOT_ON_LIST = "This hamlet has no household on the list."
REVIEWED = "This hamlet has already reviewed the list."
NOT_REVIEWED = "Every hamlet on the list must hold its review meeting first."
UNREVIEWED_LEFT = "Every household needs its hamlet's verdict first."
TOO_SHORT = "The posting is shorter than the period the rules set."
STILL_POSTED = "The posting has not ended yet."
UNANSWERED = "Every complaint must be answered first."
BEFORE_SUBMISSION = "The decision cannot be dated before the list was submitted."
NOT_OF_HAMLET = "Only the hamlet's households on the list can be agreed."
NOT_DECIDED = "The list has no decision yet: its cases are approved by the decision."
FUTURE = "This date is in the future."


async def _move(
    actor: Actor,
    blist: BeneficiaryList,
    version: Any,
    action: str,
    values: dict[str, Any],
    then: Any = None,
) -> BeneficiaryList:
    saved = await versions.save(
        actor,
        blist,
        versions.required(version),
        values,
        entity="beneficiary_list",
        audited=LIST_FIELDS,
        action=action,
        then=then,
    )
    return await get_list(actor, saved.id)


async def send_to_review(actor: Actor, list_id: int, version: Any) -> BeneficiaryList:
    """Closes the draft: the hamlets' meetings review it now."""
    blist = await _writable(actor, list_id, ListState.DRAFT)
    if not await ListEntry.exists(beneficiary_list_id=blist.id):
        raise Invalid({"household_ids": EMPTY})
    return await _move(actor, blist, version, "send_to_review", {"state": ListState.IN_REVIEW})


async def record_review(actor: Actor, list_id: int, data: ReviewIn) -> HamletReview:
    """A hamlet's review meeting: its minutes' facts, and its verdict on each of its
    households (those not in `agreed_ids` were not agreed)."""
    blist = await _writable(actor, list_id, ListState.IN_REVIEW)
    data, errors = REVIEW.check(data)
    entries = []
    if "hamlet_id" not in errors:
        entries = list(
            await ListEntry.filter(beneficiary_list_id=blist.id, hamlet_id=data.hamlet_id)
        )
        if not entries:
            errors["hamlet_id"] = HAMLET_NOT_ON_LIST
    ids = {e.household_id for e in entries}
    if entries and not set(data.agreed_ids) <= ids:
        errors["agreed_ids"] = NOT_OF_HAMLET
    if errors:
        raise Invalid(errors)
    if await HamletReview.exists(beneficiary_list_id=blist.id, hamlet_id=data.hamlet_id):
        raise Conflict(REVIEWED)
    agreed = set(data.agreed_ids)
    try:
        async with in_transaction():
            review = await HamletReview.create(beneficiary_list_id=blist.id, **REVIEW.values(data))
            for e in entries:
                outcome = (
                    ReviewOutcome.AGREED if e.household_id in agreed else ReviewOutcome.NOT_AGREED
                )
                await versions.save(
                    actor,
                    e,
                    e.version,
                    {"review_outcome": outcome},
                    entity="beneficiary_entry",
                    audited=ENTRY_FIELDS,
                    commune_id=blist.commune_id,
                    also={"beneficiary_list_id": blist.id},
                )
            await audit.record(
                actor,
                "create",
                "hamlet_review",
                review.id,
                commune_id=blist.commune_id,
                after={
                    **audit.snapshot(review, REVIEW.audited),
                    "beneficiary_list_id": blist.id,
                    "agreed_ids": sorted(agreed),
                },
            )
    except IntegrityError as exc:
        raise Conflict(REVIEWED) from exc
    return review


async def post_list(actor: Actor, list_id: int, version: Any, data: PostingIn) -> BeneficiaryList:
    """Posts the list at the commune office and the hamlets' meeting places, once every
    hamlet has reviewed it; the end defaults to the start and the posting period."""
    blist = await _writable(actor, list_id, ListState.IN_REVIEW)
    read = versions.required(version)
    view = await list_view(actor, blist.id)
    if view.unreviewed:
        raise Conflict(NOT_REVIEWED)
    if any(e.review_outcome == ReviewOutcome.PENDING for e in view.entries):
        raise Conflict(UNREVIEWED_LEFT)
    data, errors = POSTING.check(data)
    days = posting_days()
    values = POSTING.values(data)
    if "starts_on" not in errors and values["ends_on"] is None:
        values["ends_on"] = data.starts_on + timedelta(days=days - 1)
    ends_on = values["ends_on"]
    if (
        "ends_on" not in errors
        and "starts_on" not in errors
        and ends_on
        and (ends_on - data.starts_on).days + 1 < days
    ):
        errors["ends_on"] = TOO_SHORT
    if errors:
        raise Invalid(errors)

    async def posting(fresh: BeneficiaryList) -> None:
        made = await Posting.create(beneficiary_list_id=fresh.id, **values)
        await audit.record(
            actor,
            "create",
            "list_posting",
            made.id,
            commune_id=fresh.commune_id,
            after={**audit.snapshot(made, POSTING.audited), "beneficiary_list_id": fresh.id},
        )

    return await _move(actor, blist, read, "post", {"state": ListState.POSTED}, then=posting)


async def submit_list(
    actor: Actor, list_id: int, version: Any, on: date | None = None
) -> BeneficiaryList:
    """Submits the list to the commune People's Committee: the posting has ended and every
    complaint is answered. `on`: the day it was handed to the Committee (today by default;
    never in the future, always after the posting's last day)."""
    blist = await _writable(actor, list_id, ListState.POSTED)
    read = versions.required(version)
    today = local_today()
    on = on or today
    if on > today:
        raise Invalid({"submitted_on": FUTURE})
    view = await list_view(actor, blist.id)
    if view.posting is None or on <= view.posting.ends_on:
        raise Conflict(STILL_POSTED)
    if view.unanswered:
        raise Conflict(UNANSWERED)
    values = {"state": ListState.SUBMITTED, "submitted_on": on}
    return await _move(actor, blist, read, "submit", values)


async def decide_list(
    actor: Actor, list_id: int, version: Any, data: DecisionIn
) -> BeneficiaryList:
    """Records the People's Committee's decision on the submitted list, which locks it."""
    blist = await _writable(actor, list_id, ListState.SUBMITTED)
    read = versions.required(version)
    data, errors = DECISION.check(data)
    if "signed_on" not in errors and blist.submitted_on and data.signed_on < blist.submitted_on:
        errors["signed_on"] = BEFORE_SUBMISSION
    if errors:
        raise Invalid(errors)

    async def decision(fresh: BeneficiaryList) -> None:
        made = await Decision.create(beneficiary_list_id=fresh.id, **DECISION.values(data))
        await audit.record(
            actor,
            "create",
            "list_decision",
            made.id,
            commune_id=fresh.commune_id,
            after={**audit.snapshot(made, DECISION.audited), "beneficiary_list_id": fresh.id},
        )
        await _approve(actor, await cases_to_approve(fresh), made)

    return await _move(actor, blist, read, "decide", {"state": ListState.DECIDED}, then=decision)


async def cases_to_approve(blist: BeneficiaryList) -> list[HouseCase]:
    """The proposed house cases, in the list's programme, of the households its decision names
    (those their hamlet did not agree to are not named)."""
    named = ListEntry.filter(beneficiary_list_id=blist.id).exclude(
        review_outcome=ReviewOutcome.NOT_AGREED
    )
    return list(
        await HouseCase.filter(
            commune_id=blist.commune_id,
            programme=blist.programme,
            stage=Stage.PROPOSED,
            household_id__in=list(await named.values_list("household_id", flat=True)),
        ).order_by("id")
    )


async def _approve(actor: Actor, cases: list[HouseCase], decision: Decision) -> None:
    for case in cases:
        await approve_by_decision(actor, case, decision.signed_on, decision.id)


async def approve_cases(actor: Actor, list_id: int) -> int:
    """Approves by the list's decision the cases of its households opened since the decision
    (the decision approved those open then); returns how many."""
    blist = await get_list(actor, list_id)
    if not can(actor).write_commune(blist.commune_id):
        raise Forbidden()
    decision = await Decision.get_or_none(beneficiary_list_id=blist.id)
    if decision is None:
        raise Conflict(NOT_DECIDED)
    async with in_transaction():
        cases = await cases_to_approve(blist)
        await _approve(actor, cases, decision)
    return len(cases)
