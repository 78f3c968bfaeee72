"""Interface labels of the sponsor registry's codes (English message ids)."""

from __future__ import annotations

from relief.core.labels import register, register_record
from relief.sponsors.models import SponsorKind

KINDS = register(
    SponsorKind,
    {
        SponsorKind.COMPANY: "Company",
        SponsorKind.NEWSPAPER: "Newspaper",
        SponsorKind.FUND_FOR_THE_POOR: "Fund for the Poor",
        SponsorKind.MASS_ORGANISATION: "Mass organisation",
        SponsorKind.INDIVIDUAL: "Individual",
        SponsorKind.STATE: "State body",
    },
)
register_record(
    "sponsor",
    "Sponsor",
    {
        "kind": "Kind",
        "contact_person": "Contact person",
        "phone": "Phone",
        "email": "E-mail",
    },
    {"kind": KINDS},
)
register_record(
    "pledge",
    "Pledge",
    {
        "sponsor_id": "Sponsor",
        "houses": "Number of houses",
        "amount": "Amount",
        "pledged_on": "Pledged on",
    },
)
