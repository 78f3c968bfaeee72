"""Labels of the codes the summaries show: the houses area's, registered once there."""

from __future__ import annotations

from relief.core.labels import RECORDS
from relief.houses.labels import CAMPAIGN_GROUPS, KINDS, PROGRAMMES, SOURCES, STAGES

__all__ = ["CAMPAIGN_GROUPS", "KINDS", "PROGRAMMES", "SOURCES", "STAGES"]

# What an export entry of the audit trail is about.
RECORDS.add(
    {
        "province_summary": "Province summary",
        "commune_summary": "Commune summary",
        "household_list": "List of households",
        "house_list": "List of houses",
    }
)
