"""Damage assessments: one per household per disaster, corrected in place, never doubled."""

from __future__ import annotations

from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from relief.core import audit, versions
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.paging import Paged, paginate
from relief.core.permissions import can
from relief.core.records import base_version, errors_of
from relief.core.scope import scoped
from relief.households.models import DamageAssessment, Disaster, Household
from relief.households.records import DAMAGE, AssessmentPatch, AssessmentWrite
from relief.households.service import (
    ARCHIVED,
    InvalidWithDetails,
    get_household,
)

ENTITY = "damage_assessment"
AUDITED = [*DAMAGE.audited, "version"]
BEFORE_DISASTER = "The assessment cannot be before the disaster."
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


def check_disaster(
    data: AssessmentWrite, disaster: Disaster | None, errors: dict[str, str]
) -> None:
    """An assessment against its disaster (None: no such disaster), without the database;
    the service and the importer (which loads the disaster once per file) share it."""
    if disaster is None:
        errors.setdefault("disaster_id", "Choose the disaster.")
        return
    day = data.assessed_on
    if day is not None and "assessed_on" not in errors and day < disaster.starts_on:
        errors["assessed_on"] = BEFORE_DISASTER


async def _checked(data: AssessmentWrite, exclude: int | None) -> tuple[AssessmentWrite, Disaster]:
    """The write checked whole, with its disaster (returned) and the household's other
    assessments."""
    data, errors = DAMAGE.check(data)
    disaster = None
    if "disaster_id" not in errors:
        disaster = await Disaster.get_or_none(id=data.disaster_id)
    check_disaster(data, disaster, errors)
    existing = None
    if "household_id" not in errors and "disaster_id" not in errors:
        existing = await _taken(data.household_id, data.disaster_id, exclude)
    if existing:
        errors["disaster_id"] = ALREADY_ASSESSED
    if errors:
        raise InvalidWithDetails(errors, {"existing": existing} if existing else {})
    assert disaster is not None  # else errors named it
    return data, disaster


async def _taken(household_id: int, disaster_id: int | None, exclude: int | None) -> dict | None:
    if disaster_id is None:
        return None
    qs = DamageAssessment.filter(household_id=household_id, disaster_id=disaster_id)
    if exclude is not None:
        qs = qs.exclude(id=exclude)
    other = await qs.first()
    return None if other is None else {"id": other.id, "url": f"/damage/{other.id}/edit"}


async def create_assessment(actor: Actor, data: AssessmentWrite) -> DamageAssessment:
    """Assesses a household's damage in a disaster (`data.household_id`, in the actor's
    scope); a second assessment of the same household and disaster is refused."""
    household = None
    if "household_id" not in errors_of(data) and data.household_id is not None:
        try:
            household = await get_household(actor, data.household_id)
        except NotFound:
            household = None
    if household is None:
        noted = errors_of(data).get("household_id")
        raise Invalid({"household_id": noted or "Choose a household of your commune."})
    _may_write(actor, household)
    data, disaster = await _checked(data, None)
    values = DAMAGE.values(data)
    del values["household_id"]
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
    # As `get_assessment` would give it, without reading it again: the insert set every
    # column, and its disaster and household (with its hamlet) were read to check it.
    found.disaster, found.household = disaster, household
    return found


def _may_write(actor: Actor, household: Household) -> None:
    if not can(actor).write_commune(household.commune_id):
        raise Forbidden()
    if household.archived_at is not None:
        raise Conflict(ARCHIVED)


def assessment_form_values(found: DamageAssessment) -> dict[str, Any]:
    """An assessment as its edit form shows it (the depth in metres)."""
    return DAMAGE.form_values(found)


async def update_assessment(
    actor: Actor, assessment_id: int, patch: AssessmentPatch
) -> DamageAssessment:
    """Corrects an assessment read at `patch.version` (a stale one is refused): the fields
    sent over those stored, checked as a whole."""
    found = await get_assessment(actor, assessment_id)
    _may_write(actor, found.household)
    version = base_version(patch)
    await versions.check(actor, found, version, entity=ENTITY, audited=AUDITED)
    data, _disaster = await _checked(DAMAGE.merge(found, patch), found.id)
    values = DAMAGE.values(data)
    del values["household_id"]
    return await versions.save(
        actor,
        found,
        version,
        values,
        entity=ENTITY,
        audited=AUDITED,
        reload=lambda: get_assessment(actor, found.id),
    )
