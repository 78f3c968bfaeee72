"""Money for a house: contributions by source, the 70/30 tranche rule, the funding gap."""

from __future__ import annotations

from dataclasses import dataclass, field

from tortoise.functions import Count, Sum
from tortoise.transactions import in_transaction

from relief.core import audit, versions
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.permissions import can
from relief.core.records import errors_of
from relief.core.scope import scoped
from relief.houses.models import Contribution, FundingSource, HouseCase, Stage, Tranche
from relief.houses.records import CONTRIBUTION, ContributionIn, ContributionPatch
from relief.houses.service import get_case
from relief.houses.stage_minutes import NEEDS_MINUTES, first_tranche_released
from relief.houses.stages import FIRST_TRANCHE_SHARE
from relief.sponsors.models import Sponsor

ENTITY = "contribution"
CONTRIBUTION_FIELDS = [*CONTRIBUTION.audited, "tranche"]
PAID_IN_FULL = (Stage.COMPLETED, Stage.HANDED_OVER)
ContributionInput = ContributionIn  # the write of a contribution (relief.houses.records)


@dataclass
class SourceLine:
    source: FundingSource
    pledged: int
    disbursed: int
    labour_days: int


@dataclass
class Funding:
    estimated_cost: int
    pledged: int = 0
    disbursed: int = 0
    labour_days: int = 0
    by_source: list[SourceLine] = field(default_factory=list)

    @property
    def gap(self) -> int:
        """Money still to find: the estimated cost not yet covered by pledges (never negative)."""
        return max(0, self.estimated_cost - self.pledged)

    @property
    def cap_before_completion(self) -> int:
        return self.pledged * FIRST_TRANCHE_SHARE // 100


async def _check_tranche(case: HouseCase, pledged_change: int, disbursed_change: int) -> None:
    """Before completion, at most 70% of a case's pledged money may be disbursed."""
    if case.stage in PAID_IN_FULL:
        return
    if disbursed_change > 0 and not await first_tranche_released(case):
        raise Invalid({"amount_disbursed": NEEDS_MINUTES})
    row = (
        await Contribution.filter(house_case_id=case.id)
        .annotate(p=Sum("amount_pledged"), d=Sum("amount_disbursed"))
        .values("p", "d")
    )
    pledged = int(row[0]["p"] or 0) + pledged_change if row else pledged_change
    disbursed = int(row[0]["d"] or 0) + disbursed_change if row else disbursed_change
    if disbursed * 100 > pledged * FIRST_TRANCHE_SHARE:
        raise Invalid(
            {
                "amount_disbursed": "Before the house is completed at most 70% of the money "
                "pledged for it may be disbursed; the final 30% is paid at completion."
            }
        )


def _tranche(case: HouseCase, disbursed: int, before: int = 0) -> Tranche:
    if case.stage not in PAID_IN_FULL:
        return Tranche.FIRST if disbursed else Tranche.WHOLE
    return Tranche.FINAL if before else Tranche.WHOLE


async def _lock(case: HouseCase) -> HouseCase:
    """The case row, locked until the transaction ends (PostgreSQL; SQLite writes one at a time)."""
    return await HouseCase.filter(id=case.id).select_for_update().get()


async def add_contribution(actor: Actor, house_id: int, data: ContributionIn) -> Contribution:
    case = await get_case(actor, house_id)
    if not can(actor).write_commune(case.commune_id):
        raise Forbidden()
    if case.stage is Stage.CANCELLED:
        raise Conflict("This case is cancelled: it takes no more money.")
    data, errors = CONTRIBUTION.check(data)
    sponsor = None
    if data.sponsor_id is not None and "sponsor_id" not in errors:
        sponsor = await scoped(actor, Sponsor).get_or_none(id=data.sponsor_id)
        if sponsor is None:
            errors["sponsor_id"] = "No such sponsor."
    if errors:
        raise Invalid(errors)
    pledged, disbursed = data.amount_pledged or 0, data.amount_disbursed or 0
    async with in_transaction():
        locked = await _lock(case)
        await _check_tranche(locked, pledged, disbursed)
        contribution = await Contribution.create(
            house_case_id=case.id,
            commune_id=case.commune_id,
            **CONTRIBUTION.values(data),
            tranche=_tranche(locked, disbursed),
        )
        await audit.record(
            actor,
            "create",
            "contribution",
            contribution.id,
            commune_id=case.commune_id,
            after={"house_case_id": case.id, **audit.snapshot(contribution, CONTRIBUTION_FIELDS)},
        )
    return contribution


async def get_contribution(actor: Actor, contribution_id: int) -> Contribution:
    found = (
        await scoped(actor, Contribution)
        .select_related("house_case", "sponsor")
        .get_or_none(id=contribution_id)
    )
    if found is None:
        raise NotFound("No such contribution.")
    return found


async def update_contribution(
    actor: Actor, contribution_id: int, patch: ContributionPatch
) -> Contribution:
    """Records money disbursed (or a corrected pledge, or note) on a contribution read at
    `patch.version`: the fields sent over those stored, within the rules."""
    contribution = await get_contribution(actor, contribution_id)
    case = contribution.house_case
    if not can(actor).write_commune(case.commune_id):
        raise Forbidden()
    if "version" in (noted := errors_of(patch)):
        raise Invalid({"version": noted["version"]})
    base_version = versions.required(patch.version)
    await versions.check(
        actor, contribution, base_version, entity=ENTITY, audited=CONTRIBUTION_FIELDS
    )
    if case.stage is Stage.CANCELLED:
        raise Conflict("This case is cancelled: it takes no more money.")
    data, errors = CONTRIBUTION.check(CONTRIBUTION.merge(contribution, patch))
    if errors:
        raise Invalid(errors)
    pledged, disbursed = data.amount_pledged, data.amount_disbursed
    async with in_transaction():
        locked = await _lock(case)
        await _check_tranche(
            locked,
            pledged - contribution.amount_pledged,
            disbursed - contribution.amount_disbursed,
        )
        values = {
            **CONTRIBUTION.values(data),
            "tranche": _tranche(locked, disbursed, contribution.amount_disbursed),
        }
        return await versions.save(
            actor,
            contribution,
            base_version,
            values,
            entity=ENTITY,
            audited=CONTRIBUTION_FIELDS,
            commune_id=case.commune_id,
            reload=lambda: get_contribution(actor, contribution.id),
        )


async def list_contributions(actor: Actor, house_id: int) -> list[Contribution]:
    case = await get_case(actor, house_id)
    qs = scoped(actor, Contribution).filter(house_case_id=case.id).select_related("sponsor")
    return list(await qs.order_by("id"))


async def funding_of(actor: Actor, house_id: int) -> Funding:
    """Pledged and disbursed by source for one case, in one aggregate query."""
    case = await get_case(actor, house_id)
    rows = (
        await scoped(actor, Contribution)
        .filter(house_case_id=case.id)
        .annotate(
            p=Sum("amount_pledged"),
            d=Sum("amount_disbursed"),
            days=Sum("labour_days"),
            n=Count("id"),
        )
        .group_by("source")
        .values("source", "p", "d", "days")
    )
    funding = Funding(estimated_cost=case.estimated_cost)
    for row in sorted(rows, key=lambda r: list(FundingSource).index(FundingSource(r["source"]))):
        line = SourceLine(
            source=FundingSource(row["source"]),
            pledged=int(row["p"] or 0),
            disbursed=int(row["d"] or 0),
            labour_days=int(row["days"] or 0),
        )
        funding.by_source.append(line)
        funding.pledged += line.pledged
        funding.disbursed += line.disbursed
        funding.labour_days += line.labour_days
    return funding
