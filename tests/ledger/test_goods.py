"""Goods as goods: received into a commune's stock, given out by aid visits in quantities,
refused beyond the stock, shown as goods on the public pages; a gift followed to where it went."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from decimal import Decimal

import pytest

from relief.aid import service as aid
from relief.aid.models import AidGiven, GoodsStock
from relief.aid.stock import OutOfStock
from relief.core.actor import Role
from relief.core.errors import Conflict
from relief.core.formatting import local_today
from relief.households.models import Household
from relief.houses.models import HouseCase
from relief.houses.portal import short_name
from relief.ledger import goods, public, service
from relief.ledger.models import Allocation, Campaign, Channel, Donation, FundLevel
from relief.places.models import Commune
from tests.aid.factories import gift_in, gift_patch, visit_in
from tests.factories import actor_for, bearer, login_as, make_household, make_user, post_form
from tests.ledger.factories import THAN_SA, front_officer

pytestmark = pytest.mark.usefixtures("orm")
M = 1_000_000


async def _rice(front, kg: int = 100, value: int = 2 * M) -> tuple[Donation, GoodsStock]:
    commune = await Commune.get(code=THAN_SA)
    donation = await service.record_donation(
        front,
        service.DonationInput(
            level=FundLevel.COMMUNE,
            commune_id=commune.id,
            channel=Channel.GOODS,
            goods="Gạo tẻ",
            quantity=kg,
            unit="kg",
            amount=value,
            received_on=local_today() - timedelta(days=3),
        ),
    )
    return donation, await GoodsStock.get(commune_id=commune.id)


async def test_goods_received_and_given_out_move_the_stock_and_agree_with_a_recount():
    front = await front_officer()
    officer = actor_for(await make_user(Role.COMMUNE, commune_code=THAN_SA))
    _, stock = await _rice(front)
    assert (stock.name, stock.unit, stock.received, stock.received_value) == (
        "Gạo tẻ",
        "kg",
        Decimal(100),
        2 * M,
    )
    a = await make_household(head_name="Lý Văn Một")
    b = await make_household(head_name="Lý Văn Hai")
    visit = await aid.create_visit(
        officer,
        visit_in(
            {
                "visited_on": local_today().isoformat(),
                "delegation": "MTTQ xã",
                "gifts": [{"household_id": a.id, "stock_id": stock.id, "quantity": "30"}],
            }
        ),
    )
    row = await aid.add_gift(
        officer, visit.id, gift_in({"household_id": b.id, "stock_id": stock.id, "quantity": "50"})
    )
    # Named and valued by the stock: 50 kg at 20.000 đ/kg.
    assert (row.goods, row.goods_value, row.quantity) == ("Gạo tẻ", 1 * M, Decimal(50))
    await stock.refresh_from_db()
    assert (stock.distributed, stock.distributed_value) == (Decimal(80), 1_600_000)
    # Correcting 50 to 40 kg gives 10 back; removing the first row gives its 30 back.
    await aid.update_gift(officer, row.id, gift_patch({"quantity": "40", "version": "1"}))
    first = await AidGiven.get(household_id=a.id)
    await aid.remove_gift(officer, first.id, {"version": str(first.version)})
    await stock.refresh_from_db()
    assert (stock.distributed, stock.distributed_value) == (Decimal(40), 800_000)
    assert await goods.check() == []
    # A kept figure moved by hand is found by the check, and rebuilt.
    await GoodsStock.filter(id=stock.id).update(distributed=Decimal(7))
    assert len(await goods.check()) == 1
    await goods.rebuild()
    assert await goods.check() == []


async def test_a_distribution_beyond_the_stock_is_refused_beside_the_field_and_409_in_the_api(
    client,
):
    front = await front_officer()
    user = await make_user(Role.COMMUNE, commune_code=THAN_SA)
    officer = actor_for(user)
    _, stock = await _rice(front, kg=10)
    household = await make_household(head_name="Lý Văn Ba")
    visit = await aid.create_visit(
        officer, visit_in({"visited_on": local_today().isoformat(), "delegation": "MTTQ xã"})
    )
    await login_as(client, user)
    page = await post_form(
        client,
        f"/visits/{visit.id}/gifts",
        {"household_id": household.id, "stock_id": stock.id, "quantity": "12"},
    )
    assert page.status_code == 422
    field = f'id="qt-{household.id}" name="quantity" inputmode="decimal" value="12"'
    assert field + ' aria-invalid="true"' in page.text
    assert "Vượt quá số hàng trong kho của xã" in page.text
    api = await client.post(
        f"/api/v1/visits/{visit.id}/gifts",
        json={"household_id": household.id, "stock_id": stock.id, "quantity": 12},
        headers=await bearer(user),
    )
    assert api.status_code == 409
    assert api.json()["codes"] == {"quantity": "out_of_stock"}
    assert not await AidGiven.exists(visit_id=visit.id)
    ok = await post_form(
        client,
        f"/visits/{visit.id}/gifts",
        {"household_id": household.id, "stock_id": stock.id, "quantity": "10"},
    )
    assert ok.status_code == 303
    await stock.refresh_from_db()
    assert stock.distributed == Decimal(10)


async def test_ten_households_given_at_once_never_take_more_than_the_stock():
    front = await front_officer()
    officer = actor_for(await make_user(Role.COMMUNE, commune_code=THAN_SA))
    _, stock = await _rice(front, kg=50)
    visit = await aid.create_visit(
        officer, visit_in({"visited_on": local_today().isoformat(), "delegation": "MTTQ xã"})
    )
    households = [await make_household(head_name=f"Lý Văn Hộ {n}") for n in range(10)]

    async def give(household) -> str:
        raw = {"household_id": household.id, "stock_id": stock.id, "quantity": "10"}
        try:
            await aid.add_gift(officer, visit.id, gift_in(raw))
        except OutOfStock:
            return "refused"
        return "given"

    outcomes = await asyncio.gather(*(give(h) for h in households))
    await stock.refresh_from_db()
    assert (outcomes.count("given"), outcomes.count("refused"), stock.distributed) == (
        5,
        5,
        Decimal(50),
    )
    assert await goods.check() == []


async def test_goods_already_given_out_cannot_be_reversed():
    front = await front_officer()
    officer = actor_for(await make_user(Role.COMMUNE, commune_code=THAN_SA))
    donation, stock = await _rice(front, kg=10)
    household = await make_household(head_name="Lý Văn Bốn")
    await aid.create_visit(
        officer,
        visit_in(
            {
                "visited_on": local_today().isoformat(),
                "delegation": "MTTQ xã",
                "gifts": [{"household_id": household.id, "stock_id": stock.id, "quantity": "4"}],
            }
        ),
    )
    with pytest.raises(Conflict):
        await service.reverse(front, "donation", donation.id, "Nhập nhầm")
    await stock.refresh_from_db()
    assert (stock.received, stock.distributed) == (Decimal(10), Decimal(4))
    assert await goods.check() == []


async def test_the_demo_shows_goods_as_goods_and_its_earlier_campaign_closed(client, demo_loaded):
    public.forget_cache()
    than_sa = await client.get("/public/05725")
    assert than_sa.status_code == 200
    table = than_sa.text.split('id="goods"')[1].split("</table>")[0]
    # 2 tonnes of rice in kg, 12 households given 20 kg; 300 cases of water, 8 given 5.
    assert "Gạo tẻ" in table and "2.000 kg" in table and "240 kg" in table and "1.760 kg" in table
    assert "Nước uống đóng chai" in table and "300 thùng" in table and "40 thùng" in table
    assert "4 tấn" in table  # the cement, received and not given out
    earlier = await Campaign.get(code="ML2024")
    assert earlier.closed_on is not None and earlier.final_report["total"]["received"] == 260 * M
    report = await client.get(f"/public/campaigns/{earlier.id}/report")
    assert report.status_code == 200
    assert "BÁO CÁO TỔNG KẾT" in report.text
    out = report.text.split('id="goods-out"')[1].split("</table>")[0]
    assert "Mì ăn liền" in out and "300 thùng" in out and "50 thùng" in out
    assert '<td class="num">10</td>' in out  # households reached
    statement = await client.get("/public/sao-ke?commune=05725")
    assert "2.000 kg Gạo tẻ" in statement.text
    assert await goods.check() == []


async def test_a_donor_follows_a_gift_to_its_houses_and_goods_without_a_name(client, demo_loaded):
    public.forget_cache()
    # The sponsor's transfer, allocated to its houses by name.
    sponsored = await Donation.get(reference="FT25293000456")
    receipt = await client.get(f"/public/receipts/{sponsored.receipt_token}")
    assert f'href="/public/gifts/{sponsored.id}"' in receipt.text
    page = await client.get(f"/public/gifts/{sponsored.id}")
    assert page.status_code == 200
    case_ids = await Allocation.filter(donation_id=sponsored.id).values_list(
        "house_case_id", flat=True
    )
    case = (
        await HouseCase.filter(id__in=list(case_ids)).select_related("hamlet", "household").first()
    )
    assert case is not None
    assert f"{case.code} · {case.hamlet.name} · {short_name(case.household.head_name)}" in page.text
    assert case.household.head_name not in page.text
    # Rice: the commune that holds it and how many households received some (a count).
    rice = await Donation.get(reference="PNK-2025-031")
    found = await client.get(f"/public/gifts/{rice.id}")
    assert "Thần Sa" in found.text
    assert "240 kg đã phát cho 12 hộ" in found.text
    # The statement links each line to its gift.
    statement = await client.get("/public/sao-ke?commune=05725&q=PNK-2025-031")
    assert f'href="/public/gifts/{rice.id}"' in statement.text
    # Money pooled in a fund: what the fund paid for from money traced to no gift (Thần Sa's
    # allocations all name their gifts; the province's paid a visit: its households counted).
    cash = await client.get(f"/public/gifts/{(await Donation.get(reference='PT-0012')).id}")
    assert "Quỹ chưa phân bổ số tiền này." in cash.text
    province = await client.get(
        f"/public/gifts/{(await Donation.get(reference='UNC-2025-118')).id}"
    )
    visit = province.text.split("<caption>")[1].split("</table>")[0]
    assert "Thần Sa" in visit and '<td class="num">8</td>' in visit
    assert (await client.get("/public/gifts/999999")).status_code == 404


async def test_no_family_is_named_on_the_goods_pages_of_staff_out_of_scope(client, demo_loaded):
    """A commune's Front reads its own commune's stock only."""
    other = await Commune.exclude(code=THAN_SA).filter(is_focus=True).first()
    assert other is not None
    await GoodsStock.create(commune_id=other.id, key="bi|kg", name="Bí đỏ", unit="kg", received=5)
    front = await make_user(Role.FRONT, commune_code=THAN_SA)
    await login_as(client, front)
    page = await client.get("/ledger/goods")
    assert page.status_code == 200
    assert "Gạo tẻ" in page.text and "Bí đỏ" not in page.text
    assert not any(
        name in page.text for name in await Household.all().values_list("head_name", flat=True)
    )
