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
