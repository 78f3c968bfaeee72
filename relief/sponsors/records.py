"""The sponsor registry's records, their fields declared once (relief.core.records): a sponsor
and a pledge. The writes, their readers of a page form and a JSON body, and the audited fields
come from these catalogues; what needs the database (a name already taken, a sponsor or a
commune that exists) stays in the service."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from relief.core.formatting import local_today
from relief.core.records import Catalogue, Entry, Record
from relief.core.text import normalize_text
from relief.core.web import MAX_ID
from relief.sponsors.models import SponsorKind

_PHONE = re.compile(r"^0\d{9,10}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
BAD_PHONE = "Enter a phone number of 10 or 11 digits starting with 0."
BAD_EMAIL = "Enter an e-mail address such as ten@example.vn."


def _phone(text: str) -> str:
    phone = re.sub(r"[\s.]", "", text)
    return "0" + phone[3:] if phone.startswith("+84") else phone


SPONSOR_ENTRIES = (
    Entry("name", str, "Name", required=True, max_length=200, clean=normalize_text),
    Entry("kind", SponsorKind, "Kind", required=True),
    Entry(
        "contact_person", str, "Contact person", default="", max_length=150, clean=normalize_text
    ),
    Entry(
        "phone",
        str,
        "Phone",
        default="",
        max_length=20,
        clean=_phone,
        check=lambda phone: BAD_PHONE if phone and not _PHONE.match(phone) else None,
    ),
    Entry(
        "email",
        str,
        "E-mail",
        default="",
        max_length=150,
        check=lambda email: BAD_EMAIL if email and not _EMAIL.match(email) else None,
    ),
)


def _pledge_rules(data: Any, errors: dict[str, str]) -> None:
    """A pledge is not dated in the future."""
    if "pledged_on" not in errors and data.pledged_on and data.pledged_on > local_today():
        errors["pledged_on"] = "This date is in the future."


PLEDGE_ENTRIES = (
    Entry("sponsor_id", int, "Sponsor", required=True, min=1, max=MAX_ID),
    # None: province-wide
    Entry("commune_id", int, "Commune", min=1, max=MAX_ID),
    Entry("houses", int, "Houses", default=0, min=0, max=100_000),
    Entry(
        "amount",
        int,
        "Amount",
        required=True,
        kind="money",
        check=lambda amount: "A pledge is an amount above zero." if amount <= 0 else None,
    ),
    Entry("pledged_on", date, "Pledged on", required=True),
    Entry("note", str, "Note", default="", max_length=2000),
)

SPONSOR: Catalogue[SponsorIn, SponsorPatch] = Catalogue(
    "sponsor",
    SPONSOR_ENTRIES,
    write="SponsorIn",
    partial="SponsorPatch",
    module=__name__,
    doc=(
        "A sponsor to register.",
        "The fields to correct of a sponsor read at `version`; fields left out keep theirs.",
    ),
)
PLEDGE: Catalogue[PledgeIn, Record] = Catalogue(
    "pledge",
    PLEDGE_ENTRIES,
    write="PledgeIn",
    partial="PledgePatch",
    module=__name__,
    rules=_pledge_rules,
    doc=("Money (and a number of houses) a sponsor pledges, to one commune or province-wide.", ""),
)

if TYPE_CHECKING:

    class SponsorIn(Record): ...

    class SponsorPatch(Record): ...

    class PledgeIn(Record): ...

else:  # bound to the names the shapes carry (/schema shows them by these names)
    SponsorIn, SponsorPatch = SPONSOR.write, SPONSOR.partial
    PledgeIn = PLEDGE.write
