"""The sign-for-receipt list: rows by hamlet without personal numbers, XLSX, ticks."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from relief.aid import receipts, service
from relief.aid.models import AidGiven
from relief.core.errors import Forbidden, Invalid
from relief.core.models import AuditEntry
from tests.aid.factories import gift_in, visit_in
from tests.factories import login_as, make_household, make_user, post_form
from tests.households.factories import PROVINCE, officer

ID_NUMBER = "019070001234"
PHONE = "0912345678"


async def _visit_with_two_hamlets(actor):
    a = await make_household(head_name="Lý Văn An", id_number=ID_NUMBER, phone=PHONE)
    b = await make_household(head_name="=Ma Thị Bình", hamlet_name="Kim Sơn")
    visit = await service.create_visit(
        actor, visit_in({"visited_on": "11/10/2025", "delegation": "Đoàn công tác Tỉnh ủy"})
    )
    await service.add_gift(actor, visit.id, gift_in({"household_id": a.id, "cash": "2.000.000"}))
    await service.add_gift(
        actor,
        visit.id,
        gift_in(
            {"household_id": b.id, "cash": "5000000", "goods": "Gạo 20 kg", "goods_value": "500000"}
        ),
    )
    return visit, a, b


async def test_the_list_groups_households_by_hamlet_without_personal_numbers(orm):
    actor = await officer()
    visit, _a, b = await _visit_with_two_hamlets(actor)
    data = await receipts.receipt_list(actor, visit.id)
    assert sorted(r.head_name for r in data.rows) == ["=Ma Thị Bình", "Lý Văn An"]
    assert all(r.number == 1 for r in data.rows)  # numbered within each hamlet
    kim_son = next(h for h in data.hamlets if h.hamlet_id == b.hamlet_id)
    assert kim_son.hamlet == "thôn Kim Sơn" and kim_son.head_title == "Trưởng thôn Kim Sơn"
    assert (kim_son.cash, kim_son.goods_value) == (5_000_000, 500_000)
    assert not hasattr(data.rows[0], "id_number")
    one = await receipts.receipt_list(actor, visit.id, b.hamlet_id)
    assert [r.head_name for r in one.rows] == ["=Ma Thị Bình"]
    assert len(one.choices) == 2

    book = load_workbook(io.BytesIO(receipts.receipt_xlsx(data)))
    cells = [c.value for sheet in book for row in sheet.iter_rows() for c in row]
    assert "=Ma Thị Bình" in cells  # kept as text, never a formula
    sheet = book[kim_son.hamlet]
    assert sheet.page_setup.orientation == "landscape"
    assert [c.value for c in sheet[5]][:4] == [1, "=Ma Thị Bình", "thôn Kim Sơn", 5_000_000]
    assert sheet.cell(5, 2).data_type == "s"
    assert ID_NUMBER not in cells and PHONE not in cells


async def test_ticking_who_received_is_audited_and_checked(orm):
    actor = await officer()
    visit, a, b = await _visit_with_two_hamlets(actor)
    rows = {g.household_id: g.id for g in await AidGiven.filter(visit_id=visit.id)}
    changed = await receipts.mark_received(actor, visit.id, [rows[a.id]], date(2025, 10, 12))
    assert changed == [rows[a.id]]
    got = {g.household_id: g.received_on for g in await AidGiven.filter(visit_id=visit.id)}
    assert got == {a.id: date(2025, 10, 12), b.id: None}
    assert await AuditEntry.filter(entity="aid_given", entity_id=rows[a.id]).count() == 2
    # Unticking clears it; the date of an earlier tick is kept when ticked again.
    await receipts.mark_received(actor, visit.id, [rows[b.id]], date(2025, 10, 13))
    got = {g.household_id: g.received_on for g in await AidGiven.filter(visit_id=visit.id)}
    assert got == {a.id: None, b.id: date(2025, 10, 13)}
    with pytest.raises(Invalid) as caught:
        await receipts.mark_received(actor, visit.id, [rows[a.id]], date(2025, 10, 1))
    assert caught.value.field_errors == {
        "received_on": "The aid cannot be received before the visit."
    }
    with pytest.raises(Invalid):
        await receipts.mark_received(actor, visit.id, [999_999], date(2025, 10, 12))
    with pytest.raises(Forbidden):
        await receipts.mark_received(PROVINCE, visit.id, [], date(2025, 10, 12))


async def test_the_pages_print_export_and_tick(client):
    user = await make_user("commune")
    await login_as(client, user)
    actor = await officer()
    visit, _a, b = await _visit_with_two_hamlets(actor)
    page = await client.get(f"/visits/{visit.id}/receipts")
    assert page.status_code == 200
    for text in ("DANH SÁCH KÝ NHẬN HỖ TRỢ", "Lý Văn An", "5.000.000", "TRƯỞNG THÔN KIM SƠN"):
        assert text in page.text
    assert ID_NUMBER not in page.text and PHONE not in page.text
    xlsx = await client.get(f"/visits/{visit.id}/receipts/xlsx", params={"hamlet_id": b.hamlet_id})
    assert xlsx.status_code == 200
    assert load_workbook(io.BytesIO(xlsx.content)).sheetnames == ["thôn Kim Sơn"]
    gift = await AidGiven.get(visit_id=visit.id, household_id=b.id)
    bad = await post_form(client, f"/visits/{visit.id}/receipts", {"received_on": "2099-01-01"})
    assert bad.status_code == 422 and "Ngày này ở tương lai." in bad.text
    done = await post_form(
        client,
        f"/visits/{visit.id}/receipts",
        {"received_on": "2025-10-12", "received": str(gift.id)},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert (await AidGiven.get(id=gift.id)).received_on == date(2025, 10, 12)
