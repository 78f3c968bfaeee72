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

# The campaign's weekly report (relief.reports.campaign).
from relief.core.labels import ACTIONS, register, register_record  # noqa: E402

register_record(
    "campaign_week",
    "Weekly campaign report",
    {
        "state": "State",
        "answered_at": "Answered at",
        "answered_by": "Answered by",
        "return_comment": "Why it is returned",
        "figures": "Figures",
        "change": "Change since the week before",
    },
)
ACTIONS.add(
    {
        "submit_week": "Week submitted to the province",
        "accept_week": "Week accepted by the province",
        "return_week": "Week returned to the commune",
    }
)
WEEK_STATES = register(
    "campaign_week_state",
    {"submitted": "Submitted", "accepted": "Accepted", "returned": "Returned"},
    context="campaign_week_state",
)
