"""Input parsing (forms and JSON alike) and API output shapes of households."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import msgspec
from msgspec import UNSET

from relief.core.actor import Actor
from relief.core.forms import Form
from relief.core.labels import label
from relief.core.permissions import can
from relief.core.text import name_error, normalize_text
from relief.core.web import MAX_ID
from relief.households import labels as _registered  # noqa: F401 (the area's words)
from relief.households.identity import clean_id_number, clean_phone, id_number_error, phone_error
from relief.households.models import (
    DamageBand,
    DisasterKind,
    Gender,
    HouseClass,
    Household,
    PovertyStatus,
)

FLAG_NAMES = ("revolutionary_service", "martyr_family", "social_protection", "especially_hard")
OLDEST_BIRTH_YEAR = 1900


@dataclass
class HouseholdInput:
    hamlet_id: int | None
    head_name: str
    gender: Gender | None
    birth_year: int | None
    id_number: str | None
    phone: str | None
    members: int | None
    ethnicity: str
    poverty_status: PovertyStatus
    poverty_year: int | None
    address_detail: str
    flags: dict[str, bool]
    confirm_duplicate: bool
    duplicate_reason: str


def read_household(form: Form, today: date) -> HouseholdInput:
    """Every field of a household form, each error recorded against its field."""
    head_name = normalize_text(form.text("head_name", required=True, max_length=120))
    if error := name_error(head_name):
        form.errors.setdefault("head_name", error)
    gender = form.choice("gender", Gender)
    birth_year = form.integer("birth_year", min=OLDEST_BIRTH_YEAR, max=today.year)
    if "birth_year" in form.errors and form.errors["birth_year"] != "Enter a whole number.":
        form.errors["birth_year"] = "Enter a birth year between 1900 and this year."
    id_number = clean_id_number(form.raw("id_number")) or None
    if id_number is not None:
        error = id_number_error(
            id_number, None if "birth_year" in form.errors else birth_year, gender
        )
        if error:
            form.errors["id_number"] = error
    phone = clean_phone(form.raw("phone")) or None
    if phone is not None and (error := phone_error(phone)):
        form.errors["phone"] = error
    members = form.integer("members", required=True, min=1, max=30)
    if "members" in form.errors and form.errors["members"] == "This number is out of range.":
        form.errors["members"] = "A household has 1 to 30 members."
    poverty = form.choice("poverty_status", PovertyStatus) or PovertyStatus.NONE
    poverty_year = form.integer("poverty_year", min=2000, max=today.year + 1)
    if poverty is PovertyStatus.NONE:
        poverty_year = None
        form.errors.pop("poverty_year", None)
    hamlet_id = form.integer("hamlet_id", required=True, min=1, max=MAX_ID)
    if "hamlet_id" in form.errors:
        form.errors["hamlet_id"] = "Choose the hamlet."
        hamlet_id = None
    return HouseholdInput(
        hamlet_id=hamlet_id,
        head_name=head_name,
        gender=gender,
        birth_year=birth_year,
        id_number=id_number,
        phone=phone,
        members=members,
        ethnicity=normalize_text(form.text("ethnicity", max_length=40)),
        poverty_status=poverty,
        poverty_year=poverty_year,
        address_detail=normalize_text(form.text("address_detail")),
        flags={name: form.boolean(name) for name in FLAG_NAMES},
        confirm_duplicate=form.boolean("confirm_duplicate"),
        duplicate_reason=form.text("duplicate_reason", max_length=500),
    )


def household_form_values(household: Household) -> dict[str, Any]:
    """A stored household as the form shows it (and as a partial API update starts from)."""
    values: dict[str, Any] = {
        "hamlet_id": str(household.hamlet_id),
        "head_name": household.head_name,
        "gender": household.gender.value if household.gender else "",
        "birth_year": "" if household.birth_year is None else str(household.birth_year),
        "id_number": household.id_number or "",
        "phone": household.phone or "",
        "members": str(household.members),
        "ethnicity": household.ethnicity,
        "poverty_status": household.poverty_status.value,
        "poverty_year": "" if household.poverty_year is None else str(household.poverty_year),
        "address_detail": household.address_detail,
        "version": str(household.version),
    }
    for name in FLAG_NAMES:
        values[name] = "1" if getattr(household, name) else ""
    return values


Unset = msgspec.UnsetType


class HouseholdIn(msgspec.Struct):
    """A household to register; a likely duplicate needs confirm_duplicate and a reason."""

    hamlet_id: int
    head_name: str
    members: int
    gender: Gender | None = None
    birth_year: int | None = None
    id_number: str | None = None
    phone: str | None = None
    ethnicity: str = ""
    poverty_status: PovertyStatus = PovertyStatus.NONE
    poverty_year: int | None = None
    address_detail: str = ""
    revolutionary_service: bool = False
    martyr_family: bool = False
    social_protection: bool = False
    especially_hard: bool = False
    confirm_duplicate: bool = False
    duplicate_reason: str = ""


class HouseholdPatch(msgspec.Struct):
    """The fields to change of a household read at `version`; fields left out keep theirs."""

    version: int
    hamlet_id: int | Unset = UNSET
    head_name: str | Unset = UNSET
    members: int | Unset = UNSET
    gender: Gender | None | Unset = UNSET
    birth_year: int | None | Unset = UNSET
    id_number: str | None | Unset = UNSET
    phone: str | None | Unset = UNSET
    ethnicity: str | Unset = UNSET
    poverty_status: PovertyStatus | Unset = UNSET
    poverty_year: int | None | Unset = UNSET
    address_detail: str | Unset = UNSET
    revolutionary_service: bool | Unset = UNSET
    martyr_family: bool | Unset = UNSET
    social_protection: bool | Unset = UNSET
    especially_hard: bool | Unset = UNSET
    confirm_duplicate: bool | Unset = UNSET
    duplicate_reason: str | Unset = UNSET


class ArchiveIn(msgspec.Struct):
    """Why a household read at `version` leaves the lists."""

    version: int
    reason: str


class RestoreIn(msgspec.Struct):
    """A household read at `version` to bring back to the lists."""

    version: int


class DisasterIn(msgspec.Struct):
    """A disaster to record."""

    name: str
    kind: DisasterKind
    starts_on: date
    ends_on: date | None = None
    description: str = ""


class DisasterPatch(msgspec.Struct):
    """The fields to change of a disaster read at `version`; fields left out keep theirs."""

    version: int
    name: str | Unset = UNSET
    kind: DisasterKind | Unset = UNSET
    starts_on: date | Unset = UNSET
    ends_on: date | None | Unset = UNSET
    description: str | Unset = UNSET


class AssessmentIn(msgspec.Struct):
    """A household's damage in one disaster (one assessment per household and disaster)."""

    household_id: int
    disaster_id: int
    band: DamageBand
    assessed_on: date
    house_class: HouseClass | None = None
    collapsed: bool = False  # only with the band "total"
    flooded: bool = False
    flood_depth_m: float | None = None
    roof_blown_off: bool = False
    landslide_relocation: bool = False
    relocated: bool = False
    relocated_on: date | None = None
    dead: int = 0
    missing: int = 0
    injured: int = 0
    estimated_loss: int = 0
    needs: list[str] = []
    assessed_by: str = ""


class AssessmentPatch(msgspec.Struct):
    """The fields to correct of an assessment read at `version`."""

    version: int
    disaster_id: int | Unset = UNSET
    band: DamageBand | Unset = UNSET
    assessed_on: date | Unset = UNSET
    house_class: HouseClass | None | Unset = UNSET
    collapsed: bool | Unset = UNSET
    flooded: bool | Unset = UNSET
    flood_depth_m: float | None | Unset = UNSET
    roof_blown_off: bool | Unset = UNSET
    landslide_relocation: bool | Unset = UNSET
    relocated: bool | Unset = UNSET
    relocated_on: date | None | Unset = UNSET
    dead: int | Unset = UNSET
    missing: int | Unset = UNSET
    injured: int | Unset = UNSET
    estimated_loss: int | Unset = UNSET
    needs: list[str] | Unset = UNSET
    assessed_by: str | Unset = UNSET


class HouseholdOut(msgspec.Struct):
    id: int
    commune_id: int
    hamlet_id: int
    hamlet: str
    head_name: str
    gender: str | None
    gender_label: str  # the label of each code, in the request's language
    birth_year: int | None
    id_number: str | None
    phone: str | None
    members: int
    ethnicity: str
    poverty_status: str
    poverty_status_label: str
    poverty_year: int | None
    revolutionary_service: bool
    martyr_family: bool
    social_protection: bool
    especially_hard: bool
    address_detail: str
    archived: bool
    version: int
    url: str


def household_out(h: Household, actor: Actor) -> HouseholdOut:
    """A household as the actor may see it: ID number and phone only under the contacts rule."""
    hamlet = h.hamlet.name if hasattr(h.hamlet, "name") else ""
    contacts = can(actor).see_contacts(h.commune_id)
    return HouseholdOut(
        id=h.id,
        commune_id=h.commune_id,
        hamlet_id=h.hamlet_id,
        hamlet=hamlet,
        head_name=h.head_name,
        gender=h.gender.value if h.gender else None,
        gender_label=label(h.gender),
        birth_year=h.birth_year,
        id_number=h.id_number if contacts else None,
        phone=h.phone if contacts else None,
        members=h.members,
        ethnicity=h.ethnicity,
        poverty_status=h.poverty_status.value,
        poverty_status_label=label(h.poverty_status),
        poverty_year=h.poverty_year,
        revolutionary_service=h.revolutionary_service,
        martyr_family=h.martyr_family,
        social_protection=h.social_protection,
        especially_hard=h.especially_hard,
        address_detail=h.address_detail,
        archived=h.archived_at is not None,
        version=h.version,
        url=f"/households/{h.id}",
    )


class HouseholdPage(msgspec.Struct):
    items: list[HouseholdOut]
    total: int
    page: int
    pages: int


class DisasterOut(msgspec.Struct):
    id: int
    name: str
    kind: str
    kind_label: str
    starts_on: str
    ends_on: str | None
    description: str
    version: int


def disaster_out(d) -> DisasterOut:
    return DisasterOut(
        id=d.id,
        name=d.name,
        kind=d.kind.value,
        kind_label=label(d.kind),
        starts_on=d.starts_on.isoformat(),
        ends_on=d.ends_on.isoformat() if d.ends_on else None,
        description=d.description,
        version=d.version,
    )


class AssessmentOut(msgspec.Struct):
    id: int
    household_id: int
    disaster_id: int
    commune_id: int
    hamlet_id: int
    house_class: str | None
    house_class_label: str
    band: str
    band_label: str
    collapsed: bool
    flooded: bool
    flood_depth_m: float | None
    roof_blown_off: bool
    landslide_relocation: bool
    relocated: bool
    relocated_on: str | None
    dead: int
    missing: int
    injured: int
    estimated_loss: int
    needs: list[str]
    assessed_on: str
    assessed_by: str
    version: int


def assessment_out(a) -> AssessmentOut:
    return AssessmentOut(
        id=a.id,
        household_id=a.household_id,
        disaster_id=a.disaster_id,
        commune_id=a.commune_id,
        hamlet_id=a.hamlet_id,
        house_class=a.house_class.value if a.house_class else None,
        house_class_label=label(a.house_class),
        band=a.band.value,
        band_label=label(a.band),
        collapsed=a.collapsed,
        flooded=a.flooded,
        flood_depth_m=a.flood_depth_cm / 100 if a.flood_depth_cm is not None else None,
        roof_blown_off=a.roof_blown_off,
        landslide_relocation=a.landslide_relocation,
        relocated=a.relocated,
        relocated_on=a.relocated_on.isoformat() if a.relocated_on else None,
        dead=a.dead,
        missing=a.missing,
        injured=a.injured,
        estimated_loss=a.estimated_loss,
        needs=list(a.needs or []),
        assessed_on=a.assessed_on.isoformat(),
        assessed_by=a.assessed_by,
        version=a.version,
    )
