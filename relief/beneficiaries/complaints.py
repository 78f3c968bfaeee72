"""Complaints about a posted beneficiary list: recorded by the officer from a letter, a call
or a visit, or lodged by anyone on the commune's public page without an account; each
answered with an outcome before the list can be submitted.

A complaint lodged on the public page is bounded: its text's length, and a number of
complaints per address in a window counted in the database (as logins are throttled), so
that several app processes count as one. Nothing personal is shown back: the answer is a
receipt number and the date received.
"""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, timedelta

from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from relief.beneficiaries.models import (
    BeneficiaryList,
    Complaint,
    ComplaintAttempt,
    ComplaintChannel,
    ListState,
    Posting,
)
from relief.beneficiaries.records import (
    ANSWER,
    COMPLAINT,
    PUBLIC_COMPLAINT,
    AnswerPatch,
    ComplaintIn,
    PublicComplaintIn,
)
from relief.beneficiaries.service import _writable
from relief.core import audit, versions
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.formatting import local_today
from relief.core.paging import Paged, paginate
from relief.core.permissions import can
from relief.core.records import base_version
from relief.core.scope import scoped
from relief.places.models import Commune

COMPLAINT_FIELDS = [*COMPLAINT.audited, *ANSWER.audited, "receipt"]
WINDOW = timedelta(hours=1)
MAX_PER_ADDRESS = 5  # complaints lodged without an account from one address in the window
TOO_MANY = "Too many complaints from this connection. Please try again in an hour."
NOT_POSTED = "This list is not posted for complaints now."
_RECEIPT_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def _receipt() -> str:
    return "KN-" + "".join(secrets.choice(_RECEIPT_LETTERS) for _ in range(8))


async def _create(actor: Actor, blist: BeneficiaryList, values: dict) -> Complaint:
    async with in_transaction():
        complaint = await Complaint.create(
            beneficiary_list_id=blist.id, commune_id=blist.commune_id, receipt=_receipt(), **values
        )
        await audit.record(
            actor,
            "create",
            "list_complaint",
            complaint.id,
            commune_id=blist.commune_id,
            after={
                **audit.snapshot(complaint, COMPLAINT_FIELDS),
                "beneficiary_list_id": blist.id,
            },
        )
    return complaint


async def record_complaint(actor: Actor, list_id: int, data: ComplaintIn) -> Complaint:
    """The officer records a complaint received by letter, call or in person."""
    blist = await _writable(actor, list_id, ListState.POSTED)
    data = COMPLAINT.validate(data)
    return await _create(actor, blist, COMPLAINT.values(data))


async def posted_lists(commune_code: str) -> tuple[Commune, list[tuple[BeneficiaryList, Posting]]]:
    """The commune's lists open to complaints today (for the public page)."""
    commune = await Commune.get_or_none(code=commune_code[:10])
    if commune is None:
        raise NotFound("No such commune.")
    today = local_today()
    postings = await Posting.filter(
        beneficiary_list__commune_id=commune.id,
        beneficiary_list__state=ListState.POSTED,
        starts_on__lte=today,
        ends_on__gte=today,
    ).select_related("beneficiary_list")
    return commune, [(p.beneficiary_list, p) for p in postings]


async def _throttled(ip: str | None) -> bool:
    since = datetime.now(UTC) - WINDOW
    here = ComplaintAttempt.filter(at__gte=since)
    here = here.filter(ip=ip) if ip else here.filter(ip__isnull=True)
    return await here.count() >= MAX_PER_ADDRESS


async def lodge_public_complaint(
    actor: Actor, commune_code: str, data: PublicComplaintIn
) -> Complaint:
    """A complaint lodged on the commune's public page without an account, about a list posted
    now; at most `MAX_PER_ADDRESS` an hour from one address."""
    _, open_lists = await posted_lists(commune_code)
    data, errors = PUBLIC_COMPLAINT.check(data)
    by_id = {blist.id: blist for blist, _ in open_lists}
    if "list_id" not in errors and data.list_id not in by_id:
        errors["list_id"] = NOT_POSTED
    if errors:
        raise Invalid(errors)
    if await _throttled(actor.ip):
        raise Conflict(TOO_MANY)
    await ComplaintAttempt.create(ip=actor.ip)
    values = {
        "from_name": data.from_name,
        "content": data.content,
        "received_on": local_today(),
        "channel": ComplaintChannel.PUBLIC_PAGE,
    }
    return await _create(actor, by_id[data.list_id], values)


async def receipt(commune_code: str, number: str) -> tuple[str, date]:
    """What the public answer page shows of a complaint: its receipt number and date only."""
    found = await Complaint.get_or_none(
        receipt=number[:20], beneficiary_list__commune__code=commune_code[:10]
    )
    if found is None:
        raise NotFound()
    return found.receipt, found.received_on


async def get_complaint(actor: Actor, complaint_id: int) -> Complaint:
    found = await scoped(actor, Complaint).get_or_none(id=complaint_id)
    if found is None:
        raise NotFound("No such complaint.")
    return found


async def answer_complaint(actor: Actor, complaint_id: int, patch: AnswerPatch) -> Complaint:
    """The answer to a complaint, read at `patch.version`, with its outcome."""
    complaint = await get_complaint(actor, complaint_id)
    if not can(actor).write_commune(complaint.commune_id):
        raise Forbidden()
    blist = await _writable(actor, complaint.beneficiary_list_id, ListState.POSTED)
    version = base_version(patch)
    await versions.check(
        actor, complaint, version, entity="list_complaint", audited=COMPLAINT_FIELDS
    )
    data = ANSWER.validate(ANSWER.merge(complaint, patch))
    if data.answered_on < complaint.received_on:
        raise Invalid({"answered_on": "The answer cannot be dated before the complaint."})
    return await versions.save(
        actor,
        complaint,
        version,
        ANSWER.values(data),
        entity="list_complaint",
        audited=COMPLAINT_FIELDS,
        action="answer",
        commune_id=blist.commune_id,
    )


def _register(
    actor: Actor, commune_id: int | None = None, commune_code: str | None = None
) -> QuerySet[Complaint]:
    qs = scoped(actor, Complaint).select_related("beneficiary_list")
    if commune_id is not None:
        qs = qs.filter(commune_id=commune_id)
    if commune_code:
        qs = qs.filter(beneficiary_list__commune__code=commune_code)
    return qs.order_by("-received_on", "-id")


async def register(actor: Actor, commune_id: int | None = None) -> list[Complaint]:
    """The complaints register (sổ tiếp nhận): the actor's communes', newest first."""
    return list(await _register(actor, commune_id).limit(500))


async def register_page(
    actor: Actor,
    commune_id: int | None,
    commune_code: str | None,
    page: int,
    per_page: int,
) -> Paged[Complaint]:
    """One page of the complaints register (of a commune, by id or GSO code), newest first."""
    return await paginate(_register(actor, commune_id, commune_code), page, per_page)
