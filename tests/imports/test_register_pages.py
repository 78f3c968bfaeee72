"""The year lists over HTTP, as a commune officer works with them: the upload and its preview
(the unmatched row named by its row, the row to choose), the confirmation, the year's list with
its unmatched rows answered, the household page's dated facts and eligibility, the JSON API
(scoped, contacts under their rule)."""

from __future__ import annotations

import re

from relief.core.formatting import local_today
from relief.households.models import Household, PovertyStatus, RegisterEntry, RegisterList
from tests.factories import bearer, csrf_token, login_as, make_household, make_user, post_form
from tests.imports.register_files import POVERTY_ROWS, poverty_list
from tests.imports.test_registers import households

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def upload(client, data: bytes, **fields):
    files = {"file": ("danh-sach-ho-ngheo-2025.xlsx", data, XLSX)}
    payload = {"_csrf_token": await csrf_token(client), **fields}
    return await client.post("/imports/registers", data=payload, files=files)


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" ,", ",")


async def test_an_officer_imports_the_years_list_and_answers_its_unmatched_row(client):
    made = await households()
    officer = await make_user("commune")
    await login_as(client, officer)
    home = await client.get("/imports")
    assert 'href="/imports/registers"' in home.text
    form = await client.get("/imports/registers")
    assert "Nhập danh sách hộ nghèo, cận nghèo hoặc sổ theo dõi người có công" in form.text

    refused = await upload(client, b"", kind="poverty", year="1999")
    assert refused.status_code == 422
    assert "Hãy nhập năm từ 2000 đến 2100." in refused.text

    sent = await upload(client, poverty_list(), kind="poverty", year="2025")
    assert sent.status_code == 303, sent.text
    preview = await client.get(sent.headers["location"])
    page = text_of(preview.text)
    assert "Các dòng không khớp hộ nào (1)" in page and "Dòng 9: Đặng Thị Không Có" in page
    assert "Dòng 8: Nông Văn Bình, Hạ Sơn Tày" in page  # to choose
    assert "Các cột được giữ nguyên như trong tệp, kèm mỗi dòng: Ghi chu" in page
    assert "Lý Văn Nam, Tân Kim" in page and "không có trong danh sách" in page
    assert not await RegisterEntry.exists()

    found = await RegisterList.get()
    url = f"/imports/registers/{found.id}/confirm"
    undecided = await post_form(client, url)
    assert undecided.status_code == 422
    assert "Hãy chọn hộ cho mỗi dòng trùng nhiều hộ" in undecided.text
    done = await post_form(client, url, {"pick_8": str(made["binh_tan"].id)})
    assert done.status_code == 303
    result = await client.get(done.headers["location"])
    assert "Danh sách đã được áp dụng" in result.text

    year = await client.get("/registers/05725/poverty/2025")
    assert year.status_code == 200
    assert "Danh sách hộ nghèo, cận nghèo năm 2025" in year.text
    assert "019070001234" in year.text  # the officer of the commune sees ID numbers
    unmatched = await client.get("/registers/05725/poverty/2025?show=unmatched")
    entry = await RegisterEntry.get(register_list_id=found.id, row=9)
    answer_url = f"/registers/rows/{entry.id}/answer"
    assert f'action="{answer_url}"' in unmatched.text
    empty = await post_form(client, answer_url, {"version": str(entry.version)})
    assert empty.status_code == 422
    assert "Hãy chọn hộ, hoặc ghi lý do dòng này không gắn với hộ nào." in empty.text
    late = await make_household(hamlet_name="Xuyên Sơn", head_name="Đặng Thị Có", birth_year=1990)
    linked = await post_form(
        client, answer_url, {"version": str(entry.version), "household_id": str(late.id)}
    )
    assert linked.status_code == 303
    late = await Household.get(id=late.id)
    assert (late.poverty_status, late.poverty_year) == (PovertyStatus.NEAR_POOR, 2025)

    household = await client.get(f"/households/{made['thang'].id}")
    today = local_today().strftime("%d/%m/%Y")
    assert f"Hộ nghèo theo danh sách năm 2025 (nhập ngày {today})" in household.text
    assert 'href="/registers/05725/poverty/2025"' in household.text
    index = await client.get("/registers/05725")
    assert "Danh sách hộ nghèo, cận nghèo năm 2025" in index.text
    summary = await client.get("/reports/communes/05725")
    assert 'href="/registers/05725"' in summary.text


async def test_the_years_list_through_the_api_is_scoped_and_hides_id_numbers(client):
    made = await households()
    officer = await make_user("commune")
    await login_as(client, officer)
    sent = await upload(client, poverty_list(), kind="poverty", year="2025")
    found = await RegisterList.get()
    await post_form(client, f"/imports/registers/{found.id}/confirm", {"pick_8": "none"})
    assert sent.status_code == 303

    mine = await client.get("/api/v1/registers/05725/poverty/2025", headers=await bearer(officer))
    assert mine.status_code == 200
    body = mine.json()
    assert (body["year"], body["total"], body["matched"], body["unmatched"]) == (2025, 4, 2, 2)
    first = body["items"][0]
    assert first["household_id"] == made["thang"].id and first["id_number"] == "019070001234"
    assert first["poverty_status"] == "poor" and first["extra"] == {"Ghi chu": "Mới"}
    province = await bearer(await make_user("province"))
    seen = (await client.get("/api/v1/registers/05725/poverty/2025", headers=province)).json()
    assert seen["items"][0]["id_number"] is None  # contacts: the commune's officers only
    other = await bearer(await make_user("commune", commune_code="05716"))
    assert (
        await client.get("/api/v1/registers/05725/poverty/2025", headers=other)
    ).status_code == 404
    missing = await client.get("/api/v1/registers/05725/merit/2025", headers=await bearer(officer))
    assert missing.status_code == 404
    page = await client.get("/registers/05725/poverty/2025")
    assert page.status_code == 200
    await login_as(client, await make_user("province"))
    assert "019070001234" not in (await client.get("/registers/05725/poverty/2025")).text


async def test_a_list_replaced_by_a_later_import_of_its_year_stays_readable(client):
    made = await households()
    await login_as(client, await make_user("commune"))
    for rows, name in ((None, "a.xlsx"), (POVERTY_ROWS[1:], "b.xlsx")):
        data = poverty_list(rows) if rows else poverty_list()
        files = {"file": (name, data, XLSX)}
        payload = {"_csrf_token": await csrf_token(client), "kind": "poverty", "year": "2025"}
        sent = await client.post("/imports/registers", data=payload, files=files)
        assert sent.status_code == 303
        found = await RegisterList.filter(status="previewed").get()
        several = [r["row"] for r in found.preview if r["match"] == "several"]
        choices = {f"pick_{n}": "none" for n in several}
        done = await post_form(client, f"/imports/registers/{found.id}/confirm", choices)
        assert done.status_code == 303
    first, second = await RegisterList.all().order_by("id")
    now = await client.get("/registers/05725/poverty/2025")
    assert f'href="/registers/05725/poverty/2025?import_id={first.id}"' in now.text
    assert f'href="/households/{made["thang"].id}"' not in now.text  # not on the list now
    old = await client.get(f"/registers/05725/poverty/2025?import_id={first.id}")
    assert old.status_code == 200
    assert "Lần nhập này đã được thay bằng lần nhập sau của cùng năm" in old.text
    assert f'href="/households/{made["thang"].id}"' in old.text  # its rows as they were
    assert "/answer" not in old.text  # no answer to a replaced list's rows
    gone = await client.get(f"/registers/05725/poverty/2025?import_id={second.id + 1}")
    assert gone.status_code == 404
