"""Input and output shapes of the sponsors API."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import msgspec

from relief.core.api import Id, Money
from relief.core.labels import label
from relief.sponsors import labels as _registered  # noqa: F401 (the area's words)
from relief.sponsors.models import Pledge, Sponsor


class SponsorIn(msgspec.Struct):
    """A sponsor to register."""

    name: Annotated[str, msgspec.Meta(max_length=200)]
    kind: str
    contact_person: Annotated[str, msgspec.Meta(max_length=150)] = ""
    phone: Annotated[str, msgspec.Meta(max_length=20)] = ""
    email: Annotated[str, msgspec.Meta(max_length=150)] = ""


class SponsorPatch(msgspec.Struct):
    """The fields to correct of a sponsor read at `version`; fields left out keep theirs."""

    version: int
    name: Annotated[str, msgspec.Meta(max_length=200)] | msgspec.UnsetType = msgspec.UNSET
    kind: str | msgspec.UnsetType = msgspec.UNSET
    contact_person: Annotated[str, msgspec.Meta(max_length=150)] | msgspec.UnsetType = msgspec.UNSET
    phone: Annotated[str, msgspec.Meta(max_length=20)] | msgspec.UnsetType = msgspec.UNSET
    email: Annotated[str, msgspec.Meta(max_length=150)] | msgspec.UnsetType = msgspec.UNSET


class SponsorOut(msgspec.Struct):
    id: int
    name: str
    kind: str
    kind_label: str  # the code's label, in the request's language
    contact_person: str
    phone: str
    email: str
    version: int


class PledgeIn(msgspec.Struct):
    """Money (and a number of houses) a sponsor pledges, to one commune or province-wide."""

    sponsor_id: Id
    amount: Money
    pledged_on: date
    houses: Annotated[int, msgspec.Meta(ge=0, le=100_000)] = 0
    commune_id: Id | None = None
    note: Annotated[str, msgspec.Meta(max_length=2000)] = ""


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
