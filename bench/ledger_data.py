"""The Front's ledger of the synthetic province: funds, donations received and allocations.

Added to the generator's tables after the contributions and the aid visits, keeping the ledger's
rules: every commune has its fund (and a fund of gifts straight to its houses), beside the central
and province funds; donations come by bank transfer, cash or goods (valued), a third of the
donors named publicly with their consent; allocations pay contributions already recorded on the
houses (Fund for the Poor and sponsors, one allocation at most per contribution, the amount its
pledge) or go to aid visits, from the commune's fund or the province's, and no fund allocates
more than it received. Dates run from typhoon Yagi to the generator's day, allocations after
the money arrived.
"""

from __future__ import annotations

from datetime import timedelta

from relief.core.text import fold

FULL_DONATIONS = DONATIONS = 50_000
FULL_VISIT_ALLOCATIONS = VISIT_ALLOCATIONS = 4_000
CHANNELS = [("bank_transfer", 70), ("cash", 22), ("goods", 8)]
GOODS = ["Gạo 500 kg", "Tôn lợp 200 tấm", "Xi măng 10 tấn", "Mì tôm 100 thùng", "Chăn màn"]
DONORS = [
    "Công ty CP {} Thái Nguyên", "Hội Doanh nhân trẻ {}", "Ngân hàng TMCP {}",
    "Tập đoàn {}", "Báo {}", "Hội đồng hương {} tại Hà Nội", "Chùa {}",
]  # fmt: skip
DONOR_WORDS = ["An Phát", "Hòa Bình", "Việt Tiến", "Thành Công", "Bắc Hà", "Phú Thái",
               "Hưng Thịnh", "Đông Á", "Sông Cầu", "Tân Cương", "Đại Từ", "Kim Sơn"]  # fmt: skip
PAID_BY_THE_LEDGER = ("fund_for_the_poor", "sponsor")


def add(gen) -> None:
    """Appends ledger_fund, ledger_donation and ledger_allocation to the generator's tables."""
    from generate import YAGI  # noqa: PLC0415 - the generator imports this module

    rng = gen.rng
    # Each fund of the province's (its communes' province: the province's Front reads and
    # moves its own); the central fund of none.
    funds = gen._table("ledger_fund", "id level commune_id province_id created_at")
    fund_ids = iter(gen._ids("ledger_fund", 2 + 2 * len(gen.communes)))
    central, province = next(fund_ids), next(fund_ids)
    home = gen.communes[0].province_id
    funds.rows += [
        (central, "central", None, None, gen.now),
        (province, "province", None, home, gen.now),
    ]
    commune_fund: dict[int, int] = {}
    for commune in gen.communes:
        commune_fund[commune.id] = next(fund_ids)
        funds.rows.append((commune_fund[commune.id], "commune", commune.id, home, gen.now))
        funds.rows.append((next(fund_ids), "house", commune.id, home, gen.now))

    donations = gen._table(
        "ledger_donation",
        "id fund_id commune_id house_case_id sponsor_id donor_name donor_key named_publicly "
        "channel amount goods received_on reference note reverses_id created_by_id created_at",
    )
    span = (gen.today - YAGI).days
    donors = [d.format(w) for d in DONORS for w in DONOR_WORDS]
    channel_names, channel_weights = zip(*CHANNELS, strict=True)
    received: dict[int, int] = {}
    first_day: dict[int, object] = {}
    for donation_id in gen._ids("ledger_donation", DONATIONS):
        where = rng.random()
        if where < 0.05:
            fund, commune_id = central, None
        elif where < 0.35:
            fund, commune_id = province, None
        else:
            commune_id = rng.choice(gen.communes).id
            fund = commune_fund[commune_id]
        channel = rng.choices(channel_names, channel_weights)[0]
        amount = rng.choice((1, 2, 5, 10, 20, 50, 100, 200)) * 100_000
        if fund in (central, province):
            amount *= 10
        named = rng.random() < 0.33
        donor = rng.choice(donors) if named or rng.random() < 0.3 else ""
        day = YAGI + timedelta(days=rng.randrange(span + 1))
        received[fund] = received.get(fund, 0) + amount
        first_day[fund] = min(first_day.get(fund, day), day)
        donations.rows.append((
            donation_id, fund, commune_id, None, None, donor, fold(donor), named and bool(donor),
            channel, amount, rng.choice(GOODS) if channel == "goods" else "", day,
            f"FT{donation_id:010d}" if channel == "bank_transfer" else "", "", None, None,
            gen._stamp(day),
        ))  # fmt: skip

    allocations = gen._table(
        "ledger_allocation",
        "id fund_id commune_id house_case_id aid_visit_id contribution_id made_contribution "
        "donation_id amount decision_number decision_date allocated_on note reverses_id "
        "created_by_id created_at",
    )
    left = dict(received)
    rows: list[tuple] = []
    columns = gen.tables["contribution"].columns
    at = {name: columns.index(name) for name in ("id", "house_case_id", "commune_id", "source")}
    pledged_at = columns.index("amount_pledged")
    for row in gen.tables["contribution"].rows:
        if row[at["source"]] not in PAID_BY_THE_LEDGER or not row[pledged_at]:
            continue
        commune_id, amount = row[at["commune_id"]], row[pledged_at]
        fund = commune_fund[commune_id] if rng.random() < 0.6 else province
        if left.get(fund, 0) < amount:
            fund = province if fund != province else commune_fund[commune_id]
        if left.get(fund, 0) < amount:
            continue
        left[fund] -= amount
        rows.append((fund, commune_id, row[at["house_case_id"]], None, row[at["id"]], amount))
    visit_rows = gen.tables["aid_visit"].rows
    for visit in rng.sample(visit_rows, min(VISIT_ALLOCATIONS, len(visit_rows))):
        visit_id, commune_id = visit[0], visit[1]
        fund, amount = commune_fund[commune_id], rng.choice((2, 5, 10)) * 1_000_000
        if left.get(fund, 0) >= amount:
            left[fund] -= amount
            rows.append((fund, commune_id, None, visit_id, None, amount))
    ids = gen._ids("ledger_allocation", len(rows))
    for allocation_id, (fund, commune_id, case_id, visit_id, contribution_id, amount) in zip(
        ids, rows, strict=True
    ):
        start = first_day[fund]
        day = start + timedelta(days=rng.randrange(max((gen.today - start).days, 0) + 1))
        allocations.rows.append((
            allocation_id, fund, commune_id, case_id, visit_id, contribution_id, False, None,
            amount, f"{allocation_id}/QĐ-MTTQ", day, day, "", None, None, gen._stamp(day),
        ))  # fmt: skip
