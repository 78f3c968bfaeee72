"""Output shapes of the sponsors API (the writes, `SponsorIn` and `PledgeIn`: records.py)."""

from __future__ import annotations

from datetime import date

import msgspec

from relief.core.labels import label
from relief.sponsors import labels as _registered  # noqa: F401 (the area's words)
from relief.sponsors.models import Pledge, Sponsor


class SponsorOut(msgspec.Struct):
    id: int
    name: str
    kind: str
    kind_label: str  # the code's label, in the request's language
    contact_person: str
    phone: str
    email: str
    version: int


class PledgeOut(msgspec.Struct):
    id: int
    sponsor_id: int
    sponsor: str
    commune_id: int | None
    commune: str | None
    houses: int
    amount: int
    pledged_on: date
    note: str


def sponsor_out(s: Sponsor) -> SponsorOut:
    return SponsorOut(
        id=s.id,
        name=s.name,
        kind=s.kind.value,
        kind_label=label(s.kind),
        contact_person=s.contact_person,
        phone=s.phone,
        email=s.email,
        version=s.version,
    )


def pledge_out(p: Pledge) -> PledgeOut:
    return PledgeOut(
        id=p.id,
        sponsor_id=p.sponsor_id,
        sponsor=p.sponsor.name,
        commune_id=p.commune_id,
        commune=p.commune.name if p.commune_id and p.commune else None,
        houses=p.houses,
        amount=p.amount,
        pledged_on=p.pledged_on,
        note=p.note,
    )
