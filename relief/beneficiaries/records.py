"""The beneficiary lists' records, their fields declared once (relief.core.records): a list,
an entry of it, a hamlet's review, the posting, a complaint (recorded by the officer, lodged
on the public page, answered) and the decision. What needs the database (a household of the
commune, the list's state, every hamlet reviewed) stays in the service."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from relief.beneficiaries.models import ComplaintChannel, ComplaintOutcome
from relief.core.api import Id
from relief.core.formatting import local_today
from relief.core.records import Catalogue, Entry, Record
from relief.core.text import normalize_text
from relief.core.web import MAX_ID
from relief.houses.models import Programme

FUTURE = "This date is in the future."
MAX_SUPPORT = 1_000_000_000  # one billion đồng per household: far above any norm
SUPPORT_RANGE = "The support must be between 0 and 1 billion đồng."
ENDS_BEFORE = "The posting cannot end before it starts."
NOT_ANSWERED = "Choose the outcome of the answer."


def _id(name: str, label: str, **more: Any) -> Entry:
    return Entry(name, int, label, min=1, max=MAX_ID, **more)


def _not_future(field: str) -> Any:
    def rule(data: Any, errors: dict[str, str]) -> None:
        value = getattr(data, field)
        if field not in errors and isinstance(value, date) and value > local_today():
            errors[field] = FUTURE

    return rule


def _amount(name: str = "proposed_amount") -> Entry:
    return Entry(
        name,
        int,
        "Proposed support",
        default=0,
        kind="money",
        max=MAX_SUPPORT,
        messages={"out_of_range": SUPPORT_RANGE},
    )


LIST_ENTRIES = (
    Entry("programme", Programme, "Programme", required=True, fixed=True),
    Entry("year", int, "Year", required=True, min=2020, max=2100, fixed=True, kind="year"),
    Entry("round", int, "Round", default=1, min=1, max=20, fixed=True),
    _id("disaster_id", "Disaster", fixed=True),
    Entry("note", str, "Note", default="", max_length=2000),
    # The households the draft is made of (the officer's choice among the commune's).
    Entry("household_ids", list[Id], "Households", default=[], stored=False),
)

ENTRY_ENTRIES = (
    _id("household_id", "Household", required=True, fixed=True),
    _amount(),
    Entry("note", str, "Note", default="", max_length=1000),
    # Why an entry changes after the list was posted (kept in its revision).
    Entry("reason", str, "Reason", default="", max_length=1000, stored=False),
    _id("complaint_id", "Complaint", stored=False),
)

REVIEW_ENTRIES = (
    _id("hamlet_id", "Hamlet", required=True, fixed=True),
    Entry("held_on", date, "Meeting date", required=True),
    Entry("chair", str, "Chaired by", required=True, max_length=120, clean=normalize_text),
    Entry("attendance", int, "People present", required=True, min=1, max=10_000),
    Entry("note", str, "Note", default="", max_length=2000),
    # The households of the hamlet the meeting agreed to (the others: not agreed).
    Entry("agreed_ids", list[Id], "Agreed households", default=[], stored=False),
)

POSTING_ENTRIES = (
    Entry("office_place", str, "Posted at the commune office", required=True, max_length=200),
    Entry(
        "hamlet_place", str, "Posted at the hamlets' meeting places", required=True, max_length=200
    ),
    Entry("starts_on", date, "Posted from", required=True),
    Entry("ends_on", date, "Posted until"),  # None: the start and the posting period
)


def _posting_rules(data: Any, errors: dict[str, str]) -> None:
    if (
        "starts_on" not in errors
        and "ends_on" not in errors
        and data.starts_on
        and data.ends_on
        and data.ends_on < data.starts_on
    ):
        errors["ends_on"] = ENDS_BEFORE


COMPLAINT_ENTRIES = (
    Entry("from_name", str, "Complainant", default="", max_length=120, clean=normalize_text),
    Entry("received_on", date, "Received on", required=True),
    Entry("channel", ComplaintChannel, "Channel", required=True),
    Entry("content", str, "Complaint", required=True, max_length=2000),
)

# What anyone may send on the public page: bounded, and no date or channel of their own.
PUBLIC_COMPLAINT_ENTRIES = (
    _id("list_id", "List", required=True, stored=False),
    Entry(
        "from_name", str, "Your name (optional)", default="", max_length=120, clean=normalize_text
    ),
    Entry("content", str, "Complaint", required=True, max_length=2000),
)

ANSWER_ENTRIES = (
    Entry("answer", str, "Answer", required=True, max_length=4000),
    Entry("outcome", ComplaintOutcome, "Outcome", required=True),
    Entry("answered_on", date, "Answered on", required=True),
)


def _answer_rules(data: Any, errors: dict[str, str]) -> None:
    _not_future("answered_on")(data, errors)
    if "outcome" not in errors and data.outcome == ComplaintOutcome.PENDING:
        errors["outcome"] = NOT_ANSWERED


DECISION_ENTRIES = (
    Entry("number", str, "Decision number", required=True, max_length=40, clean=normalize_text),
    Entry("signed_on", date, "Signed on", required=True),
    Entry("signer", str, "Signed by", required=True, max_length=120, clean=normalize_text),
)

LIST: Catalogue[ListIn, ListPatch] = Catalogue(
    "beneficiary_list",
    LIST_ENTRIES,
    write="ListIn",
    partial="ListPatch",
    module=__name__,
    doc=(
        "A beneficiary list to draft: its programme, year and round, and the households on it.",
        "The note of a list read at `version`.",
    ),
)
ENTRY: Catalogue[EntryIn, EntryPatch] = Catalogue(
    "beneficiary_entry",
    ENTRY_ENTRIES,
    write="EntryIn",
    partial="EntryPatch",
    module=__name__,
    doc=(
        "A household added to a list, with the support proposed (after posting: with a reason).",
        "The support or note of an entry read at `version` (after posting: with a reason).",
    ),
)
REVIEW: Catalogue[ReviewIn, ReviewPatch] = Catalogue(
    "hamlet_review",
    REVIEW_ENTRIES,
    write="ReviewIn",
    partial="ReviewPatch",
    module=__name__,
    rules=_not_future("held_on"),
    doc=("A hamlet's review meeting of a list, and the households it agreed to.", ""),
)
POSTING: Catalogue[PostingIn, PostingPatch] = Catalogue(
    "list_posting",
    POSTING_ENTRIES,
    write="PostingIn",
    partial="PostingPatch",
    module=__name__,
    rules=_posting_rules,
    doc=("Where and when a list is posted publicly (the end defaults to the period).", ""),
)
COMPLAINT: Catalogue[ComplaintIn, ComplaintPatch] = Catalogue(
    "list_complaint",
    COMPLAINT_ENTRIES,
    write="ComplaintIn",
    partial="ComplaintPatch",
    module=__name__,
    rules=_not_future("received_on"),
    doc=("A complaint about a posted list, recorded from a letter, a call or a visit.", ""),
)
PUBLIC_COMPLAINT: Catalogue[PublicComplaintIn, Record] = Catalogue(
    "public_complaint",
    PUBLIC_COMPLAINT_ENTRIES,
    write="PublicComplaintIn",
    partial="PublicComplaintPatch",
    module=__name__,
    doc=("A complaint lodged on a commune's public page, without an account.", ""),
)
ANSWER: Catalogue[AnswerIn, AnswerPatch] = Catalogue(
    "complaint_answer",
    ANSWER_ENTRIES,
    write="AnswerIn",
    partial="AnswerPatch",
    module=__name__,
    rules=_answer_rules,
    doc=("", "The answer to a complaint read at `version`, and its outcome."),
)
DECISION: Catalogue[DecisionIn, Record] = Catalogue(
    "list_decision",
    DECISION_ENTRIES,
    write="DecisionIn",
    partial="DecisionPatch",
    module=__name__,
    rules=_not_future("signed_on"),
    doc=("The commune People's Committee's decision approving a submitted list.", ""),
)

if TYPE_CHECKING:

    class ListIn(Record): ...

    class ListPatch(Record): ...

    class EntryIn(Record): ...

    class EntryPatch(Record): ...

    class ReviewIn(Record): ...

    class ReviewPatch(Record): ...

    class PostingIn(Record): ...

    class PostingPatch(Record): ...

    class ComplaintIn(Record): ...

    class ComplaintPatch(Record): ...

    class PublicComplaintIn(Record): ...

    class AnswerIn(Record): ...

    class AnswerPatch(Record): ...

    class DecisionIn(Record): ...

else:  # bound to the names the shapes carry (/schema shows them by these names)
    ListIn, ListPatch = LIST.write, LIST.partial
    EntryIn, EntryPatch = ENTRY.write, ENTRY.partial
    ReviewIn, ReviewPatch = REVIEW.write, REVIEW.partial
    PostingIn, PostingPatch = POSTING.write, POSTING.partial
    ComplaintIn, ComplaintPatch = COMPLAINT.write, COMPLAINT.partial
    PublicComplaintIn, PublicComplaintPatch = PUBLIC_COMPLAINT.write, PUBLIC_COMPLAINT.partial
    AnswerIn, AnswerPatch = ANSWER.write, ANSWER.partial
    DecisionIn, DecisionPatch = DECISION.write, DECISION.partial
