"""Saved quick reports: one row per version, never changed once saved."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from relief.core.scope import ScopeRule

if TYPE_CHECKING:
    from relief.households.models import Disaster
    from relief.places.models import Commune


class DisasterReport(Model):
    """A commune's report on a disaster as of a moment ("tính đến 17 giờ ngày …").

    `households` keeps the sums of the households' damage as they were when it was saved, so
    an earlier version reads the same tomorrow; `figures` holds what the officer entered.
    """

    id = fields.IntField(primary_key=True)
    commune: fields.ForeignKeyRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, on_delete=fields.RESTRICT
    )
    commune_id: int
    disaster: fields.ForeignKeyRelation[Disaster] = fields.ForeignKeyField(
        "models.Disaster", related_name=False, on_delete=fields.RESTRICT
    )
    disaster_id: int
    as_of = fields.DatetimeField()  # UTC; shown in Asia/Ho_Chi_Minh
    number = fields.IntField()  # 1, 2, 3 … per commune and disaster
    households: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    figures: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    note = fields.TextField(default="")
    created_by = fields.CharField(max_length=150, default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    scope_rule = ScopeRule(commune="commune_id")

    class Meta:
        table = "disaster_report"
        unique_together = (("commune", "disaster", "number"),)
        indexes = (("disaster_id", "as_of", "commune_id"),)
