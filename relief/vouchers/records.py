"""The vouchers' and the settlement's records, their fields declared once
(relief.core.records): a voucher paying a tranche (its amount is the tranche, computed, never
typed), the reason of a gap in a house's dossier, the closing of a round. What needs the
database (the stage reached, the tranche paid once, every gap explained) stays in the
services."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from relief.core.formatting import local_today
from relief.core.records import Catalogue, Entry, Record
from relief.core.text import normalize_text
from relief.core.web import MAX_ID
from relief.vouchers.models import DossierItem, VoucherTranche

FUTURE = "This date is in the future."
SIGNED_ON_NEEDED = "Enter the date the receiver signed."
NOT_SIGNED = "Tick “signed” to record the date of the signature."
SIGNED_BEFORE_PAID = "The receiver cannot sign before the voucher was paid."


def _not_future(name: str, data: Any, errors: dict[str, str]) -> None:
    day = getattr(data, name)
    if name not in errors and isinstance(day, date) and day > local_today():
        errors[name] = FUTURE


def _voucher_rules(data: Any, errors: dict[str, str]) -> None:
    """Dates not in the future; a signature has its date, on or after the payment."""
    _not_future("paid_on", data, errors)
    _not_future("signed_on", data, errors)
    if "signed_on" in errors:
        return
    if data.signed and data.signed_on is None:
        errors["signed_on"] = SIGNED_ON_NEEDED
    elif not data.signed and data.signed_on is not None:
        errors["signed_on"] = NOT_SIGNED
    elif (
        data.signed_on is not None
        and isinstance(data.paid_on, date)
        and "paid_on" not in errors
        and data.signed_on < data.paid_on
    ):
        errors["signed_on"] = SIGNED_BEFORE_PAID


VOUCHER_ENTRIES = (
    Entry("tranche", VoucherTranche, "Tranche", required=True, fixed=True),
    Entry("paid_on", date, "Paid on", required=True, fixed=True),
    Entry("paid_by", str, "Paid by", required=True, max_length=120, clean=normalize_text),
    Entry("receiver_name", str, "Received by", required=True, max_length=120, clean=normalize_text),
    Entry("signed", bool, "Signed by the receiver", default=False),
    Entry("signed_on", date, "Signed on"),
    Entry("note", str, "Note", default="", max_length=1000),
)

GAP_ENTRIES = (
    Entry("house_case_id", int, "House case", required=True, min=1, max=MAX_ID, fixed=True),
    Entry("item", DossierItem, "Dossier item", required=True, fixed=True),
    Entry("reason", str, "Why it is missing", required=True, max_length=1000),
)

CLOSING_ENTRIES = (
    Entry("closed_on", date, "Closed on", required=True),
    Entry("note", str, "Note", default="", max_length=2000),
)

VOUCHER: Catalogue[VoucherIn, VoucherPatch] = Catalogue(
    "voucher",
    VOUCHER_ENTRIES,
    write="VoucherIn",
    partial="VoucherPatch",
    module=__name__,
    rules=_voucher_rules,
    doc=(
        "A voucher paying a tranche of a house's support (the amount is the tranche's).",
        "The receiver's signature, the payer, the receiver or the note of a voucher read at "
        "`version`.",
    ),
)
GAP: Catalogue[GapIn, GapPatch] = Catalogue(
    "settlement_gap",
    GAP_ENTRIES,
    write="GapIn",
    partial="GapPatch",
    module=__name__,
    doc=(
        "Why an item of a house's settlement dossier is missing.",
        "The reason of a gap read at `version`.",
    ),
)
CLOSING: Catalogue[ClosingIn, Record] = Catalogue(
    "settlement_closing",
    CLOSING_ENTRIES,
    write="ClosingIn",
    partial="ClosingPatch",
    module=__name__,
    rules=lambda data, errors: _not_future("closed_on", data, errors),
    doc=("A round's settlement closed: every house's dossier complete or explained.", ""),
)

if TYPE_CHECKING:

    class VoucherIn(Record): ...

    class VoucherPatch(Record): ...

    class GapIn(Record): ...

    class GapPatch(Record): ...

    class ClosingIn(Record): ...

else:  # bound to the names the shapes carry (/schema shows them by these names)
    VoucherIn, VoucherPatch = VOUCHER.write, VOUCHER.partial
    GapIn, GapPatch = GAP.write, GAP.partial
    ClosingIn, ClosingPatch = CLOSING.write, CLOSING.partial
