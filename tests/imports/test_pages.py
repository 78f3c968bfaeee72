"""Imports over HTTP: the template, a preview with its errors, the fix, the whole import."""

from __future__ import annotations

import functools
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from relief.core.models import AuditEntry
from relief.households.models import DamageAssessment, Disaster, Household
from relief.imports.models import ImportBatch, ImportStatus
from tests.factories import csrf_token, login_as, make_user, post_form
from tests.imports.files import person, xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def upload(client, data: bytes, name: str = "ds-than-xa.xlsx", **fields):
    files = {"file": (name, data, XLSX)}
    payload = {"_csrf_token": await csrf_token(client), **fields}
    return await client.post("/imports", data=payload, files=files)


async def test_the_template_has_vietnamese_headers_an_example_and_the_allowed_values(client):
    await login_as(client, await make_user("commune"))
    response = await client.get("/imports/template.xlsx")
    assert response.status_code == 200 and response.headers["content-type"].startswith(XLSX)
    book = load_workbook(io.BytesIO(response.content))
    sheet, values, headings = book.worksheets
    synonyms = {r[0]: r[1] for r in headings.iter_rows(2, values_only=True) if r[0]}
    assert "thon xom" in synonyms["Thôn, xóm"] and "ten chu ho" in synonyms["Họ và tên chủ hộ"]
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["Xã", "Thôn, xóm", "Họ và tên chủ hộ"]
    assert sheet["C2"].value == "Hoàng Văn Thắng"
    listed = {row[1] for row in values.iter_rows(values_only=True)}
    assert {"Hộ nghèo", "Sập đổ, cuốn trôi", "Nữ"} <= listed


@pytest.mark.parametrize("lang", ["vi", "en"])
async def test_the_template_itself_imports_cleanly(client, lang):
    disaster = await Disaster.create(name="Bão số 11", starts_on=date(2025, 10, 6))
    await login_as(client, await make_user("commune"))
    await client.get(f"/lang/{lang}")
    template = (await client.get("/imports/template.xlsx")).content
    await client.get("/lang/vi")
    response = await upload(client, template, "mau.xlsx", disaster_id=str(disaster.id))
    assert response.status_code == 303
    page = await client.get(response.headers["location"])
    batch = await ImportBatch.get()
    assert (batch.created, batch.errors) == (1, 0), batch.report
    assert "Xác nhận nhập" in page.text


@functools.cache
def _than_xa_lists() -> tuple[bytes, bytes]:
    """The list of 5,000 households with a handful of mistakes, and corrected: made once for
    both databases (openpyxl takes some 1.6 s of CPU to write each)."""
    rows = [person(i) for i in range(5000)]
    good = [list(r) for r in rows]
    rows[10][1] = "Ngoc Son 3"  # no such hamlet
    rows[200][5] = "01907000"  # a short ID number
    rows[3000][7] = 45  # members
    rows[4999][10] = "Hư hỏng vừa"  # a damage level that does not exist
    return xlsx(rows, title=True), xlsx(good, title=True)


async def test_an_officer_imports_5000_households_of_the_former_than_xa_commune(client):
    """Done when: a list with a handful of mistakes is read, fixed, and imported whole."""
    disaster = await Disaster.create(name="Bão số 11 (Matmo)", starts_on=date(2025, 10, 6))
    await login_as(client, await make_user("commune"))
    home = await client.get("/imports")
    assert home.status_code == 200 and "/imports/template.xlsx" in home.text
    with_mistakes, good = _than_xa_lists()
    response = await upload(client, with_mistakes, disaster_id=str(disaster.id))
    assert response.status_code == 303
    page = await client.get(response.headers["location"])
    assert page.status_code == 200
    text = page.text
    assert "Các lỗi cần sửa trong tệp" in text
    assert "Xã Thần Sa không có thôn “Ngoc Son 3”. Tên gần giống: Ngọc Sơn 2, Ngọc Sơn 1" in text
    assert "Số định danh cá nhân gồm đúng 12 chữ số." in text
    assert "Một hộ có từ 1 đến 30 nhân khẩu." in text
    assert "Giá trị “Hư hỏng vừa” không hợp lệ" in text
    for row in (14, 204, 3004, 5003):
        assert f'<td class="num">{row}</td>' in text
    assert "Xác nhận nhập" not in text  # a file with errors cannot be confirmed whole
    assert "Nhập các dòng không có lỗi" in text  # but for its good rows, if the officer says so
    assert not await Household.exists()

    response = await upload(client, good, disaster_id=str(disaster.id))
    location = response.headers["location"]
    page = await client.get(location)
    assert "Xác nhận nhập" in page.text
    import_id = int(location.rsplit("/", 1)[1])
    done = await post_form(client, f"/imports/{import_id}/confirm")
    assert done.status_code == 303
    page = await client.get(done.headers["location"])
    assert "Đã nhập xong" in page.text
    assert await Household.filter(commune__code="05725").count() == 5000
    assert await DamageAssessment.filter(disaster=disaster).count() == 1250
    batch = await ImportBatch.get(id=import_id)
    assert batch.status is ImportStatus.CONFIRMED and batch.created == 5000
    assert await AuditEntry.filter(entity="import_batch", action="import").count() == 1
    listing = await client.get("/imports")
    assert f'href="/imports/{import_id}"' in listing.text and "Đã nhập" in listing.text


async def test_a_flagged_row_is_kept_or_dropped_on_the_page(client):
    await login_as(client, await make_user("commune"))
    a, b = person(1), person(3)
    b[6] = a[6]  # same phone
    b[5] = ""  # and no ID number (two different ID numbers would be two people)
    response = await upload(client, xlsx([a, b]))
    location = response.headers["location"]
    page = await client.get(location)
    assert 'name="dup_3"' in page.text
    import_id = int(location.rsplit("/", 1)[1])
    refused = await post_form(client, f"/imports/{import_id}/confirm")
    assert refused.status_code == 422 and "Hãy quyết định cho từng dòng nghi trùng" in refused.text
    data = {"dup_3": "keep", "reason_3": "Hai anh em dùng chung điện thoại"}
    done = await post_form(client, f"/imports/{import_id}/confirm", data)
    assert done.status_code == 303
    assert await Household.all().count() == 2


async def test_an_unreadable_file_is_422_with_its_message(client):
    await login_as(client, await make_user("commune"))
    response = await upload(client, b"\x00\x01\x02garbage" * 10, "ds.bin")
    assert response.status_code == 422
    assert "Tệp này không phải bảng tính (.xlsx, .xls, .ods) hay CSV." in response.text


async def test_another_communes_import_is_not_found(client):
    await login_as(client, await make_user("commune", commune_code="05665"))
    other = await make_user("commune")
    await login_as(client, other)
    response = await upload(client, xlsx([person(1)]))
    import_id = int(response.headers["location"].rsplit("/", 1)[1])
    await login_as(client, await make_user("commune", commune_code="05665"))
    assert (await client.get(f"/imports/{import_id}")).status_code == 404


async def test_an_interrupted_import_is_named_so_and_resumed_from_its_page(client):
    from datetime import UTC, datetime, timedelta

    await login_as(client, await make_user("commune"))
    response = await upload(client, xlsx([person(1), person(3)]))
    import_id = int(response.headers["location"].rsplit("/", 1)[1])
    stopped = datetime.now(UTC) - timedelta(hours=1)  # as a killed process leaves it
    await ImportBatch.filter(id=import_id).update(status=ImportStatus.WRITING, confirmed_at=stopped)
    home = await client.get("/imports")
    assert "Bị gián đoạn" in home.text
    page = await client.get(f"/imports/{import_id}")
    assert "Tiếp tục nhập" in page.text and "Sửa tệp rồi tải lên lại" not in page.text
    done = await post_form(client, f"/imports/{import_id}/resume")
    assert done.status_code == 303
    assert await Household.all().count() == 2
