"""Sponsors (nhà tài trợ) and pledges (cam kết)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from relief.core.scope import ScopeRule

if TYPE_CHECKING:
    from relief.places.models import Commune


class SponsorKind(StrEnum):
    COMPANY = "company"
    NEWSPAPER = "newspaper"
    FUND_FOR_THE_POOR = "fund_for_the_poor"
    MASS_ORGANISATION = "mass_organisation"
    INDIVIDUAL = "individual"
    STATE = "state"


class Sponsor(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    name_key = fields.CharField(max_length=200, unique=True)
    kind = fields.CharEnumField(SponsorKind, max_length=20)
    contact_person = fields.CharField(max_length=150, default="")
    phone = fields.CharField(max_length=15, default="")
    email = fields.CharField(max_length=150, default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    version = fields.IntField(default=1)

    # Commune officers read the whole registry; a sponsor user sees only itself.
    scope_rule = ScopeRule(registry=True, sponsor="id")

    class Meta:
        table = "sponsor"
        ordering = ["name_key"]

    def __str__(self) -> str:
        return self.name


class Pledge(Model):
    id = fields.IntField(primary_key=True)
    sponsor: fields.ForeignKeyRelation[Sponsor] = fields.ForeignKeyField(
        "models.Sponsor", related_name="pledges", on_delete=fields.RESTRICT
    )
    sponsor_id: int
    # None: a province-wide pledge.
    commune: fields.ForeignKeyNullableRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name="pledges", null=True, on_delete=fields.RESTRICT
    )
    commune_id: int | None
    houses = fields.IntField(default=0)
    amount = fields.BigIntField(default=0)  # whole đồng
    pledged_on = fields.DateField()
    note = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    scope_rule = ScopeRule(registry=True, sponsor="sponsor_id")

    class Meta:
        table = "pledge"
        indexes = (("commune_id", "sponsor_id"),)
