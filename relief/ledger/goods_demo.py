"""The demo's goods and its earlier campaign, written through the services as Thần Sa's Front
and officers would: rice and water received as goods and given out to households by aid
visits from the commune's stock; the 2024 floods' campaign received, allocated and closed
with its final report kept."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from relief.aid import service as aid
from relief.aid.models import AidGiven, GoodsStock
from relief.aid.records import GiftIn, VisitIn
from relief.aid.stock import key_of
from relief.core import versions
from relief.core.actor import SYSTEM, Actor
from relief.households.models import Household
from relief.ledger import campaigns, service
from relief.ledger.models import Campaign, Channel, FundLevel
from relief.places.models import Commune, Province

EARLIER = "ML2024"
EARLIER_CLOSED_ON = date(2025, 1, 20)


async def for_the_province() -> Actor:
    """The loading's actor of the province's fund: the system, for Thái Nguyên (19)."""
    return replace(SYSTEM, province_id=(await Province.get(code="19")).id)


async def _households(commune_id: int, n: int, offset: int = 0) -> list[int]:
    """Households of the commune no visit gave goods to yet (the same ones for each call)."""
    given = await AidGiven.exclude(goods="").values_list("household_id", flat=True)
    found = (
        await Household.filter(commune_id=commune_id, archived_at=None)
        .exclude(id__in=list(given))
        .order_by("id")
        .offset(offset)
        .limit(n)
        .values_list("id", flat=True)
    )
    return [int(h) for h in found]  # type: ignore[call-overload]  # flat=True: values, not tuples


async def _goods(commune_id: int, name: str, quantity: float, unit: str, value: int, **more):
    await service.record_donation(
        SYSTEM,
        service.DonationInput(
            level=FundLevel.COMMUNE,
            commune_id=commune_id,
            channel=Channel.GOODS,
            goods=name,
            quantity=quantity,
            unit=unit,
            amount=value,
            **more,
        ),
    )
    return await GoodsStock.get(commune_id=commune_id, key=key_of(name, unit))


async def _give(commune_id: int, on: date, delegation: str, rows: list[dict], **more) -> None:
    await aid.create_visit(
        SYSTEM,
        VisitIn(
            visited_on=on,
            delegation=delegation,
            commune_id=commune_id,
            gifts=[GiftIn(**row, repeat_reason="Phát hiện vật theo đợt") for row in rows],
            **more,
        ),
    )


async def load_goods_demo(disaster_id: int | None) -> None:
    """Thần Sa's stock in the current campaign: 2 tonnes of rice and 300 cases of water
    received as goods; 12 households given 20 kg of rice each, 8 of them 5 cases of water."""
    commune = await Commune.get(code="05725")
    rice = await _goods(
        commune.id,
        "Gạo tẻ",
        2000,
        "kg",
        36_000_000,
        donor_name="Siêu thị Co.opmart Thái Nguyên",
        named_publicly=True,
        received_on=date(2025, 10, 9),
        reference="PNK-2025-031",
    )
    water = await _goods(
        commune.id,
        "Nước uống đóng chai",
        300,
        "thùng",
        24_000_000,
        donor_name="Công ty CP Nước sạch Thái Nguyên",
        received_on=date(2025, 10, 11),
        reference="PNK-2025-034",
    )
    households = await _households(commune.id, 12)
    await _give(
        commune.id,
        date(2025, 10, 13),
        "Ủy ban MTTQ xã Thần Sa phát gạo",
        [{"household_id": h, "stock_id": rice.id, "quantity": 20.0} for h in households],
        leader="Chủ tịch Ủy ban MTTQ xã",
        disaster_id=disaster_id,
    )
    await _give(
        commune.id,
        date(2025, 10, 16),
        "Ủy ban MTTQ xã Thần Sa phát nước uống",
        [{"household_id": h, "stock_id": water.id, "quantity": 5.0} for h in households[:8]],
        leader="Phó Chủ tịch Ủy ban MTTQ xã",
        disaster_id=disaster_id,
    )


async def load_earlier_campaign() -> None:
    """The 2024 floods' campaign: the province's and Thần Sa's gifts, instant noodles given
    out and cash allocated to that visit; then closed, its final report kept."""
    campaign = await Campaign.get(code=EARLIER)
    commune = await Commune.get(code="05725")
    d = service.DonationInput
    await service.record_donation(
        await for_the_province(),
        d(
            level=FundLevel.PROVINCE,
            donor_name="Ngân hàng TMCP Công Thương - Chi nhánh Thái Nguyên",
            named_publicly=True,
            channel=Channel.BANK_TRANSFER,
            amount=200_000_000,
            received_on=date(2024, 9, 20),
            reference="FT24264000789",
        ),
    )
    cash = await service.record_donation(
        SYSTEM,
        d(
            level=FundLevel.COMMUNE,
            commune_id=commune.id,
            channel=Channel.CASH,
            amount=15_000_000,
            received_on=date(2024, 9, 25),
            reference="PT-2024-007",
            note="Cán bộ, đảng viên xã ủng hộ",
        ),
    )
    noodles = await _goods(
        commune.id,
        "Mì ăn liền",
        300,
        "thùng",
        45_000_000,
        donor_name="Hội Doanh nhân trẻ tỉnh Thái Nguyên",
        named_publicly=True,
        received_on=date(2024, 9, 16),
        reference="PNK-2024-012",
    )
    households = await _households(commune.id, 10, offset=12)
    await _give(
        commune.id,
        date(2024, 9, 28),
        "Ủy ban MTTQ xã Thần Sa thăm hỏi sau mưa lũ 2024",
        [
            {"household_id": h, "stock_id": noodles.id, "quantity": 5.0, "cash": 500_000}
            for h in households
        ],
    )
    visit = (
        await AidGiven.filter(household_id__in=households, stock_id=noodles.id)
        .first()
        .values_list("visit_id", flat=True)
    )
    await service.allocate(
        SYSTEM,
        service.AllocationInput(
            fund_id=cash.fund_id,
            aid_visit_id=visit,
            donation_id=cash.id,
            amount=500_000 * len(households),
            decision_number="07/QĐ-MTTQ",
            decision_date=date(2024, 9, 27),
            allocated_on=date(2024, 9, 27),
        ),
    )
    # Closed as the province's Front closed it on 20/01/2025, its report kept as it stood.
    report = await campaigns.final_report(campaign, EARLIER_CLOSED_ON)
    await versions.save(
        SYSTEM,
        campaign,
        campaign.version,
        {"closed_on": EARLIER_CLOSED_ON, "final_report": report},
        entity="campaign",
        audited=["closed_on"],
        action="close",
    )
