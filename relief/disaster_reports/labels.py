"""The quick report's kind of record, as the audit trail names it."""

from __future__ import annotations

from relief.core.labels import register_record

register_record("disaster_report", "Quick report")
