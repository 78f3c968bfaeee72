"""Correcting a contribution booked by mistake: delete it (with a reason) or give it to
another sponsor. Either is audited with the reason; a sponsor left with no contribution to a
house stops seeing it at once, since what a sponsor sees is read from its contributions."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from relief.core import versions
from relief.core.actor import Actor
from relief.core.errors import Forbidden, Invalid
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.houses.funding import (
    CONTRIBUTION_FIELDS,
    ENTITY,
    _check_tranche,
    _lock,
    get_contribution,
)
from relief.houses.models import Contribution, FundingSource, Stage
from relief.sponsors.models import Sponsor

REASON_NEEDED = "Give the reason for this correction."
NAMES_A_SPONSOR = (FundingSource.SPONSOR, FundingSource.FUND_FOR_THE_POOR)


async def _writable(
    actor: Actor, contribution_id: int, version: int | str | None
) -> tuple[Contribution, int]:
    contribution = await get_contribution(actor, contribution_id)
    if not can(actor).write_commune(contribution.house_case.commune_id):
        raise Forbidden()
    base_version = versions.required(version)
    await versions.check(
        actor, contribution, base_version, entity=ENTITY, audited=CONTRIBUTION_FIELDS
    )
    return contribution, base_version


def _reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if not text:
        raise Invalid({"reason": REASON_NEEDED})
    if len(text) > 500:
        raise Invalid({"reason": "This text is too long."})
    return text


async def delete_contribution(
    actor: Actor, contribution_id: int, reason: str | None, version: int | str | None
) -> None:
    """Removes a contribution booked by mistake; its amounts leave the case's funding."""
    contribution, base_version = await _writable(actor, contribution_id, version)
    why = _reason(reason)
    case = contribution.house_case
    async with in_transaction():
        locked = await _lock(case)
        if locked.stage is not Stage.CANCELLED:
            # What stays disbursed must still fit the support that stays (its first tranche
            # before completion).
            await _check_tranche(
                locked,
                contribution.source,
                -contribution.amount_pledged,
                -contribution.amount_disbursed,
            )
        await versions.delete(
            actor,
            contribution,
            base_version,
            entity=ENTITY,
            audited=CONTRIBUTION_FIELDS,
            also={"house_case_id": case.id},
            reason=why,
        )


async def reassign_contribution(
    actor: Actor,
    contribution_id: int,
    sponsor_id: int | None,
    reason: str | None,
    version: int | str | None,
) -> Contribution:
    """Gives a contribution to the sponsor who really made it."""
    contribution, base_version = await _writable(actor, contribution_id, version)
    errors: dict[str, str] = {}
    if contribution.source not in NAMES_A_SPONSOR:
        errors["sponsor_id"] = "Only money from a sponsor or the Fund for the Poor names a sponsor."
    sponsor = None
    if sponsor_id is None:
        errors["sponsor_id"] = "Choose the sponsor."
    else:
        sponsor = await scoped(actor, Sponsor).get_or_none(id=sponsor_id)
        if sponsor is None:
            errors["sponsor_id"] = "No such sponsor."
    try:
        why = _reason(reason)
    except Invalid as exc:
        errors.update(exc.field_errors)
    if errors:
        raise Invalid(errors)
    assert sponsor is not None
    if sponsor.id == contribution.sponsor_id:
        return contribution
    return await versions.save(
        actor,
        contribution,
        base_version,
        {"sponsor_id": sponsor.id},
        entity=ENTITY,
        audited=["sponsor_id"],
        reason=why,
        reload=lambda: get_contribution(actor, contribution.id),
    )
