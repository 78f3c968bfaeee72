"""The issue's house for the vouchers' tests: 60 M pledged at the foundation stage (30 M the
state's, 24 M a sponsor's, 6 M the family's own), and vouchers paid on it."""

from __future__ import annotations

from datetime import date

from relief.core.actor import SYSTEM, Actor
from relief.core.formatting import local_today
from relief.houses import funding, stage_minutes
from relief.houses.models import FundingSource, HouseCase, Stage
from relief.vouchers import service
from relief.vouchers.models import Voucher
from relief.vouchers.records import VoucherIn
from tests.factories import make_sponsor
from tests.houses.factories import add_photo_row, case_at, move_stage

TODAY = local_today()


def _money(source: FundingSource, pledged: int, **more: int) -> funding.ContributionInput:
    return funding.ContributionInput(source=source, amount_pledged=pledged, **more)


async def the_issues_case(stage: Stage = Stage.FOUNDATION_DONE, **fields) -> HouseCase:
    """60 M pledged: 30 M state, 24 M a sponsor, 6 M the family (support 54 M)."""
    case = await case_at(stage, **fields)
    sponsor = await make_sponsor()
    await funding.add_contribution(SYSTEM, case.id, _money(FundingSource.STATE_BUDGET, 30_000_000))
    await funding.add_contribution(
        SYSTEM, case.id, _money(FundingSource.SPONSOR, 24_000_000, sponsor_id=sponsor.id)
    )
    await funding.add_contribution(SYSTEM, case.id, _money(FundingSource.HOUSEHOLD, 6_000_000))
    return case


async def minutes(case: HouseCase, stage: Stage, number: str = "07/BB-NT") -> None:
    version = (
        await stage_minutes._event(case, stage)  # the stage event the minutes confirm
    ).version
    await stage_minutes.record_minutes(SYSTEM, case.id, stage, number, TODAY, version)


async def completed(case: HouseCase) -> HouseCase:
    """The house completed, with its completion photo and minutes."""
    await add_photo_row(case)
    case = await move_stage(SYSTEM, case.id, Stage.COMPLETED, TODAY)
    await minutes(case, Stage.COMPLETED, "12/BB-NT")
    return case


async def pay(actor: Actor, case: HouseCase, tranche: str, on: date = TODAY, **more) -> Voucher:
    data = VoucherIn(
        tranche=tranche,
        paid_on=on,
        paid_by="Thủ quỹ Lục Thị Hoa",
        receiver_name="Hoàng Văn Thắng",
        **more,
    )
    return await service.issue_voucher(actor, case.id, data)
