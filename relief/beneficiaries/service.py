"""Beneficiary lists from draft to decision: every rule of making, reviewing, posting,
submitting and deciding a list, and of changing its entries (complaints: `complaints.py`).

A list moves one way: draft → in_review → posted → submitted → decided. The officer edits the
entries of a draft; each hamlet's meeting then reviews its households; the list is posted once
every hamlet has reviewed; while it is posted its entries may still change (each change is a
revision, with its reason) and complaints come in; it is submitted once the posting has ended
and every complaint is answered; the People's Committee's decision locks it. Every write goes
through the catalogues' shapes and `versions.save`, with its audit entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from relief import settings as app_settings
from relief.beneficiaries.models import (
    BeneficiaryList,
    Complaint,
    Decision,
    HamletReview,
    ListEntry,
    ListRevision,
    ListState,
    Posting,
    ReviewOutcome,
    RevisionAction,
)
from relief.beneficiaries.records import (
    ENTRY,
    LIST,
    EntryIn,
    EntryPatch,
    ListIn,
)
from relief.core import audit, versions
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.formatting import local_today
from relief.core.paging import Paged, paginate
from relief.core.permissions import can
from relief.core.records import base_version, errors_of
from relief.core.scope import scoped
from relief.households.models import DamageAssessment, DamageBand, Household
from relief.houses.models import NormKind, Programme, ProgrammeRule
from relief.places.models import Commune, Hamlet

LIST_FIELDS = [*LIST.audited, "state", "submitted_on"]
ENTRY_FIELDS = [*ENTRY.audited, "review_outcome"]
LOCKED = "This list is decided and locked: it cannot change."
WRONG_STATE = "This cannot be done while the list is in this state."
TAKEN = "The commune already has a list of this programme for this year and round."
NOT_OF_COMMUNE = "This household is not one of the commune's."
ON_LIST = "This household is already on the list."
NEEDS_REASON = "Say why the list changes after it was posted."
EMPTY = "Choose at least one household."
NO_COMMUNE = "A list is drafted by an officer of its commune."
NO_SUCH_COMPLAINT = "No such complaint on this list."
PAGE_SIZE = 50
DAMAGE_BANDS_NEW = {DamageBand.TOTAL}
DAMAGE_BANDS_REPAIR = {DamageBand.VERY_HEAVY, DamageBand.HEAVY}


def posting_days() -> int:
    """The days a list stays posted at least (`RELIEF_POSTING_DAYS`)."""
    active = app_settings.active()
    return 7 if active is None else active.posting_days


# Reading.


def _lists(actor: Actor, commune_id: int | None = None) -> QuerySet[BeneficiaryList]:
    qs = scoped(actor, BeneficiaryList).select_related("commune")
    if commune_id is not None:
        qs = qs.filter(commune_id=commune_id)
    return qs.order_by("-year", "programme", "-round", "-id")


async def list_lists(actor: Actor, commune_id: int | None = None) -> list[BeneficiaryList]:
    return list(await _lists(actor, commune_id).limit(500))


@dataclass
class ListFilter:
    """The lists asked for: of a commune (by id or GSO code), a programme, a year, a state."""

    commune_id: int | None = None
    commune_code: str | None = None
    programme: Programme | None = None
    year: int | None = None
    state: ListState | None = None
    page: int = 1
    per_page: int = PAGE_SIZE


async def lists_page(actor: Actor, f: ListFilter) -> Paged[BeneficiaryList]:
    """One page of the lists in the actor's scope, the latest year first."""
    qs = _lists(actor, f.commune_id)
    if f.commune_code:
        qs = qs.filter(commune__code=f.commune_code)
    if f.programme is not None:
        qs = qs.filter(programme=f.programme)
    if f.year is not None:
        qs = qs.filter(year=f.year)
    if f.state is not None:
        qs = qs.filter(state=f.state)
    return await paginate(qs, f.page, f.per_page)


async def get_list(actor: Actor, list_id: int) -> BeneficiaryList:
    found = await scoped(actor, BeneficiaryList).select_related("commune").get_or_none(id=list_id)
    if found is None:
        raise NotFound("No such list.")
    return found


@dataclass
class ListView:
    """A list and everything hung on it, as its page and its papers show it."""

    blist: BeneficiaryList
    entries: list[ListEntry]
    reviews: list[HamletReview]
    hamlets: list[Hamlet]  # the hamlets of its entries
    posting: Posting | None
    complaints: list[Complaint]
    decision: Decision | None
    revisions: list[ListRevision]
    days: int = field(default_factory=posting_days)

    @property
    def unreviewed(self) -> list[Hamlet]:
        done = {r.hamlet_id for r in self.reviews}
        return [h for h in self.hamlets if h.id not in done]

    @property
    def unanswered(self) -> list[Complaint]:
        return [c for c in self.complaints if not c.answered]

    @property
    def approved(self) -> list[ListEntry]:
        """The entries the decision names: all but those their hamlet did not agree to."""
        return [e for e in self.entries if e.review_outcome != ReviewOutcome.NOT_AGREED]

    @property
    def total(self) -> int:
        return sum(e.proposed_amount for e in self.approved)

    @property
    def posting_ended(self) -> bool:
        return self.posting is not None and self.posting.ends_on < local_today()

    def hamlet_entries(self, hamlet_id: int) -> list[ListEntry]:
        return [e for e in self.entries if e.hamlet_id == hamlet_id]

    def review_of(self, hamlet_id: int) -> HamletReview | None:
        return next((r for r in self.reviews if r.hamlet_id == hamlet_id), None)


async def list_view(actor: Actor, list_id: int) -> ListView:
    blist = await get_list(actor, list_id)
    entries = list(
        await ListEntry.filter(beneficiary_list_id=blist.id)
        .select_related("household", "hamlet", "damage")
        .order_by("hamlet__name", "household__head_name_key", "id")
    )
    hamlet_ids = sorted({e.hamlet_id for e in entries})
    return ListView(
        blist=blist,
        entries=entries,
        reviews=list(
            await HamletReview.filter(beneficiary_list_id=blist.id)
            .select_related("hamlet")
            .order_by("hamlet__name")
        ),
        hamlets=list(await Hamlet.filter(id__in=hamlet_ids).order_by("name")),
        posting=await Posting.get_or_none(beneficiary_list_id=blist.id),
        complaints=list(await Complaint.filter(beneficiary_list_id=blist.id).order_by("id")),
        decision=await Decision.get_or_none(beneficiary_list_id=blist.id),
        revisions=list(await ListRevision.filter(beneficiary_list_id=blist.id).order_by("id")),
    )


# Writing: who, and in which state.


def _may_write(actor: Actor, blist: BeneficiaryList) -> None:
    if not can(actor).write_commune(blist.commune_id):
        raise Forbidden()


def _in_state(blist: BeneficiaryList, *states: ListState) -> None:
    """Refuses (409) a write the list's state does not allow; a decided list allows none."""
    if blist.state == ListState.DECIDED:
        raise Conflict(LOCKED)
    if blist.state not in states:
        raise Conflict(WRONG_STATE)


async def _writable(actor: Actor, list_id: int, *states: ListState) -> BeneficiaryList:
    blist = await get_list(actor, list_id)
    _may_write(actor, blist)
    _in_state(blist, *states)
    return blist


def _norm_kind(damage: DamageAssessment | None) -> NormKind:
    if damage is None:
        return NormKind.NEW_BUILD
    if damage.relocated or damage.landslide_relocation:
        return NormKind.RELOCATION
    if damage.band in DAMAGE_BANDS_REPAIR:
        return NormKind.REPAIR
    return NormKind.NEW_BUILD


async def _damage_of(household_ids: Iterable[int], disaster_id: int | None) -> dict[int, Any]:
    """Each household's damage assessment (for the disaster, else its latest)."""
    qs = DamageAssessment.filter(household_id__in=list(household_ids))
    if disaster_id is not None:
        qs = qs.filter(disaster_id=disaster_id)
    found: dict[int, DamageAssessment] = {}
    for assessment in await qs.order_by("assessed_on", "id"):
        found[assessment.household_id] = assessment  # the latest wins
    return found


async def _norms(programme: Programme) -> dict[NormKind, int]:
    rules = await ProgrammeRule.filter(programme=programme)
    return {NormKind(r.kind): r.support_amount for r in rules}


async def _households(commune_id: int, ids: Iterable[int], errors: dict[str, str], name: str):
    wanted = list(dict.fromkeys(ids))
    found = {
        h.id: h
        for h in await Household.filter(
            id__in=wanted, commune_id=commune_id, archived_at__isnull=True
        )
    }
    if len(found) != len(wanted):
        errors[name] = NOT_OF_COMMUNE
    return [found[i] for i in wanted if i in found]


def _entry_values(household: Household, damage: Any, amount: int) -> dict[str, Any]:
    return {
        "household_id": household.id,
        "hamlet_id": household.hamlet_id,
        "damage_id": damage.id if damage is not None else None,
        "proposed_amount": amount,
    }


async def create_list(actor: Actor, commune_id: int, data: ListIn) -> BeneficiaryList:
    """Drafts a list of the commune from the households the officer chose, each with its damage
    and the programme's norm for it as the proposed support."""
    if not can(actor).write_commune(commune_id):
        raise Forbidden()
    data, errors = LIST.check(data)
    if not await Commune.exists(id=commune_id):
        raise NotFound("No such commune.")
    if not data.household_ids and "household_ids" not in errors:
        errors["household_ids"] = EMPTY
    households = await _households(commune_id, data.household_ids, errors, "household_ids")
    if errors:
        raise Invalid(errors)
    damage = await _damage_of([h.id for h in households], data.disaster_id)
    norms = await _norms(Programme(data.programme))
    values = {**LIST.values(data), "commune_id": commune_id}
    if await BeneficiaryList.exists(
        commune_id=commune_id, programme=data.programme, year=data.year, round=data.round
    ):
        raise Conflict(TAKEN)
    try:
        async with in_transaction():
            blist = await BeneficiaryList.create(**values)
            for h in households:
                found = damage.get(h.id)
                amount = norms.get(_norm_kind(found), 0)
                await ListEntry.create(
                    beneficiary_list_id=blist.id, **_entry_values(h, found, amount)
                )
            await audit.record(
                actor,
                "create",
                "beneficiary_list",
                blist.id,
                commune_id=commune_id,
                after={
                    **audit.snapshot(blist, LIST_FIELDS),
                    "household_ids": [h.id for h in households],
                },
            )
    except IntegrityError as exc:  # the same list drafted by someone else a moment ago
        raise Conflict(TAKEN) from exc
    return await get_list(actor, blist.id)


async def draft_list(actor: Actor, data: ListIn) -> BeneficiaryList:
    """Drafts a list of the officer's own commune (`create_list`); an account bound to no
    commune (an administrator) drafts from a commune's account."""
    commune_id = can(actor).home_commune
    if commune_id is None:
        raise Invalid({"commune_id": NO_COMMUNE})
    return await create_list(actor, commune_id, data)


def _snapshot(entry: ListEntry) -> dict[str, Any]:
    return audit.snapshot(entry, ["household_id", "proposed_amount", "note", "review_outcome"])


async def _revision(
    actor: Actor,
    blist: BeneficiaryList,
    household_id: int,
    action: RevisionAction,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    reason: str,
    complaint_id: int | None,
) -> None:
    """A change after posting, kept and readable (only posted lists are revised)."""
    if blist.state != ListState.POSTED:
        return
    await ListRevision.create(
        beneficiary_list_id=blist.id,
        household_id=household_id,
        action=action,
        before=before,
        after=after,
        reason=reason,
        complaint_id=complaint_id,
        username=actor.username,
    )


async def _reason(blist: BeneficiaryList, data: Any, errors: dict[str, str]) -> None:
    """After posting a change needs its reason, and the complaint it answers must be this
    list's."""
    if blist.state == ListState.POSTED and not (data.reason or "").strip():
        errors["reason"] = NEEDS_REASON
    complaint_id = getattr(data, "complaint_id", None)
    if (
        complaint_id
        and "complaint_id" not in errors
        and not await Complaint.exists(id=complaint_id, beneficiary_list_id=blist.id)
    ):
        errors["complaint_id"] = NO_SUCH_COMPLAINT


async def add_entry(actor: Actor, list_id: int, data: EntryIn) -> ListEntry:
    """Adds a household of the commune to a draft, or to a posted list (a revision)."""
    blist = await _writable(actor, list_id, ListState.DRAFT, ListState.POSTED)
    data, errors = ENTRY.check(data)
    await _reason(blist, data, errors)
    found = []
    if "household_id" not in errors:
        found = await _households(blist.commune_id, [data.household_id], errors, "household_id")
    if found and await ListEntry.exists(beneficiary_list_id=blist.id, household_id=found[0].id):
        errors["household_id"] = ON_LIST
    if errors:
        raise Invalid(errors)
    household = found[0]
    damage = (await _damage_of([household.id], blist.disaster_id)).get(household.id)
    values = {**_entry_values(household, damage, data.proposed_amount), "note": data.note}
    try:
        async with in_transaction():
            entry = await ListEntry.create(beneficiary_list_id=blist.id, **values)
            after = _snapshot(entry)
            await _revision(
                actor,
                blist,
                household.id,
                RevisionAction.ADDED,
                None,
                after,
                data.reason,
                data.complaint_id,
            )
            await audit.record(
                actor,
                "create",
                "beneficiary_entry",
                entry.id,
                commune_id=blist.commune_id,
                after={**after, "beneficiary_list_id": blist.id},
                reason=data.reason or None,
            )
    except IntegrityError as exc:
        raise Invalid({"household_id": ON_LIST}) from exc
    return entry


async def get_entry(actor: Actor, entry_id: int, *, full: bool = False) -> ListEntry:
    """An entry in the actor's scope (else 404); `full`: with its household, hamlet and
    damage, as the API answers it."""
    qs = scoped(actor, ListEntry)
    if full:
        qs = qs.select_related("household", "hamlet", "damage")
    entry = await qs.get_or_none(id=entry_id)
    if entry is None:
        raise NotFound("No such entry.")
    return entry


async def update_entry(actor: Actor, entry_id: int, patch: EntryPatch) -> ListEntry:
    """Corrects the support or note of an entry read at `patch.version` (after posting: with
    the reason, kept as a revision)."""
    entry = await get_entry(actor, entry_id)
    blist = await _writable(actor, entry.beneficiary_list_id, ListState.DRAFT, ListState.POSTED)
    version = base_version(patch)
    await versions.check(actor, entry, version, entity="beneficiary_entry", audited=ENTRY_FIELDS)
    data, errors = ENTRY.check(ENTRY.merge(entry, patch))
    errors.update(errors_of(patch))
    await _reason(blist, data, errors)
    if errors:
        raise Invalid(errors)
    before = _snapshot(entry)
    values = {"proposed_amount": data.proposed_amount, "note": data.note}

    async def revise(fresh: ListEntry) -> None:
        await _revision(
            actor,
            blist,
            entry.household_id,
            RevisionAction.CHANGED,
            before,
            _snapshot(fresh),
            data.reason,
            data.complaint_id,
        )

    return await versions.save(
        actor,
        entry,
        version,
        values,
        entity="beneficiary_entry",
        audited=ENTRY_FIELDS,
        commune_id=blist.commune_id,
        reason=data.reason or None,
        then=revise,
    )


async def remove_entry(
    actor: Actor, entry_id: int, version: Any, reason: str = "", complaint_id: int | None = None
) -> None:
    """Takes a household off a draft, or off a posted list (with the reason, a revision)."""
    entry = await get_entry(actor, entry_id)
    blist = await _writable(actor, entry.beneficiary_list_id, ListState.DRAFT, ListState.POSTED)
    read = versions.required(version)
    reason = reason.strip()[:1000]
    errors: dict[str, str] = {}
    if blist.state == ListState.POSTED and not reason:
        errors["reason"] = NEEDS_REASON
    if complaint_id and not await Complaint.exists(id=complaint_id, beneficiary_list_id=blist.id):
        errors["complaint_id"] = NO_SUCH_COMPLAINT
    if errors:
        raise Invalid(errors)
    async with in_transaction():
        await _revision(
            actor,
            blist,
            entry.household_id,
            RevisionAction.REMOVED,
            _snapshot(entry),
            None,
            reason,
            complaint_id,
        )
        await versions.delete(
            actor,
            entry,
            read,
            entity="beneficiary_entry",
            audited=ENTRY_FIELDS,
            also={"beneficiary_list_id": blist.id, "commune_id": blist.commune_id},
            reason=reason or None,
        )


async def update_note(actor: Actor, list_id: int, patch: Any) -> BeneficiaryList:
    """The list's note, read at `patch.version` (any state but decided)."""
    blist = await _writable(
        actor, list_id, ListState.DRAFT, ListState.IN_REVIEW, ListState.POSTED, ListState.SUBMITTED
    )
    version = base_version(patch)
    await versions.check(actor, blist, version, entity="beneficiary_list", audited=LIST_FIELDS)
    data = LIST.merge(blist, patch)
    data, errors = LIST.check(data)
    errors.pop("household_ids", None)
    if errors:
        raise Invalid(errors)
    saved = await versions.save(
        actor, blist, version, {"note": data.note}, entity="beneficiary_list", audited=LIST_FIELDS
    )
    return await get_list(actor, saved.id)
