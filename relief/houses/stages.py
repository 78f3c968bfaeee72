"""The stage machine of a house case: the one place that decides which move is legal.

proposed → approved → started → foundation_done (new build) | thirty_percent_done (repair)
         → completed → handed_over (only through a handover)
started / foundation_done / thirty_percent_done ⇄ paused (back to the stage it left)
any stage but handed_over and cancelled → cancelled (with a reason)
one step back: administrators only, with a reason
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tortoise.functions import Sum
from tortoise.transactions import in_transaction

from relief.core import audit, versions
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, Invalid
from relief.core.formatting import local_today
from relief.core.i18n import gettext
from relief.core.permissions import can
from relief.households.models import Household
from relief.houses.models import (
    SUPPORT_SOURCES,
    Contribution,
    HouseCase,
    HouseKind,
    Photo,
    Stage,
    StageEvent,
)
from relief.houses.programmes import first_tranche_percent, rule_problems, rule_source
from relief.houses.service import NAMED, get_case

NEW_BUILD_PATH = [
    Stage.PROPOSED,
    Stage.APPROVED,
    Stage.STARTED,
    Stage.FOUNDATION_DONE,
    Stage.COMPLETED,
    Stage.HANDED_OVER,
]
REPAIR_PATH = [
    Stage.PROPOSED,
    Stage.APPROVED,
    Stage.STARTED,
    Stage.THIRTY_PERCENT_DONE,
    Stage.COMPLETED,
    Stage.HANDED_OVER,
]
PAUSABLE = (Stage.STARTED, Stage.FOUNDATION_DONE, Stage.THIRTY_PERCENT_DONE)
FINAL = (Stage.HANDED_OVER, Stage.CANCELLED)
OVERRIDE_REASON = "Give the written reason for completing the house against the programme's rule."
_DATE_FIELDS = {
    Stage.APPROVED: "approved_on",
    Stage.STARTED: "started_on",
    Stage.FOUNDATION_DONE: "foundation_done_on",
    Stage.THIRTY_PERCENT_DONE: "thirty_percent_done_on",
    Stage.COMPLETED: "completed_on",
    Stage.HANDED_OVER: "handed_over_on",
    Stage.CANCELLED: "cancelled_on",
}
STAGE_FIELDS = [
    "stage",
    "stage_on",
    "paused_from",
    "cancel_reason",
    *_DATE_FIELDS.values(),
    "approval_decision_id",
]
APPROVED_BY_DECISION = (
    "A case is approved only by the commune People's Committee's decision on a beneficiary "
    "list that names the household: record the decision on the list."
)


def path_of(kind: HouseKind) -> list[Stage]:
    return NEW_BUILD_PATH if kind is HouseKind.NEW_BUILD else REPAIR_PATH


def next_stage(case: HouseCase) -> Stage | None:
    path = path_of(case.kind)
    if case.stage not in path or case.stage is Stage.HANDED_OVER:
        return None
    return path[path.index(case.stage) + 1]


def progress(case: HouseCase) -> tuple[int, int]:
    """How far along the path a case is, as (steps done, steps in all), for progress bars."""
    path = path_of(case.kind)
    stage = case.paused_from if case.stage is Stage.PAUSED else case.stage
    done = path.index(stage) if stage in path else 0
    return done, len(path) - 1


@dataclass(frozen=True)
class Move:
    to: Stage
    label: str  # message id of the button
    needs_reason: bool = False


def moves_for(actor: Actor, case: HouseCase) -> list[Move]:
    """The moves to offer on the case page (each is still checked by `check_move`)."""
    if case.stage in FINAL or not can(actor).write_commune(case.commune_id):
        return []
    moves: list[Move] = []
    if case.stage is Stage.PAUSED:
        moves.append(Move(case.paused_from, "Resume"))
    else:
        nxt = next_stage(case)
        # Approved comes from a decision on the beneficiary list; handed over from a handover.
        if nxt is not None and nxt not in (Stage.APPROVED, Stage.HANDED_OVER):
            moves.append(Move(nxt, "Move forward"))
        if case.stage in PAUSABLE:
            moves.append(Move(Stage.PAUSED, "Pause", needs_reason=True))
        path = path_of(case.kind)
        if can(actor).step_back and case.stage in path and path.index(case.stage) > 0:
            moves.append(Move(path[path.index(case.stage) - 1], "Step back", needs_reason=True))
    moves.append(Move(Stage.CANCELLED, "Cancel the case", needs_reason=True))
    return moves


async def rule_problems_of(case: HouseCase) -> list[str]:
    """The programme rule's objections (area for the household's size, "3 cứng")."""
    members = await Household.filter(id=case.household_id).values_list("members", flat=True)
    return await rule_problems(case, members[0] if members else 1)  # type: ignore[arg-type]  # flat=True: values, not tuples


async def completion_problems(case: HouseCase, *, override: bool = False) -> list[str]:
    """What still stands between a case and `completed`; empty when nothing. An override
    lifts the programme's rule, never the photo of the finished house."""
    problems = [] if override else await rule_problems_of(case)
    if not await Photo.exists(house_case_id=case.id, stage=Stage.COMPLETED):
        problems.append(gettext("Add at least one photo of the finished house."))
    return problems


async def support_totals(case_id: int) -> tuple[int, int]:
    """The support pledged to a case and disbursed of it (`SUPPORT_SOURCES`: never the
    family's own money or loan)."""
    row = (
        await Contribution.filter(house_case_id=case_id, source__in=list(SUPPORT_SOURCES))
        .annotate(p=Sum("amount_pledged"), d=Sum("amount_disbursed"))
        .values("p", "d")
    )
    return (int(row[0]["p"] or 0), int(row[0]["d"] or 0)) if row else (0, 0)


async def money_beyond_first_tranche(case: HouseCase) -> bool:
    """More of the support paid out than its first tranche: the final tranche has gone out."""
    pledged, disbursed = await support_totals(case.id)
    return disbursed * 100 > pledged * await first_tranche_percent(case)


async def check_move(
    actor: Actor,
    case: HouseCase,
    to: Stage | None,
    on: date | None,
    reason: str | None,
    *,
    via_handover: bool = False,
    via_decision: bool = False,
    override: bool = False,
) -> None:
    """Raises the first reason why `case` may not move to `to` on `on`; returns if it may."""
    if not can(actor).write_commune(case.commune_id):
        raise Forbidden()
    _check_input(case, to, on)
    assert to is not None
    if case.stage in FINAL:
        raise Conflict("This case is closed: its stage can no longer change.")
    if to is case.stage:
        raise Conflict("The case is already at this stage.")
    if to in (Stage.CANCELLED, Stage.PAUSED) and not (reason or "").strip():
        raise Invalid({"reason": "Give the reason for this move."})
    if to is Stage.CANCELLED:
        return
    if case.stage is Stage.PAUSED:
        if to is not case.paused_from:
            raise Conflict("A paused case resumes at the stage it left, or is cancelled.")
        return
    if to is Stage.PAUSED:
        if case.stage not in PAUSABLE:
            raise Conflict("Only a house under construction can be paused.")
        return
    if to is Stage.HANDED_OVER and not via_handover:
        raise Conflict("A house is handed over only at a handover: record the handover.")
    path = path_of(case.kind)
    if to not in path:
        raise Conflict("This stage does not apply to this kind of works.")
    here, there = path.index(case.stage), path.index(to)
    if there < here:
        await _check_step_back(actor, case, here, there, reason)
    else:
        await _check_forward(actor, case, to, reason, via_decision=via_decision, override=override)


async def _check_forward(
    actor: Actor,
    case: HouseCase,
    to: Stage,
    reason: str | None,
    *,
    via_decision: bool,
    override: bool,
) -> None:
    """A move forward along the path: the next stage only; approved by a decision; completed
    when the programme's rules are met (or overridden)."""
    path = path_of(case.kind)
    here = path.index(case.stage)
    if path.index(to) > here + 1:
        raise Conflict(
            "One stage at a time: the case must first reach the next stage.",
            details={"next": path[here + 1].value},
        )
    if to is Stage.APPROVED and not via_decision:
        raise Conflict(APPROVED_BY_DECISION)
    if to is Stage.COMPLETED:
        await _check_completion(actor, case, reason, override)


def _check_input(case: HouseCase, to: Stage | None, on: date | None) -> None:
    """The stage and the date of a move: given, and the date neither future nor too early."""
    errors: dict[str, str] = {}
    if to is None:
        errors["to"] = "Choose the stage to move to."
    if on is None:
        errors["on"] = "This field is required."
    elif on > local_today():
        errors["on"] = "A stage date cannot be in the future."
    elif on < case.stage_on:
        errors["on"] = "A stage date cannot be earlier than the date of the current stage."
    if errors:
        raise Invalid(errors)


async def _check_step_back(
    actor: Actor, case: HouseCase, here: int, there: int, reason: str | None
) -> None:
    """A move back along the path: an administrator's, one stage, with a reason."""
    if not can(actor).step_back:
        raise Forbidden("Only an administrator can move a case back a stage.")
    if there < here - 1:
        raise Conflict("A case moves back one stage at a time.")
    if not (reason or "").strip():
        raise Invalid({"reason": "Give the reason for this move."})
    if case.stage is Stage.COMPLETED and await money_beyond_first_tranche(case):
        raise Conflict(
            "The final tranche has been disbursed: correct the contributions before "
            "moving the case back."
        )


async def _check_completion(
    actor: Actor, case: HouseCase, reason: str | None, override: bool
) -> None:
    """A move to completed: the programme's rules met, or overridden with a reason."""
    if override:
        if not can(actor).override_rules:
            raise Forbidden("Only the commune or an administrator can override the rule.")
        if not (reason or "").strip():
            raise Invalid({"reason": OVERRIDE_REASON})
    problems = await completion_problems(case, override=override)
    if problems:
        details: dict = {"problems": problems}
        if not override and await rule_problems_of(case):
            details.update(rule_source(case.programme, case.kind))
        raise Conflict("The house cannot be marked completed yet.", details=details)


def _apply(case: HouseCase, to: Stage, on: date, reason: str | None) -> dict:
    """The new stage fields of a case after a legal move."""
    values: dict = {"stage": to, "stage_on": on}
    path = path_of(case.kind)
    if to is Stage.PAUSED:
        values["paused_from"] = case.stage
    elif case.stage is Stage.PAUSED and to is not Stage.CANCELLED:
        values["paused_from"] = None  # resumed: the stage keeps its first date
    elif to is Stage.CANCELLED:
        values.update(cancelled_on=on, cancel_reason=reason.strip() if reason else None)
    elif case.stage in path and to in path and path.index(to) < path.index(case.stage):
        values[_DATE_FIELDS[case.stage]] = None  # stepped back: the stage left is undone
        if case.stage is Stage.APPROVED:
            values["approval_decision_id"] = None
    else:
        values[_DATE_FIELDS[to]] = on
    return values


async def record_move(
    actor: Actor,
    case: HouseCase,
    to: Stage,
    on: date,
    reason: str | None,
    version: int,
    **extra,
) -> HouseCase:
    """Writes a checked move made on `version`: fields, stage event, audit, in one transaction."""
    why = (reason or "").strip() or None
    values = {**_apply(case, to, on, reason), **extra}

    async def event(moved: HouseCase) -> None:
        await StageEvent.create(
            house_case_id=case.id,
            commune_id=case.commune_id,
            from_stage=case.stage,
            to_stage=to,
            on=on,
            by_id=actor.user_id,
            reason=why,
        )

    return await versions.save(
        actor,
        case,
        version,
        values,
        entity="house_case",
        audited=STAGE_FIELDS,
        action="stage",
        reason=why,
        then=event,
    )


async def approve_by_decision(
    actor: Actor, case: HouseCase, on: date, decision_id: int
) -> HouseCase:
    """Approves a proposed case by the People's Committee's decision `decision_id` signed
    `on` (the beneficiaries area calls this inside the decision's transaction): the one way a
    case reaches "approved". A case opened after the decision is approved on its own date."""
    on = max(on, case.stage_on)
    await check_move(actor, case, Stage.APPROVED, on, None, via_decision=True)
    return await record_move(
        actor, case, Stage.APPROVED, on, None, case.version, approval_decision_id=decision_id
    )


async def move_stage(
    actor: Actor,
    house_id: int,
    to: Stage | str | None,
    on: date | None,
    reason: str | None = None,
    version: int | str | None = None,
    override: bool = False,
) -> HouseCase:
    """Moves a case to another stage if the machine allows it; otherwise nothing changes.

    `override` (with a reason) completes a house that the programme's rule would refuse."""
    # With the records the answer names (household, commune, hamlet): the checks read none.
    case = await get_case(actor, house_id, NAMED)
    try:
        target = Stage(to) if to else None
    except ValueError:
        raise Invalid({"to": "Choose one of the options."}) from None
    base_version = versions.required(version)
    await versions.check(actor, case, base_version, entity="house_case", audited=STAGE_FIELDS)
    override = override and target is Stage.COMPLETED
    await check_move(actor, case, target, on, reason, override=override)
    assert target is not None and on is not None
    overridden = await rule_problems_of(case) if override else []
    extra = {"rule_override_reason": (reason or "").strip()} if overridden else {}
    async with in_transaction():
        moved = await record_move(actor, case, target, on, reason, base_version, **extra)
        if overridden:
            await audit.record(
                actor,
                "override_rule",
                "house_case",
                case.id,
                commune_id=case.commune_id,
                after={"rule": overridden},
                reason=(reason or "").strip(),
            )
    # This move's row (read inside its transaction: its version, and its commune should the
    # household have moved meanwhile, which changes no version) with the records the case was
    # read with: a move changes none of them, so they are not read again.
    for related in NAMED:
        setattr(moved, related, getattr(case, related))
    return moved
