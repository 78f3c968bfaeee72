"""The houses' records, their fields declared once (relief.core.records): a house case, a
contribution to one, a handover ceremony, and a programme's norms and rules.

What a write of each is, how a page form, a JSON body is read into it, and which fields are
audited come from these catalogues; the rules that need the database stay in the services.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from relief.core.api import Id
from relief.core.errors import REQUIRED
from relief.core.formatting import local_today
from relief.core.records import Catalogue, Entry, Record
from relief.core.text import normalize_text
from relief.core.web import MAX_ID
from relief.houses.models import FundingSource, HouseKind, Programme

FUTURE = "This date is in the future."
MAX_COST = 10_000_000_000  # 10 billion đồng: far above any house, catches a slipped zero
MAX_AMOUNT = 10_000_000_000
AMOUNT_RANGE = "The amount must be between 0 and 10 billion đồng."
LABOUR_IS_DAYS = "A contribution of labour is counted in workdays (ngày công), not in đồng."


def _area(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _id(name: str, label: str, **more: Any) -> Entry:
    return Entry(name, int, label, min=1, max=MAX_ID, **more)


CASE_ENTRIES = (
    _id("household_id", "Household", required=True, fixed=True),
    Entry("programme", Programme, "Programme", required=True),
    Entry("kind", HouseKind, "Kind of works", required=True),
    Entry(
        "area_m2",
        float,
        "Floor area (m²)",
        min=1,
        max=1000,
        clean=lambda text: text.replace(",", "."),
        store=_area,
        messages={
            "not_number": "Enter the floor area in m², e.g. 36 or 36,5.",
            "out_of_range": "The floor area must be between 1 and 1000 m².",
        },
    ),
    Entry("hard_foundation", bool, "Solid foundation", default=False),
    Entry("hard_frame", bool, "Solid frame", default=False),
    Entry("hard_roof", bool, "Solid roof", default=False),
    Entry(
        "estimated_cost",
        int,
        "Estimated cost",
        default=0,
        kind="money",
        max=MAX_COST,
        messages={"out_of_range": "The estimated cost must be between 0 and 10 billion đồng."},
    ),
    # The day the case was proposed (today when left out); its stage dates follow from it.
    Entry("proposed_on", date, "Proposed on", fixed=True, audited=False),
    _id("disaster_id", "Disaster"),
    Entry(
        "programme_year",
        int,
        "Programme year",
        min=2000,
        max=2100,
        messages={"out_of_range": "Enter the programme's year, e.g. 2025."},
    ),
    Entry("notes", str, "Notes", default="", max_length=4000),
)


def _not_future(name: str, data: Any, errors: dict[str, str]) -> None:
    day = getattr(data, name)
    if name not in errors and day is not None and day > local_today():
        errors[name] = FUTURE


def _case_rules(data: Any, errors: dict[str, str]) -> None:
    """A case cannot be proposed in the future."""
    _not_future("proposed_on", data, errors)


def _contribution_rules(data: Any, errors: dict[str, str]) -> None:
    """What the source asks of the amounts, the labour days and the sponsor."""
    source = None if "source" in errors else data.source
    labour = source is FundingSource.LABOUR_DAYS
    if labour and data.amount_pledged is None and "amount_pledged" not in errors:
        data.amount_pledged = 0  # labour has no money to pledge
    pledged, disbursed = data.amount_pledged, data.amount_disbursed
    if pledged is None and "amount_pledged" not in errors:
        errors["amount_pledged"] = REQUIRED
    elif pledged is not None and "amount_disbursed" not in errors and (disbursed or 0) > pledged:
        errors["amount_disbursed"] = "The money disbursed cannot be more than the money pledged."
    if source is FundingSource.LABOUR_DAYS:
        if not data.labour_days and "labour_days" not in errors:
            errors["labour_days"] = "Enter the number of labour days."
        for name in ("amount_pledged", "amount_disbursed"):
            if getattr(data, name):
                errors[name] = LABOUR_IS_DAYS
    elif data.labour_days and source is not None:
        errors["labour_days"] = "Only a contribution of labour counts workdays."
    if "sponsor_id" in errors:
        return
    if source is FundingSource.SPONSOR and data.sponsor_id is None:
        errors["sponsor_id"] = "Choose the sponsor."
    money_of_sponsors = (FundingSource.SPONSOR, FundingSource.FUND_FOR_THE_POOR, None)
    if source not in money_of_sponsors and data.sponsor_id is not None:
        errors["sponsor_id"] = "Only money from a sponsor or the Fund for the Poor names a sponsor."


CONTRIBUTION_ENTRIES = (
    Entry("source", FundingSource, "Source", required=True, fixed=True),
    _id("sponsor_id", "Sponsor", fixed=True),  # another sponsor: contribution_fixes
    Entry(
        "amount_pledged",
        int,
        "Pledged",
        kind="money",  # required, except of labour (`_contribution_rules`)
        max=MAX_AMOUNT,
        messages={"out_of_range": AMOUNT_RANGE},
    ),
    Entry("amount_disbursed", int, "Disbursed", default=0, kind="money"),
    Entry("labour_days", int, "Labour days", default=0, min=0, max=10_000, fixed=True),
    Entry("note", str, "Note", default="", max_length=2000),
)


def _handover_rules(data: Any, errors: dict[str, str]) -> None:
    """A ceremony cannot be dated in the future."""
    _not_future("held_on", data, errors)


HANDOVER_ENTRIES = (
    # The commune of the ceremony; a commune officer's own when left out.
    _id("commune_id", "Commune"),
    _id("hamlet_id", "Hamlet"),
    Entry("held_on", date, "Date of the ceremony", required=True),
    Entry("place", str, "Place", required=True, max_length=255),
    Entry("organisers", str, "Organisers", required=True, max_length=2000),
    Entry("notes", str, "Notes", default="", max_length=4000),
    Entry("sponsor_ids", list[Id], "Sponsors", default=[], stored=False),
    Entry(
        "house_ids",
        list[Id],
        "Houses",
        required=True,
        stored=False,
        messages={"required": "Choose the houses handed over."},
    ),
)

RULE_ENTRIES = (
    Entry(
        "support_amount",
        int,
        "Support (đồng)",
        required=True,
        kind="money",
        max=MAX_AMOUNT,
        messages={"out_of_range": AMOUNT_RANGE},
    ),
    Entry("min_area_m2", int, "Minimum floor area (m²)", min=1, max=1000),
    Entry("min_area_one_person_m2", int, "For one person (m²)", min=1, max=1000),
    Entry("three_hard", bool, "“3 cứng” required to complete", default=False),
    Entry(
        "first_tranche_percent",
        int,
        "First tranche (% of the support)",
        default=70,
        min=1,
        max=100,
        messages={"out_of_range": "The first tranche is between 1 and 100 % of the support."},
    ),
    Entry("source", str, "Legal basis", required=True, max_length=2000, clean=normalize_text),
)

HOUSE_CASE: Catalogue[CaseIn, CasePatch] = Catalogue(
    "house_case",
    CASE_ENTRIES,
    write="CaseIn",
    partial="CasePatch",
    module=__name__,
    rules=_case_rules,
    doc=(
        "A house case to open for a household.",
        "The details to correct of a case read at `version`; fields left out keep theirs.",
    ),
)
CONTRIBUTION: Catalogue[ContributionIn, ContributionPatch] = Catalogue(
    "contribution",
    CONTRIBUTION_ENTRIES,
    write="ContributionIn",
    partial="ContributionPatch",
    module=__name__,
    rules=_contribution_rules,
    doc=(
        "Money (or labour days) pledged to a case, and what of it is disbursed.",
        "A disbursement recorded or a pledge corrected, made on the `version` read; amounts "
        "left out keep theirs.",
    ),
)
HANDOVER: Catalogue[HandoverIn, HandoverPatch] = Catalogue(
    "handover",
    HANDOVER_ENTRIES,
    write="HandoverIn",
    partial="HandoverPatch",
    module=__name__,
    rules=_handover_rules,
    doc=("A handover ceremony and the completed houses handed over in it.", ""),
)
PROGRAMME_RULE: Catalogue[ProgrammeRuleIn, RuleIn] = Catalogue(
    "programme_rule",
    RULE_ENTRIES,
    write="ProgrammeRuleIn",
    partial="RuleIn",
    module=__name__,
    doc=(
        "A programme's norm and completion rule.",
        "The fields of a rule to correct (those left out keep their value) and its version.",
    ),
)

if TYPE_CHECKING:

    class CaseIn(Record): ...

    class CasePatch(Record): ...

    class ContributionIn(Record): ...

    class ContributionPatch(Record): ...

    class HandoverIn(Record): ...

    class HandoverPatch(Record): ...

    class ProgrammeRuleIn(Record): ...

    class RuleIn(Record): ...

else:  # bound to the names the shapes carry (/schema shows them by these names)
    CaseIn, CasePatch = HOUSE_CASE.write, HOUSE_CASE.partial
    ContributionIn, ContributionPatch = CONTRIBUTION.write, CONTRIBUTION.partial
    HandoverIn, HandoverPatch = HANDOVER.write, HANDOVER.partial
    ProgrammeRuleIn, RuleIn = PROGRAMME_RULE.write, PROGRAMME_RULE.partial
