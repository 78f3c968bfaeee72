"""Every kind of write that changes a summary figure, through the services, driven by numbers
(so that Hypothesis can choose and shrink them). A write the rules refuse writes nothing."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from datetime import timedelta

from relief.aid import service as aid
from relief.aid.models import AidGiven, AidVisit
from relief.core.actor import SYSTEM
from relief.core.errors import DomainError
from relief.core.formatting import local_today
from relief.households import damage
from relief.households import service as households
from relief.households.models import DamageAssessment, DamageBand, Disaster, Household
from relief.households.records import HOUSEHOLD
from relief.houses import eligibility, funding, handovers, stages
from relief.houses import service as houses
from relief.houses.models import Contribution, FundingSource, HouseCase, HouseKind, Programme, Stage
from relief.ledger import service as ledger
from relief.ledger.models import Allocation, Channel, Fund, FundLevel
from relief.places.models import Commune, Hamlet, Province
from tests.aid.factories import gift_in, gift_patch, visit_in
from tests.households.factories import assessment_in, assessment_patch
from tests.houses.factories import add_photo_row, approve, move_stage, update_contribution

TODAY = local_today()
CASE_DAY = TODAY - timedelta(days=300)  # the day the cases are proposed
COMMUNES = ("05725", "05716")  # Thần Sa and Võ Nhai: moves cross communes too
LEVELS = [b for b in DamageBand if b is not DamageBand.TO_CONFIRM]


async def _pick(qs, n: int):
    rows = await qs.order_by("id")
    return rows[n % len(rows)] if rows else None


async def hamlets() -> list[Hamlet]:
    """Three hamlets of each commune, alternating."""
    per = [
        list(await Hamlet.filter(commune__code=code).order_by("id").limit(3)) for code in COMMUNES
    ]
    return [h for pair in zip(*per, strict=True) for h in pair]


async def create_household(n: int) -> None:
    places = await hamlets()
    await households.create_household(
        SYSTEM,
        HOUSEHOLD.form(
            {
                "hamlet_id": str(places[n % len(places)].id),
                "head_name": f"Hộ thử {n}",
                "members": str(1 + n % 6),
                "birth_year": str(1940 + n % 60),
                "confirm_duplicate": "1",
                "duplicate_reason": "Hai hộ cùng tên",
                # On the year's list, so that the programmes admit them (houses' eligibility).
                "poverty_status": "poor" if n % 2 else "near_poor",
                "poverty_year": str(CASE_DAY.year),
                "ethnicity": "Tày" if n % 3 == 0 else "Kinh",
                "revolutionary_service": "1" if n % 5 == 0 else "",
            }
        ),
    )


async def edit_household(n: int) -> None:
    h = await _pick(Household.all(), n)
    if h:
        raw = {"head_name": f"Hộ sửa {n}", "version": str(h.version)}
        await households.update_household(SYSTEM, h.id, HOUSEHOLD.body_patch(raw))


async def move_household(n: int) -> None:
    h = await _pick(Household.all(), n)
    places = await hamlets()
    if h:
        raw = {"hamlet_id": str(places[(n // 7) % len(places)].id), "version": str(h.version)}
        await households.update_household(SYSTEM, h.id, HOUSEHOLD.body_patch(raw))


async def archive_or_restore(n: int) -> None:
    h = await _pick(Household.all(), n)
    if h:
        raw = {"version": str(h.version), "reason": "Chuyển đi nơi khác"}
        await households.set_archived(SYSTEM, h.id, raw, archived=h.archived_at is None)


async def assess(n: int) -> None:
    h = await _pick(Household.all(), n)
    disaster = await _pick(Disaster.all(), n // 3)
    if h and disaster:
        level = LEVELS[n % len(LEVELS)].value
        raw = {
            "disaster_id": str(disaster.id),
            "band": level,
            "relocated": "1" if n % 4 == 0 else "",
            "relocated_on": "07/10/2025" if n % 4 == 0 else "",
            "assessed_on": "09/10/2025",
        }
        await damage.create_assessment(SYSTEM, assessment_in(h.id, raw))


async def reassess(n: int) -> None:
    found = await _pick(DamageAssessment.all(), n)
    if found:
        raw = {"band": LEVELS[n % len(LEVELS)].value, "version": str(found.version)}
        await damage.update_assessment(SYSTEM, found.id, assessment_patch(raw, partial=True))


async def visit(n: int) -> None:
    commune = await Commune.get(code=COMMUNES[n % 2])
    who = await _pick(Household.filter(commune_id=commune.id, archived_at__isnull=True), n)
    gifts = [{"household_id": str(who.id), "cash": str(100_000 * (1 + n % 9))}] if who else []
    raw = {
        "commune_id": str(commune.id),
        "visited_on": "11/10/2025",
        "delegation": f"Đoàn {n}",
        "gifts": gifts if n % 3 else [],
    }
    await aid.create_visit(SYSTEM, visit_in(raw))


async def give(n: int) -> None:
    v = await _pick(AidVisit.all(), n)
    if v:
        who = await _pick(Household.filter(commune_id=v.commune_id), n // 5)
        if who:
            raw = {
                "household_id": str(who.id),
                "cash": "200000",
                "goods": "Gạo",
                "goods_value": "1",
            }
            await aid.add_gift(SYSTEM, v.id, gift_in(raw))


async def correct_gift(n: int) -> None:
    row = await _pick(AidGiven.all(), n)
    if row:
        raw = {"version": row.version, "cash": str(50_000 * (n % 11))}
        if n % 2:
            await aid.update_gift(
                SYSTEM, row.id, gift_patch({**raw, "goods": "", "goods_value": "0"})
            )
        else:
            await aid.remove_gift(SYSTEM, row.id, raw)


async def open_case(n: int) -> None:
    h = await _pick(Household.filter(archived_at__isnull=True), n)
    if h:
        # The first programme of the round, from the n-th, that admits the household.
        facts = await eligibility.facts_of(h, CASE_DAY.year)
        rotation = list(Programme)[n % len(Programme) :] + list(Programme)[: n % len(Programme)]
        programme = next(p for p in rotation if eligibility.judge(facts, p).eligible)
        data = houses.CaseInput(
            household_id=h.id,
            programme=programme,
            kind=list(HouseKind)[n % 2],
            area_m2="36",
            hard_foundation=True,
            hard_frame=True,
            hard_roof=True,
            estimated_cost=60_000_000,
            proposed_on=CASE_DAY,
        )
        await houses.open_case(SYSTEM, data)


async def move_case(n: int) -> None:
    """The next stage on the path, or a pause, a resumption, a cancellation."""
    case = await _pick(HouseCase.all(), n)
    if case is None:
        return
    path = stages.path_of(case.kind)
    reason = None
    if n % 7 == 0:
        to, reason = Stage.CANCELLED, "Hộ không còn nhu cầu"
    elif case.stage is Stage.PAUSED:
        to = case.paused_from
    elif n % 5 == 0:
        to, reason = Stage.PAUSED, "Mưa lũ"
    elif case.stage in path and path.index(case.stage) + 1 < len(path):
        to = path[path.index(case.stage) + 1]
    else:
        return
    if to is Stage.HANDED_OVER:
        return
    # Today, or 40 or 80 days ago when the case's stage is older: houses started on several
    # days, some of them late (the kept houses under construction per day started).
    on = max(case.stage_on, TODAY - timedelta(days=40 * (n % 3)))
    if to is Stage.APPROVED:  # by a decision on a beneficiary list, the one way
        await approve(case, on)
        return
    if to is Stage.COMPLETED:
        await add_photo_row(case)
    await move_stage(SYSTEM, case.id, to, on, reason)


async def fund(n: int) -> None:
    case = await _pick(HouseCase.all(), n)
    if case:
        data = funding.ContributionInput(
            source=list(FundingSource)[n % 5], amount_pledged=1_000_000 * (1 + n % 30)
        )
        await funding.add_contribution(SYSTEM, case.id, data)


async def disburse(n: int) -> None:
    c = await _pick(Contribution.all(), n)
    if c:
        await update_contribution(SYSTEM, c.id, c.amount_pledged, c.amount_pledged // 2)


async def hand_over(n: int) -> None:
    ready = await HouseCase.filter(stage=Stage.COMPLETED).order_by("id")
    if ready:
        commune_id = ready[n % len(ready)].commune_id
        ids = [c.id for c in ready if c.commune_id == commune_id]
        data = handovers.HandoverInput(
            commune_id=commune_id,
            held_on=TODAY,
            place="Nhà văn hóa",
            organisers="UBND xã",
            house_ids=ids,
        )
        await handovers.create_handover(SYSTEM, data)


async def _province_fund() -> int | None:
    return (
        await Fund.filter(level=FundLevel.PROVINCE)
        .order_by("id")
        .first()
        .values_list("id", flat=True)
    )


async def allocate(n: int) -> None:
    """Money of the province's fund to an aid visit or a house case, dated in one of the last
    three months (the public books' cells by month)."""
    fund_id = await _province_fund()
    target = await _pick(AidVisit.all(), n) if n % 2 else await _pick(HouseCase.all(), n)
    if fund_id is None or target is None:
        return
    day = TODAY - timedelta(days=n % 90)
    await ledger.allocate(
        SYSTEM,
        ledger.AllocationInput(
            fund_id=fund_id,
            aid_visit_id=target.id if n % 2 else None,
            house_case_id=None if n % 2 else target.id,
            amount=1_000_000 * (1 + n % 8),
            decision_number=f"{n}/QĐ-MTTQ",
            decision_date=day,
            allocated_on=day,
        ),
    )


async def reverse_allocation(n: int) -> None:
    """A live allocation reversed (refused when its money is spent)."""
    live = Allocation.filter(reverses_id=None).exclude(
        id__in=await Allocation.filter(reverses_id__gt=0).values_list("reverses_id", flat=True)
    )
    found = await _pick(live, n)
    if found:
        await ledger.reverse(SYSTEM, "allocation", found.id, "Nhầm quyết định")


WRITES = {
    f.__name__: f
    for f in (
        create_household,
        edit_household,
        move_household,
        archive_or_restore,
        assess,
        reassess,
        visit,
        give,
        correct_gift,
        open_case,
        move_case,
        fund,
        disburse,
        hand_over,
        allocate,
        reverse_allocation,
    )
}


async def run(steps: list[tuple[str, int]]) -> None:
    """Applies the writes in order; those the rules refuse leave nothing behind."""
    for name, n in steps:
        with contextlib.suppress(DomainError):
            await WRITES[name](n)


async def seed() -> None:
    """Two disasters and a few households, so that the first steps have something to touch."""
    from datetime import date

    await Disaster.create(name="Bão số 11 (Matmo)", starts_on=date(2025, 10, 6))
    await Disaster.create(name="Bão số 3 (Yagi)", starts_on=date(2024, 9, 7))
    for n in range(4):
        await create_household(n)
    # Money in the province's fund, for the allocations.
    thai_nguyen = replace(SYSTEM, province_id=(await Province.get(code="19")).id)
    await ledger.record_donation(
        thai_nguyen,
        ledger.DonationInput(
            level=FundLevel.PROVINCE,
            channel=Channel.BANK_TRANSFER,
            amount=10_000_000_000,
            received_on=TODAY - timedelta(days=120),
        ),
    )
