"""The province's books by fund level kept per province, level and year (relief.ledger.kept.
LEVELS): after donations, allocations and reversals in two provinces and the central fund they
equal a recount, and each province's Front reads its own; a wrong row is found by the check and
mended by the rebuild."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from relief.aid import service as aid_service
from relief.core.actor import SYSTEM
from relief.core.formatting import local_today
from relief.ledger import books, kept, service
from relief.ledger.models import Channel, Fund, FundLevel, LedgerLevelChange
from relief.places.models import Commune, Province
from tests.access import CAI_KINH, SECOND_PROVINCE, seed_second_province
from tests.aid.factories import visit_in
from tests.factories import make_household
from tests.ledger.factories import a_commune_year, front_officer

pytestmark = pytest.mark.usefixtures("orm")

M = 1_000_000


async def _two_provinces_and_central() -> dict[str, int]:
    """Thái Nguyên's year of books; the central fund's gift allocated to a house there; Lạng
    Sơn's province fund and Cai Kinh's commune fund given to, a visit there paid from the
    province fund, a gift reversed. The provinces' ids by code."""
    year = await a_commune_year()
    await seed_second_province()
    day = local_today() - timedelta(days=10)
    d, a = service.DonationInput, service.AllocationInput
    central = await service.record_donation(
        SYSTEM,
        d(level=FundLevel.CENTRAL, channel=Channel.BANK_TRANSFER, amount=70 * M, received_on=day),
    )
    await service.allocate(
        SYSTEM,
        a(
            fund_id=central.fund_id,
            house_case_id=year.house_b.id,
            amount=30 * M,
            decision_number="9/QĐ-MTTQ-TW",
            decision_date=day,
            allocated_on=day,
        ),
    )
    lang_son = await Province.get(code=SECOND_PROVINCE)
    cai_kinh = await Commune.get(code=CAI_KINH)
    their_province = replace(SYSTEM, province_id=lang_son.id)
    given = await service.record_donation(
        their_province,
        d(level=FundLevel.PROVINCE, channel=Channel.BANK_TRANSFER, amount=50 * M, received_on=day),
    )
    wrong = await service.record_donation(
        SYSTEM,
        d(
            level=FundLevel.COMMUNE,
            commune_id=cai_kinh.id,
            channel=Channel.CASH,
            amount=8 * M,
            received_on=day,
        ),
    )
    household = await make_household(CAI_KINH, head_name="Hoàng Văn Lạng")
    visit = await aid_service.create_visit(
        SYSTEM,
        visit_in(
            {
                "commune_id": str(cai_kinh.id),
                "visited_on": day.isoformat(),
                "delegation": "Đoàn Mặt trận tỉnh",
                "gifts": [{"household_id": household.id, "cash": "2000000"}],
            }
        ),
    )
    await service.allocate(
        their_province,
        a(
            fund_id=given.fund_id,
            aid_visit_id=visit.id,
            amount=5 * M,
            decision_number="3/QĐ-MTTQ-LS",
            decision_date=day,
            allocated_on=day,
        ),
    )
    await service.reverse(SYSTEM, "donation", wrong.id, "Nhập sai")
    await service.reverse(year.front, "allocation", year.allocations[2].id, "Nhầm hộ")
    return {
        code: province_id
        for code, province_id in await Province.filter(
            code__in=["19", SECOND_PROVINCE]
        ).values_list("code", "id")
    }


def _lines(period: books.Books) -> dict[str, tuple[int, int, int]]:
    return {
        str(line.level): (line.received_to_date, line.allocated_to_date, line.spent_to_date)
        for line in period.lines
    }


async def test_the_kept_books_by_level_equal_a_recount_in_two_provinces_and_central():
    provinces = await _two_provinces_and_central()
    assert await kept.differences() == []
    sums = await kept.LEVELS.sums()
    year = local_today().year
    assert sums[(0, "central", year)] == {"received": 70 * M, "allocated": 0, "spent": 0}
    assert sums[(provinces[SECOND_PROVINCE], "province", year)] == {
        "received": 50 * M,
        "allocated": 5 * M,
        "spent": 2 * M,
    }
    # Lạng Sơn's Front reads its own province's books: its province fund and the commune's
    # reversed gift (nothing), not Thái Nguyên's nor the central fund's receipts.
    front = await front_officer(None)
    theirs = replace(front, province_id=provinces[SECOND_PROVINCE])
    funds = await Fund.filter(province_id=provinces[SECOND_PROVINCE], commune_id=None)
    period = await books.kept_books_by_level(theirs, funds, year)
    assert _lines(period) == {"province": (50 * M, 5 * M, 2 * M)}
    # Folding a province's appended rows keeps its sums: one row per level and year after.
    await kept.LEVELS.fold(provinces["19"])
    assert await kept.LEVELS.sums() == sums
    rows = await LedgerLevelChange.filter(province_key=provinces["19"]).values_list("level", "year")
    assert len(rows) == len(set(rows))


async def test_a_wrong_level_row_is_found_by_the_check_and_mended_by_the_rebuild():
    provinces = await _two_provinces_and_central()
    key = (provinces["19"], "commune", local_today().year)
    right = (await kept.LEVELS.sums())[key]
    await LedgerLevelChange.create(
        province_key=key[0], level=key[1], year=key[2], received=7, allocated=0, spent=0
    )
    wrong = {**right, "received": right["received"] + 7}
    assert await kept.differences() == [
        f"ledger books by level (province, level, year) {key}: kept {wrong}, recount {right}"
    ]
    await kept.rebuild()
    assert await kept.differences() == []
    assert (await kept.LEVELS.sums())[key] == right
