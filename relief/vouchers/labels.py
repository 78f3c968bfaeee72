"""Interface labels of the vouchers' and the settlement's codes (English message ids)."""

from __future__ import annotations

from relief.core.labels import register, register_record
from relief.vouchers.models import DossierItem, VoucherTranche
from relief.vouchers.records import CLOSING, GAP, VOUCHER

TRANCHES = register(
    VoucherTranche,
    {VoucherTranche.FIRST: "First tranche", VoucherTranche.SECOND: "Second tranche"},
)
ITEMS = register(
    DossierItem,
    {
        DossierItem.DECISION: "Decision naming the household",
        DossierItem.FIRST_MINUTES: "Minutes of the foundation (or 30 %)",
        DossierItem.COMPLETION_MINUTES: "Completion minutes",
        DossierItem.FIRST_VOUCHER: "First voucher, signed for",
        DossierItem.SECOND_VOUCHER: "Second voucher, signed for",
        DossierItem.STARTED_PHOTOS: "Photos of the start",
        DossierItem.FIRST_PHOTOS: "Photos of the foundation (or 30 %)",
        DossierItem.COMPLETED_PHOTOS: "Photos of the completed house",
        DossierItem.HANDOVER_MINUTES: "Handover minutes",
    },
)

register_record(
    "voucher",
    "Voucher",
    {**VOUCHER.labels(), "amount": "Amount", "number": "Voucher number", "split": "By source"},
    {"tranche": TRANCHES},
)
register_record("settlement_gap", "Gap in a settlement dossier", GAP.labels(), {"item": ITEMS})
register_record("settlement_closing", "Settlement closed", CLOSING.labels())
register_record("settlement_report", "Settlement report")
