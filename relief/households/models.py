"""Households, disasters and damage assessments."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from relief.core.scope import ScopeRule

if TYPE_CHECKING:
    from relief.places.models import Commune, Hamlet


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
    """The one list damage was recorded as before migration 0011 (which maps it to bands and
    facts, see docs/domain.md); kept because the earlier migrations name it."""

    COLLAPSED = "collapsed"
    OVER_70 = "over_70"
    FROM_50_TO_70 = "from_50_to_70"
    FROM_30_TO_50 = "from_30_to_50"
    UNDER_30 = "under_30"
    ROOF_LOST = "roof_lost"
    FLOODED = "flooded"
    LANDSLIDE_RISK = "landslide_risk"


class HouseClass(StrEnum):
    """The house's class before the disaster (Joint Circular 43/2015, its annex on houses)."""

    SOLID = "solid"  # kiên cố
    SEMI_SOLID = "semi_solid"  # bán kiên cố
    LESS_SOLID = "less_solid"  # thiếu kiên cố
    SIMPLE = "simple"  # đơn sơ


class DamageBand(StrEnum):
    """How much of the house the disaster destroyed (Joint Circular 43/2015)."""

    TOTAL = "total"  # thiệt hại hoàn toàn: over 70 %, collapsed or swept away included
    VERY_HEAVY = "very_heavy"  # thiệt hại rất nặng: 50–70 %
    HEAVY = "heavy"  # thiệt hại nặng: 30–50 %
    PARTIAL = "partial"  # thiệt hại một phần: under 30 %
    NONE = "none"  # the house itself is not damaged (e.g. only flooded or relocated)
    TO_CONFIRM = "to_confirm"  # migrated from a situation that said nothing of the band


class Household(Model):
    id = fields.IntField(primary_key=True)
    # commune is derived from the hamlet and stored so that lists and counts need no join.
    commune: fields.ForeignKeyRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name="households", on_delete=fields.RESTRICT
    )
    commune_id: int
    hamlet: fields.ForeignKeyRelation[Hamlet] = fields.ForeignKeyField(
        "models.Hamlet", related_name="households", on_delete=fields.RESTRICT
    )
    hamlet_id: int
    # Relations from the areas above, typed as plain models: this area may not import them.
    aid_received: fields.ReverseRelation[Model]
    house_cases: fields.ReverseRelation[Model]
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
    version = fields.IntField(default=1, db_default=1)

    # Disasters are province-wide reference data: every role reads them.
    scope_rule = ScopeRule(registry=True, public=True)

    class Meta:
        table = "disaster"
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return self.name


class DamageAssessment(Model):
    id = fields.IntField(primary_key=True)
    household: fields.ForeignKeyRelation[Household] = fields.ForeignKeyField(
        "models.Household", related_name="damage_assessments", on_delete=fields.RESTRICT
    )
    household_id: int
    disaster: fields.ForeignKeyRelation[Disaster] = fields.ForeignKeyField(
        "models.Disaster", related_name="damage_assessments", on_delete=fields.RESTRICT
    )
    disaster_id: int
    commune: fields.ForeignKeyRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, on_delete=fields.RESTRICT
    )
    commune_id: int
    hamlet: fields.ForeignKeyRelation[Hamlet] = fields.ForeignKeyField(
        "models.Hamlet", related_name=False, on_delete=fields.RESTRICT
    )
    hamlet_id: int
    house_class = fields.CharEnumField(HouseClass, max_length=12, null=True)
    band = fields.CharEnumField(
        DamageBand, max_length=12, default=DamageBand.TO_CONFIRM, db_default="to_confirm"
    )
    # Facts the circular counts separately from the band: a flooded house can be 30–50 % too.
    collapsed = fields.BooleanField(
        default=False, db_default=False
    )  # sập đổ, cuốn trôi (band total only)
    flooded = fields.BooleanField(default=False, db_default=False)
    flood_depth_cm = fields.SmallIntField(null=True)  # shown and entered in metres
    roof_blown_off = fields.BooleanField(default=False, db_default=False)  # tốc mái
    landslide_relocation = fields.BooleanField(
        default=False, db_default=False
    )  # sạt lở, phải di dời
    relocated = fields.BooleanField(default=False)  # di dời khẩn cấp
    relocated_on = fields.DateField(null=True)
    dead = fields.SmallIntField(default=0, db_default=0)
    missing = fields.SmallIntField(default=0, db_default=0)
    injured = fields.SmallIntField(default=0, db_default=0)
    estimated_loss = fields.BigIntField(default=0)  # whole đồng
    needs: fields.JSONField[list[str]] = fields.JSONField(
        default=list
    )  # ["rebuild", "repair", "relocation", "cash", ...]
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
            CheckConstraint(
                check="dead >= 0 AND missing >= 0 AND injured >= 0",
                name="ck_damage_people_not_negative",
            ),
            CheckConstraint(
                check="collapsed = FALSE OR band = 'total'", name="ck_damage_collapsed_is_total"
            ),
        )
        unique_together = (("household", "disaster"),)
        # Covering indexes: the summaries GROUP BY these columns without touching the table.
        indexes = (
            # The household last: distinct households are counted from the index alone.
            ("disaster_id", "commune_id", "band", "relocated", "household_id"),
            ("commune_id", "hamlet_id", "band", "relocated", "household_id"),
            ("commune_id", "band", "relocated"),
        )
