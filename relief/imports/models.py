"""An import of a file: what was uploaded, what its preview found, and what was written."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from relief.core.scope import ScopeRule

if TYPE_CHECKING:
    from relief.accounts.models import User
    from relief.households.models import Disaster
    from relief.places.models import Commune


class ImportKind(StrEnum):
    XLSX = "xlsx"
    XLS = "xls"
    ODS = "ods"
    CSV = "csv"


class ImportStatus(StrEnum):
    PREVIEWED = "previewed"  # checked, waiting for the officer's confirmation
    WRITING = "writing"  # confirmed, chunks being written (each chunk whole)
    CONFIRMED = "confirmed"  # every row written
    FAILED = "failed"  # refused at confirmation (the file or the database changed)
    CANCELLED = "cancelled"  # dropped by the officer before confirming: none written


class ImportBatch(Model):
    id = fields.IntField(primary_key=True)
    commune: fields.ForeignKeyRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, on_delete=fields.RESTRICT
    )
    commune_id: int
    disaster: fields.ForeignKeyNullableRelation[Disaster] = fields.ForeignKeyField(
        "models.Disaster", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    disaster_id: int | None
    uploaded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    uploaded_by_id: int | None
    username = fields.CharField(max_length=150, default="")
    file_name = fields.CharField(max_length=255)
    stored_name = fields.CharField(max_length=80)  # under var_dir/imports/
    checksum = fields.CharField(max_length=64, db_index=True)  # SHA-256 of the file
    size = fields.IntField(default=0)
    kind = fields.CharEnumField(ImportKind, max_length=4)
    encoding = fields.CharField(max_length=20, default="")
    status = fields.CharEnumField(ImportStatus, max_length=10, default=ImportStatus.PREVIEWED)
    rows = fields.IntField(default=0)
    created = fields.IntField(default=0)
    updated = fields.IntField(default=0)
    skipped = fields.IntField(default=0)
    flagged = fields.IntField(default=0)
    errors = fields.IntField(default=0)
    # The preview: errors, flagged rows, ignored columns (capped; counts are exact).
    report: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)
    confirmed_at = fields.DatetimeField(null=True)
    # While writing: when its last piece was saved (an import that stops moving was stopped).
    progress_at = fields.DatetimeField(null=True)

    scope_rule = ScopeRule(commune="commune_id")

    class Meta:
        table = "import_batch"
        ordering = ["-id"]
        indexes = (("commune_id", "checksum", "status"),)
