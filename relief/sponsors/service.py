"""The sponsor registry and pledges: every rule for reading and writing them.

Everyone on the staff reads the province-wide registry; admins and province officers keep it
(sponsors are courted province-wide, and a pledge may cover several communes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tortoise.exceptions import IntegrityError
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from relief.core import audit, versions
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.formatting import local_today
from relief.core.paging import Paged, paginate
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.core.text import clean_text, fold, normalize_text
from relief.places.models import Commune
from relief.sponsors.models import Pledge, Sponsor, SponsorKind

SPONSOR_FIELDS = ["name", "kind", "contact_person", "phone", "email"]
PLEDGE_FIELDS = ["sponsor_id", "commune_id", "houses", "amount", "pledged_on", "note"]
_PHONE = re.compile(r"^0\d{9,10}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class SponsorInput:
    name: str
    kind: SponsorKind | str | None
    contact_person: str = ""
    phone: str = ""
    email: str = ""


@dataclass
class PledgeInput:
    sponsor_id: int | None
    amount: int | None
    houses: int | None = 0
    pledged_on: date | None = None
    commune_id: int | None = None  # None: province-wide
    note: str = ""


def _require_registry_keeper(actor: Actor) -> None:
    if not can(actor).manage_sponsors:
        raise Forbidden()


def _sponsors(actor: Actor, q: str = "") -> QuerySet[Sponsor]:
    qs = scoped(actor, Sponsor)
    if q.strip():
        qs = qs.filter(name_key__contains=fold(q))
    return qs.order_by("name_key", "id")


async def list_sponsors(actor: Actor, q: str = "") -> list[Sponsor]:
    return list(await _sponsors(actor, q))


async def sponsors_page(actor: Actor, q: str, page: int, per_page: int) -> Paged[Sponsor]:
    return await paginate(_sponsors(actor, q), page, per_page)


async def get_sponsor(actor: Actor, sponsor_id: int) -> Sponsor:
    sponsor = await scoped(actor, Sponsor).get_or_none(id=sponsor_id)
    if sponsor is None:
        raise NotFound("No such sponsor.")
    return sponsor


def _clean_sponsor(data: SponsorInput) -> dict:
    errors: dict[str, str] = {}
    name = normalize_text(data.name or "")
    if not name:
        errors["name"] = "This field is required."
    elif len(name) > 200:
        errors["name"] = "This text is too long."
    try:
        kind = SponsorKind(data.kind) if data.kind else None
    except ValueError:
        kind = None
    if kind is None:
        errors["kind"] = "Choose one of the options."
    phone = re.sub(r"[\s.]", "", data.phone or "")
    if phone.startswith("+84"):
        phone = "0" + phone[3:]
    if phone and not _PHONE.match(phone):
        errors["phone"] = "Enter a phone number of 10 or 11 digits starting with 0."
    email = (data.email or "").strip()
    if email and (not _EMAIL.match(email) or len(email) > 150):
        errors["email"] = "Enter an e-mail address such as ten@example.vn."
    contact = normalize_text(data.contact_person or "")
    if len(contact) > 150:
        errors["contact_person"] = "This text is too long."
    if errors:
        raise Invalid(errors)
    return dict(
        name=name, name_key=fold(name), kind=kind, contact_person=contact, phone=phone, email=email
    )


async def create_sponsor(actor: Actor, data: SponsorInput) -> Sponsor:
    _require_registry_keeper(actor)
    values = _clean_sponsor(data)
    if await Sponsor.filter(name_key=values["name_key"]).exists():
        raise Conflict("A sponsor with this name is already registered.")
    try:
        async with in_transaction():
            sponsor = await Sponsor.create(**values)
            await audit.record(
                actor,
                "create",
                "sponsor",
                sponsor.id,
                after=audit.snapshot(sponsor, SPONSOR_FIELDS),
            )
    except IntegrityError as exc:  # the same name saved by someone else a moment ago
        raise Conflict("A sponsor with this name is already registered.") from exc
    return sponsor


def sponsor_form_values(sponsor: Sponsor) -> dict[str, str]:
    """The edit form's values from the stored sponsor (a partial API update starts from them)."""
    return {
        "name": sponsor.name,
        "kind": sponsor.kind.value,
        "contact_person": sponsor.contact_person,
        "phone": sponsor.phone,
        "email": sponsor.email,
        "version": str(sponsor.version),
    }


async def update_sponsor(
    actor: Actor, sponsor_id: int, data: SponsorInput, version: int | str | None
) -> Sponsor:
    """Corrects a sponsor read at `version`; a stale version is refused with what changed."""
    _require_registry_keeper(actor)
    sponsor = await get_sponsor(actor, sponsor_id)
    base_version = versions.required(version)
    await versions.check(actor, sponsor, base_version, entity="sponsor", audited=SPONSOR_FIELDS)
    values = _clean_sponsor(data)
    if await Sponsor.filter(name_key=values["name_key"]).exclude(id=sponsor.id).exists():
        raise Conflict("A sponsor with this name is already registered.")
    try:
        return await versions.save(
            actor, sponsor, base_version, values, entity="sponsor", audited=SPONSOR_FIELDS
        )
    except IntegrityError as exc:  # the same name saved by someone else a moment ago
        raise Conflict("A sponsor with this name is already registered.") from exc


def _pledges(actor: Actor, sponsor_id: int | None, commune_id: int | None) -> QuerySet[Pledge]:
    qs = scoped(actor, Pledge).select_related("sponsor", "commune")
    if sponsor_id is not None:
        qs = qs.filter(sponsor_id=sponsor_id)
    if commune_id is not None:
        qs = qs.filter(commune_id=commune_id)
    return qs.order_by("-pledged_on", "id")


async def list_pledges(
    actor: Actor, sponsor_id: int | None = None, commune_id: int | None = None
) -> list[Pledge]:
    return list(await _pledges(actor, sponsor_id, commune_id))


async def pledges_page(
    actor: Actor, sponsor_id: int | None, commune_id: int | None, page: int, per_page: int
) -> Paged[Pledge]:
    return await paginate(_pledges(actor, sponsor_id, commune_id), page, per_page)


async def get_pledge(actor: Actor, pledge_id: int) -> Pledge:
    pledge = (
        await scoped(actor, Pledge).select_related("sponsor", "commune").get_or_none(id=pledge_id)
    )
    if pledge is None:
        raise NotFound("No such pledge.")
    return pledge


async def create_pledge(actor: Actor, data: PledgeInput) -> Pledge:
    _require_registry_keeper(actor)
    errors: dict[str, str] = {}
    sponsor = None
    if data.sponsor_id is None:
        errors["sponsor_id"] = "This field is required."
    else:
        sponsor = await scoped(actor, Sponsor).get_or_none(id=data.sponsor_id)
        if sponsor is None:
            errors["sponsor_id"] = "No such sponsor."
    if data.amount is None:
        errors["amount"] = "This field is required."
    elif data.amount <= 0:
        errors["amount"] = "A pledge is an amount above zero."
    if data.houses is not None and not 0 <= data.houses <= 100_000:
        errors["houses"] = "This number is out of range."
    if data.pledged_on is None:
        errors["pledged_on"] = "This field is required."
    elif data.pledged_on > local_today():
        errors["pledged_on"] = "This date is in the future."
    if data.commune_id is not None and not await Commune.exists(id=data.commune_id):
        errors["commune_id"] = "No such commune."
    note = clean_text(data.note or "").strip()
    if len(note) > 2000:
        errors["note"] = "This text is too long."
    if errors:
        raise Invalid(errors)
    async with in_transaction():
        pledge = await Pledge.create(
            sponsor=sponsor,
            commune_id=data.commune_id,
            houses=data.houses or 0,
            amount=data.amount,
            pledged_on=data.pledged_on,
            note=note,
        )
        await audit.record(
            actor,
            "create",
            "pledge",
            pledge.id,
            commune_id=data.commune_id,
            after=audit.snapshot(pledge, PLEDGE_FIELDS),
        )
    return await get_pledge(actor, pledge.id)
