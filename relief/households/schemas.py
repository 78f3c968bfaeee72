"""The API's shapes of households, disasters and damage (a household's writes: records.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from relief.core.actor import Actor
from relief.core.permissions import can
from relief.core.records import Record
from relief.households.labels import FLAGS
from relief.households.models import DamageAssessment, Disaster, Household
from relief.households.records import DAMAGE, DISASTER, HOUSEHOLD

FLAG_NAMES = tuple(FLAGS)


class ArchiveIn(msgspec.Struct):
    """Why a household read at `version` leaves the lists."""

    version: int
    reason: str


class RestoreIn(msgspec.Struct):
    """A household read at `version` to bring back to the lists."""

    version: int


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
    """`total` counts the matches up to 1,000; `more` says that more match (narrow the filters),
    and `pages` then reaches one page past this one while another follows. A search by name in
    the order by name counts none past its page: `total` is the households up to the end of
    this page, `more` says that another page follows."""

    items: list[HouseholdOut]
    total: int
    page: int
    pages: int
    more: bool = False


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


_ASSESSMENT = DAMAGE.out_fields()
_AssessmentOut = msgspec.defstruct(
    "AssessmentOut",
    [
        ("id", int),
        *_ASSESSMENT[:2],  # household_id, disaster_id
        ("commune_id", int),
        ("hamlet_id", int),
        *_ASSESSMENT[2:],  # the depth in metres, each code with its label
        ("version", int),
    ],
    bases=(Record,),
    module=__name__,
    kw_only=True,
)
if TYPE_CHECKING:

    class AssessmentOut(Record): ...

else:
    AssessmentOut = _AssessmentOut


def assessment_out(a: DamageAssessment) -> AssessmentOut:
    return AssessmentOut(
        id=a.id,
        commune_id=a.commune_id,
        hamlet_id=a.hamlet_id,
        **DAMAGE.out_values(a, contacts=True),
        version=a.version,
    )
