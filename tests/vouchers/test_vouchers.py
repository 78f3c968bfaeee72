"""Vouchers: each tranche of a house's support paid once, by a voucher whose amount is the
tranche computed on the support (never typed), once the stage that releases it is reached."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

import pytest

from relief import settings as relief_settings
from relief.core.actor import SYSTEM
from relief.core.errors import Conflict, Invalid
from relief.core.models import AuditEntry
from relief.houses.models import HouseKind, Stage
from relief.houses.stage_minutes import NEEDS_MINUTES
from relief.vouchers import service
from relief.vouchers.models import Voucher
from relief.vouchers.records import VoucherPatch
from tests.factories import actor_for, login_as, make_user, post_form
from tests.houses.factories import case_at
from tests.vouchers.factories import TODAY, completed, minutes, pay, the_issues_case


def _text(html: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}">(?:<[^>]+>)*([^<]*)<', html)
    assert found, element_id
    return found.group(1).strip().replace("\xa0", " ")


async def test_the_issues_case_pays_37_8_m_then_16_2_m_of_the_support(orm):
    case = await the_issues_case()
    await minutes(case, Stage.FOUNDATION_DONE)
    first = await pay(SYSTEM, case, "first")
    case = await completed(case)
    second = await pay(SYSTEM, case, "second")
    assert [(v.tranche, v.amount, v.split) for v in (first, second)] == [
        ("first", 37_800_000, {"state_budget": 21_000_000, "sponsor": 16_800_000}),
        ("second", 16_200_000, {"state_budget": 9_000_000, "sponsor": 7_200_000}),
    ]
    assert (first.number, second.number) == (f"PC-{TODAY.year}-0001", f"PC-{TODAY.year}-0002")


async def test_a_voucher_is_written_with_its_audit_entry(orm):
    case = await the_issues_case()
    await minutes(case, Stage.FOUNDATION_DONE)
    voucher = await pay(SYSTEM, case, "first")
    entry = await AuditEntry.get(entity="voucher", entity_id=voucher.id)
    assert (entry.action, entry.after["amount"], entry.after["house_case_id"]) == (
        "create",
        37_800_000,
        case.id,
    )


async def test_a_second_voucher_for_the_same_tranche_is_refused_with_409(client):
    user = await make_user("commune")
    case = await the_issues_case()
    await minutes(case, Stage.FOUNDATION_DONE)
    await pay(actor_for(user), case, "first")
    await login_as(client, user)
    again = await post_form(
        client,
        f"/houses/{case.id}/vouchers",
        {
            "tranche": "first",
            "paid_on": TODAY.isoformat(),
            "paid_by": "Lục Thị Hoa",
            "receiver_name": "Hoàng Văn Thắng",
        },
    )
    assert (again.status_code, await Voucher.filter(house_case_id=case.id).count()) == (409, 1)
    assert "Đợt này đã được chi" in again.text


async def test_the_first_tranche_before_its_stage_is_refused_with_422_in_vietnamese(client):
    user = await make_user("commune")
    case = await the_issues_case(Stage.STARTED)
    await login_as(client, user)
    refused = await post_form(
        client,
        f"/houses/{case.id}/vouchers",
        {
            "tranche": "first",
            "paid_on": TODAY.isoformat(),
            "paid_by": "Lục Thị Hoa",
            "receiver_name": "Hoàng Văn Thắng",
        },
    )
    message = re.search(r'<div class="error" id="e-tranche">([^<]*)<', refused.text).group(1)
    assert (refused.status_code, message, await Voucher.all().count()) == (
        422,
        "Đợt 1 chỉ được chi khi nhà đã đạt giai đoạn giải ngân (xong móng với nhà xây mới, "
        "xong 30 % khối lượng với nhà sửa chữa).",
        0,
    )


async def test_the_first_tranche_waits_for_the_foundations_minutes(orm):
    case = await the_issues_case()
    with pytest.raises(Invalid) as refused:
        await pay(SYSTEM, case, "first")
    assert refused.value.field_errors == {"tranche": NEEDS_MINUTES}


async def test_without_the_minutes_setting_the_stage_alone_releases_the_first_tranche(
    orm, settings
):
    case = await the_issues_case(Stage.THIRTY_PERCENT_DONE, kind=HouseKind.REPAIR)
    relief_settings.activate(replace(settings, tranche_needs_minutes=False))
    try:
        voucher = await pay(SYSTEM, case, "first")
    finally:
        relief_settings.activate(settings)
    assert voucher.amount == 37_800_000


async def test_the_second_tranche_waits_for_completion(orm):
    case = await the_issues_case()
    await minutes(case, Stage.FOUNDATION_DONE)
    await pay(SYSTEM, case, "first")
    with pytest.raises(Invalid) as refused:
        await pay(SYSTEM, case, "second")
    assert refused.value.field_errors == {"tranche": service.BEFORE_COMPLETION}


async def test_a_house_without_support_has_no_tranche_to_pay(orm):
    case = await case_at(Stage.FOUNDATION_DONE)
    await minutes(case, Stage.FOUNDATION_DONE)
    with pytest.raises(Invalid) as refused:
        await pay(SYSTEM, case, "first")
    assert refused.value.field_errors == {"tranche": service.NO_SUPPORT}


async def test_the_receivers_signature_is_recorded_with_its_date(orm):
    case = await the_issues_case()
    await minutes(case, Stage.FOUNDATION_DONE)
    voucher = await pay(SYSTEM, case, "first")
    with pytest.raises(Invalid) as refused:
        await service.update_voucher(
            SYSTEM, voucher.id, VoucherPatch(version=voucher.version, signed=True)
        )
    assert refused.value.field_errors == {"signed_on": "Enter the date the receiver signed."}
    signed = await service.update_voucher(
        SYSTEM, voucher.id, VoucherPatch(version=voucher.version, signed=True, signed_on=TODAY)
    )
    stored = await Voucher.get(id=voucher.id)
    assert (signed.version, stored.signed, stored.signed_on, stored.amount) == (
        2,
        True,
        TODAY,
        37_800_000,
    )
    with pytest.raises(Conflict):  # the version read before the signature
        await service.update_voucher(
            SYSTEM, voucher.id, VoucherPatch(version=voucher.version, note="x")
        )


async def test_the_house_page_shows_the_tranches_and_the_difference_per_source(client):
    user = await make_user("commune")
    case = await the_issues_case()
    await minutes(case, Stage.FOUNDATION_DONE)
    voucher = await pay(actor_for(user), case, "first")
    await login_as(client, user)
    page = (await client.get(f"/houses/{case.id}")).text
    figures = {
        k: _text(page, k)
        for k in (
            "due-first",
            "due-second",
            "paid",
            "balance",
            "paid-state_budget",
            "difference-state_budget",
        )
    }
    assert figures == {
        "due-first": "37.800.000 ₫",
        "due-second": "16.200.000 ₫",
        "paid": "37.800.000 ₫",
        "balance": "16.200.000 ₫",
        "paid-state_budget": "21.000.000 ₫",
        # Nothing recorded as disbursed on the state's contribution: 21 M the vouchers paid.
        "difference-state_budget": "-21.000.000 ₫",
    }
    assert (f'href="/vouchers/{voucher.id}"' in page, 'id="reconcile-warn"' in page) == (
        True,
        True,
    )


async def test_the_voucher_prints_its_amount_in_words(client):
    user = await make_user("commune")
    case = await the_issues_case()
    await minutes(case, Stage.FOUNDATION_DONE)
    voucher = await pay(actor_for(user), case, "first")
    await login_as(client, user)
    page = (await client.get(f"/vouchers/{voucher.id}")).text
    assert (
        re.search(r"<h1>(.*?)</h1>", page).group(1),
        _text(page, "amount"),
        _text(page, "words"),
        _text(page, "receiver"),
    ) == (
        "PHIẾU CHI",
        "37.800.000 ₫",
        "Ba mươi bảy triệu tám trăm nghìn đồng chẵn",
        "Hoàng Văn Thắng",
    )


async def test_the_sign_for_receipt_list_holds_the_communes_vouchers_of_the_period(client):
    user = await make_user("commune")
    case = await the_issues_case()
    await minutes(case, Stage.FOUNDATION_DONE)
    await pay(actor_for(user), case, "first", on=TODAY - timedelta(days=1))
    await login_as(client, user)
    start = (TODAY - timedelta(days=3)).isoformat()
    page = (await client.get(f"/vouchers?start={start}&end={TODAY.isoformat()}")).text
    before = (await client.get(f"/vouchers?start={start}&end={start}")).text
    assert (_text(page, "total"), "Ký nhận" in page, _text(before, "total")) == (
        "37.800.000 ₫",
        True,
        "0 ₫",
    )
