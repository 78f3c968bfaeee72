"""Households, disasters and damage assessments."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from relief.core.scope import ScopeRule


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"


class PovertyStatus(StrEnum):
    POOR = "poor"
    NEAR_POOR = "near_poor"
    NONE = "none"


class DisasterKind(StrEnum):
    TYPHOON = "typhoon"
    FLOOD = "flood"
    FLASH_FLOOD = "flash_flood"
    LANDSLIDE = "landslide"
    DROUGHT = "drought"
    OTHER = "other"


class DamageLevel(StrEnum):
    """Joint Circular 43/2015 levels, plus the situations communes also report."""

    COLLAPSED = "collapsed"  # sập đổ, cuốn trôi
    OVER_70 = "over_70"  # > 70%
    FROM_50_TO_70 = "from_50_to_70"  # 50–70%
    FROM_30_TO_50 = "from_30_to_50"  # 30–50%
    UNDER_30 = "under_30"  # < 30%
    ROOF_LOST = "roof_lost"  # tốc mái
    FLOODED = "flooded"  # ngập
    LANDSLIDE_RISK = "landslide_risk"  # nguy cơ sạt lở


class Household(Model):
    id = fields.IntField(primary_key=True)
    # commune is derived from the hamlet and stored so that lists and counts need no join.
    commune = fields.ForeignKeyField(
        "models.Commune", related_name="households", on_delete=fields.RESTRICT
    )
    hamlet = fields.ForeignKeyField(
        "models.Hamlet", related_name="households", on_delete=fields.RESTRICT
    )
    head_name = fields.CharField(max_length=120)
    head_name_key = fields.CharField(max_length=120)
    gender = fields.CharEnumField(Gender, max_length=6, null=True)
    birth_year = fields.SmallIntField(null=True)
    id_number = fields.CharField(max_length=12, null=True, unique=True)
    phone = fields.CharField(max_length=15, null=True, db_index=True)
    members = fields.SmallIntField(default=1)
    ethnicity = fields.CharField(max_length=40, default="")
    poverty_status = fields.CharEnumField(PovertyStatus, max_length=10, default=PovertyStatus.NONE)
    poverty_year = fields.SmallIntField(null=True)
    revolutionary_service = fields.BooleanField(default=False)
    martyr_family = fields.BooleanField(default=False)
    social_protection = fields.BooleanField(default=False)
    especially_hard = fields.BooleanField(default=False)
    address_detail = fields.CharField(max_length=255, default="")
    archived_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    version = fields.IntField(default=1)

    scope_rule = ScopeRule(commune="commune_id", sponsor="house_cases__contributions__sponsor_id")

    class Meta:
        table = "household"
        constraints = (
            CheckConstraint(check="members BETWEEN 1 AND 30", name="ck_household_members"),
        )
        indexes = (
            ("commune_id", "head_name_key"),
            ("commune_id", "hamlet_id"),
            # The list and the search: the commune's live households by folded name.
            ("commune_id", "archived_at", "head_name_key"),
        )

    def __str__(self) -> str:
        return self.head_name


class Disaster(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=150)
    kind = fields.CharEnumField(DisasterKind, max_length=12, default=DisasterKind.TYPHOON)
    starts_on = fields.DateField()
    ends_on = fields.DateField(null=True)
    description = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    # Disasters are province-wide reference data: every role reads them.
    scope_rule = ScopeRule(registry=True, public=True)

    class Meta:
        table = "disaster"
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return self.name


class DamageAssessment(Model):
    id = fields.IntField(primary_key=True)
    household = fields.ForeignKeyField(
        "models.Household", related_name="damage_assessments", on_delete=fields.RESTRICT
    )
    disaster = fields.ForeignKeyField(
        "models.Disaster", related_name="damage_assessments", on_delete=fields.RESTRICT
    )
    commune = fields.ForeignKeyField(
        "models.Commune", related_name=False, on_delete=fields.RESTRICT
    )
    hamlet = fields.ForeignKeyField("models.Hamlet", related_name=False, on_delete=fields.RESTRICT)
    level = fields.CharEnumField(DamageLevel, max_length=16)
    relocated = fields.BooleanField(default=False)
    relocated_on = fields.DateField(null=True)
    estimated_loss = fields.BigIntField(default=0)  # whole đồng
    needs = fields.JSONField(default=list)  # ["rebuild", "repair", "relocation", "cash", ...]
    assessed_on = fields.DateField()
    assessed_by = fields.CharField(max_length=120, default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    version = fields.IntField(default=1)

    scope_rule = ScopeRule(commune="commune_id")

    class Meta:
        table = "damage_assessment"
        constraints = (
            CheckConstraint(check="estimated_loss >= 0", name="ck_damage_loss_not_negative"),
        )
        unique_together = (("household", "disaster"),)
        # Covering indexes: the summaries GROUP BY these columns without touching the table.
        indexes = (
            ("disaster_id", "commune_id", "level", "relocated"),
            ("commune_id", "hamlet_id", "level", "relocated"),
            ("commune_id", "level", "relocated"),
        )
