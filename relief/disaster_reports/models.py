"""Saved quick reports: one row per version; its figures never change once saved. A version is
then sent (who, when), and the province receives it (who, when) or returns it with a comment:
those steps are the only changes a version takes, each a versioned, audited write."""

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
    # The parts in words (situation, response, needs, proposals: `table.TEXTS`), by key.
    texts: fields.JSONField[dict[str, str]] = fields.JSONField(default=dict)
    note = fields.TextField(default="")
    created_by = fields.CharField(max_length=150, default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    # Sending and the province's answer (docs/domain.md, "Sending the quick report").
    sent_at = fields.DatetimeField(null=True)
    sent_by = fields.CharField(max_length=150, default="")
    received_at = fields.DatetimeField(null=True)
    received_by = fields.CharField(max_length=150, default="")
    returned_at = fields.DatetimeField(null=True)
    returned_by = fields.CharField(max_length=150, default="")
    return_comment = fields.TextField(default="")
    version = fields.IntField(default=1, db_default=1)

    scope_rule = ScopeRule(commune="commune_id")

    class Meta:
        table = "disaster_report"
        unique_together = (("commune", "disaster", "number"),)
        indexes = (("disaster_id", "as_of", "commune_id"),)


class PeriodReport(Model):
    """A commune's event summary report after a disaster (báo cáo tổng hợp đợt thiên tai), or
    its six-monthly or yearly report (báo cáo định kỳ), Joint Circular 43/2015 Art. 7.2–7.3.

    Made when the commune sends it: `figures` is the copy of what the records said then
    (damage, aid by source, houses), `texts` the commune's own lines; neither changes again.
    The province receives it or returns it (relief.disaster_reports.sending); a returned
    report is corrected by sending a new one for the same period."""

    id = fields.IntField(primary_key=True)
    commune: fields.ForeignKeyRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, on_delete=fields.RESTRICT
    )
    commune_id: int
    kind = fields.CharField(max_length=16)  # "event", "half_year", "year" (period.KINDS)
    disaster: fields.ForeignKeyNullableRelation[Disaster] = fields.ForeignKeyField(
        "models.Disaster", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    disaster_id: int | None
    year = fields.SmallIntField()
    starts_on = fields.DateField()
    ends_on = fields.DateField()
    number = fields.IntField()  # 1, 2, 3 … per commune and year
    figures: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    texts: fields.JSONField[dict[str, str]] = fields.JSONField(default=dict)
    sent_at = fields.DatetimeField(null=True)
    sent_by = fields.CharField(max_length=150, default="")
    received_at = fields.DatetimeField(null=True)
    received_by = fields.CharField(max_length=150, default="")
    returned_at = fields.DatetimeField(null=True)
    returned_by = fields.CharField(max_length=150, default="")
    return_comment = fields.TextField(default="")
    version = fields.IntField(default=1, db_default=1)

    scope_rule = ScopeRule(commune="commune_id")

    class Meta:
        table = "period_report"
        table_description = "A commune's event summary or periodic report, as it was sent."
        indexes = (("commune_id", "kind", "ends_on"), ("disaster_id", "commune_id"))
