"""The province's books and the public statement read a page in an index's order, from kept
figures: what they show equals what a count and a sort of every entry gives."""

from __future__ import annotations

from datetime import timedelta

import pytest

from relief.core.actor import SYSTEM
from relief.core.formatting import local_today
from relief.core.scope import scoped
from relief.houses.models import HouseCase, Stage
from relief.ledger import books, kept, public, service, statement_totals
from relief.ledger.models import Channel, Donation, Fund, FundLevel, StatementTotal
from relief.places.models import Commune
from tests.houses.factories import case_at
from tests.ledger.factories import THAN_SA, a_commune_year, for_thai_nguyen, front_officer

pytestmark = pytest.mark.usefixtures("orm")

M = 1_000_000


async def _gifts(actor, level: FundLevel, days: list[int]) -> None:
    for n, ago in enumerate(days):
        await service.record_donation(
            actor,
            service.DonationInput(
                level=level,
                donor_name=f"Nhà hảo tâm {n}",
                channel=Channel.BANK_TRANSFER,
                amount=(n + 1) * M,
                received_on=local_today() - timedelta(days=ago),
            ),
        )


async def test_the_provinces_donations_read_fund_by_fund_equal_the_one_sorted_list():
    await a_commune_year()  # a commune's donations and one to the province's fund
    await _gifts(await for_thai_nguyen(), FundLevel.PROVINCE, [3, 3, 1, 9, 0, 3])
    await _gifts(SYSTEM, FundLevel.CENTRAL, [2, 3, 0, 12])  # read by the national roles only
    for actor in (await front_officer(None), SYSTEM):
        own = [f.id for f in await scoped(actor, Fund).filter(commune_id=None)]
        pages = []
        for page in range(1, 7):
            merged, _ = await books.listed_entries(actor, None, page, 2, own)
            sorted_, _ = await books.listed_entries(actor, None, page, 2)
            assert (merged.items, merged.older) == (sorted_.items, sorted_.older)
            pages += [row["id"] for row in merged.items]
        expected = (
            await scoped(actor, Donation)
            .filter(commune_id=None)
            .order_by("-received_on", "-id")
            .values_list("id", flat=True)
        )
        assert (len(own), pages) == ({"front": 1}.get(str(actor.role), 2), list(expected))


async def test_the_statements_lines_and_total_are_kept_with_each_gift_and_reversal():
    year = await a_commune_year()
    await service.reverse(year.front, "donation", year.donations[1].id, "Nhập sai")
    await _gifts(await for_thai_nguyen(), FundLevel.PROVINCE, [1, 0])
    public.forget_cache()
    shown = []
    for code, commune_id in ((THAN_SA, year.commune.id), (None, None)):
        page = await public.statement_page(code, None, "", 1)
        donations = Donation.filter(
            commune_id=commune_id,
            received_on__gte=page.date_from,
            received_on__lte=page.date_to,
        )
        amounts = await donations.values_list("amount", flat=True)
        shown.append((page.count, page.total, page.lines.total, len(page.lines.items)))
        assert shown[-1][:2] == (len(amounts), sum(amounts))
    assert shown == [(4, 115 * M, 4, 4), (3, 203 * M, 3, 3)]
    assert await kept.differences() == []
    await StatementTotal.filter(commune_key=0).update(lines=1)  # moved by hand: found, mended
    assert [line for line in await kept.differences() if line.startswith("statement total")]
    await kept.rebuild()
    assert await kept.differences() == []
    assert await statement_totals.read(None, None, local_today().year) == (3, 203 * M)


async def test_a_communes_public_page_lists_its_latest_completed_houses_and_their_number(
    monkeypatch,
):
    monkeypatch.setattr(public, "HOUSES_SHOWN", 2)
    cases = [await case_at(Stage.COMPLETED) for _ in range(3)]
    commune = await Commune.get(id=cases[0].commune_id)
    public.forget_cache()
    page = await public.public_page(commune.code)
    latest = (
        await HouseCase.filter(commune_id=commune.id, stage=Stage.COMPLETED)
        .order_by("-completed_on", "-id")
        .limit(2)
        .values_list("code", flat=True)
    )
    assert ([h.code for h in page.houses], page.completed) == (list(latest), 3)
