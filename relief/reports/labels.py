"""Labels of the codes the summaries show (English ids, translated when shown)."""

from __future__ import annotations

from relief.houses.labels import CAMPAIGN_GROUPS, PROGRAMMES  # noqa: F401 (one list of each)
from relief.houses.models import FundingSource, HouseKind, Stage

KINDS = {HouseKind.NEW_BUILD: "New build", HouseKind.REPAIR: "Repair"}
SOURCES = {
    FundingSource.STATE_BUDGET: "State budget",
    FundingSource.FUND_FOR_THE_POOR: "Fund for the Poor",
    FundingSource.SPONSOR: "Sponsor",
    FundingSource.HOUSEHOLD: "Household",
    FundingSource.POLICY_BANK_LOAN: "Policy-bank loan",
    FundingSource.LABOUR_DAYS: "Labour days",
}
STAGES = {
    Stage.PROPOSED: "Proposed",
    Stage.APPROVED: "Approved",
    Stage.STARTED: "Started",
    Stage.FOUNDATION_DONE: "Foundation done",
    Stage.THIRTY_PERCENT_DONE: "30% done",
    Stage.COMPLETED: "Completed",
    Stage.HANDED_OVER: "Handed over",
    Stage.PAUSED: "Paused",
    Stage.CANCELLED: "Cancelled",
}
