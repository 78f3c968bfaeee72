"""Factories of the households and aid tests: actors, form data, disasters, hamlets."""

from __future__ import annotations

from datetime import date
from typing import Any

from relief.core.actor import Actor, Role
from relief.households.models import Disaster, DisasterKind
from relief.households.records import DAMAGE, AssessmentPatch, AssessmentWrite
from relief.places.models import Commune, Hamlet

THAN_SA = "05725"
VAN_LANG = "05665"


async def commune(code: str = THAN_SA) -> Commune:
    return await Commune.get(code=code)


async def hamlet_of(code: str = THAN_SA, index: int = 0) -> Hamlet:
    c = await commune(code)
    return (await Hamlet.filter(commune=c).order_by("name_key"))[index]


async def officer(code: str = THAN_SA, username: str = "thansa") -> Actor:
    """A commune officer's actor (services take actors, not users)."""
    return Actor(role=Role.COMMUNE, commune_id=(await commune(code)).id, username=username)


ADMIN = Actor(role=Role.ADMIN, username="admin")
# Thái Nguyên, the first province the places' loader creates in every test database.
THAI_NGUYEN_ID = 1
PROVINCE = Actor(role=Role.PROVINCE, username="tinh", province_id=THAI_NGUYEN_ID)


async def household_data(**overrides: Any) -> dict[str, Any]:
    """A valid household form of Thần Sa, as posted."""
    hamlet = overrides.pop("hamlet", None) or await hamlet_of()
    data = {
        "hamlet_id": str(hamlet.id),
        "head_name": "Hoàng Văn Thắng",
        "gender": "male",
        "birth_year": "1970",
        "id_number": "019070001234",
        "phone": "0912345678",
        "members": "4",
        "ethnicity": "Tày",
        "poverty_status": "poor",
        "poverty_year": "2025",
        "address_detail": "",
    }
    data.update(overrides)
    return data


async def make_disaster(name: str = "Bão số 11 (Matmo)") -> Disaster:
    return await Disaster.create(
        name=name, kind=DisasterKind.TYPHOON, starts_on=date(2025, 10, 6), ends_on=date(2025, 10, 7)
    )


def damage_data(disaster: Disaster, **overrides: Any) -> dict[str, Any]:
    data = {
        "disaster_id": str(disaster.id),
        "house_class": "less_solid",
        "band": "total",
        "collapsed": "1",
        "relocated": "1",
        "relocated_on": "07/10/2025",
        "estimated_loss": "250.000.000",
        "needs": ["rebuild", "relocation"],
        "assessed_on": "09/10/2025",
        "assessed_by": "Tổ công tác xã",
    }
    data.update(overrides)
    return data


def assessment_in(household_id: int, raw: dict[str, Any]) -> AssessmentWrite:
    """A damage form of a household, as its page reads it."""
    return DAMAGE.form({**raw, "household_id": str(household_id)})


def assessment_patch(raw: dict[str, Any], partial: bool = False) -> AssessmentPatch:
    """An assessment's edit form; `partial`: only the fields in `raw` change."""
    only = [name for name in raw if name != "version"] if partial else None
    return DAMAGE.form_patch(raw, only=only)
