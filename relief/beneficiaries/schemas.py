"""The API's shapes of the beneficiary lists: the bodies of the steps (a catalogue's record
with the `version` of the list read), and the answers, whose records' own values come from
their catalogues (relief/beneficiaries/records.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import msgspec
from litestar.datastructures import UploadFile

from relief.beneficiaries import labels as _labels  # noqa: F401 - registers the codes' words
from relief.beneficiaries.models import (
    BeneficiaryList,
    Complaint,
    Decision,
    HamletReview,
    ListEntry,
    ListRevision,
    Posting,
    ReviewOutcome,
)
from relief.beneficiaries.records import (
    ANSWER,
    COMPLAINT,
    DECISION,
    ENTRY,
    LIST,
    POSTING,
    REVIEW,
    DecisionIn,
    PostingIn,
)
from relief.beneficiaries.service import ListView
from relief.core.api import Id
from relief.core.labels import label
from relief.core.records import Record

Reason = Annotated[str, msgspec.Meta(max_length=1000)]


def _shape(name: str, fields: list[Any], base: type = Record, doc: str = "") -> Any:
    made = msgspec.defstruct(name, fields, bases=(base,), module=__name__, kw_only=True)
    made.__doc__ = doc
    return made


# Bodies.


class ListStepIn(msgspec.Struct):
    """A step of a list read at `version` (to the hamlets' review, submitted)."""

    version: Id


class RemoveEntryIn(msgspec.Struct):
    """A household taken off a list whose entry was read at `version`; after posting, with
    the `reason` (and the complaint it answers, if any), kept as a revision."""

    version: Id
    reason: Reason = ""
    complaint_id: Id | None = None


class ScanIn(msgspec.Struct):
    """The scan of the signed decision (multipart form: `scan`, a PDF, JPEG or PNG; and the
    decision's `version` read)."""

    scan: UploadFile
    version: str


_PostListIn = _shape(
    "PostListIn",
    [("version", Id)],
    PostingIn,
    "A list read at `version` posted publicly: where, from when, until when (the end "
    "defaults to the posting period).",
)
_DecideIn = _shape(
    "DecideIn",
    [("version", Id)],
    DecisionIn,
    "The People's Committee's decision on a submitted list read at `version` (its scan is "
    "sent apart, to the decision's scan).",
)

# Answers.

_ListOut = _shape(
    "ListOut",
    [
        ("id", int),
        ("commune_id", int),
        ("commune", str),
        ("commune_code", str),
        *LIST.out_fields(),
        ("state", str),
        ("state_label", str),
        ("submitted_on", date | None),
        ("version", int),
        ("url", str),
    ],
)
_EntryOut = _shape(
    "EntryOut",
    [
        ("id", int),
        ("list_id", int),
        *ENTRY.out_fields(),
        ("head_name", str),
        ("hamlet_id", int),
        ("hamlet", str),
        ("damage_id", int | None),
        ("damage_band", str | None),
        ("damage_band_label", str),
        ("review_outcome", str),
        ("review_outcome_label", str),
        ("version", int),
    ],
)
_ReviewOut = _shape(
    "ReviewOut",
    [
        ("id", int),
        ("list_id", int),
        *REVIEW.out_fields(),
        ("hamlet", str),
        ("agreed_ids", list[int]),
        ("not_agreed_ids", list[int]),
        ("version", int),
    ],
)
_PostingOut = _shape(
    "PostingOut", [("id", int), *POSTING.out_fields(), ("ended", bool), ("version", int)]
)
_ComplaintOut = _shape(
    "ComplaintOut",
    [
        ("id", int),
        ("list_id", int),
        ("receipt", str),
        *COMPLAINT.out_fields(),
        # Its answer: empty, "pending" and no date until it is answered.
        *((n, t) for n, t in ANSWER.out_fields() if n != "answered_on"),
        ("answered_on", date | None),
        ("version", int),
    ],
)


class RevisionOut(msgspec.Struct):
    """A change of a list's entries after it was posted: who, when, what, why."""

    id: int
    household_id: int
    action: str
    action_label: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str
    complaint_id: int | None
    username: str
    at: datetime


class ScanOut(msgspec.Struct):
    """The scan of the signed decision: its type, size and where to read it (staff only)."""

    content_type: str
    size_bytes: int
    url: str


_DecisionOut = _shape(
    "DecisionOut",
    [
        ("id", int),
        ("list_id", int),
        *DECISION.out_fields(),
        ("scan", ScanOut | None),
        ("version", int),
    ],
)

if TYPE_CHECKING:

    class PostListIn(Record): ...

    class DecideIn(Record): ...

    class ListOut(Record): ...

    class EntryOut(Record): ...

    class ReviewOut(Record): ...

    class PostingOut(Record): ...

    class ComplaintOut(Record): ...

    class DecisionOut(Record): ...

else:  # bound to the names the shapes carry (/schema shows them by these names)
    PostListIn, DecideIn = _PostListIn, _DecideIn
    ListOut, EntryOut, ReviewOut = _ListOut, _EntryOut, _ReviewOut
    PostingOut, ComplaintOut, DecisionOut = _PostingOut, _ComplaintOut, _DecisionOut


_ListDetailOut = _shape(
    "ListDetailOut",
    [
        ("approved", int),  # households the decision names (all but those not agreed)
        ("total", int),  # the support proposed for them, in đồng
        ("unreviewed_hamlet_ids", list[int]),
        ("entries", list[_EntryOut]),  # type: ignore[valid-type]  # made at run time
        ("reviews", list[_ReviewOut]),  # type: ignore[valid-type]
        ("posting", _PostingOut | None),
        ("complaints", list[_ComplaintOut]),  # type: ignore[valid-type]
        ("revisions", list[RevisionOut]),
        ("decision", _DecisionOut | None),
    ],
    _ListOut,
    "A list with everything hung on it: its entries, the hamlets' reviews, the posting, the "
    "complaints, the revisions after posting, the decision; and its totals.",
)
if TYPE_CHECKING:

    class ListDetailOut(Record): ...

else:
    ListDetailOut = _ListDetailOut


class ListPage(msgspec.Struct):
    items: list[ListOut]
    total: int
    page: int
    pages: int


class ComplaintPage(msgspec.Struct):
    items: list[ComplaintOut]
    total: int
    page: int
    pages: int


def list_out(b: BeneficiaryList) -> ListOut:
    return ListOut(
        id=b.id,
        commune_id=b.commune_id,
        commune=b.commune.name,
        commune_code=b.commune.code,
        **LIST.out_values(b, contacts=True),
        state=b.state.value,
        state_label=label(b.state),
        submitted_on=b.submitted_on,
        version=b.version,
        url=f"/lists/{b.id}",
    )


def entry_out(e: ListEntry) -> EntryOut:
    damage = e.damage if e.damage_id is not None else None
    return EntryOut(
        id=e.id,
        list_id=e.beneficiary_list_id,
        **ENTRY.out_values(e, contacts=True),
        head_name=e.household.head_name,
        hamlet_id=e.hamlet_id,
        hamlet=e.hamlet.name,
        damage_id=e.damage_id,
        damage_band=damage.band.value if damage is not None else None,
        damage_band_label=label(damage.band) if damage is not None else "",
        review_outcome=e.review_outcome.value,
        review_outcome_label=label(e.review_outcome),
        version=e.version,
    )


def review_out(r: HamletReview, entries: list[ListEntry]) -> ReviewOut:
    of_hamlet = [e for e in entries if e.hamlet_id == r.hamlet_id]
    return ReviewOut(
        id=r.id,
        list_id=r.beneficiary_list_id,
        **REVIEW.out_values(r, contacts=True),
        hamlet=r.hamlet.name,
        agreed_ids=[e.household_id for e in of_hamlet if e.review_outcome == ReviewOutcome.AGREED],
        not_agreed_ids=[
            e.household_id for e in of_hamlet if e.review_outcome == ReviewOutcome.NOT_AGREED
        ],
        version=r.version,
    )


def posting_out(p: Posting, ended: bool) -> PostingOut:
    return PostingOut(
        id=p.id, **POSTING.out_values(p, contacts=True), ended=ended, version=p.version
    )


def complaint_out(c: Complaint) -> ComplaintOut:
    answer = {k: v for k, v in ANSWER.out_values(c, contacts=True).items() if k != "answered_on"}
    return ComplaintOut(
        id=c.id,
        list_id=c.beneficiary_list_id,
        receipt=c.receipt,
        **COMPLAINT.out_values(c, contacts=True),
        **answer,
        answered_on=c.answered_on,
        version=c.version,
    )


def revision_out(r: ListRevision) -> RevisionOut:
    return RevisionOut(
        id=r.id,
        household_id=r.household_id,
        action=r.action.value,
        action_label=label(r.action),
        before=r.before,
        after=r.after,
        reason=r.reason,
        complaint_id=r.complaint_id,
        username=r.username,
        at=r.at,
    )


def decision_out(d: Decision) -> DecisionOut:
    scan = None
    if d.scan_checksum and d.scan_content_type:
        scan = ScanOut(
            content_type=d.scan_content_type,
            size_bytes=d.scan_size or 0,
            url=f"/api/v1/lists/decisions/{d.id}/scan",
        )
    return DecisionOut(
        id=d.id,
        list_id=d.beneficiary_list_id,
        **DECISION.out_values(d, contacts=True),
        scan=scan,
        version=d.version,
    )


def detail_out(view: ListView) -> ListDetailOut:
    return ListDetailOut(
        **msgspec.structs.asdict(list_out(view.blist)),
        approved=len(view.approved),
        total=view.total,
        unreviewed_hamlet_ids=[h.id for h in view.unreviewed],
        entries=[entry_out(e) for e in view.entries],
        reviews=[review_out(r, view.entries) for r in view.reviews],
        posting=posting_out(view.posting, view.posting_ended) if view.posting else None,
        complaints=[complaint_out(c) for c in view.complaints],
        revisions=[revision_out(r) for r in view.revisions],
        decision=decision_out(view.decision) if view.decision else None,
    )
