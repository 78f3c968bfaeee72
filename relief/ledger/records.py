"""The ledger's records, their fields declared once (relief.core.records): a donation received
and an allocation made. The writes, their readers of a page form and a JSON body, and the
audited fields come from these catalogues; what needs the database (the fund, the house, the
money left, a closed month) stays in the service. Reversing an entry and closing a month are
actions on entries, not records with fields: they keep their own small shapes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from relief.core.errors import REQUIRED
from relief.core.formatting import local_today
from relief.core.records import Catalogue, Entry, Record
from relief.core.web import MAX_ID
from relief.ledger.models import Channel, FundLevel

MAX_AMOUNT = 100_000_000_000  # 100 billion đồng: far above any one entry, below the column
ABOVE_ZERO = "Enter an amount above 0 đồng."
FUTURE = "This date is in the future."
LATER_THAN_START = "The end comes before the start."


def _id(name: str, label: str, **more: Any) -> Entry:
    return Entry(name, int, label, min=1, max=MAX_ID, **more)


def _amount() -> Entry:
    return Entry(
        "amount",
        int,
        "Amount",
        required=True,
        kind="money",
        max=MAX_AMOUNT,
        check=lambda amount: ABOVE_ZERO if amount <= 0 else None,
        messages={"out_of_range": ABOVE_ZERO},
    )


def _not_future(data: Any, errors: dict[str, str], *names: str) -> None:
    for name in names:
        day = getattr(data, name)
        if name not in errors and day is not None and day > local_today():
            errors[name] = FUTURE


DONATION_ENTRIES = (
    Entry("level", FundLevel, "Fund", required=True, stored=False, messages={"required": REQUIRED}),
    # The commune of a commune's (or a house's) fund: a commune officer's own, on the page.
    _id("commune_id", "Commune", audited=False),
    _id("house_case_id", "House case"),
    _id("sponsor_id", "Sponsor"),
    Entry(
        "donor_name",
        str,
        "Donor",
        default="",
        max_length=200,
        clean=lambda text: " ".join(text.split()),
    ),
    Entry("named_publicly", bool, "Named publicly", default=False),
    Entry("channel", Channel, "Channel", required=True, messages={"required": REQUIRED}),
    _amount(),
    Entry("goods", str, "Goods", default="", max_length=255),
    # Goods as goods: the quantity and its unit (tấn, kg, thùng …); the amount is their value.
    Entry(
        "quantity",
        float,
        "Quantity",
        min=0,
        max=1_000_000_000,
        store=lambda value: Decimal(str(value)),
    ),
    Entry("unit", str, "Unit", default="", max_length=20),
    Entry("received_on", date, "Received on", required=True),
    Entry("reference", str, "Reference", default="", max_length=100),
    Entry("note", str, "Note", default="", max_length=2000),
    # For a gift straight to a house: the decision that assigns it (its number and date).
    Entry("decision_number", str, "Decision number", default="", max_length=60, stored=False),
)


def _donation_rules(data: Any, errors: dict[str, str]) -> None:
    """The date, a named donor, the goods of a gift in kind, the commune and house a level needs."""
    _not_future(data, errors, "received_on")
    if data.named_publicly and not data.donor_name and data.sponsor_id is None:
        errors["named_publicly"] = "An anonymous donor cannot be named publicly."
    if data.channel is Channel.GOODS and not data.goods and "goods" not in errors:
        errors["goods"] = "Say what goods were given."
    if data.quantity is not None and not data.unit and "unit" not in errors:
        errors["unit"] = "Say the unit of the quantity (kg, tấn, thùng …)."
    level = None if "level" in errors else data.level
    if level in (FundLevel.COMMUNE, FundLevel.HOUSE) and data.commune_id is None:
        errors.setdefault("commune_id", "Choose the commune.")
    if level is FundLevel.HOUSE and data.house_case_id is None:
        errors.setdefault("house_case_id", "Choose the house the gift is for.")


ALLOCATION_ENTRIES = (
    _id("fund_id", "Fund", required=True),
    _id("house_case_id", "House case"),
    _id("aid_visit_id", "Aid visit"),
    _id("donation_id", "Donation"),
    _amount(),
    Entry("decision_number", str, "Decision number", required=True, max_length=60),
    Entry("decision_date", date, "Decision date", required=True),
    Entry("allocated_on", date, "Allocated on", required=True),
    Entry("note", str, "Note", default="", max_length=2000),
)


def _allocation_rules(data: Any, errors: dict[str, str]) -> None:
    """Its dates, and one target: a house case or an aid visit."""
    _not_future(data, errors, "decision_date", "allocated_on")
    house, visit = "house_case_id" in errors, "aid_visit_id" in errors
    if not (house or visit) and (data.house_case_id is None) == (data.aid_visit_id is None):
        errors["target"] = "Choose either a house case or an aid visit."


CAMPAIGN_ENTRIES = (
    Entry("name", str, "Name", required=True, max_length=200),
    Entry(
        "code",
        str,
        "Code",
        required=True,
        max_length=12,
        clean=lambda text: "".join(text.split()).upper(),
    ),
    Entry("call_number", str, "Call document number", default="", max_length=60),
    Entry("call_date", date, "Call document date"),
    Entry("starts_on", date, "Starts on", required=True),
    Entry("ends_on", date, "Ends on"),
    Entry("support_levels", str, "Support levels published", default="", max_length=4000),
)


def _campaign_rules(data: Any, errors: dict[str, str]) -> None:
    if data.code and not data.code.replace("-", "").isalnum() and "code" not in errors:
        errors["code"] = "Letters, digits and dashes only."
    if (
        "ends_on" not in errors
        and "starts_on" not in errors
        and data.ends_on is not None
        and data.starts_on is not None
        and data.ends_on < data.starts_on
    ):
        errors["ends_on"] = LATER_THAN_START


CAMPAIGN: Catalogue[CampaignIn, Record] = Catalogue(
    "campaign",
    CAMPAIGN_ENTRIES,
    write="CampaignIn",
    partial="CampaignPatch",
    module=__name__,
    rules=_campaign_rules,
    doc=("A call for donations: its call document, period and published support levels.", ""),
)
DONATION: Catalogue[DonationIn, Record] = Catalogue(
    "donation",
    DONATION_ENTRIES,
    write="DonationIn",
    partial="DonationPatch",
    module=__name__,
    rules=_donation_rules,
    doc=("Money or goods a fund receives; a gift to a house is allocated to it at once.", ""),
)
ALLOCATION: Catalogue[AllocationIn, Record] = Catalogue(
    "allocation",
    ALLOCATION_ENTRIES,
    write="AllocationIn",
    partial="AllocationPatch",
    module=__name__,
    rules=_allocation_rules,
    doc=("Money of a fund assigned to a house case or an aid visit, by a decision.", ""),
)

if TYPE_CHECKING:

    class DonationIn(Record): ...

    class AllocationIn(Record): ...

    class CampaignIn(Record): ...

else:  # bound to the names the shapes carry (/schema shows them by these names)
    DonationIn, AllocationIn = DONATION.write, ALLOCATION.write
    CampaignIn = CAMPAIGN.write
