"""Households, disasters and damage assessments."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from relief.core.scope import ScopeRule

if TYPE_CHECKING:
    from relief.accounts.models import User
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
            # The province's list by name: its first page read in index order, not sorted.
            ("archived_at", "head_name_key", "id"),
        )

    def __str__(self) -> str:
        return self.head_name


class HouseholdWord(Model):
    """The household head's folded name from one of its words on ("nguyen van thang", "van
    thang", "thang"), kept by the household's writes (relief.households.words): the search reads
    a prefix range of this index, so its cost follows the matches, not the scope (issue 29)."""

    id = fields.IntField(primary_key=True)
    household: fields.ForeignKeyRelation[Household] = fields.ForeignKeyField(
        "models.Household", related_name=False, on_delete=fields.CASCADE
    )
    household_id: int
    commune: fields.ForeignKeyRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, on_delete=fields.RESTRICT
    )
    commune_id: int
    tail = fields.CharField(max_length=120)

    scope_rule = ScopeRule(
        commune="commune_id", sponsor="household__house_cases__contributions__sponsor_id"
    )

    class Meta:
        table = "household_word"
        indexes = (
            ("commune_id", "tail", "household_id"),  # a commune's search
            ("tail", "household_id"),  # the province's
            ("household_id",),  # kept per household
        )


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


# The commune's lists a household's dated facts come from (docs/domain.md, "The year's lists").


class RegisterKind(StrEnum):
    POVERTY = "poverty"  # danh sách hộ nghèo, hộ cận nghèo của năm (Decree 07/2021/NĐ-CP)
    MERIT = "merit"  # sổ theo dõi người có công với cách mạng (Ordinance 02/2020/UBTVQH14)


class MeritKind(StrEnum):
    """Who is on the register: Ordinance 02/2020/UBTVQH14 Art. 3 (people with revolutionary
    service) and its relatives (Art. 2, thân nhân)."""

    PRE_1945 = "pre_1945"  # a) hoạt động cách mạng trước ngày 01/01/1945
    PRE_UPRISING = "pre_uprising"  # b) từ 01/01/1945 đến ngày khởi nghĩa tháng Tám 1945
    MARTYR = "martyr"  # c) liệt sĩ
    HEROIC_MOTHER = "heroic_mother"  # d) Bà mẹ Việt Nam anh hùng
    ARMED_FORCES_HERO = "armed_forces_hero"  # đ) Anh hùng lực lượng vũ trang nhân dân
    LABOUR_HERO = "labour_hero"  # e) Anh hùng Lao động trong thời kỳ kháng chiến
    WAR_INVALID = "war_invalid"  # g) thương binh, người hưởng chính sách như thương binh
    SICK_SOLDIER = "sick_soldier"  # h) bệnh binh
    TOXIC_CHEMICALS = "toxic_chemicals"  # i) hoạt động kháng chiến bị nhiễm chất độc hóa học
    PRISONER = "prisoner"  # k) bị địch bắt tù, đày
    RESISTANCE = "resistance"  # l) hoạt động kháng chiến giải phóng dân tộc, bảo vệ Tổ quốc
    HELPED_REVOLUTION = "helped_revolution"  # m) người có công giúp đỡ cách mạng
    MARTYR_RELATIVE = "martyr_relative"  # thân nhân liệt sĩ
    RELATIVE = "relative"  # thân nhân of another person with revolutionary service


class RegisterStatus(StrEnum):
    PREVIEWED = "previewed"  # read and matched, waiting for the officer's confirmation
    CURRENT = "current"  # the commune's list of that year
    SUPERSEDED = "superseded"  # replaced by a later import of the same year: kept readable
    CANCELLED = "cancelled"  # dropped before confirming: nothing written


class MatchKind(StrEnum):
    """How a row of a list was matched to a household of the commune."""

    ID_NUMBER = "id_number"  # the row's 12-digit ID number is the head's
    NAME_HAMLET = "name_hamlet"  # one household of that hamlet has the head's name
    CHOSEN = "chosen"  # the officer chose among several at the preview
    LINKED = "linked"  # the officer linked it after the import
    SEVERAL = "several"  # several households could be it: the officer chooses
    NONE = "none"  # matches no household: kept, linked later or left with a reason


class RegisterList(Model):
    """One import of a commune's list of a year: its file, its preview, its entries.

    Only the importer's steps change it (no one edits it): not versioned."""

    id = fields.IntField(primary_key=True)
    commune: fields.ForeignKeyRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, on_delete=fields.RESTRICT
    )
    commune_id: int
    kind = fields.CharEnumField(RegisterKind, max_length=8)
    year = fields.SmallIntField()
    status = fields.CharEnumField(RegisterStatus, max_length=10, default=RegisterStatus.PREVIEWED)
    file_name = fields.CharField(max_length=255)
    file_kind = fields.CharField(max_length=4)  # xlsx, xls, ods, csv
    checksum = fields.CharField(max_length=64, db_index=True)  # SHA-256 of the file
    size = fields.IntField(default=0)
    sheet = fields.CharField(max_length=100, default="")
    # field -> the heading as the file writes it; the headings not read (kept with each row).
    headers: fields.JSONField[dict[str, str]] = fields.JSONField(default=dict)
    extra_columns: fields.JSONField[list[str]] = fields.JSONField(default=list)
    uploaded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    uploaded_by_id: int | None
    username = fields.CharField(max_length=150, default="")
    rows = fields.IntField(default=0)
    matched = fields.IntField(default=0)
    several = fields.IntField(default=0)
    unmatched = fields.IntField(default=0)
    errors = fields.IntField(default=0)
    # The preview's rows, until the confirmation makes them entries (then emptied).
    preview: fields.JSONField[list[dict[str, Any]]] = fields.JSONField(default=list)
    # Errors, layout rows, the households that lose their flag, the change from the year's
    # list before, conflicts at the confirmation.
    report: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)
    confirmed_at = fields.DatetimeField(null=True)
    replaced_by_id = fields.IntField(null=True)  # the import that superseded it

    entries: fields.ReverseRelation[RegisterEntry]

    scope_rule = ScopeRule(commune="commune_id")

    class Meta:
        table = "register_list"
        ordering = ["-id"]
        indexes = (("commune_id", "kind", "year", "status"),)


class RegisterEntry(Model):
    """A row of a confirmed list as the file gave it, and the household it is of."""

    id = fields.IntField(primary_key=True)
    register_list: fields.ForeignKeyRelation[RegisterList] = fields.ForeignKeyField(
        "models.RegisterList", related_name="entries", on_delete=fields.RESTRICT
    )
    register_list_id: int
    commune: fields.ForeignKeyRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, on_delete=fields.RESTRICT
    )
    commune_id: int
    kind = fields.CharEnumField(RegisterKind, max_length=8)
    year = fields.SmallIntField()
    row = fields.IntField()  # the row number the spreadsheet shows
    household: fields.ForeignKeyNullableRelation[Household] = fields.ForeignKeyField(
        "models.Household", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    household_id: int | None
    match = fields.CharEnumField(MatchKind, max_length=12)
    candidates: fields.JSONField[list[int]] = fields.JSONField(default=list)
    # The row as given.
    name = fields.CharField(max_length=120, default="")
    name_key = fields.CharField(max_length=120, default="")
    id_number = fields.CharField(max_length=20, default="")
    hamlet = fields.CharField(max_length=120, default="")
    birth_year = fields.SmallIntField(null=True)
    poverty_status = fields.CharEnumField(PovertyStatus, max_length=10, null=True)
    merit_kind = fields.CharEnumField(MeritKind, max_length=20, null=True)
    kind_text = fields.CharField(max_length=120, default="")  # the status or kind as written
    extra: fields.JSONField[dict[str, str]] = fields.JSONField(default=dict)  # other columns
    note = fields.CharField(max_length=500, default="")  # why it is left unmatched
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    version = fields.IntField(default=1)

    scope_rule = ScopeRule(commune="commune_id")

    class Meta:
        table = "register_entry"
        indexes = (("household_id", "kind", "year"), ("register_list_id", "row"))
