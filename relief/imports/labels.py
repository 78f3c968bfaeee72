"""Interface labels of the imports' codes (English message ids)."""

from __future__ import annotations

from relief.core.labels import ACTIONS, register, register_record
from relief.imports.models import ImportKind, ImportStatus

# The file's format is shown as its usual name, the same in every language.
FILE_KINDS = register(
    ImportKind,
    {ImportKind.XLSX: "XLSX", ImportKind.XLS: "XLS", ImportKind.ODS: "ODS", ImportKind.CSV: "CSV"},
)
STATUSES = register(
    ImportStatus,
    {
        ImportStatus.PREVIEWED: "Waiting for confirmation",
        ImportStatus.WRITING: "Saving",
        ImportStatus.CONFIRMED: "Imported",
        ImportStatus.FAILED: "Refused",
        ImportStatus.CANCELLED: "Cancelled",
    },
    context="import",
)
register_record("import_batch", "Import", values={"status": STATUSES})
ACTIONS.add(
    {
        "import_chunk": "Part written",
        "write_stopped": "Writing stopped",
        "resume": "Resumed",
        "settle_conflict": "Conflict settled",
    }
)
