"""Stage-completion minutes (Circular 01/2022/TT-BXD, Appendix III) and the tranches they release.

The acceptance board (the commune People's Committee, the commune Fatherland Front and the
hamlet) confirms the foundation (new build) or 30 % of the works (repair), then completion; the
signed minutes release the first and the final tranche of the support (70 % and 30 % by default,
the programme's rule: Circular 55/2023/TT-BTC, Art. 75, is a national-target-programme rule), never
of the family's own money. Their number and date are kept on the stage event they confirm.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from relief.core import versions
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.formatting import local_today
from relief.core.permissions import can
from relief.houses.models import HouseCase, Stage, StageEvent
from relief.houses.service import get_case
from relief.settings import active

FIRST_STAGES = (Stage.FOUNDATION_DONE, Stage.THIRTY_PERCENT_DONE)  # release the first tranche
MINUTES_STAGES = (*FIRST_STAGES, Stage.COMPLETED)
ENTITY = "stage_event"
MINUTES_FIELDS = ["minutes_number", "minutes_on"]
NEEDS_MINUTES = (
    "The first tranche is paid on the signed stage-completion minutes: record their number "
    "and date on the house's foundation (or 30 %) stage first."
)


@dataclass
class StageMinutes:
    case: HouseCase
    event: StageEvent
    stage: Stage
    pledged: int  # everything pledged, the family's own money included
    support: int  # of which the support (state, Fund for the Poor, sponsors)
    tranche: int  # the money this stage releases: a share of the support
    tranche_share: int  # % of the support

    @property
    def own(self) -> int:
        """The family's own money and loan: built with, never paid in tranches."""
        return self.pledged - self.support


async def _event(case: HouseCase, stage: Stage) -> StageEvent | None:
    """The latest move of the case to `stage` (a step back and forth leaves two)."""
    moves = StageEvent.filter(house_case_id=case.id, to_stage=stage)
    return await moves.order_by("-on", "-id").first()


async def stage_minutes_of(actor: Actor, house_id: int, stage: Stage | str) -> StageMinutes:
    """What the minutes of one stage of a house print."""
    from relief.houses.funding import funding_of  # funding imports this module's rule

    try:
        stage = Stage(stage)
    except ValueError:
        raise NotFound("No such stage.") from None
    if stage not in MINUTES_STAGES:
        raise NotFound("No such stage.")
    case = await get_case(actor, house_id)
    event = await _event(case, stage)
    if event is None:
        raise Conflict("The minutes of a stage are printed once the house has reached it.")
    money = await funding_of(actor, house_id)
    first = stage in FIRST_STAGES
    share = money.first_percent if first else 100 - money.first_percent
    tranche = money.first_tranche if first else money.second_tranche
    return StageMinutes(case, event, stage, money.pledged, money.support, tranche, share)


async def record_minutes(
    actor: Actor,
    house_id: int,
    stage: Stage | str,
    number: str | None,
    on: date | None,
    version: int | str | None,
) -> StageEvent:
    """Keeps the number and date of the signed minutes on the stage event they confirm."""
    m = await stage_minutes_of(actor, house_id, stage)
    if not can(actor).write_commune(m.case.commune_id):
        raise Forbidden()
    base_version = versions.required(version)
    await versions.check(actor, m.event, base_version, entity=ENTITY, audited=MINUTES_FIELDS)
    errors: dict[str, str] = {}
    number = (number or "").strip()
    if not number:
        errors["minutes_number"] = "This field is required."
    elif len(number) > 40:
        errors["minutes_number"] = "This text is too long."
    if on is None:
        errors["minutes_on"] = "This field is required."
    elif on > local_today():
        errors["minutes_on"] = "This date is in the future."
    elif on < m.event.on:
        errors["minutes_on"] = "The minutes cannot be signed before the stage was reached."
    if errors:
        raise Invalid(errors)
    return await versions.save(
        actor,
        m.event,
        base_version,
        {"minutes_number": number, "minutes_on": on},
        entity=ENTITY,
        audited=MINUTES_FIELDS,
        commune_id=m.case.commune_id,
        also={"house_case_id": m.case.id},
    )


def tranche_needs_minutes() -> bool:
    settings = active()
    return True if settings is None else settings.tranche_needs_minutes


async def first_tranche_released(case: HouseCase) -> bool:
    """True once the minutes of the foundation (or 30 %) stage are recorded, or not required."""
    if not tranche_needs_minutes():
        return True
    return await StageEvent.filter(
        house_case_id=case.id, to_stage__in=FIRST_STAGES, minutes_number__isnull=False
    ).exists()
