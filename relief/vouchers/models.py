"""Vouchers (phiếu chi): each tranche of a house's support paid to the household is one
voucher, signed by the receiver on a printed list. The settlement of a round (a decided
beneficiary list) keeps the written reason of each gap in a house's dossier, and its closing.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from relief.core.scope import ScopeRule

if TYPE_CHECKING:
    from relief.beneficiaries.models import BeneficiaryList
    from relief.houses.models import HouseCase
    from relief.places.models import Commune


class VoucherTranche(StrEnum):
    FIRST = "first"  # at the foundation (new build) or 30 % (repair)
    SECOND = "second"  # at completion


class DossierItem(StrEnum):
    """What a house's settlement dossier (hồ sơ quyết toán) holds."""

    DECISION = "decision"  # the People's Committee's decision naming the household
    FIRST_MINUTES = "first_minutes"  # the foundation's (or 30 %'s) minutes
    COMPLETION_MINUTES = "completion_minutes"
    FIRST_VOUCHER = "first_voucher"  # paid and signed for
    SECOND_VOUCHER = "second_voucher"
    STARTED_PHOTOS = "started_photos"
    FIRST_PHOTOS = "first_photos"
    COMPLETED_PHOTOS = "completed_photos"
    HANDOVER_MINUTES = "handover_minutes"


class Voucher(Model):
    """A voucher paying one tranche of a house's support: the amount is the tranche as the
    house's funding computes it when it is paid, split over the support's sources in
    proportion to what each pledged."""

    id = fields.IntField(primary_key=True)
    house_case: fields.ForeignKeyRelation[HouseCase] = fields.ForeignKeyField(
        "models.HouseCase", related_name=False, on_delete=fields.RESTRICT
    )
    house_case_id: int
    commune: fields.ForeignKeyRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, on_delete=fields.RESTRICT
    )
    commune_id: int
    tranche = fields.CharEnumField(VoucherTranche, max_length=8)
    amount = fields.BigIntField()  # whole đồng
    # The amount by funding source ({"state_budget": 21000000, …}), for the reconciliation.
    split: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    year = fields.SmallIntField()  # of paid_on: the number's sequence runs per commune and year
    seq = fields.IntField()
    number = fields.CharField(max_length=30)  # e.g. PC-2025-0007
    paid_on = fields.DateField()
    paid_by = fields.CharField(max_length=120)
    receiver_name = fields.CharField(max_length=120)
    signed = fields.BooleanField(default=False)
    signed_on = fields.DateField(null=True)
    note = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    version = fields.IntField(default=1)

    scope_rule = ScopeRule(commune="commune_id")

    class Meta:
        table = "voucher"
        unique_together = (("house_case_id", "tranche"), ("commune_id", "year", "seq"))
        indexes = (("commune_id", "paid_on"),)
        constraints = (CheckConstraint(check="amount > 0", name="ck_voucher_amount_positive"),)


class SettlementGap(Model):
    """The written reason a house's dossier lacks an item, for the settlement of a round."""

    id = fields.IntField(primary_key=True)
    beneficiary_list: fields.ForeignKeyRelation[BeneficiaryList] = fields.ForeignKeyField(
        "models.BeneficiaryList", related_name=False, on_delete=fields.RESTRICT
    )
    beneficiary_list_id: int
    house_case: fields.ForeignKeyRelation[HouseCase] = fields.ForeignKeyField(
        "models.HouseCase", related_name=False, on_delete=fields.RESTRICT
    )
    house_case_id: int
    commune_id = fields.IntField()  # the list's, for the scope and the audit trail
    item = fields.CharEnumField(DossierItem, max_length=20)
    reason = fields.TextField()
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    version = fields.IntField(default=1)

    scope_rule = ScopeRule(commune="commune_id")

    class Meta:
        table = "settlement_gap"
        unique_together = (("beneficiary_list_id", "house_case_id", "item"),)


class SettlementClosing(Model):
    """A round settled: closed once every house's dossier is complete or its gaps explained."""

    id = fields.IntField(primary_key=True)
    beneficiary_list: fields.OneToOneRelation[BeneficiaryList] = fields.OneToOneField(
        "models.BeneficiaryList", related_name=False, on_delete=fields.RESTRICT
    )
    beneficiary_list_id: int
    commune_id = fields.IntField()
    closed_on = fields.DateField()
    note = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    scope_rule = ScopeRule(commune="commune_id")

    class Meta:
        table = "settlement_closing"
