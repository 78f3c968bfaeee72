"""Input and output shapes of the sponsors API."""

from __future__ import annotations

from datetime import date

import msgspec

from relief.sponsors.models import Pledge, Sponsor


class SponsorIn(msgspec.Struct):
    name: str
    kind: str
    contact_person: str = ""
    phone: str = ""
    email: str = ""


class SponsorOut(msgspec.Struct):
    id: int
    name: str
    kind: str
    contact_person: str
    phone: str
    email: str
    version: int


class PledgeIn(msgspec.Struct):
    sponsor_id: int
    amount: int
    pledged_on: date
    houses: int = 0
    commune_id: int | None = None
    note: str = ""


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
        commune=p.commune.name if p.commune_id else None,
        houses=p.houses,
        amount=p.amount,
        pledged_on=p.pledged_on,
        note=p.note,
    )
