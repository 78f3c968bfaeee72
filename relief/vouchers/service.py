"""Vouchers (phiếu chi): each tranche of a house's support paid to the household.

The amount of a voucher is never typed: it is the tranche as the house's funding computes it
(`relief.houses.funding.Funding`: the first tranche, the programme's share of the support;
the second, the rest of it), split over the support's sources in proportion to what each
pledged. The first tranche is paid once the house has reached the stage that releases it
(the foundation of a new build, 30 % of a repair), the second once it is completed; with
`RELIEF_TRANCHE_NEEDS_MINUTES` (on by default) each also waits for the signed minutes of that
stage. A tranche is paid once. The voucher's number runs per commune and year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from relief.core import audit, versions
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.permissions import can
from relief.core.records import base_version, errors_of
from relief.core.scope import scoped
from relief.houses.funding import Funding, funding_of
from relief.houses.models import (
    SUPPORT_SOURCES,
    FundingSource,
    HouseCase,
    HouseKind,
    Stage,
    StageEvent,
)
from relief.houses.service import get_case
from relief.houses.stage_minutes import (
    NEEDS_MINUTES,
    first_tranche_released,
    tranche_needs_minutes,
)
from relief.houses.stages import path_of
from relief.vouchers.models import Voucher, VoucherTranche
from relief.vouchers.records import VOUCHER, VoucherIn, VoucherPatch

ENTITY = "voucher"
VOUCHER_FIELDS = [*VOUCHER.audited, "amount", "number", "split"]
FIRST_STAGE = {
    HouseKind.NEW_BUILD: Stage.FOUNDATION_DONE,
    HouseKind.REPAIR: Stage.THIRTY_PERCENT_DONE,
}
BEFORE_FIRST_STAGE = (
    "The first tranche is paid once the house has reached its stage (the foundation of a new "
    "build, 30 % of a repair)."
)
BEFORE_COMPLETION = "The second tranche is paid once the house is completed."
NEEDS_COMPLETION_MINUTES = (
    "The second tranche is paid on the signed completion minutes: record their number and "
    "date on the house's completion stage first."
)
NO_SUPPORT = "No support is pledged for this house: there is no tranche to pay."
PAID_ONCE = "This tranche is already paid: a tranche is paid by one voucher only."
CANCELLED = "This case is cancelled: it takes no more money."
TRIES = 5  # a number taken by another voucher of the commune at the same moment: try the next


@dataclass
class TrancheLine:
    """A tranche of a house: what is due, whether its stage released it, its voucher."""

    tranche: VoucherTranche
    share: int  # % of the support
    due: int
    stage: Stage  # the stage that releases it
    voucher: Voucher | None = None

    @property
    def paid(self) -> int:
        return self.voucher.amount if self.voucher else 0


@dataclass
class SourcePayment:
    """One source of the support: pledged, disbursed on its contributions, paid by vouchers."""

    source: FundingSource
    pledged: int
    disbursed: int
    paid: int

    @property
    def difference(self) -> int:
        """Disbursed on the contributions but not on a voucher (negative: the other way)."""
        return self.disbursed - self.paid


@dataclass
class HousePayments:
    case: HouseCase
    funding: Funding
    tranches: list[TrancheLine]
    by_source: list[SourcePayment] = field(default_factory=list)

    @property
    def paid(self) -> int:
        return sum(t.paid for t in self.tranches)

    @property
    def balance(self) -> int:
        """The support not paid by a voucher yet."""
        return self.funding.support - self.paid

    @property
    def differences(self) -> list[SourcePayment]:
        return [s for s in self.by_source if s.difference]

    def line(self, tranche: VoucherTranche | str) -> TrancheLine:
        return next(t for t in self.tranches if t.tranche == VoucherTranche(tranche))


def _due(money: Funding, tranche: VoucherTranche, paid_first: int | None) -> int:
    """The tranche computed on the support; the second never takes the whole paid beyond it."""
    if tranche is VoucherTranche.FIRST:
        return money.first_tranche
    if paid_first is None:
        return money.second_tranche
    return max(0, min(money.second_tranche, money.support - paid_first))


def split(money: Funding, amount: int) -> dict[str, int]:
    """The amount over the support's sources, in proportion to what each pledged (the
    rounding's đồng to the largest)."""
    lines = [s for s in money.by_source if s.is_support and s.pledged > 0]
    if not lines or money.support <= 0:
        return {}
    parts = {s.source.value: amount * s.pledged // money.support for s in lines}
    largest = max(lines, key=lambda s: s.pledged).source.value
    parts[largest] += amount - sum(parts.values())
    return parts


async def _vouchers_of(case_id: int) -> dict[VoucherTranche, Voucher]:
    found = await Voucher.filter(house_case_id=case_id)
    return {VoucherTranche(v.tranche): v for v in found}


async def payments_of(actor: Actor, house_id: int) -> HousePayments:
    """A house's tranches (due, paid by which voucher) and what was paid per funding source
    against what its contributions say was disbursed."""
    case = await get_case(actor, house_id)
    money = await funding_of(actor, house_id)
    paid = await _vouchers_of(case.id)
    first = paid.get(VoucherTranche.FIRST)
    tranches = [
        TrancheLine(
            VoucherTranche.FIRST,
            money.first_percent,
            _due(money, VoucherTranche.FIRST, None),
            FIRST_STAGE[HouseKind(case.kind)],
            first,
        ),
        TrancheLine(
            VoucherTranche.SECOND,
            100 - money.first_percent,
            _due(money, VoucherTranche.SECOND, first.amount if first else None),
            Stage.COMPLETED,
            paid.get(VoucherTranche.SECOND),
        ),
    ]
    view = HousePayments(case, money, tranches)
    for line in money.by_source:
        if not line.is_support:
            continue
        by_vouchers = sum(int(v.split.get(line.source.value, 0)) for v in paid.values())
        view.by_source.append(SourcePayment(line.source, line.pledged, line.disbursed, by_vouchers))
    return view


def _reached(case: HouseCase, stage: Stage) -> bool:
    path = path_of(HouseKind(case.kind))
    current = case.paused_from if case.stage is Stage.PAUSED else case.stage
    return current in path and stage in path and path.index(current) >= path.index(stage)


async def _released(case: HouseCase, tranche: VoucherTranche) -> str | None:
    """Why the tranche cannot be paid yet (a message id), or None."""
    if tranche is VoucherTranche.FIRST:
        if not _reached(case, FIRST_STAGE[HouseKind(case.kind)]):
            return BEFORE_FIRST_STAGE
        return None if await first_tranche_released(case) else NEEDS_MINUTES
    if not _reached(case, Stage.COMPLETED):
        return BEFORE_COMPLETION
    if tranche_needs_minutes() and not await StageEvent.exists(
        house_case_id=case.id, to_stage=Stage.COMPLETED, minutes_number__isnull=False
    ):
        return NEEDS_COMPLETION_MINUTES
    return None


async def _next_seq(commune_id: int, year: int) -> int:
    last = await Voucher.filter(commune_id=commune_id, year=year).order_by("-seq").first()
    return (last.seq if last else 0) + 1


async def issue_voucher(actor: Actor, house_id: int, data: VoucherIn) -> Voucher:
    """Pays a tranche of a house by a voucher: its amount is the tranche of the support."""
    case = await get_case(actor, house_id)
    if not can(actor).write_commune(case.commune_id):
        raise Forbidden()
    data, errors = VOUCHER.check(data)
    if errors:
        raise Invalid(errors)
    if case.stage is Stage.CANCELLED:
        raise Conflict(CANCELLED)
    tranche = VoucherTranche(data.tranche)
    if await Voucher.exists(house_case_id=case.id, tranche=tranche):
        raise Conflict(PAID_ONCE)
    if (why := await _released(case, tranche)) is not None:
        raise Invalid({"tranche": why})
    for _ in range(TRIES):
        try:
            return await _issue(actor, case, data, tranche)
        except IntegrityError:
            if await Voucher.exists(house_case_id=case.id, tranche=tranche):
                raise Conflict(PAID_ONCE) from None
    raise Conflict("The voucher could not be numbered: please try again.")


async def _issue(
    actor: Actor, case: HouseCase, data: VoucherIn, tranche: VoucherTranche
) -> Voucher:
    async with in_transaction():
        await HouseCase.filter(id=case.id).select_for_update().get()  # one payment at a time
        view = await payments_of(actor, case.id)
        line = view.line(tranche)
        if line.voucher is not None:
            raise Conflict(PAID_ONCE)
        if line.due <= 0:
            raise Invalid({"tranche": NO_SUPPORT})
        paid_on: date = data.paid_on
        seq = await _next_seq(case.commune_id, paid_on.year)
        voucher = await Voucher.create(
            house_case_id=case.id,
            commune_id=case.commune_id,
            **VOUCHER.values(data),
            amount=line.due,
            split=split(view.funding, line.due),
            year=paid_on.year,
            seq=seq,
            number=f"PC-{paid_on.year}-{seq:04d}",
        )
        await audit.record(
            actor,
            "create",
            ENTITY,
            voucher.id,
            commune_id=case.commune_id,
            after={"house_case_id": case.id, **audit.snapshot(voucher, VOUCHER_FIELDS)},
        )
    return voucher


async def get_voucher(actor: Actor, voucher_id: int) -> Voucher:
    found = (
        await scoped(actor, Voucher)
        .select_related("house_case__household", "house_case__hamlet", "commune")
        .get_or_none(id=voucher_id)
    )
    if found is None:
        raise NotFound("No such voucher.")
    return found


async def update_voucher(actor: Actor, voucher_id: int, patch: VoucherPatch) -> Voucher:
    """The receiver's signature (and date), the payer, the receiver or the note of a voucher
    read at `patch.version`; its tranche, date and amount never change."""
    voucher = await get_voucher(actor, voucher_id)
    if not can(actor).write_commune(voucher.commune_id):
        raise Forbidden()
    version = base_version(patch)
    await versions.check(actor, voucher, version, entity=ENTITY, audited=VOUCHER_FIELDS)
    data, errors = VOUCHER.check(VOUCHER.merge(voucher, patch))
    errors.update(errors_of(patch))
    errors.pop("version", None)
    if errors:
        raise Invalid(errors)
    values = {k: v for k, v in VOUCHER.values(data).items() if k not in ("tranche", "paid_on")}
    return await versions.save(
        actor,
        voucher,
        version,
        values,
        entity=ENTITY,
        audited=VOUCHER_FIELDS,
        commune_id=voucher.commune_id,
        also={"house_case_id": voucher.house_case_id},
        reload=lambda: get_voucher(actor, voucher.id),
    )


async def vouchers_of_period(
    actor: Actor, commune_id: int, start: date, end: date
) -> list[Voucher]:
    """The vouchers a commune paid in a period, by hamlet and household: the sign-for-receipt
    list."""
    return list(
        await scoped(actor, Voucher)
        .filter(commune_id=commune_id, paid_on__gte=start, paid_on__lte=end)
        .select_related("house_case__household", "house_case__hamlet")
        .order_by("house_case__hamlet__name", "house_case__household__head_name_key", "tranche")
    )


def support_sources() -> list[FundingSource]:
    return [s for s in FundingSource if s in SUPPORT_SOURCES]
