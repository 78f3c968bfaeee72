"""A commune's year of books: donations, allocations and spending, through the services."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from relief.aid import service as aid_service
from relief.core.actor import SYSTEM, Actor, Role
from relief.core.formatting import local_today
from relief.houses import funding
from relief.houses.models import HouseCase, Stage
from relief.ledger import service
from relief.ledger.models import Allocation, Channel, Donation, FundLevel
from relief.places.models import Commune, Province
from tests.aid.factories import visit_in
from tests.factories import actor_for, make_household, make_sponsor, make_user
from tests.houses.factories import case_at, move_stage, update_contribution

THAN_SA = "05725"


async def for_thai_nguyen() -> Actor:
    """The system acting for Thái Nguyên (19): a province-level gift goes to its fund."""
    return replace(SYSTEM, province_id=(await Province.get(code="19")).id)


async def front_officer(commune_code: str | None = THAN_SA) -> Actor:
    """A Front officer of a commune, or of the province when no commune is given."""
    user = await make_user(Role.FRONT, commune_code=commune_code)
    return actor_for(user)


@dataclass
class Year:
    front: Actor
    commune: Commune
    house_a: HouseCase
    house_b: HouseCase
    visit_id: int
    donations: list[Donation]
    allocations: list[Allocation]


async def a_commune_year() -> Year:
    """Three channels into two fund levels, allocated to two houses and a visit, part spent.

    Commune fund: 100 M by bank transfer (Báo Xây dựng), 20 M cash (anonymous), goods valued
    15 M; province fund: 200 M by bank transfer. Allocated: 60 M (commune) and 80 M (province)
    to house A, 40 M (commune) to house B, 10 M (commune) to the visit. Spent: house A's 60 M
    disbursed 42 M (70 %), the visit gave 6 M cash + 3 M goods.
    """
    front = await front_officer()
    province_front = await front_officer(None)
    commune = await Commune.get(code=THAN_SA)
    sponsor = await make_sponsor("Báo Xây dựng")
    day = local_today() - timedelta(days=20)
    house_a = await case_at(Stage.STARTED)
    house_b = await case_at(Stage.APPROVED)
    d = service.DonationInput
    donations = [
        await service.record_donation(
            front,
            d(
                level=FundLevel.COMMUNE,
                commune_id=commune.id,
                sponsor_id=sponsor.id,
                named_publicly=True,
                channel=Channel.BANK_TRANSFER,
                amount=100_000_000,
                received_on=day,
                reference="FT2510070001",
            ),
        ),
        await service.record_donation(
            front,
            d(
                level=FundLevel.COMMUNE,
                commune_id=commune.id,
                channel=Channel.CASH,
                amount=20_000_000,
                received_on=day,
            ),
        ),
        await service.record_donation(
            front,
            d(
                level=FundLevel.COMMUNE,
                commune_id=commune.id,
                channel=Channel.GOODS,
                donor_name="Công ty Cổ phần Gạch Thái Nguyên",
                named_publicly=False,
                goods="5.000 viên gạch",
                amount=15_000_000,
                received_on=day,
            ),
        ),
        await service.record_donation(
            province_front,
            d(
                level=FundLevel.PROVINCE,
                channel=Channel.BANK_TRANSFER,
                donor_name="Quỹ Vì người nghèo tỉnh",
                named_publicly=True,
                amount=200_000_000,
                received_on=day,
            ),
        ),
    ]
    commune_fund = donations[0].fund_id
    province_fund = donations[3].fund_id
    household = await make_household(head_name="Lường Thị Hoa")
    visit = await aid_service.create_visit(
        SYSTEM,
        visit_in(
            {
                "commune_id": str(commune.id),
                "visited_on": day.isoformat(),
                "delegation": "Đoàn Mặt trận xã",
                "gifts": [
                    {
                        "household_id": household.id,
                        "cash": "6000000",
                        "goods": "Gạo",
                        "goods_value": "3000000",
                    }
                ],
            }
        ),
    )
    a = service.AllocationInput
    allocations = [
        await service.allocate(
            front,
            a(
                fund_id=commune_fund,
                house_case_id=house_a.id,
                donation_id=donations[0].id,
                amount=60_000_000,
                decision_number="12/QĐ-MTTQ",
                decision_date=day,
                allocated_on=day,
            ),
        ),
        await service.allocate(
            province_front,
            a(
                fund_id=province_fund,
                house_case_id=house_a.id,
                amount=80_000_000,
                decision_number="45/QĐ-MTTQ-BTT",
                decision_date=day,
                allocated_on=day,
            ),
        ),
        await service.allocate(
            front,
            a(
                fund_id=commune_fund,
                house_case_id=house_b.id,
                amount=40_000_000,
                decision_number="13/QĐ-MTTQ",
                decision_date=day,
                allocated_on=day,
            ),
        ),
        await service.allocate(
            front,
            a(
                fund_id=commune_fund,
                aid_visit_id=visit.id,
                amount=10_000_000,
                decision_number="14/QĐ-MTTQ",
                decision_date=day,
                allocated_on=day,
            ),
        ),
    ]
    # House A reaches its foundation: the commune pays 70 % of the commune's 60 M.
    await case_at_foundation(house_a)
    contribution = await funding.get_contribution(SYSTEM, allocations[0].contribution_id)
    await update_contribution(SYSTEM, contribution.id, contribution.amount_pledged, 42_000_000)
    return Year(front, commune, house_a, house_b, visit.id, donations, allocations)


async def case_at_foundation(case: HouseCase) -> None:
    """Foundation done, with its signed stage minutes: the 70 % tranche may be paid."""
    from relief.houses import stage_minutes

    await move_stage(SYSTEM, case.id, Stage.FOUNDATION_DONE, local_today())
    await stage_minutes.record_minutes(
        SYSTEM, case.id, Stage.FOUNDATION_DONE, "07/BB-NT", local_today(), 1
    )
