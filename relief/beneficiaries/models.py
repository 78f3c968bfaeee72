"""Beneficiary lists (danh sách hộ được hỗ trợ) and the steps a list goes through.

A list belongs to a commune, a programme and a round of a year. It is drafted from the
commune's households, reviewed by each hamlet's meeting, posted publicly, open to complaints,
submitted to the commune People's Committee and locked by its decision. Every change of an
entry after posting is kept as a revision.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from relief.core.scope import ScopeRule
from relief.houses.models import Programme

if TYPE_CHECKING:
    from relief.households.models import DamageAssessment, Household
    from relief.places.models import Commune, Hamlet


class ListState(StrEnum):
    DRAFT = "draft"  # the officer edits the entries
    IN_REVIEW = "in_review"  # the hamlets' meetings review it
    POSTED = "posted"  # posted publicly; complaints come in, entries may be revised
    SUBMITTED = "submitted"  # with the commune People's Committee
    DECIDED = "decided"  # the Committee's decision: locked


class ReviewOutcome(StrEnum):
    PENDING = "pending"
    AGREED = "agreed"
    NOT_AGREED = "not_agreed"


class ComplaintChannel(StrEnum):
    PUBLIC_PAGE = "public_page"
    LETTER = "letter"
    CALL = "call"
    IN_PERSON = "in_person"


class ComplaintOutcome(StrEnum):
    PENDING = "pending"  # not answered yet
    UPHELD = "upheld"  # the list was changed
    PARTLY_UPHELD = "partly_upheld"
    REJECTED = "rejected"  # the list stands, with the reason given


class RevisionAction(StrEnum):
    ADDED = "added"
    CHANGED = "changed"
    REMOVED = "removed"


_OF_LIST = "beneficiary_list__commune_id"


class BeneficiaryList(Model):
    id = fields.IntField(primary_key=True)
    commune: fields.ForeignKeyRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, on_delete=fields.RESTRICT
    )
    commune_id: int
    programme = fields.CharEnumField(Programme, max_length=24)
    year = fields.SmallIntField()
    round = fields.SmallIntField(default=1)
    disaster_id = fields.IntField(null=True)  # the disaster whose damage the list answers
    state = fields.CharEnumField(ListState, max_length=12, default=ListState.DRAFT)
    note = fields.TextField(default="")
    submitted_on = fields.DateField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    version = fields.IntField(default=1)

    entries: fields.ReverseRelation[ListEntry]
    reviews: fields.ReverseRelation[HamletReview]
    complaints: fields.ReverseRelation[Complaint]
    revisions: fields.ReverseRelation[ListRevision]

    scope_rule = ScopeRule(commune="commune_id")

    class Meta:
        table = "beneficiary_list"
        unique_together = (("commune_id", "programme", "year", "round"),)

    @property
    def locked(self) -> bool:
        return self.state == ListState.DECIDED


class ListEntry(Model):
    """A household on a list, with the support proposed for it and its hamlet's verdict."""

    id = fields.IntField(primary_key=True)
    beneficiary_list: fields.ForeignKeyRelation[BeneficiaryList] = fields.ForeignKeyField(
        "models.BeneficiaryList", related_name="entries", on_delete=fields.CASCADE
    )
    beneficiary_list_id: int
    household: fields.ForeignKeyRelation[Household] = fields.ForeignKeyField(
        "models.Household", related_name=False, on_delete=fields.RESTRICT
    )
    household_id: int
    hamlet: fields.ForeignKeyRelation[Hamlet] = fields.ForeignKeyField(
        "models.Hamlet", related_name=False, on_delete=fields.RESTRICT
    )
    hamlet_id: int
    # The damage the household is on the list for (its assessment for the list's disaster).
    damage: fields.ForeignKeyNullableRelation[DamageAssessment] = fields.ForeignKeyField(
        "models.DamageAssessment", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    damage_id: int | None
    proposed_amount = fields.BigIntField(default=0)  # whole đồng
    review_outcome = fields.CharEnumField(
        ReviewOutcome, max_length=12, default=ReviewOutcome.PENDING
    )
    note = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    version = fields.IntField(default=1)

    scope_rule = ScopeRule(commune=_OF_LIST)

    class Meta:
        table = "beneficiary_entry"
        unique_together = (("beneficiary_list_id", "household_id"),)


class ListRevision(Model):
    """A change of a list's entries after it was posted: append-only, readable by everyone who
    reads the list (who, when, what, why)."""

    id = fields.IntField(primary_key=True)
    beneficiary_list: fields.ForeignKeyRelation[BeneficiaryList] = fields.ForeignKeyField(
        "models.BeneficiaryList", related_name="revisions", on_delete=fields.CASCADE
    )
    beneficiary_list_id: int
    household_id = fields.IntField()
    action = fields.CharEnumField(RevisionAction, max_length=10)
    before: fields.JSONField[dict[str, Any] | None] = fields.JSONField(null=True)
    after: fields.JSONField[dict[str, Any] | None] = fields.JSONField(null=True)
    reason = fields.TextField(default="")
    complaint_id = fields.IntField(null=True)  # the complaint that led to it, if any
    username = fields.CharField(max_length=150, default="")
    at = fields.DatetimeField(auto_now_add=True)

    scope_rule = ScopeRule(commune=_OF_LIST)

    class Meta:
        table = "beneficiary_revision"
        indexes = (("beneficiary_list_id", "id"),)


class HamletReview(Model):
    """The hamlet's review meeting of a list (biên bản họp bình xét): its minutes' facts."""

    id = fields.IntField(primary_key=True)
    beneficiary_list: fields.ForeignKeyRelation[BeneficiaryList] = fields.ForeignKeyField(
        "models.BeneficiaryList", related_name="reviews", on_delete=fields.CASCADE
    )
    beneficiary_list_id: int
    hamlet: fields.ForeignKeyRelation[Hamlet] = fields.ForeignKeyField(
        "models.Hamlet", related_name=False, on_delete=fields.RESTRICT
    )
    hamlet_id: int
    held_on = fields.DateField()
    chair = fields.CharField(max_length=120)
    attendance = fields.SmallIntField(default=0)
    note = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    version = fields.IntField(default=1)

    scope_rule = ScopeRule(commune=_OF_LIST)

    class Meta:
        table = "hamlet_review"
        unique_together = (("beneficiary_list_id", "hamlet_id"),)


class Posting(Model):
    """The list's public posting (niêm yết công khai): where, from when, until when."""

    id = fields.IntField(primary_key=True)
    beneficiary_list: fields.OneToOneRelation[BeneficiaryList] = fields.OneToOneField(
        "models.BeneficiaryList", related_name="posting", on_delete=fields.CASCADE
    )
    beneficiary_list_id: int
    office_place = fields.CharField(max_length=200)
    hamlet_place = fields.CharField(max_length=200)
    starts_on = fields.DateField()
    ends_on = fields.DateField()
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    version = fields.IntField(default=1)

    scope_rule = ScopeRule(commune=_OF_LIST)

    class Meta:
        table = "list_posting"


class Complaint(Model):
    """A complaint about a posted list: lodged on the public page, or recorded by the officer
    from a letter, a call or a visit; answered with an outcome."""

    id = fields.IntField(primary_key=True)
    beneficiary_list: fields.ForeignKeyRelation[BeneficiaryList] = fields.ForeignKeyField(
        "models.BeneficiaryList", related_name="complaints", on_delete=fields.CASCADE
    )
    beneficiary_list_id: int
    commune_id = fields.IntField()  # the list's, kept for the audit trail and the register
    receipt = fields.CharField(max_length=20, unique=True)  # the number given back
    from_name = fields.CharField(max_length=120, default="")
    received_on = fields.DateField()
    channel = fields.CharEnumField(ComplaintChannel, max_length=12)
    content = fields.TextField()
    answer = fields.TextField(default="")
    outcome = fields.CharEnumField(
        ComplaintOutcome, max_length=14, default=ComplaintOutcome.PENDING
    )
    answered_on = fields.DateField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    version = fields.IntField(default=1)

    scope_rule = ScopeRule(commune="commune_id")

    class Meta:
        table = "list_complaint"
        indexes = (("beneficiary_list_id", "id"),)

    @property
    def answered(self) -> bool:
        return self.outcome != ComplaintOutcome.PENDING


class ComplaintAttempt(Model):
    """Complaints lodged without an account, counted per address to bound them."""

    id = fields.BigIntField(primary_key=True)
    ip = fields.CharField(max_length=64, null=True)
    at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "complaint_attempt"
        indexes = (("ip", "at"),)


class Decision(Model):
    """The commune People's Committee's decision approving the list (quyết định phê duyệt):
    it locks the list."""

    id = fields.IntField(primary_key=True)
    beneficiary_list: fields.OneToOneRelation[BeneficiaryList] = fields.OneToOneField(
        "models.BeneficiaryList", related_name="decision", on_delete=fields.RESTRICT
    )
    beneficiary_list_id: int
    number = fields.CharField(max_length=40)
    signed_on = fields.DateField()
    signer = fields.CharField(max_length=120)
    # The signed decision as scanned (a PDF, or a JPEG/PNG image re-encoded): its file lives in
    # the media folder by its checksum, like the photos, and is served only to staff who read
    # the list (relief/beneficiaries/scans.py). Replacing it is a versioned, audited save.
    scan_checksum = fields.CharField(max_length=64, null=True)
    scan_content_type = fields.CharField(max_length=20, null=True)
    scan_size = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    version = fields.IntField(default=1)

    scope_rule = ScopeRule(commune=_OF_LIST)

    class Meta:
        table = "list_decision"

    @property
    def scan_kind(self) -> str:
        """The scan's kind as a reader names it: PDF, JPEG or PNG ("" without a scan)."""
        return (self.scan_content_type or "").rsplit("/", 1)[-1].upper()

    @property
    def scan_kb(self) -> int:
        return -(-(self.scan_size or 0) // 1024)
