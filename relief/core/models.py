"""The audit trail: append-only entries, one for every write and every security event."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from relief.core.scope import ScopeRule


class AuditEntry(Model):
    id = fields.BigIntField(primary_key=True)
    at = fields.DatetimeField(auto_now_add=True, db_index=True)
    user = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    username = fields.CharField(max_length=150, default="")
    ip = fields.CharField(max_length=64, null=True)
    action = fields.CharField(max_length=40, db_index=True)
    entity = fields.CharField(max_length=40, db_index=True)
    entity_id = fields.CharField(max_length=40, null=True)
    # The commune the record belongs to, so a commune officer can read their commune's trail.
    commune = fields.ForeignKeyField(
        "models.Commune", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    before = fields.JSONField(null=True)
    after = fields.JSONField(null=True)
    reason = fields.TextField(null=True)

    scope_rule = ScopeRule(commune="commune_id")

    class Meta:
        table = "audit_entry"
        indexes = (("entity", "entity_id"),)  # a record's history
        ordering = ["-id"]
