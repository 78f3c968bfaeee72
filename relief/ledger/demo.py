"""The demo's books: Thần Sa's and the province's donations, traced to the houses they pay."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tortoise.functions import Sum

from relief.aid.models import AidGiven, AidVisit
from relief.core.actor import SYSTEM
from relief.houses.models import Contribution, FundingSource, Photo, Stage
from relief.ledger import front_reports, goods_demo, service
from relief.ledger.models import Campaign, Channel, FundLevel
from relief.places.models import Commune
from relief.sponsors.models import Sponsor

THAN_SA = "05725"


async def load_campaigns_demo() -> None:
    """The province Front's call after typhoon Yagi (open) and an earlier one, closed."""
    await Campaign.create(
        name="Ủng hộ khắc phục hậu quả mưa lũ năm 2024",
        code="ML2024",
        call_number="12/LKG-MTTQ-BTT",
        call_date=date(2024, 9, 10),
        starts_on=date(2024, 9, 10),
        ends_on=date(2024, 12, 31),
        # Closed with its final report once its gifts are in (relief.ledger.goods_demo).
        accounts=[
            {
                "bank": "Vietcombank - Chi nhánh Thái Nguyên",
                "number": "0391000123456",
                "holder": "Ủy ban MTTQ Việt Nam tỉnh Thái Nguyên",
            }
        ],
    )
    await Campaign.create(
        name="Ủng hộ đồng bào bị thiệt hại do bão số 3 (Yagi) năm 2025",
        code="BL2025",
        call_number="25/LKG-MTTQ-BTT",
        call_date=date(2025, 10, 1),
        starts_on=date(2025, 10, 1),
        accounts=[
            {
                "bank": "Vietcombank - Chi nhánh Thái Nguyên",
                "number": "0391000654321",
                "holder": "Ủy ban MTTQ Việt Nam tỉnh Thái Nguyên",
            },
            {
                "bank": "VietinBank - Chi nhánh Thái Nguyên",
                "number": "106000789012",
                "holder": "Ủy ban MTTQ Việt Nam tỉnh Thái Nguyên",
            },
        ],
        support_levels=(
            "Nhà bị sập, cuốn trôi: 60.000.000 đồng/hộ\nNhà hư hỏng nặng: 30.000.000 đồng/hộ"
        ),
    )


async def load_ledger_demo() -> None:
    """Each sponsor's money in Thần Sa received once and allocated to its contributions; every
    donation falls in the open campaign and gets its receipt."""
    await load_campaigns_demo()
    await goods_demo.load_earlier_campaign()
    commune = await Commune.get(code=THAN_SA)
    d, a = service.DonationInput, service.AllocationInput
    for name, reference in (
        ("Công ty CP Đầu tư Xây dựng Khai khoáng Thăng Long", "FT25293000123"),
        ("Báo Xây dựng", "FT25293000456"),
    ):
        sponsor = await Sponsor.get(name=name)
        contributions = await Contribution.filter(
            commune_id=commune.id, sponsor_id=sponsor.id, source=FundingSource.SPONSOR
        ).order_by("id")
        total = sum(c.amount_pledged for c in contributions)
        if not total:
            continue
        donation = await service.record_donation(
            SYSTEM,
            d(
                level=FundLevel.COMMUNE,
                commune_id=commune.id,
                sponsor_id=sponsor.id,
                named_publicly=True,
                channel=Channel.BANK_TRANSFER,
                amount=total,
                received_on=date(2025, 10, 25),
                reference=reference,
            ),
        )
        for contribution in contributions:
            if not contribution.amount_pledged:
                continue
            await service.allocate(
                SYSTEM,
                a(
                    fund_id=donation.fund_id,
                    house_case_id=contribution.house_case_id,
                    donation_id=donation.id,
                    amount=contribution.amount_pledged,
                    decision_number="25/QĐ-MTTQ",
                    decision_date=date(2025, 10, 28),
                    allocated_on=date(2025, 10, 28),
                ),
                contribution_id=contribution.id,
            )
    await service.record_donation(
        SYSTEM,
        d(
            level=FundLevel.COMMUNE,
            commune_id=commune.id,
            channel=Channel.CASH,
            amount=25_000_000,
            received_on=date(2025, 10, 12),
            reference="PT-0012",
            note="Hòm công đức tại nhà văn hóa xã",
        ),
    )
    await service.record_donation(
        SYSTEM,
        d(
            level=FundLevel.COMMUNE,
            commune_id=commune.id,
            channel=Channel.GOODS,
            donor_name="Hợp tác xã Vật liệu xây dựng Võ Nhai",
            goods="xi măng PCB40",
            quantity=4,
            unit="tấn",
            amount=12_000_000,
            received_on=date(2025, 10, 15),
        ),
    )
    province = await service.record_donation(
        await goods_demo.for_the_province(),
        d(
            level=FundLevel.PROVINCE,
            donor_name="Quỹ Vì người nghèo tỉnh Thái Nguyên",
            named_publicly=True,
            channel=Channel.BANK_TRANSFER,
            amount=500_000_000,
            received_on=date(2025, 10, 10),
            reference="UNC-2025-118",
        ),
    )
    # The provincial delegation's gifts in Thần Sa were paid from the province's fund.
    visit = await AidVisit.filter(commune_id=commune.id, leader="Bí thư Tỉnh ủy").first()
    if visit is not None:
        given = await AidGiven.filter(visit_id=visit.id).annotate(s=Sum("cash")).values("s")
        amount = int(given[0]["s"] or 0)
        if amount:
            await service.allocate(
                SYSTEM,
                a(
                    fund_id=province.fund_id,
                    aid_visit_id=visit.id,
                    amount=amount,
                    decision_number="118/QĐ-MTTQ-BTT",
                    decision_date=date(2025, 10, 10),
                    allocated_on=date(2025, 10, 10),
                ),
            )
    # The Kim Sơn handover's photos are posted on the commune's public page.
    handed = await Photo.filter(
        commune_id=commune.id, house_case__stage=Stage.HANDED_OVER
    ).values_list("id", flat=True)
    await Photo.filter(id__in=list(handed)).update(is_public=True)
    # Rice and water received as goods and given out from Thần Sa's stock.
    await goods_demo.load_goods_demo(visit.disaster_id if visit else None)
    # Thần Sa's Front has sent the province Front its October books.
    await front_reports.send(SYSTEM, commune.id, 2025, 10)


SAMPLES = Path(__file__).parent / "samples"
# What the province Front's officer decided on the Vietcombank statements' proposals: the
# donor's name as the donor is thanked (None: as the bank wrote it), named publicly or not;
# a reason: ignored.
BANK_DECISIONS: dict[str, tuple[str | None, bool, str]] = {
    "5214.10234": ("Công ty TNHH May xuất khẩu Phú Bình", True, ""),
    "5218.33410": ("Công ty CP Gang thép Thái Nguyên", True, ""),
    "5221.77002": ("", False, ""),
    "5230.18873": ("Hội LHPN phường Phan Đình Phùng", True, ""),
    "5235.00001": (None, False, "Lãi tiền gửi không kỳ hạn, không phải tiền ủng hộ"),
    "5240.20781": ("Công đoàn Trường Đại học Sư phạm Thái Nguyên", True, ""),
}


async def load_bank_demo() -> None:
    """The province Front's Vietcombank statements of the campaign imported and reconciled
    (the second overlaps the first: its repeats are counted once), and the VietinBank
    statement imported with its proposals left for the officer."""
    from relief.ledger import bank
    from relief.ledger.models import BankLine, BankLineState

    front = await goods_demo.for_the_province()
    for name in ("vcb-0391000654321-2025-10-01.csv", "vcb-0391000654321-2025-10-10.xlsx"):
        data = (SAMPLES / name).read_bytes()
        statement = await bank.import_statement(front, name, data, read_here=True)
        values: dict[str, str] = {}
        for line in await BankLine.filter(
            statement_id=statement.id, state=BankLineState.PROPOSED
        ).order_by("row"):
            donor, named, reason = BANK_DECISIONS.get(line.txn_ref, (None, False, ""))
            values[f"do_{line.id}"] = "ignore" if reason else "confirm"
            values[f"donor_{line.id}"] = line.proposed_donor if donor is None else donor
            values[f"named_{line.id}"] = "1" if named else ""
            values[f"note_{line.id}"] = reason
        await bank.decide(front, statement.id, values)
    name = "vietinbank-106000789012-2025-10.xlsx"
    await bank.import_statement(front, name, (SAMPLES / name).read_bytes(), read_here=True)
