"""The kept summary figures: one row per place and figure, rewritten with every write; and the
digest of the definitions they were counted with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from relief.core.scope import ScopeRule

if TYPE_CHECKING:
    from relief.places.models import Commune


class SummaryFigure(Model):
    """A figure of relief.reports.figures for one hamlet (or, hamlet 0, its whole commune)."""

    id = fields.IntField(primary_key=True)
    commune: fields.ForeignKeyRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, on_delete=fields.CASCADE
    )
    commune_id: int
    hamlet_id = fields.IntField()  # 0: the commune as a whole (visits counted once)
    name = fields.CharField(max_length=80)
    value = fields.BigIntField()

    scope_rule = ScopeRule(commune="commune_id")

    class Meta:
        table = "summary_figure"
        unique_together = (("commune", "hamlet_id", "name"),)


class SummaryDigest(Model):
    """The digest of the figure definitions the kept rows were counted with
    (relief.reports.figures.digest): a start whose code has another rebuilds them."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=40, unique=True)  # "summary_figure": what it describes
    digest = fields.CharField(max_length=64)
    rebuilt_at = fields.DatetimeField()

    class Meta:
        table = "summary_digest"


class CampaignWeek(Model):
    """A commune's weekly report of the housing campaign: its figures by campaign group and
    kind (started, completed, handed over) and its money by source, locked when submitted
    (`figures`, never recounted), with the change since the week before (`change`). The
    province accepts it (then it never changes) or returns it with a comment (the commune
    submits the week again, counted afresh)."""

    id = fields.IntField(primary_key=True)
    commune: fields.ForeignKeyRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, on_delete=fields.RESTRICT
    )
    commune_id: int
    week_start = fields.DateField()  # the first day of the week reported on
    figures: fields.JSONField[dict] = fields.JSONField(default=dict)
    change: fields.JSONField[dict] = fields.JSONField(default=dict)
    state = fields.CharField(max_length=10, default="submitted")  # submitted/accepted/returned
    submitted_at = fields.DatetimeField()
    submitted_by = fields.CharField(max_length=150, default="")
    answered_at = fields.DatetimeField(null=True)
    answered_by = fields.CharField(max_length=150, default="")
    return_comment = fields.TextField(default="")
    version = fields.IntField(default=1, db_default=1)

    scope_rule = ScopeRule(commune="commune_id")

    class Meta:
        table = "campaign_week"
        unique_together = (("commune", "week_start"),)
