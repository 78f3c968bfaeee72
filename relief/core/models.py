"""The audit trail: append-only entries, one for every write and every security event."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from relief.core.scope import ScopeRule


class AuditEntry(Model):
    id = fields.BigIntField(primary_key=True)
    at = fields.DatetimeField(auto_now_add=True, db_index=True)
    # Typed as a plain Model: core imports no area (tests/core/test_layers.py), not even for types.
    user: fields.ForeignKeyNullableRelation[Model] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    user_id: int | None
    username = fields.CharField(max_length=150, default="")
    ip = fields.CharField(max_length=64, null=True)
    action = fields.CharField(max_length=40, db_index=True)
    entity = fields.CharField(max_length=40, db_index=True)
    entity_id = fields.CharField(max_length=40, null=True)
    # The commune the record belongs to, so a commune officer can read their commune's trail.
    commune: fields.ForeignKeyNullableRelation[Model] = fields.ForeignKeyField(
        "models.Commune", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    commune_id: int | None
    # The actor's province (core.audit): an action on no commune is read by its own province's
    # officers only (None: a national actor's, read by the national roles only).
    province: fields.ForeignKeyNullableRelation[Model] = fields.ForeignKeyField(
        "models.Province", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    province_id: int | None
    before: fields.JSONField[dict[str, Any] | None] = fields.JSONField(null=True)
    after: fields.JSONField[dict[str, Any] | None] = fields.JSONField(null=True)
    reason = fields.TextField(null=True)

    scope_rule = ScopeRule(commune="commune_id", above_communes="province_id")

    class Meta:
        table = "audit_entry"
        indexes = (("entity", "entity_id"),)  # a record's history
        ordering = ["-id"]


class SubmissionKey(Model):
    """A one-time key of a create (a form's hidden field or the API's `Idempotency-Key`).

    Stored in the same transaction as the write it made, so a key sent again finds the
    first result and nothing is written twice, across processes and on either database.
    """

    id = fields.BigIntField(primary_key=True)
    key = fields.CharField(max_length=64, unique=True)
    user: fields.ForeignKeyNullableRelation[Model] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.CASCADE
    )
    user_id: int | None
    # Where the first submission led (a page form's redirect), or what the API answered.
    location = fields.CharField(max_length=500, default="")
    status = fields.IntField(default=303)
    body = fields.TextField(null=True)
    content_type = fields.CharField(max_length=100, default="")
    # The SHA-256 of the API request (method, path and body) that used the key: the key sent
    # again with another request is refused. None for page forms, and for keys kept before.
    request_digest = fields.CharField(max_length=64, null=True)
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "submission_key"
