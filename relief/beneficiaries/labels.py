"""Interface labels of the beneficiary lists' codes (English message ids)."""

from __future__ import annotations

from relief.beneficiaries.models import (
    ComplaintChannel,
    ComplaintOutcome,
    ListState,
    ReviewOutcome,
    RevisionAction,
)
from relief.beneficiaries.records import (
    ANSWER,
    COMPLAINT,
    DECISION,
    ENTRY,
    LIST,
    POSTING,
    REVIEW,
)
from relief.core.labels import ACTIONS, register, register_record

STATES = register(
    ListState,
    {
        ListState.DRAFT: "Draft",
        ListState.IN_REVIEW: "Under hamlet review",
        ListState.POSTED: "Posted publicly",
        ListState.SUBMITTED: "Submitted to the People's Committee",
        ListState.DECIDED: "Decided (locked)",
    },
)
OUTCOMES = register(
    ReviewOutcome,
    {
        ReviewOutcome.PENDING: "Not reviewed yet",
        ReviewOutcome.AGREED: "Agreed",
        ReviewOutcome.NOT_AGREED: "Not agreed",
    },
)
CHANNELS = register(
    ComplaintChannel,
    {
        ComplaintChannel.PUBLIC_PAGE: "Public page",
        ComplaintChannel.LETTER: "Letter",
        ComplaintChannel.CALL: "Phone call",
        ComplaintChannel.IN_PERSON: "In person",
    },
)
ANSWERS = register(
    ComplaintOutcome,
    {
        ComplaintOutcome.PENDING: "Not answered yet",
        ComplaintOutcome.UPHELD: "Upheld: the list was changed",
        ComplaintOutcome.PARTLY_UPHELD: "Partly upheld",
        ComplaintOutcome.REJECTED: "Not upheld: the list stands",
    },
)
REVISIONS = register(
    RevisionAction,
    {
        RevisionAction.ADDED: "Household added",
        RevisionAction.CHANGED: "Entry changed",
        RevisionAction.REMOVED: "Household removed",
    },
)

register_record(
    "beneficiary_list",
    "Beneficiary list",
    {**LIST.labels(), "state": "State", "submitted_on": "Submitted on"},
    {"state": STATES},
)
register_record(
    "beneficiary_entry",
    "Beneficiary list entry",
    {**ENTRY.labels(), "review_outcome": "Hamlet review"},
    {"review_outcome": OUTCOMES},
)
register_record("hamlet_review", "Hamlet review", REVIEW.labels())
register_record("list_posting", "Public posting", POSTING.labels())
register_record(
    "list_complaint",
    "Complaint about a list",
    {**COMPLAINT.labels(), **ANSWER.labels(), "receipt": "Receipt number"},
    {"channel": CHANNELS, "outcome": ANSWERS},
)
register_record(
    "list_decision",
    "Decision on a list",
    {
        **DECISION.labels(),
        "scan_checksum": "Scan of the signed decision",
        "scan_content_type": "Kind of the scan",
        "scan_size": "Size of the scan (bytes)",
    },
)
ACTIONS.add(
    {
        "send_to_review": "Sent to the hamlets",
        "post": "Posted",
        "submit": "Submitted",
        "decide": "Decided",
        "answer": "Answered",
        "attach_scan": "Scan added",
        "replace_scan": "Scan replaced",
    }
)
