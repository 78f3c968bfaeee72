"""The kept summary figures: one row per place and figure, rewritten with every write; and the
digest of the definitions they were counted with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from relief.core.scope import ScopeRule

if TYPE_CHECKING:
    from relief.places.models import Commune, Province


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


class SummaryCommuneFigure(Model):
    """A figure of one commune as a whole: its hamlets' kept rows summed as the commune's total
    sums them (`kept.rollup`), moved by the same writes in the same transaction, so that a
    dashboard reads one row per commune and figure instead of summing its hamlets."""

    id = fields.IntField(primary_key=True)
    commune: fields.ForeignKeyRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, on_delete=fields.CASCADE
    )
    commune_id: int
    name = fields.CharField(max_length=80)
    value = fields.BigIntField()

    scope_rule = ScopeRule(commune="commune_id")

    class Meta:
        table = "summary_commune_figure"
        unique_together = (("commune", "name"),)


class SummaryProvinceChange(Model):
    """A change of a province's kept figures, appended by a write (never updated in place, so
    writes in different communes of one province never wait for each other); a province's
    figure is the sum of its rows, folded into one row per figure now and then
    (`kept_totals.fold`). The national dashboard reads these instead of every hamlet's rows."""

    id = fields.IntField(primary_key=True)
    province: fields.ForeignKeyRelation[Province] = fields.ForeignKeyField(
        "models.Province", related_name=False, on_delete=fields.CASCADE
    )
    province_id: int
    name = fields.CharField(max_length=80)
    value = fields.BigIntField()

    scope_rule = ScopeRule(above_communes="province_id")  # the level above the communes

    class Meta:
        table = "summary_province_change"
        indexes = (("province_id", "name"),)


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
