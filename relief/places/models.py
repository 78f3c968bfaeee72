"""Places: province -> commune (xã/phường) -> hamlet, and the former units of each commune."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from relief.core.scope import ScopeRule


class CommuneKind(StrEnum):
    XA = "xa"
    PHUONG = "phuong"
    DAC_KHU = "dac_khu"  # a special zone (đặc khu): an island district kept as one unit


class HamletKind(StrEnum):
    THON = "thon"
    XOM = "xom"
    BAN = "ban"
    LANG = "lang"
    TO_DAN_PHO = "to_dan_pho"


class Province(Model):
    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=2, unique=True)
    name = fields.CharField(max_length=100)

    scope_rule = ScopeRule(registry=True, public=True, province="id")

    class Meta:
        table = "province"


class Commune(Model):
    id = fields.IntField(primary_key=True)
    province: fields.ForeignKeyRelation[Province] = fields.ForeignKeyField(
        "models.Province", related_name="communes", on_delete=fields.RESTRICT
    )
    province_id: int
    code = fields.CharField(max_length=5, unique=True)
    kind = fields.CharEnumField(CommuneKind, max_length=10)
    name = fields.CharField(max_length=100)
    name_key = fields.CharField(max_length=100, db_index=True)
    former_district = fields.CharField(max_length=100, null=True)
    # The 13 north-eastern communes hit by typhoon No. 11 are listed first.
    is_focus = fields.BooleanField(default=False)

    scope_rule = ScopeRule(registry=True, public=True, province="province_id")

    class Meta:
        table = "commune"
        ordering = ["name_key"]
        indexes = (("province_id", "name_key"),)  # a province's communes (core.scope)

    def __str__(self) -> str:
        return self.name


class FormerUnit(Model):
    """A commune or ward before 1 July 2025, merged (wholly or partly) into a commune of today."""

    id = fields.IntField(primary_key=True)
    commune: fields.ForeignKeyRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name="former_units", on_delete=fields.CASCADE
    )
    commune_id: int
    code = fields.CharField(max_length=5, db_index=True)
    name = fields.CharField(max_length=100)
    name_key = fields.CharField(max_length=100, db_index=True)
    merge = fields.CharField(max_length=10, default="full")

    scope_rule = ScopeRule(registry=True, public=True, province="commune__province_id")

    class Meta:
        table = "former_unit"
        unique_together = (("commune", "code"),)


class Hamlet(Model):
    id = fields.IntField(primary_key=True)
    commune: fields.ForeignKeyRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name="hamlets", on_delete=fields.RESTRICT
    )
    commune_id: int
    name = fields.CharField(max_length=100)
    name_key = fields.CharField(max_length=100)
    kind = fields.CharEnumField(HamletKind, max_length=12, default=HamletKind.THON)
    # Hamlets have no official codes; invented example hamlets are marked so nobody trusts them.
    is_example = fields.BooleanField(default=False)

    scope_rule = ScopeRule(registry=True, public=True, province="commune__province_id")

    class Meta:
        table = "hamlet"
        unique_together = (("commune", "name_key"),)
        ordering = ["name_key"]

    def __str__(self) -> str:
        return self.name
