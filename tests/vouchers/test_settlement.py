"""Settlement: a house's dossier computed from its records, a round's report (page, A4, XLSX
read back cell by cell), and a round closed only when every gap is explained."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from relief.core.actor import Actor
from relief.core.errors import Conflict
from relief.core.models import AuditEntry
from relief.houses.models import HouseCase, Programme, Stage
from relief.houses.service import get_case
from relief.vouchers import settlement
from relief.vouchers.models import DossierItem, SettlementClosing
from relief.vouchers.records import ClosingIn, GapIn
from tests.beneficiaries.factories import (
    decided,
    draft,
    households_of_two_hamlets,
    posted,
    reviewed,
)
from tests.factories import actor_for, login_as, make_user, post_form
from tests.vouchers.factories import TODAY, minutes, pay, the_issues_case


async def _round(officer: Actor) -> tuple[int, HouseCase]:
    """A decided round of three households; the first has the issue's house, its foundation
    minutes recorded and its first tranche paid (not signed for yet)."""
    homes = await households_of_two_hamlets()
    blist = await decided(
        officer, await posted(officer, await reviewed(officer, await draft(officer, homes)))
    )
    case = await the_issues_case(household=homes[0], programme=Programme.DISASTER_RECOVERY)
    await minutes(case, Stage.FOUNDATION_DONE)
    await pay(officer, case, "first")
    return blist.id, case


async def test_the_dossier_lists_what_is_missing(orm):
    officer = actor_for(await make_user("commune"))
    _, case = await _round(officer)
    dossier = await settlement.house_dossier(officer, await get_case(officer, case.id))
    present = {line.item: line.detail for line in dossier.lines if line.present}
    assert (present, [line.item for line in dossier.missing]) == (
        {
            DossierItem.DECISION: f"125/QĐ-UBND · {TODAY:%d/%m/%Y}",
            DossierItem.FIRST_MINUTES: f"07/BB-NT · {TODAY:%d/%m/%Y}",
        },
        [
            DossierItem.COMPLETION_MINUTES,
            DossierItem.FIRST_VOUCHER,  # paid, but not signed for yet
            DossierItem.SECOND_VOUCHER,
            DossierItem.STARTED_PHOTOS,
            DossierItem.FIRST_PHOTOS,
            DossierItem.COMPLETED_PHOTOS,
            DossierItem.HANDOVER_MINUTES,
        ],
    )


async def test_the_house_page_shows_the_dossier(client):
    user = await make_user("commune")
    round_id, case = await _round(actor_for(user))
    await login_as(client, user)
    page = (await client.get(f"/houses/{case.id}")).text
    decision = re.search(r'id="dossier-decision">([^<]*)<', page).group(1)
    handover = re.search(r'id="dossier-handover_minutes">(.*?)</li>', page).group(1)
    assert (
        decision.startswith("✓"),
        "còn thiếu" in handover,
        f"/settlements/{round_id}" in page,
    ) == (
        True,
        True,
        True,
    )


async def test_the_settlement_report_xlsx_holds_each_houses_money(client):
    user = await make_user("commune")
    round_id, case = await _round(actor_for(user))
    await login_as(client, user)
    answer = await client.get(f"/settlements/{round_id}/xlsx")
    book = load_workbook(io.BytesIO(answer.content))
    sheet = book.worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=1, max_row=3)]
    assert rows[0][:3] + rows[0][6:9] == [
        "Hồ sơ hỗ trợ nhà ở",
        "Chủ hộ",
        "Thôn, xóm",
        "Tổng kinh phí hỗ trợ",
        "Đã chi theo phiếu chi",
        "Còn phải chi",
    ]
    assert rows[1][:1] + rows[1][3:9] == [
        case.code,
        30_000_000,
        0,
        24_000_000,
        54_000_000,
        37_800_000,
        16_200_000,
    ]
    assert rows[2][:1] + rows[2][3:9] == [
        "Tổng cộng",
        30_000_000,
        0,
        24_000_000,
        54_000_000,
        37_800_000,
        16_200_000,
    ]
    assert (sheet.page_setup.paperSize, sheet.page_setup.orientation) == (9, "landscape")


async def test_the_settlement_report_prints_on_a4(client):
    user = await make_user("commune")
    round_id, _ = await _round(actor_for(user))
    await login_as(client, user)
    page = (await client.get(f"/settlements/{round_id}/print")).text
    assert (
        re.search(r"<h1>(.*?)</h1>", page).group(1),
        re.search(r'id="total-paid">([^<]*)<', page).group(1).replace("\xa0", " "),
        "Ba mươi bảy triệu tám trăm nghìn đồng chẵn" in page,
    ) == ("BÁO CÁO QUYẾT TOÁN KINH PHÍ HỖ TRỢ NHÀ Ở", "37.800.000 ₫", True)


async def test_a_gap_explained_twice_is_refused(orm):
    officer = actor_for(await make_user("commune"))
    round_id, case = await _round(officer)
    gap = GapIn(house_case_id=case.id, item="handover_minutes", reason="Chưa tổ chức bàn giao")
    await settlement.explain_gap(officer, round_id, gap)
    with pytest.raises(Conflict):
        await settlement.explain_gap(officer, round_id, gap)


async def test_a_round_closes_only_once_every_gap_is_explained(client):
    user = await make_user("commune")
    officer = actor_for(user)
    round_id, case = await _round(officer)
    found = await settlement.round_of(officer, round_id)
    missing = [line.item for line in found.rows[0].dossier.missing]
    for item in missing[:-1]:
        await settlement.explain_gap(
            officer,
            round_id,
            GapIn(house_case_id=case.id, item=item, reason="Nhà đang xây, bổ sung sau"),
        )
    await login_as(client, user)
    form = {"closed_on": TODAY.isoformat(), "note": "Quyết toán đợt 1"}
    refused = await post_form(client, f"/settlements/{round_id}/close", form)
    refused_text = refused.text
    await settlement.explain_gap(
        officer,
        round_id,
        GapIn(house_case_id=case.id, item=missing[-1], reason="Chưa tổ chức bàn giao"),
    )
    closed = await post_form(client, f"/settlements/{round_id}/close", form)
    closing = await SettlementClosing.get(beneficiary_list_id=round_id)
    audit = await AuditEntry.get(entity="settlement_closing", entity_id=closing.id)
    assert (refused.status_code, closed.status_code, closing.closed_on, audit.after["paid"]) == (
        409,
        303,
        TODAY,
        37_800_000,
    )
    assert "Chưa thể khóa quyết toán" in refused_text


async def test_a_closed_round_takes_no_more_reasons(orm):
    officer = actor_for(await make_user("commune"))
    round_id, case = await _round(officer)
    found = await settlement.round_of(officer, round_id)
    for line in found.rows[0].dossier.missing:
        await settlement.explain_gap(
            officer, round_id, GapIn(house_case_id=case.id, item=line.item, reason="Bổ sung sau")
        )
    await settlement.close_round(officer, round_id, ClosingIn(closed_on=TODAY))
    with pytest.raises(Conflict) as refused:
        await settlement.close_round(officer, round_id, ClosingIn(closed_on=TODAY))
    assert refused.value.message == settlement.CLOSED


async def test_the_round_is_reached_by_links_and_offers_a_reason_per_gap(client):
    user = await make_user("commune")
    round_id, _ = await _round(actor_for(user))
    await login_as(client, user)
    rounds = (await client.get("/settlements")).text
    page = (await client.get(f"/settlements/{round_id}")).text
    links = [f"/settlements/{round_id}/print", f"/settlements/{round_id}/xlsx"]
    forms = len(re.findall(rf'action="/settlements/{round_id}/gaps"', page))
    assert (f'href="/settlements/{round_id}"' in rounds, [u in page for u in links], forms) == (
        True,
        [True, True],
        7,  # one per item missing from the house's dossier
    )
    assert 'href="/vouchers"' in rounds


async def test_the_round_page_links_to_the_receipt_list_of_its_vouchers(client):
    user = await make_user("commune")
    round_id, case = await _round(actor_for(user))
    await login_as(client, user)
    page = (await client.get(f"/settlements/{round_id}")).text
    link = re.search(r'href="(/vouchers\?commune_id=\d+&amp;start=[\d-]+&amp;end=[\d-]+)"', page)
    day = TODAY.isoformat()
    assert link.group(1) == f"/vouchers?commune_id={case.commune_id}&amp;start={day}&amp;end={day}"
    receipts = (await client.get(link.group(1).replace("&amp;", "&"))).text
    assert case.household.head_name in receipts and "37.800.000" in receipts
