"""The sponsor registry and pledges: every rule for reading and writing them.

Everyone on the staff reads the province-wide registry; admins and province officers keep it
(sponsors are courted province-wide, and a pledge may cover several communes).
"""

from __future__ import annotations

from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from relief.core import audit, versions
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.paging import Paged, paginate
from relief.core.permissions import can
from relief.core.records import errors_of
from relief.core.scope import scoped
from relief.core.text import fold
from relief.places.models import Commune
from relief.sponsors.models import Pledge, Sponsor
from relief.sponsors.records import PLEDGE, SPONSOR, PledgeIn, SponsorIn, SponsorPatch

SPONSOR_FIELDS = SPONSOR.audited
PLEDGE_FIELDS = PLEDGE.audited
SponsorInput = SponsorIn  # the write of a sponsor (relief.sponsors.records)
PledgeInput = PledgeIn  # the write of a pledge


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


def _sponsor_values(data: SponsorIn) -> dict[str, Any]:
    """The sponsor's columns: the catalogue's, and the name's search key."""
    data = SPONSOR.validate(data)
    return {**SPONSOR.values(data), "name_key": fold(data.name)}


async def create_sponsor(actor: Actor, data: SponsorIn) -> Sponsor:
    _require_registry_keeper(actor)
    values = _sponsor_values(data)
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
    """The edit form's values from the stored sponsor."""
    return SPONSOR.form_values(sponsor)


async def update_sponsor(actor: Actor, sponsor_id: int, patch: SponsorPatch) -> Sponsor:
    """Corrects a sponsor read at `patch.version` (the fields sent over those stored); a stale
    version is refused with what changed."""
    _require_registry_keeper(actor)
    sponsor = await get_sponsor(actor, sponsor_id)
    if "version" in (noted := errors_of(patch)):
        raise Invalid({"version": noted["version"]})
    base_version = versions.required(patch.version)
    await versions.check(actor, sponsor, base_version, entity="sponsor", audited=SPONSOR_FIELDS)
    values = _sponsor_values(SPONSOR.merge(sponsor, patch))
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


async def create_pledge(actor: Actor, data: PledgeIn) -> Pledge:
    _require_registry_keeper(actor)
    data, errors = PLEDGE.check(data)
    if (
        "sponsor_id" not in errors
        and not await scoped(actor, Sponsor).filter(id=data.sponsor_id).exists()
    ):
        errors["sponsor_id"] = "No such sponsor."
    commune_id = None if "commune_id" in errors else data.commune_id
    if commune_id is not None and not await scoped(actor, Commune).filter(id=commune_id).exists():
        errors["commune_id"] = "No such commune."
    if errors:
        raise Invalid(errors)
    async with in_transaction():
        pledge = await Pledge.create(**PLEDGE.values(data))
        await audit.record(
            actor,
            "create",
            "pledge",
            pledge.id,
            commune_id=data.commune_id,
            after=audit.snapshot(pledge, PLEDGE_FIELDS),
        )
    return await get_pledge(actor, pledge.id)
