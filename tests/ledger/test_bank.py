"""Bank statements in: two banks' layouts read, credits matched to donations by reference,
amount and date, donations proposed and decided (confirmed, edited, ignored: each audited, in
one transaction), repeats counted once, totals equal to the statement's; VietQR codes; the
Front of the fund's level only; a donor finds a gift recorded from the bank by its reference."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from relief.core import once
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.formatting import money
from relief.core.i18n import gettext
from relief.core.models import AuditEntry
from relief.ledger import bank, bank_file, public, service, vietqr
from relief.ledger.models import (
    BankLine,
    BankLineState,
    BankStatement,
    Campaign,
    Channel,
    Donation,
    FundLevel,
)
from tests.factories import actor_for, csrf_token, login_as, make_user, post_form

SAMPLES = Path(__file__).parents[2] / "relief" / "ledger" / "samples"
VCB_CSV = "vcb-0391000654321-2025-10-01.csv"
VCB_XLSX = "vcb-0391000654321-2025-10-10.xlsx"
VTB_XLSX = "vietinbank-106000789012-2025-10.xlsx"
M = 1_000_000


def _read(name: str) -> dict:
    return bank_file.read_statement((SAMPLES / name).read_bytes(), name)


# --- reading the banks' files (no database) ------------------------------------------------


def test_vietcombank_csv_is_read_with_its_account_period_and_total():
    read = _read(VCB_CSV)
    first, fee = read["lines"][0], read["lines"][5]
    assert (
        read["head"]["bank"],
        read["head"]["account"],
        read["head"]["holder"],
        read["head"]["from"],
        read["head"]["to"],
        len(read["lines"]),
        (first["booked_on"], first["txn_ref"], first["credit"], first["debit"]),
        (fee["credit"], fee["debit"]),
        read["stated"],
        sum(x["credit"] for x in read["lines"]),
    ) == (
        "Vietcombank",
        "0391000654321",
        "UY BAN MAT TRAN TO QUOC VIET NAM TINH THAI NGUYEN",
        date(2025, 10, 1),
        date(2025, 10, 15),
        10,
        (date(2025, 10, 2), "5213.97286", 500_000, 0),
        (0, 11_000),
        {"credit": 558_152_613, "debit": 11_000},
        558_152_613,
    )


def test_vietinbank_xlsx_is_read_with_its_signed_amounts_and_counterparts():
    read = _read(VTB_XLSX)
    lines = read["lines"]
    assert (
        read["kind"],
        read["head"]["bank"],
        read["head"]["account"],
        (read["head"]["from"], read["head"]["to"]),
        len(lines),
        (lines[0]["booked_on"], lines[0]["txn_ref"], lines[0]["credit"]),
        lines[0]["counterpart"],
        (lines[4]["credit"], lines[4]["debit"]),
        read["stated"],
    ) == (
        "xlsx",
        "VietinBank",
        "106000789012",
        (date(2025, 10, 1), date(2025, 10, 20)),
        6,
        (date(2025, 10, 3), "902K5A1B2C", 300_000),
        "HOANG THI LAN",
        (0, 22_000),
        None,
    )


def test_a_file_that_is_no_statement_is_refused_with_its_reason():
    read = bank_file.read_statement("Họ và tên,Số tiền\nA,1\n".encode(), "x.csv")
    bad = bank_file.read_statement(
        "Ngày giao dịch,Số tiền ghi có,Nội dung\n02/10/2025,năm trăm,UH\n".encode(), "y.csv"
    )
    assert ("file" in read["errors"], bad["errors"]["file"]) == (
        True,
        "Dòng 2: số tiền “năm trăm” không phải là số đồng.",
    )


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("500,000", 500_000),
        ("1.500.000", 1_500_000),
        ("500.000,00", 500_000),
        ("-11,000", -11_000),
        ("+200.000 VND", 200_000),
        ("2613", 2_613),
        ("", None),
    ],
)
def test_amounts_are_read_as_banks_write_them(text, amount):
    assert bank_file.parse_amount(text) == amount


def test_the_donor_is_read_from_the_description_as_the_bank_wrote_it():
    assert [
        bank.donor_from(line["description"], line["counterpart"], "BL2025")
        for line in _read(VCB_CSV)["lines"][:5]
    ] == [
        "Nguyen Van An",
        "Cong Ty Tnhh May Xuat Khau Phu Binh",
        "Tran Thi Binh",
        "Cong Ty Cp Gang Thep Thai Nguyen",
        "",
    ]


# --- VietQR ---------------------------------------------------------------------------------


def test_vietqr_payloads_equal_the_published_examples():
    # The examples of the vietnam-qr-pay library's documentation (ACB 257678859): a static
    # code, and one with 1,000 ₫ and the content "Chuyen tien"; both CRCs as published.
    static = (
        "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F"
    )
    dynamic = (
        "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA5303704540410005802"
        "VN62150811Chuyen tien6304BBB8"
    )
    assert (
        vietqr.payload("970416", "257678859"),
        vietqr.payload("970416", "257678859", "Chuyen tien", 1000),
        vietqr.parse(dynamic)["62"],
    ) == (static, dynamic, "0811Chuyen tien")


def test_a_campaign_account_code_carries_the_bank_account_and_reference():
    campaign = Campaign(
        code="BL2025",
        accounts=[
            {"bank": "Vietcombank - CN Thái Nguyên", "number": "0391000654321", "holder": "X"},
            {"bank": "Ngân hàng Xây dựng", "number": "123456", "holder": "Y"},
        ],
    )
    vcb, unknown = vietqr.campaign_codes(campaign)
    fields = vietqr.parse(vcb.payload or "")
    assert (
        fields["38"],
        fields["62"],
        fields["58"],
        "<svg" in vcb.svg,
        unknown.payload,
    ) == (
        "0010A00000072701270006970436011303910006543210208QRIBFTTA",
        "0809UH BL2025",
        "VN",
        True,
        None,
    )


# --- importing and reconciling ----------------------------------------------------------------


async def _world() -> dict:
    """The campaign BL2025 with its two accounts, and the province's 500 M received by order
    UNC-2025-118 (recorded by hand before the statement came)."""
    campaign = await Campaign.create(
        name="Ủng hộ bão số 3",
        code="BL2025",
        starts_on=date(2025, 10, 1),
        accounts=[
            {"bank": "Vietcombank", "number": "0391000654321", "holder": "UBMTTQ tỉnh"},
            {"bank": "VietinBank", "number": "106000789012", "holder": "UBMTTQ tỉnh"},
        ],
    )
    front = actor_for(await make_user("front"))
    recorded = await service.record_donation(
        front,
        service.DonationInput(
            level=FundLevel.PROVINCE,
            donor_name="Quỹ Vì người nghèo tỉnh Thái Nguyên",
            channel=Channel.BANK_TRANSFER,
            amount=500 * M,
            received_on=date(2025, 10, 10),
            reference="UNC-2025-118",
        ),
    )
    return {"campaign": campaign, "recorded": recorded, "front": front}


async def _import(actor, name: str) -> BankStatement:
    return await bank.import_statement(actor, name, (SAMPLES / name).read_bytes(), read_here=True)


def _lines(r: bank.Reconciliation) -> dict[str, int]:
    return {state: c["lines"] for state, c in r.counts.items() if c["lines"]}


async def test_credits_are_matched_proposed_and_repeats_counted_once(orm):
    world = await _world()
    first = await _import(world["front"], VCB_CSV)
    second = await _import(world["front"], VCB_XLSX)
    one, two = await bank.reconciliation(first), await bank.reconciliation(second)
    matched = await BankLine.get(statement_id=first.id, state=BankLineState.MATCHED)
    repeat = await BankLine.get(statement_id=second.id, txn_ref="5226.41122")
    with pytest.raises(Invalid) as again:
        await _import(world["front"], VCB_CSV)
    assert (
        first.campaign_id == world["campaign"].id,
        _lines(one),
        (one.credits, one.debits, one.balanced, one.counted),
        matched.donation_id == world["recorded"].id,
        _lines(two),
        (repeat.state, repeat.repeat_of_id == matched.id),
        two.balanced,
        again.value.field_errors["file"] == gettext(bank.ALREADY, id=first.id),
    ) == (
        True,
        {"matched": 1, "proposed": 8, "debit": 1},
        (558_152_613, 11_000, True, 500 * M),
        True,
        {"repeated": 4, "proposed": 3},
        (BankLineState.REPEATED, True),
        True,
        True,
    )


async def test_a_line_without_a_bank_number_repeats_by_day_amount_and_description(orm):
    world = await _world()
    text = (
        "Ngày giao dịch,Số tiền ghi có,Nội dung\n"
        "02/10/2025,300000,UH BL2025 LE VAN TAM\n"
        "02/10/2025,300000,UH BL2025 LE VAN TAM\n"
        "03/10/2025,300000,UH BL2025 LE VAN TAM\n"
    ).encode()
    statement = await bank.import_statement(
        world["front"], "sao-ke.csv", text, {"account": "0391000654321"}, read_here=True
    )
    assert _lines(await bank.reconciliation(statement)) == {"proposed": 2, "repeated": 1}


async def test_proposals_are_confirmed_edited_or_ignored_together_each_audited(orm):
    world = await _world()
    statement = await _import(world["front"], VCB_CSV)
    proposed = {
        x.txn_ref: x
        for x in await BankLine.filter(statement_id=statement.id, state=BankLineState.PROPOSED)
    }
    an, company, interest = proposed["5213.97286"], proposed["5214.10234"], proposed["5235.00001"]
    values = {
        f"do_{an.id}": "confirm",
        f"donor_{an.id}": an.proposed_donor,
        f"do_{company.id}": "confirm",
        f"donor_{company.id}": "Công ty TNHH May xuất khẩu Phú Bình",
        f"named_{company.id}": "1",
        f"do_{interest.id}": "ignore",
    }
    with pytest.raises(Invalid) as no_reason:
        await bank.decide(world["front"], statement.id, values)
    unchanged = await Donation.filter(campaign_id=world["campaign"].id).count()
    await bank.decide(
        world["front"], statement.id, {**values, f"note_{interest.id}": "Lãi tiền gửi"}
    )
    gift = await Donation.get(reference="5214.10234")
    entries = (
        await AuditEntry.filter(entity="bank_line").order_by("id").values_list("action", flat=True)
    )
    with pytest.raises(Conflict):
        await bank.decide(world["front"], statement.id, {f"do_{an.id}": "confirm"})
    r = await bank.reconciliation(statement)
    assert (
        list(no_reason.value.field_errors),
        unchanged,
        (gift.donor_name, gift.named_publicly, gift.amount, gift.received_on),
        (gift.campaign_id == world["campaign"].id, gift.receipt_number),
        sorted(entries),
        _lines(r),
        (r.counted, r.balanced),
    ) == (
        [f"note_{interest.id}"],
        1,
        ("Công ty TNHH May xuất khẩu Phú Bình", True, 2 * M, date(2025, 10, 2)),
        (True, "BL2025-19-T-00003"),
        ["bank_confirm", "bank_edit", "bank_ignore"],
        {"matched": 1, "recorded": 2, "proposed": 5, "ignored": 1, "debit": 1},
        (502_500_000, True),
    )


async def test_only_the_front_of_the_funds_level_reconciles_a_statement(orm):
    world = await _world()
    province = await _import(world["front"], VCB_CSV)
    own = actor_for(await make_user("front", commune_code="05725"))
    other = actor_for(await make_user("front", commune_code="05665"))
    officer = actor_for(await make_user("province"))
    commune_statement = await _import(own, VTB_XLSX)
    outcomes = []
    for actor, statement in (
        (own, commune_statement),
        (own, province),
        (other, commune_statement),
        (world["front"], commune_statement),
        (world["front"], province),
        (officer, province),
    ):
        try:
            await bank.get_statement(actor, statement.id)
            outcomes.append("ok")
        except Forbidden:
            outcomes.append(403)
        except NotFound:
            outcomes.append(404)
    assert (commune_statement.commune_id is not None, outcomes) == (
        True,
        ["ok", 403, 404, 403, "ok", 403],
    )


# --- over HTTP ----------------------------------------------------------------------------------


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def test_an_officer_imports_and_reconciles_a_statement_on_its_pages(client):
    world = await _world()
    user = await make_user("front")
    await login_as(client, user)
    home = await client.get("/ledger/bank")
    bad = await client.post(
        "/ledger/bank",
        data={"_csrf_token": await csrf_token(client)},
        files={"file": ("x.csv", b"Ho ten,So tien\nA,1\n", "text/csv")},
    )
    key = {"_csrf_token": await csrf_token(client), once.FIELD: once.new_key()}
    file = {"file": (VTB_XLSX, (SAMPLES / VTB_XLSX).read_bytes(), XLSX)}
    sent = await client.post("/ledger/bank", data=key, files=file)
    twice = await client.post("/ledger/bank", data=key, files=file)  # the same form again
    statement = await BankStatement.get(account_number="106000789012")  # imported once
    page = await client.get(sent.headers["location"])
    line = await BankLine.get(statement_id=statement.id, txn_ref="902K6C4410")
    decided = await post_form(
        client,
        f"/ledger/bank/{statement.id}",
        {f"do_{line.id}": "confirm", f"donor_{line.id}": "Bùi Thanh Tâm"},
    )
    after = await client.get(f"/ledger/bank/{statement.id}?show=recorded")
    recorded = await BankLine.get(id=line.id)
    receipt = await client.get(f"/ledger/donations/{recorded.donation_id}/receipt")
    public.forget_cache()
    found = await client.get("/public/sao-ke?q=902K6C4410")
    campaign_page = await client.get(f"/public/campaigns/{world['campaign'].id}")
    assert (
        (
            home.status_code,
            "VietQR" in home.text,
            bad.status_code,
            "Ngày giao dịch" in bad.text,
            sent.status_code,
            twice.headers["location"] == sent.headers["location"],
            page.status_code,
            money(23_400_000) in page.text,  # the credits of the statement, and of its lines
            "Nguyen Quang Huy" in page.text,  # the donor proposed, from the counterpart column
            decided.status_code,
            "BL2025-19-T-00002" in after.text,
            (receipt.text.count("<svg"), "“UH BL2025”" in receipt.text),  # its check and VietQR
        ),
        (
            found.status_code,
            found.text.count("<td>902K6C4410</td>"),  # the donor's line, found by its reference
            campaign_page.status_code,
            campaign_page.text.count("<svg"),
            "UH BL2025" in campaign_page.text,
        ),
    ) == (
        (200, True, 422, True, 303, True, 200, True, True, 303, True, (2, True)),
        (200, 1, 200, 2, True),
    )


async def test_the_demo_campaign_has_its_statements_imported_and_reconciled(client, demo_loaded):
    statements = await BankStatement.all().order_by("id")
    found = [_lines(await bank.reconciliation(s)) for s in statements]
    balanced = [(await bank.reconciliation(s)).balanced for s in statements]
    campaign = await Campaign.get(code="BL2025")
    public.forget_cache()
    gift = await client.get("/public/sao-ke?q=5214.10234")
    assert (
        [(s.bank, s.campaign_id == campaign.id) for s in statements],
        found,
        balanced,
        gift.text.count("<td>5214.10234</td>"),
        "Công ty TNHH May xuất khẩu Phú Bình" in gift.text,
    ) == (
        [("Vietcombank", True), ("Vietcombank", True), ("VietinBank", True)],
        [
            {"matched": 1, "recorded": 7, "ignored": 1, "debit": 1},
            {"repeated": 4, "recorded": 3},
            {"proposed": 5, "debit": 1},
        ],
        [True, True, True],
        1,
        True,
    )


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Ngày GD/ TNX Date", "booked_on"),
        ("Số CT/ Doc No", "txn_ref"),
        ("Số tiền ghi có/ Credit", "credit"),
        ("Số tiền ghi nợ/ Debit", "debit"),
        ("Nội dung chi tiết/ Transactions in detail", "description"),
        ("Mô tả giao dịch", "description"),
        ("Số tiền", "amount"),
        ("Tên đối ứng", "counterpart"),
        ("Số dư/ Balance", "balance"),
        ("STT", ""),
        ("Ngày hiệu lực", "booked_on"),
        ("Ghi chú riêng", None),
    ],
)
def test_the_headings_banks_write_name_their_columns(heading, field):
    assert bank_file.match_heading(heading) == field


async def test_a_page_of_proposals_fits_a_phone(client):
    await _world()
    await login_as(client, await make_user("front"))
    rows = ["Số tài khoản: 0391000654321", "Ngày giao dịch,Số tham chiếu,Số tiền ghi có,Nội dung"]
    rows += [
        f"{n % 28 + 1:02d}/10/2025,5300.{n:05d},{(n + 1) * 10_000},"
        f"MBVCB.{n:010d}.UH BL2025 NGUYEN THI HOA {n}.CT tu 0011004567890 NGUYEN THI HOA "
        f"toi 0391000654321 UY BAN MAT TRAN TO QUOC VIET NAM TINH THAI NGUYEN"
        for n in range(45)
    ]
    sent = await client.post(
        "/ledger/bank",
        data={"_csrf_token": await csrf_token(client)},
        files={"file": ("sao-ke.csv", "\n".join(rows).encode(), "text/csv")},
    )
    page = await client.get(sent.headers["location"])
    last = await client.get(sent.headers["location"] + "?show=proposed&page=3")
    assert (
        page.text.count('class="card bank-line"'),
        len(page.content) < 60 * 1024,
        "Trang 1/3" in page.text,
        last.text.count('class="card bank-line"'),
    ) == (20, True, True, 5), len(page.content)
