"""Interface labels of the ledger's codes (English message ids, translated when shown)."""

from __future__ import annotations

from relief.core.labels import ACTIONS, register, register_record
from relief.ledger.models import BankLineState, Channel, FundLevel

CHANNEL_LABELS = register(
    Channel,
    {
        Channel.BANK_TRANSFER: "Bank transfer",
        Channel.CASH: "Cash",
        Channel.GOODS: "Goods (valued)",
    },
)
LEVEL_LABELS = register(
    FundLevel,
    {
        FundLevel.CENTRAL: "Central fund",
        FundLevel.PROVINCE: "Province fund",
        FundLevel.COMMUNE: "Commune fund",
        FundLevel.HOUSE: "Given straight to a house",
    },
)

register_record(
    "donation",
    "Donation",
    {
        "fund_id": "Fund",
        "house_case_id": "House case",
        "sponsor_id": "Sponsor",
        "donor_name": "Donor",
        "named_publicly": "Named publicly",
        "channel": "Channel",
        "amount": "Amount",
        "goods": "Goods",
        "quantity": "Quantity",
        "unit": "Unit",
        "received_on": "Received on",
        "reference": "Reference",
        "reverses_id": "Reverses",
    },
    {"channel": CHANNEL_LABELS},
)
register_record(
    "allocation",
    "Allocation",
    {
        "fund_id": "Fund",
        "house_case_id": "House case",
        "aid_visit_id": "Aid visit",
        "amount": "Amount",
        "decision_number": "Decision number",
        "decision_date": "Decision date",
        "allocated_on": "Allocated on",
        "reverses_id": "Reverses",
    },
)
register_record("ledger_period", "Ledger period")
register_record(
    "campaign",
    "Campaign",
    {
        "name": "Name",
        "code": "Code",
        "call_number": "Call document number",
        "call_date": "Call document date",
        "starts_on": "Starts on",
        "ends_on": "Ends on",
        "support_levels": "Support levels published",
        "accounts": "Receiving accounts",
        "closed_on": "Closed on",
    },
)
ACTIONS.add({"reverse": "Reversed", "close": "Closed"})

register_record(
    "front_report",
    "Report to the higher Front",
    {
        "year": "Year",
        "month": "Month",
        "figures": "Figures",
        "sent_at": "Sent at",
        "sent_by": "Sent by",
        "received_at": "Received at",
        "received_by": "Received by",
        "returned_at": "Returned at",
        "returned_by": "Returned by",
        "return_comment": "Why it is returned",
    },
)

BANK_LINE_LABELS = register(
    BankLineState,
    {
        BankLineState.MATCHED: "Matched to a donation",
        BankLineState.PROPOSED: "Proposed donations",
        BankLineState.RECORDED: "Recorded from a proposal",
        BankLineState.IGNORED: "Ignored",
        BankLineState.REPEATED: "Repeated (counted once)",
        BankLineState.DEBIT: "Money out (no donation)",
    },
)
register_record(
    "bank_statement",
    "Bank statement",
    {
        "account_number": "Account",
        "period_from": "From",
        "period_to": "To",
        "credits": "Credits",
    },
)
register_record(
    "bank_line",
    "Bank statement line",
    {
        "state": "State",
        "proposed_donor": "Donor proposed",
        "donor_name": "Donor",
        "donation_id": "Donation",
        "note": "Why it is no donation",
        "credit": "Amount",
        "statement_id": "Bank statement",
    },
)
ACTIONS.add(
    {
        "bank_confirm": "Confirmed from the bank statement",
        "bank_edit": "Edited and confirmed from the bank statement",
        "bank_ignore": "Ignored: no donation",
    }
)
