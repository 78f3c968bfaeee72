"""The API's shapes of households, disasters and damage (a household's writes: records.py)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import msgspec
from msgspec import UNSET

from relief.core.actor import Actor
from relief.core.labels import label
from relief.core.permissions import can
from relief.core.records import Record
from relief.households.labels import FLAGS
from relief.households.models import DamageBand, Disaster, HouseClass, Household
from relief.households.records import DISASTER, HOUSEHOLD

FLAG_NAMES = tuple(FLAGS)
Unset = msgspec.UnsetType


class ArchiveIn(msgspec.Struct):
    """Why a household read at `version` leaves the lists."""

    version: int
    reason: str


class RestoreIn(msgspec.Struct):
    """A household read at `version` to bring back to the lists."""

    version: int


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
    house_class: HouseClass | Unset | None = UNSET
    collapsed: bool | Unset = UNSET
    flooded: bool | Unset = UNSET
    flood_depth_m: float | Unset | None = UNSET
    roof_blown_off: bool | Unset = UNSET
    landslide_relocation: bool | Unset = UNSET
    relocated: bool | Unset = UNSET
    relocated_on: date | Unset | None = UNSET
    dead: int | Unset = UNSET
    missing: int | Unset = UNSET
    injured: int | Unset = UNSET
    estimated_loss: int | Unset = UNSET
    needs: list[str] | Unset = UNSET
    assessed_by: str | Unset = UNSET


_OUT = HOUSEHOLD.out_fields()
_HouseholdOut = msgspec.defstruct(
    "HouseholdOut",
    [
        ("id", int),
        ("commune_id", int),
        _OUT[0],  # hamlet_id, and beside it the hamlet's name
        ("hamlet", str),
        *_OUT[1:],  # each code with its label, in the request's language
        ("archived", bool),
        ("version", int),
        ("url", str),
    ],
    bases=(Record,),
    module=__name__,
    kw_only=True,
)
if TYPE_CHECKING:

    class HouseholdOut(Record): ...

else:
    HouseholdOut = _HouseholdOut


def household_out(h: Household, actor: Actor) -> HouseholdOut:
    """A household as the actor may see it: ID number and phone only under the contacts rule."""
    hamlet = h.hamlet.name if hasattr(h.hamlet, "name") else ""
    values = HOUSEHOLD.out_values(h, contacts=can(actor).see_contacts(h.commune_id))
    return HouseholdOut(
        id=h.id,
        commune_id=h.commune_id,
        hamlet=hamlet,
        **values,
        archived=h.archived_at is not None,
        version=h.version,
        url=f"/households/{h.id}",
    )


class HouseholdPage(msgspec.Struct):
    items: list[HouseholdOut]
    total: int
    page: int
    pages: int


_DisasterOut = msgspec.defstruct(
    "DisasterOut",
    [("id", int), *DISASTER.out_fields(), ("version", int)],
    bases=(Record,),
    module=__name__,
    kw_only=True,
)
if TYPE_CHECKING:

    class DisasterOut(Record): ...

else:
    DisasterOut = _DisasterOut


def disaster_out(d: Disaster) -> DisasterOut:
    return DisasterOut(id=d.id, **DISASTER.out_values(d, contacts=True), version=d.version)


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
