"""The public pages read kept figures, and those always equal the ledger's own recount."""

from __future__ import annotations

from datetime import date

import pytest
from tortoise.functions import Count
from tortoise.transactions import in_transaction

from relief.core.actor import SYSTEM
from relief.core.formatting import local_today
from relief.houses import funding
from relief.houses.models import HouseCase
from relief.ledger import books, kept, public, service
from relief.ledger.models import Channel, Fund, FundLevel, LedgerFigure, ProvinceDonor
from tests.houses.factories import update_contribution
from tests.ledger.factories import a_commune_year, front_officer

pytestmark = pytest.mark.usefixtures("orm")

M = 1_000_000
FIGURES = (
    "received",
    "allocated",
    "spent",
    "received_to_date",
    "allocated_to_date",
    "spent_to_date",
)


def _figures(line) -> tuple[int, ...]:
    return tuple(getattr(line, name) for name in FIGURES)


async def _assert_public_equals_books(code: str | None, commune_id: int | None) -> None:
    """Every figure of the public page equals the ledger's books counted from the entries."""
    public.forget_cache()
    year = local_today().year
    page = await public.public_page(code, year)
    funds = await books.funds_of(commune_id)
    ledger = await books.books(funds, date(year, 1, 1), date(year, 12, 31))
    expected = {
        level: _figures(line)
        for level, line in books.totals_by_level(ledger.lines).items()
        if any(_figures(line))
    }
    assert {level: _figures(line) for level, line in page.funds.items()} == expected
    months = await books.by_month(funds, year)
    assert [(m, _figures(line)) for m, line in page.months] == [
        (m, _figures(line)) for m, line in months
    ]


async def test_public_figures_equal_the_ledgers_recount_after_every_kind_of_write():
    year = await a_commune_year()
    assert await LedgerFigure.exists()
    await _assert_public_equals_books(year.commune.code, year.commune.id)
    await _assert_public_equals_books(None, None)
    # Money spent on a house from the province fund, then two reversals.
    province_share = await funding.get_contribution(SYSTEM, year.allocations[1].contribution_id)
    await update_contribution(SYSTEM, province_share.id, province_share.amount_pledged, 50 * M)
    await service.reverse(year.front, "allocation", year.allocations[2].id, "Nhầm hộ")
    await service.reverse(year.front, "donation", year.donations[1].id, "Nhập sai")
    await _assert_public_equals_books(year.commune.code, year.commune.id)
    await _assert_public_equals_books(None, None)
    page = await public.public_page(None, local_today().year)
    assert sum(line.spent for line in page.funds.values()) == 51 * M + 50 * M
    assert [(d.name, d.total) for d in page.donors] == [
        ("Quỹ Vì người nghèo tỉnh", 200 * M),
        ("Báo Xây dựng", 100 * M),
    ]
    # A named gift and its reversal: the donor's kept total goes back to nothing.
    gift = await service.record_donation(
        year.front,
        service.DonationInput(
            level=FundLevel.COMMUNE,
            commune_id=year.commune.id,
            donor_name="Lê Văn Tám",
            named_publicly=True,
            channel=Channel.CASH,
            amount=7 * M,
            received_on=local_today(),
        ),
    )
    public.forget_cache()
    page = await public.public_page(None, local_today().year)
    assert ("Lê Văn Tám", 7 * M) in [(d.name, d.total) for d in page.donors]
    await service.reverse(year.front, "donation", gift.id, "Nhập sai")
    public.forget_cache()
    page = await public.public_page(None, local_today().year)
    assert "Lê Văn Tám" not in [d.name for d in page.donors]
    cases = await HouseCase.all().group_by("stage").annotate(n=Count("id")).values("stage", "n")
    assert page.by_stage == {str(getattr(r["stage"], "value", r["stage"])): r["n"] for r in cases}
    assert await kept.differences() == []


async def test_the_public_page_is_read_from_the_kept_rows_and_a_rebuild_restores_them():
    year = await a_commune_year()
    await LedgerFigure.all().delete()
    public.forget_cache()
    emptied = await public.public_page(year.commune.code)
    assert emptied.funds == {}  # nothing counted live behind the kept rows
    assert await kept.differences()  # and the check sees what is missing
    assert await kept.rebuild() > 0
    assert await kept.differences() == []
    await _assert_public_equals_books(year.commune.code, year.commune.id)


async def test_a_kept_donor_total_rolls_back_with_its_write():
    with pytest.raises(RuntimeError):
        async with in_transaction():
            await kept.add_to_province_donor("Nguyễn Văn Bình", 5 * M)
            raise RuntimeError("the write fails after its audit entry")
    assert not await ProvinceDonor.exists()
    await kept.add_to_province_donor("Nguyễn Văn Bình", 5 * M)
    await kept.add_to_province_donor("Nguyễn  Văn Bình", 2 * M)  # the same donor, folded
    assert await ProvinceDonor.all().values_list("donor_name", "total") == [
        ("Nguyễn Văn Bình", 7 * M)
    ]


async def test_the_ledger_pages_books_from_kept_figures_equal_the_books_counted_from_entries():
    year = await a_commune_year()
    await service.reverse(year.front, "allocation", year.allocations[2].id, "Nhầm hộ")
    funds = await books.funds_of(None)
    today = local_today()
    counted = await books.books(funds, date(today.year, 1, 1), date(today.year, 12, 31))
    kept_ = await books.kept_books(funds, today.year)
    assert [vars(line) for line in kept_.lines] == [vars(line) for line in counted.lines]


async def test_the_provinces_books_by_level_from_kept_figures_equal_the_books_counted():
    year = await a_commune_year()
    await service.reverse(year.front, "allocation", year.allocations[2].id, "Nhầm hộ")
    today = local_today()
    counted = await books.books(
        await books.funds_of(None), date(today.year, 1, 1), date(today.year, 12, 31)
    )
    own = [f for f in await books.funds_of(None) if f.commune_id is None]
    by_level = await books.kept_books_by_level(await front_officer(None), own, today.year)
    assert {line.level: _figures(line) for line in by_level.lines} == {
        level: _figures(line) for level, line in books.totals_by_level(counted.lines).items()
    }


async def test_a_funds_kept_totals_move_with_each_entry_and_the_check_finds_them_moved():
    year = await a_commune_year()
    fund = year.donations[0].fund_id
    before = await service.fund_available(fund)
    await service.reverse(year.front, "allocation", year.allocations[2].id, "Nhầm hộ")
    assert await service.fund_available(fund) == before + year.allocations[2].amount
    assert await kept.differences() == []
    await Fund.filter(id=fund).update(received_total=1)  # moved by hand: the check sees it
    assert [line for line in await kept.differences() if f"fund {fund} received" in line]
    await kept.rebuild()
    assert await kept.differences() == []
    assert await service.fund_available(fund) == before + year.allocations[2].amount
