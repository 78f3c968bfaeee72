"""Money for a house: contributions by source, the support and its two tranches (70/30 by
default, the programme's rule), the funding gap."""

from __future__ import annotations

from dataclasses import dataclass, field

from tortoise.functions import Count, Sum
from tortoise.transactions import in_transaction

from relief.core import audit, versions
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.i18n import gettext
from relief.core.permissions import can
from relief.core.records import errors_of
from relief.core.scope import scoped
from relief.houses.models import (
    DEFAULT_FIRST_TRANCHE_PERCENT,
    SUPPORT_SOURCES,
    Contribution,
    FundingSource,
    HouseCase,
    Stage,
    Tranche,
)
from relief.houses.programmes import first_tranche_percent
from relief.houses.records import CONTRIBUTION, ContributionIn, ContributionPatch
from relief.houses.service import get_case
from relief.houses.stage_minutes import NEEDS_MINUTES, first_tranche_released
from relief.houses.stages import support_totals
from relief.sponsors.models import Sponsor

ENTITY = "contribution"
CONTRIBUTION_FIELDS = [*CONTRIBUTION.audited, "tranche"]
PAID_IN_FULL = (Stage.COMPLETED, Stage.HANDED_OVER)
ContributionInput = ContributionIn  # the write of a contribution (relief.houses.records)
BEYOND_FIRST_TRANCHE = (
    "Before the house is completed at most {percent}% of the support pledged for it (state "
    "budget, Fund for the Poor, sponsors) may be disbursed; the rest is paid at completion."
)


@dataclass
class SourceLine:
    source: FundingSource
    pledged: int
    disbursed: int
    labour_days: int

    @property
    def is_support(self) -> bool:
        return self.source in SUPPORT_SOURCES


@dataclass
class Funding:
    estimated_cost: int
    first_percent: int = DEFAULT_FIRST_TRANCHE_PERCENT  # of the support (programme's rule)
    pledged: int = 0  # everything pledged, the family's own money included
    disbursed: int = 0
    support: int = 0  # pledged by the state, the Fund for the Poor and sponsors
    support_disbursed: int = 0
    labour_days: int = 0
    by_source: list[SourceLine] = field(default_factory=list)

    @property
    def gap(self) -> int:
        """Money still to find: the estimated cost not yet covered by pledges (never negative)."""
        return max(0, self.estimated_cost - self.pledged)

    @property
    def own(self) -> int:
        """The family's own money and its policy-bank loan: no tranche is a share of it."""
        return self.pledged - self.support

    @property
    def first_tranche(self) -> int:
        """Paid on the foundation's (or 30 %'s) minutes: the programme's share of the support."""
        return self.support * self.first_percent // 100

    @property
    def second_tranche(self) -> int:
        """Paid at completion: the rest of the support."""
        return self.support - self.first_tranche

    @property
    def cap_before_completion(self) -> int:
        return self.first_tranche


async def _check_tranche(
    case: HouseCase, source: FundingSource, pledged_change: int, disbursed_change: int
) -> None:
    """Before completion, at most the first tranche of the support may be disbursed; the
    family's own money and loan are not the commune's to pay in tranches."""
    if case.stage in PAID_IN_FULL or source not in SUPPORT_SOURCES:
        return
    if disbursed_change > 0 and not await first_tranche_released(case):
        raise Invalid({"amount_disbursed": NEEDS_MINUTES})
    pledged, disbursed = await support_totals(case.id)
    pledged, disbursed = pledged + pledged_change, disbursed + disbursed_change
    percent = await first_tranche_percent(case)
    if disbursed * 100 > pledged * percent:
        raise Invalid({"amount_disbursed": gettext(BEYOND_FIRST_TRANCHE, percent=percent)})


def _tranche(case: HouseCase, source: FundingSource, disbursed: int, before: int = 0) -> Tranche:
    if source not in SUPPORT_SOURCES:
        return Tranche.WHOLE  # the family's own money, a loan, labour: paid as it comes
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
        await _check_tranche(locked, data.source, pledged, disbursed)
        contribution = await Contribution.create(
            house_case_id=case.id,
            commune_id=case.commune_id,
            **CONTRIBUTION.values(data),
            tranche=_tranche(locked, data.source, disbursed),
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
            contribution.source,
            pledged - contribution.amount_pledged,
            disbursed - contribution.amount_disbursed,
        )
        values = {
            **CONTRIBUTION.values(data),
            "tranche": _tranche(
                locked, contribution.source, disbursed, contribution.amount_disbursed
            ),
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
    funding = Funding(
        estimated_cost=case.estimated_cost, first_percent=await first_tranche_percent(case)
    )
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
        if line.is_support:
            funding.support += line.pledged
            funding.support_disbursed += line.disbursed
        funding.labour_days += line.labour_days
    return funding
