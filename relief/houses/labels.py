"""Interface labels of the houses area's codes (English message ids, translated when shown)."""

from __future__ import annotations

from relief.core.labels import ACTIONS, label, register, register_record
from relief.houses.models import (
    CampaignGroup,
    FundingSource,
    HouseKind,
    NormKind,
    Programme,
    Stage,
    Tranche,
)

# `label` here: importing it from this module also registers the houses' words.
__all__ = [
    "CAMPAIGN_GROUPS",
    "KINDS",
    "NORM_KINDS",
    "PROGRAMMES",
    "SOURCES",
    "STAGES",
    "TRANCHES",
    "label",
]

PROGRAMMES = register(
    Programme,
    {
        Programme.REVOLUTIONARY_SERVICE: "Revolutionary service",
        Programme.NTP_POVERTY: "National target programme: sustainable poverty reduction",
        Programme.NTP_ETHNIC: "National target programme: ethnic-minority and mountainous areas",
        Programme.TEMPORARY_HOUSE: "Temporary-house elimination",
        Programme.GREAT_SOLIDARITY: "Great Solidarity House",
        Programme.DISASTER_RECOVERY: "Disaster recovery",
    },
)
CAMPAIGN_GROUPS = register(
    CampaignGroup,
    {
        CampaignGroup.REVOLUTIONARY_SERVICE: "People with revolutionary service",
        CampaignGroup.NATIONAL_TARGET: "The two national target programmes",
        CampaignGroup.EMULATION: "Emulation movement",
        CampaignGroup.GREAT_SOLIDARITY: "Great Solidarity Houses",
        CampaignGroup.DISASTER_RECOVERY: "Disaster recovery",
    },
)
NORM_KINDS = register(
    NormKind,
    {
        NormKind.NEW_BUILD: "New build",
        NormKind.REPAIR: "Repair",
        NormKind.RELOCATION: "Emergency relocation",
    },
)
KINDS = register(HouseKind, {HouseKind.NEW_BUILD: "New build", HouseKind.REPAIR: "Repair"})
# A stage is where a house stands: "Đã bàn giao", "Đã hủy" (a state, not an instruction).
STAGES = register(
    Stage,
    {
        Stage.PROPOSED: "Proposed",
        Stage.APPROVED: "Approved",
        Stage.STARTED: "Started",
        Stage.FOUNDATION_DONE: "Foundation done",
        Stage.THIRTY_PERCENT_DONE: "30% done",
        Stage.COMPLETED: "Completed",
        Stage.HANDED_OVER: "Handed over",
        Stage.PAUSED: "Paused",
        Stage.CANCELLED: "Cancelled",
    },
)
SOURCES = register(
    FundingSource,
    {
        FundingSource.STATE_BUDGET: "State budget",
        FundingSource.FUND_FOR_THE_POOR: "Fund for the Poor",
        FundingSource.SPONSOR: "Sponsor",
        FundingSource.HOUSEHOLD: "Household",
        FundingSource.POLICY_BANK_LOAN: "Policy-bank loan",
        FundingSource.LABOUR_DAYS: "Labour days",
    },
)
TRANCHES = register(
    Tranche,
    {
        Tranche.FIRST: "First tranche",
        Tranche.FINAL: "Final tranche",
        Tranche.WHOLE: "Whole",
    },
)

register_record(
    "house_case",
    "House case",
    {
        "code": "Code",
        "household_id": "Household",
        "programme": "Programme",
        "programme_year": "Programme year",
        "kind": "Kind of works",
        "area_m2": "Floor area (m²)",
        "hard_foundation": "Solid foundation",
        "hard_frame": "Solid frame",
        "hard_roof": "Solid roof",
        "estimated_cost": "Estimated cost",
        "disaster_id": "Disaster",
        "notes": "Notes",
        "stage": "Stage",
        "stage_on": "Stage date",
        "paused_from": "Paused at",
        "cancel_reason": "Reason for cancelling",
    },
    {"programme": PROGRAMMES, "kind": KINDS, "stage": STAGES, "paused_from": STAGES},
)
register_record(
    "contribution",
    "Contribution",
    {
        "source": "Source",
        "sponsor_id": "Sponsor",
        "amount_pledged": "Pledged",
        "amount_disbursed": "Disbursed",
        "tranche": "Tranche",
        "labour_days": "Labour days",
    },
    {"source": SOURCES, "tranche": TRANCHES},
)
register_record(
    "stage_event",
    "Stage change",
    {"minutes_number": "Number of the minutes", "minutes_on": "Signed on"},
)
register_record("photo", "Photo")
register_record("handover", "Handover")
register_record(
    "programme_rule",
    "Programme rule",
    {
        "support_amount": "Support (đồng)",
        "min_area_m2": "Minimum floor area (m²)",
        "min_area_one_person_m2": "For one person (m²)",
        "three_hard": "“3 cứng” required to complete",
        "first_tranche_percent": "First tranche (% of the support)",
        "source": "Legal basis",
    },
)
ACTIONS.add({"stage": "Stage moved", "override_rule": "Rule overridden"})
