"""Damage assessments: one per household per disaster, corrected in place, never doubled."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from relief.core import audit, versions
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.formatting import local_today
from relief.core.forms import Form, bounded_money
from relief.core.paging import Paged, paginate
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.core.text import normalize_text
from relief.core.web import MAX_ID
from relief.households.labels import NEEDS
from relief.households.models import (
    DamageAssessment,
    DamageBand,
    Disaster,
    HouseClass,
    Household,
)
from relief.households.service import (
    ARCHIVED,
    InvalidWithDetails,
    get_household,
)

ENTITY = "damage_assessment"
AUDITED = [
    "disaster_id",
    "house_class",
    "band",
    "collapsed",
    "flooded",
    "flood_depth_cm",
    "roof_blown_off",
    "landslide_relocation",
    "relocated",
    "relocated_on",
    "dead",
    "missing",
    "injured",
    "estimated_loss",
    "needs",
    "assessed_on",
    "assessed_by",
    "version",
]
COLLAPSED_IS_TOTAL = "A collapsed or swept-away house is totally damaged (over 70%)."
DEPTH = "Enter the depth in metres, e.g. 1,5."
MAX_DEPTH_CM = 3000  # 30 m: deeper is a typing error
MAX_PEOPLE = 30  # a household's members are at most 30
CASUALTIES = ("dead", "missing", "injured")
FACTS = ("collapsed", "flooded", "roof_blown_off", "landslide_relocation", "relocated")
ALREADY_ASSESSED = (
    "This household already has an assessment for this disaster: correct it instead of "
    "adding a second one."
)


async def get_assessment(actor: Actor, assessment_id: int) -> DamageAssessment:
    found = (
        await scoped(actor, DamageAssessment)
        .filter(id=assessment_id)
        .select_related("disaster", "household", "household__hamlet")
        .first()
    )
    if found is None:
        raise NotFound("No such damage assessment.")
    return found


async def list_assessments(
    actor: Actor,
    household_id: int | None = None,
    disaster_id: int | None = None,
    commune_code: str | None = None,
    page: int = 1,
    per_page: int = 50,
) -> Paged[DamageAssessment]:
    """A page of assessments, the latest first."""
    qs = scoped(actor, DamageAssessment).select_related("disaster")
    if household_id is not None:
        qs = qs.filter(household_id=household_id)
    if disaster_id is not None:
        qs = qs.filter(disaster_id=disaster_id)
    if commune_code is not None:
        qs = qs.filter(commune__code=commune_code)
    return await paginate(qs.order_by("-assessed_on", "-id"), page, per_page)


async def _read(form: Form) -> dict[str, Any]:
    disaster_id = form.integer("disaster_id", required=True, min=1, max=MAX_ID)
    disaster = None
    if disaster_id is not None and "disaster_id" not in form.errors:
        disaster = await Disaster.get_or_none(id=disaster_id)
    return read_assessment(form, disaster, local_today())


def read_assessment(form: Form, disaster: Disaster | None, now: date) -> dict[str, Any]:
    """Every field of an assessment checked against its disaster, without the database.

    The forms and the importer share it: the importer loads the disaster once per file.
    """
    if disaster is None:
        form.errors["disaster_id"] = "Choose the disaster."
    house_class = form.choice("house_class", HouseClass)
    band = form.choice("band", DamageBand, required=True)
    collapsed = form.boolean("collapsed")
    if collapsed and band is not None and band is not DamageBand.TOTAL:
        form.errors["collapsed"] = COLLAPSED_IS_TOTAL
    flooded = form.boolean("flooded")
    depth = _depth_cm(form) if flooded else None
    relocated = form.boolean("relocated")
    relocated_on = form.date("relocated_on", required=relocated)
    if relocated and "relocated_on" in form.errors and not form.raw("relocated_on").strip():
        form.errors["relocated_on"] = "Give the date of the emergency relocation."
    if not relocated:
        relocated_on = None
        form.errors.pop("relocated_on", None)
    people = {name: form.integer(name, min=0, max=MAX_PEOPLE) or 0 for name in CASUALTIES}
    loss = bounded_money(form, "estimated_loss")
    needs = [n for n in form.values("needs") if n]
    if any(n not in NEEDS for n in needs):
        form.errors["needs"] = "Choose one of the options."
    assessed_on = form.date("assessed_on", required=True)
    for name, day in (("assessed_on", assessed_on), ("relocated_on", relocated_on)):
        if day is not None and name not in form.errors and day > now:
            form.errors[name] = "This date is in the future."
    if (
        disaster is not None
        and assessed_on is not None
        and "assessed_on" not in form.errors
        and assessed_on < disaster.starts_on
    ):
        form.errors["assessed_on"] = "The assessment cannot be before the disaster."
    return {
        "disaster_id": disaster.id if disaster else None,
        "house_class": house_class,
        "band": band,
        "collapsed": collapsed,
        "flooded": flooded,
        "flood_depth_cm": depth,
        "roof_blown_off": form.boolean("roof_blown_off"),
        "landslide_relocation": form.boolean("landslide_relocation"),
        "relocated": relocated,
        "relocated_on": relocated_on,
        **people,
        "estimated_loss": loss or 0,
        "needs": list(dict.fromkeys(needs)),
        "assessed_on": assessed_on,
        "assessed_by": normalize_text(form.text("assessed_by", max_length=120)),
    }


def _depth_cm(form: Form) -> int | None:
    """Flood depth typed in metres ("1,5", "1.5", "0,8 m") as whole centimetres."""
    text = form.raw("flood_depth_m").strip().lower().removesuffix("m").strip()
    if not text:
        return None
    try:
        metres = Decimal(text.replace(",", "."))
    except InvalidOperation:
        metres = Decimal("NaN")
    cm = int((metres * 100).to_integral_value()) if metres.is_finite() and metres < 100 else 0
    if not 0 < cm <= MAX_DEPTH_CM:
        form.errors["flood_depth_m"] = DEPTH
        return None
    return cm


def depth_m(cm: int | None) -> str:
    """Centimetres shown back as metres in a form ("1.5")."""
    return "" if cm is None else f"{Decimal(cm) / 100:f}".rstrip("0").rstrip(".")


async def _taken(household_id: int, disaster_id: int | None, exclude: int | None) -> dict | None:
    if disaster_id is None:
        return None
    qs = DamageAssessment.filter(household_id=household_id, disaster_id=disaster_id)
    if exclude is not None:
        qs = qs.exclude(id=exclude)
    other = await qs.first()
    return None if other is None else {"id": other.id, "url": f"/damage/{other.id}/edit"}


async def create_assessment(
    actor: Actor, household_id: int, raw: dict[str, Any]
) -> DamageAssessment:
    household = await get_household(actor, household_id)
    _may_write(actor, household)
    form = Form(raw)
    values = await _read(form)
    existing = await _taken(household.id, values["disaster_id"], None)
    if existing:
        form.errors["disaster_id"] = ALREADY_ASSESSED
    if form.errors:
        raise InvalidWithDetails(dict(form.errors), {"existing": existing} if existing else {})
    try:
        async with in_transaction():
            found = await DamageAssessment.create(
                household_id=household.id,
                commune_id=household.commune_id,
                hamlet_id=household.hamlet_id,
                **values,
            )
            await audit.record(
                actor,
                "create",
                ENTITY,
                found.id,
                commune_id=household.commune_id,
                after={"household_id": household.id, **audit.snapshot(found, AUDITED)},
            )
    except IntegrityError as exc:  # the same assessment saved by someone else a moment ago
        raise Invalid({"disaster_id": ALREADY_ASSESSED}) from exc
    return await get_assessment(actor, found.id)


def _may_write(actor: Actor, household: Household) -> None:
    if not can(actor).write_commune(household.commune_id):
        raise Forbidden()
    if household.archived_at is not None:
        raise Conflict(ARCHIVED)


def assessment_form_values(found: DamageAssessment) -> dict[str, Any]:
    return {
        "disaster_id": str(found.disaster_id),
        "house_class": found.house_class.value if found.house_class else "",
        "band": found.band.value,
        **{name: "1" if getattr(found, name) else "" for name in FACTS},
        "flood_depth_m": depth_m(found.flood_depth_cm),
        "relocated_on": found.relocated_on.isoformat() if found.relocated_on else "",
        **{name: str(getattr(found, name)) for name in CASUALTIES},
        "estimated_loss": str(found.estimated_loss),
        "needs": list(found.needs or []),
        "assessed_on": found.assessed_on.isoformat(),
        "assessed_by": found.assessed_by,
        "version": str(found.version),
    }


async def update_assessment(
    actor: Actor, assessment_id: int, raw: dict[str, Any], *, partial: bool = False
) -> DamageAssessment:
    """Corrects an assessment edited at `raw["version"]`; a stale one is refused."""
    found = await get_assessment(actor, assessment_id)
    _may_write(actor, found.household)
    base_version = versions.required(raw.get("version"))
    await versions.check(actor, found, base_version, entity=ENTITY, audited=AUDITED)
    if partial:
        raw = {**assessment_form_values(found), **raw}
    form = Form(raw)
    values = await _read(form)
    existing = await _taken(found.household_id, values["disaster_id"], found.id)
    if existing:
        form.errors["disaster_id"] = ALREADY_ASSESSED
    if form.errors:
        raise InvalidWithDetails(dict(form.errors), {"existing": existing} if existing else {})
    return await versions.save(
        actor,
        found,
        base_version,
        values,
        entity=ENTITY,
        audited=AUDITED,
        reload=lambda: get_assessment(actor, found.id),
    )


async def create_assessment_for(actor: Actor, raw: dict[str, Any]) -> DamageAssessment:
    """The API's create: the household is named in the body, not the path."""
    try:
        household_id = int(str(raw.get("household_id", "")).strip())
        if not 0 < household_id <= MAX_ID:
            raise ValueError
    except ValueError:
        raise Invalid({"household_id": "Choose the household."}) from None
    try:
        await get_household(actor, household_id)
    except NotFound:
        raise Invalid({"household_id": "Choose a household of your commune."}) from None
    return await create_assessment(actor, household_id, raw)
