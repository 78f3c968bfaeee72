"""The demo's beneficiary lists: through the lists' own services as the commune's officer
would write them (drafted, reviewed by each hamlet's meeting, posted, complaints answered,
submitted and decided), or, for the lists that only stand behind the demo's approved houses,
written at once (`write_decided`).

A list written through the services is audited as the app audits it; only the dates are the
demo's (the services take them as the officer types them), and a revision's moment, which the
app stamps when it is written, is set to the day of the answer that caused it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from relief.beneficiaries import complaints, service, steps
from relief.beneficiaries.models import (
    BeneficiaryList,
    Complaint,
    ComplaintChannel,
    ComplaintOutcome,
    Decision,
    HamletReview,
    ListEntry,
    ListRevision,
    ListState,
    Posting,
    ReviewOutcome,
)
from relief.beneficiaries.records import (
    AnswerPatch,
    ComplaintIn,
    DecisionIn,
    EntryPatch,
    ListIn,
    PostingIn,
    PublicComplaintIn,
    ReviewIn,
)
from relief.core.actor import Actor
from relief.core.papers import place_word
from relief.households.models import Household
from relief.houses.models import Programme
from relief.places.models import Commune, Hamlet

# Who chaired each hamlet's review meeting (by the hamlet's id), and how many came.
CHAIRS = [
    "Nông Văn Bình",
    "Hoàng Thị Lan",
    "Lường Văn Khánh",
    "Triệu Thị Hằng",
    "Ma Văn Hùng",
    "Đàm Văn Lợi",
    "Lục Thị Nguyệt",
]
HAMLETS_PLACE = "Nhà văn hóa các thôn có hộ trong danh sách"


def signer(commune: Commune) -> str:
    return f"Chủ tịch UBND {place_word(commune.kind)} {commune.name}"


def _office(commune: Commune) -> str:
    return f"Trụ sở UBND {place_word(commune.kind)} {commune.name}"


def posting_end(starts_on: date) -> date:
    """The last day of a posting that starts then and lasts the period the settings give."""
    return starts_on + timedelta(days=steps.posting_days() - 1)


async def draft(
    actor: Actor,
    commune_id: int,
    programme: Programme,
    household_ids: Iterable[int],
    *,
    year: int,
    round: int,
    disaster_id: int | None,
    note: str = "",
) -> BeneficiaryList:
    data = ListIn(
        programme=programme,
        year=year,
        round=round,
        disaster_id=disaster_id,
        note=note,
        household_ids=list(household_ids),
    )
    return await service.create_list(actor, commune_id, data)


async def set_amounts(actor: Actor, blist: BeneficiaryList, amounts: dict[int, int]) -> None:
    """The draft's support corrected by the officer, household by household."""
    for entry in await ListEntry.filter(
        beneficiary_list_id=blist.id, household_id__in=list(amounts)
    ):
        patch = EntryPatch(version=entry.version, proposed_amount=amounts[entry.household_id])
        await service.update_entry(actor, entry.id, patch)


async def reviewed(actor: Actor, blist: BeneficiaryList, held_on: date) -> BeneficiaryList:
    """Sent to the hamlets, and each hamlet's meeting held that day, agreeing to all."""
    blist = await steps.send_to_review(actor, blist.id, blist.version)
    by_hamlet: dict[int, list[int]] = {}
    for hamlet_id, household_id in await ListEntry.filter(beneficiary_list_id=blist.id).values_list(
        "hamlet_id", "household_id"
    ):
        by_hamlet.setdefault(hamlet_id, []).append(household_id)
    for hamlet in await Hamlet.filter(id__in=list(by_hamlet)).order_by("name"):
        data = ReviewIn(
            hamlet_id=hamlet.id,
            held_on=held_on,
            chair=CHAIRS[hamlet.id % len(CHAIRS)],
            attendance=28 + hamlet.id % 23,
            agreed_ids=by_hamlet[hamlet.id],
        )
        await steps.record_review(actor, blist.id, data)
    return await service.get_list(actor, blist.id)


async def posted(actor: Actor, blist: BeneficiaryList, starts_on: date) -> BeneficiaryList:
    """Posted at the commune office and the hamlets' meeting places for the period."""
    commune = blist.commune
    data = PostingIn(
        office_place=_office(commune),
        hamlet_place=HAMLETS_PLACE,
        starts_on=starts_on,
    )
    return await steps.post_list(actor, blist.id, blist.version, data)


async def decided(actor: Actor, blist: BeneficiaryList, number: str, ends_on: date) -> Decision:
    """Submitted the day after the posting ended, decided by the People's Committee the day
    after that."""
    blist = await steps.submit_list(actor, blist.id, blist.version, ends_on + timedelta(days=1))
    data = DecisionIn(
        number=number, signed_on=ends_on + timedelta(days=2), signer=signer(blist.commune)
    )
    blist = await steps.decide_list(actor, blist.id, blist.version, data)
    return await Decision.get(beneficiary_list_id=blist.id)


@dataclass(frozen=True)
class Decided:
    """A list that went from draft to decision with nothing in the way: every household agreed
    by its hamlet's meeting, posted from the day after the meetings, no complaint."""

    commune: Commune
    programme: Programme
    households: Sequence[Household]
    round: int
    reviewed_on: date
    number: str


async def write_decided(
    lists: Sequence[Decided], year: int, disaster_id: int | None
) -> dict[int, Decision]:
    """Such lists written at once, as the demo writes its other records in bulk around the
    services (its own audit entry stands for them); each household's decision."""
    ids = [h.id for d in lists for h in d.households]
    damage = await service._damage_of(ids, disaster_id)
    norms = {p: await service._norms(p) for p in {d.programme for d in lists}}
    decisions: dict[int, Decision] = {}
    for d in lists:
        starts_on = d.reviewed_on + timedelta(days=1)
        ends_on = posting_end(starts_on)
        blist = await BeneficiaryList.create(
            commune_id=d.commune.id,
            programme=d.programme,
            year=year,
            round=d.round,
            disaster_id=disaster_id,
            state=ListState.DECIDED,
            submitted_on=ends_on + timedelta(days=1),
        )
        await ListEntry.bulk_create(
            [
                ListEntry(
                    beneficiary_list_id=blist.id,
                    household_id=h.id,
                    hamlet_id=h.hamlet_id,
                    damage_id=damage[h.id].id if h.id in damage else None,
                    proposed_amount=norms[d.programme].get(service._norm_kind(damage.get(h.id)), 0),
                    review_outcome=ReviewOutcome.AGREED,
                )
                for h in d.households
            ]
        )
        hamlets = sorted({h.hamlet_id for h in d.households})
        await HamletReview.bulk_create(
            [
                HamletReview(
                    beneficiary_list_id=blist.id,
                    hamlet_id=hamlet_id,
                    held_on=d.reviewed_on,
                    chair=CHAIRS[hamlet_id % len(CHAIRS)],
                    attendance=28 + hamlet_id % 23,
                )
                for hamlet_id in hamlets
            ]
        )
        await Posting.create(
            beneficiary_list_id=blist.id,
            office_place=_office(d.commune),
            hamlet_place=HAMLETS_PLACE,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        decision = await Decision.create(
            beneficiary_list_id=blist.id,
            number=d.number,
            signed_on=ends_on + timedelta(days=2),
            signer=signer(d.commune),
        )
        decisions |= dict.fromkeys((h.id for h in d.households), decision)
    return decisions


async def complaint_upheld(
    actor: Actor,
    blist: BeneficiaryList,
    household_id: int,
    *,
    received_on: date,
    answered_on: date,
    from_name: str,
    content: str,
    answer: str,
    reason: str,
) -> Complaint:
    """A complaint received by letter against one household of the posted list: the household
    taken off the list because of it (a revision naming the complaint), and the answer."""
    made = await complaints.record_complaint(
        actor,
        blist.id,
        ComplaintIn(
            from_name=from_name,
            received_on=received_on,
            channel=ComplaintChannel.LETTER,
            content=content,
        ),
    )
    entry = await ListEntry.get(beneficiary_list_id=blist.id, household_id=household_id)
    await service.remove_entry(actor, entry.id, entry.version, reason, made.id)
    # The app stamps a revision when it is written; the demo's was written on the answer's day.
    at = datetime.combine(answered_on, time(2, 30), tzinfo=UTC)  # 09:30 in Vietnam
    await ListRevision.filter(complaint_id=made.id).update(at=at)
    patch = AnswerPatch(
        version=made.version,
        answer=answer,
        outcome=ComplaintOutcome.UPHELD,
        answered_on=answered_on,
    )
    return await complaints.answer_complaint(actor, made.id, patch)


async def public_complaint(commune: Commune, blist: BeneficiaryList, content: str) -> Complaint:
    """A complaint lodged today on the commune's public page, without an account."""
    anonymous = Actor(role=None)
    data = PublicComplaintIn(list_id=blist.id, from_name="", content=content)
    return await complaints.lodge_public_complaint(anonymous, commune.code, data)
