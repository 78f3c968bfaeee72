"""The national dashboard's figures per province, read from the kept figures in one pass: the
sum of its communes' figures as the province's pages read them, a visit counted once in its
commune however many hamlets it reached, and no province's rows in another's."""

from __future__ import annotations

from datetime import date

from relief.aid.models import AidGiven, AidVisit
from relief.places.models import Commune, Hamlet, Province
from relief.reports import kept
from tests.access import seed_second_province
from tests.factories import make_household

THAN_SA, CAI_KINH = "05725", "06427"


async def _visit(commune: Commune, households, cash: int) -> None:
    visit = await AidVisit.create(commune=commune, visited_on=date(2025, 10, 9), delegation="Xã")
    for household in households:
        await AidGiven.create(visit=visit, household=household, commune=commune,
                              hamlet_id=household.hamlet_id, cash=cash, goods="",
                              goods_value=0)  # fmt: skip


async def test_a_province_sums_its_communes_and_counts_a_visit_once(orm):
    await seed_second_province()
    than_sa, cai_kinh = await Commune.get(code=THAN_SA), await Commune.get(code=CAI_KINH)
    first, second = await Hamlet.filter(commune=than_sa).order_by("id").limit(2)
    a = await make_household(THAN_SA, first.name, head_name="Hoàng Văn A")
    b = await make_household(THAN_SA, second.name, head_name="Hoàng Văn B")
    c = await make_household(CAI_KINH, head_name="Hoàng Văn C")
    await _visit(than_sa, [a, b], 1_000_000)  # one visit, two hamlets
    await _visit(than_sa, [a], 500_000)
    await _visit(cai_kinh, [c], 2_000_000)
    await kept.rebuild()

    per_province = await kept.read_provinces()
    thai_nguyen = (await Province.get(code="19")).id
    lang_son = (await Province.get(code="20")).id
    assert per_province[thai_nguyen] == {"visits": 2, "reached": 2, "cash": 2_500_000}
    assert per_province[lang_son] == {"visits": 1, "reached": 1, "cash": 2_000_000}
    per_commune = await kept.read_communes()
    assert per_province[thai_nguyen] == per_commune[than_sa.id]
    assert per_province[lang_son] == per_commune[cai_kinh.id]
