"""An import's confirmation writes over the versions its preview read (relief.core.versions):
a household an officer saves between the preview and the confirmation keeps the officer's
edit, and the import lists the row as a conflict with each field's value in the file and in
Relief now; the other rows are written and the kept figures stay equal to a recount."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from relief.households import damage
from relief.households.models import DamageAssessment, Disaster, Household
from relief.households.records import HOUSEHOLD
from relief.imports import service
from relief.imports.models import ImportBatch, ImportStatus
from relief.ledger import kept as kept_books
from relief.reports import kept
from tests.factories import actor_for, login_as, make_user, post_form
from tests.households.factories import assessment_patch
from tests.imports.files import person, xlsx
from tests.imports.test_pages import upload

# Concurrent or versioned writes: about the database, so on PostgreSQL too.
pytestmark = pytest.mark.both_databases

NEW_PHONE = "0987654321"


async def _imported(tmp_path, officer, rows, disaster) -> None:
    actor = actor_for(officer)
    first = await service.upload(actor, tmp_path, "ds.xlsx", xlsx(rows), disaster_id=disaster.id)
    await service.confirm(actor, tmp_path, first.id, service.Decisions({}))


async def _preview(client, data: bytes, disaster: Disaster) -> int:
    response = await upload(client, data, disaster_id=str(disaster.id))
    assert response.status_code == 303
    return int(response.headers["location"].rsplit("/", 1)[1])


async def _officer_saves_phone(client, household_id: int) -> Household:
    """The officer corrects the family's phone through its edit page."""
    before = await Household.get(id=household_id)
    form = {**HOUSEHOLD.form_values(before), "phone": NEW_PHONE}
    saved = await post_form(client, f"/households/{household_id}/edit", form)
    assert saved.status_code == 303, saved.text
    return await Household.get(id=household_id)


async def _figures_equal_a_recount() -> None:
    assert await kept.differences() == []
    assert await kept_books.differences() == []


async def test_an_officer_save_between_preview_and_confirmation_is_kept_and_listed(
    client, tmp_path
):
    disaster = await Disaster.create(name="Bão số 11 (Matmo)", starts_on=date(2025, 10, 6))
    officer = await make_user("commune")
    rows = [person(i) for i in range(6)]
    await _imported(tmp_path, officer, rows, disaster)
    # The corrected list: more members on its row 2, another ethnicity on row 3, a new family.
    rows[0][7] = 7
    rows[1][8] = "Dao"
    rows.append(person(6))
    await login_as(client, officer)
    import_id = await _preview(client, xlsx(rows), disaster)
    previewed = await ImportBatch.get(id=import_id)
    assert (previewed.created, previewed.updated) == (1, 2)

    first = await Household.get(id_number=rows[0][5])
    edited = await _officer_saves_phone(client, first.id)
    assert (edited.phone, edited.version) == (NEW_PHONE, first.version + 1)
    done = await post_form(client, f"/imports/{import_id}/confirm")
    assert done.status_code == 303

    now = await Household.get(id=first.id)  # the officer's edit stands, not the file's
    assert (now.phone, now.members, now.version) == (NEW_PHONE, first.members, edited.version)
    batch = await ImportBatch.get(id=import_id)
    [conflict] = batch.report["conflicts"]
    assert (conflict["row"], conflict["id"], conflict["head_name"]) == (2, first.id, rows[0][2])
    changes = {c["field"]: (c["file"], c["current"]) for c in conflict["changes"]}
    assert changes == {"members": (7, now.members), "phone": (rows[0][6], now.phone)}
    other = await Household.get(id_number=rows[1][5])
    assert (other.ethnicity, other.version) == ("Dao", 2)
    assert await Household.filter(id_number=rows[6][5]).exists()
    assert batch.status is ImportStatus.CONFIRMED
    assert (batch.created, batch.updated, batch.report["conflict_count"]) == (1, 1, 1)
    await _figures_equal_a_recount()

    page = (await client.get(done.headers["location"])).text
    assert "Đã nhập xong, trừ các dòng được liệt kê là xung đột" in page
    assert "Xung đột: các dòng không được ghi vì hộ đã thay đổi trong Relief" in page
    assert '<td class="num" rowspan="2">2</td>' in page
    assert f'href="/households/{first.id}"' in page
    assert f'<th scope="row">Số nhân khẩu</th><td>7</td><td>{now.members}</td>' in page
    assert f'<th scope="row">Số điện thoại</th><td>{rows[0][6]}</td><td>{NEW_PHONE}</td>' in page


async def test_a_damage_assessment_saved_meanwhile_keeps_its_values_and_is_listed(client, tmp_path):
    disaster = await Disaster.create(name="Bão số 11 (Matmo)", starts_on=date(2025, 10, 6))
    officer = await make_user("commune")
    rows = [person(i) for i in range(4)]  # the first family's house is assessed
    await _imported(tmp_path, officer, rows, disaster)
    rows[0][7] = 5
    rows[0][11] = "30.000.000"
    await login_as(client, officer)
    import_id = await _preview(client, xlsx(rows), disaster)
    first = await Household.get(id_number=rows[0][5])
    found = await DamageAssessment.get(household_id=first.id)
    raw = {"estimated_loss": "45.000.000", "version": str(found.version)}
    await damage.update_assessment(
        actor_for(officer), found.id, assessment_patch(raw, partial=True)
    )

    done = await post_form(client, f"/imports/{import_id}/confirm")
    assert done.status_code == 303
    now = await DamageAssessment.get(id=found.id)
    assert (now.estimated_loss, now.version) == (45_000_000, found.version + 1)
    household = await Household.get(id=first.id)  # the household's part of the row is written
    assert (household.members, household.version) == (5, 2)
    batch = await ImportBatch.get(id=import_id)
    [conflict] = batch.report["conflicts"]
    assert (conflict["row"], conflict["id"]) == (2, first.id)
    assert conflict["changes"] == [
        {
            "entity": "damage_assessment",
            "field": "estimated_loss",
            "file": 30_000_000,
            "current": now.estimated_loss,
            "value": 30_000_000,  # as stored, for taking the file's value (imports.conflicts)
            "was": now.estimated_loss,
        }
    ]
    assert (batch.updated, batch.report["conflict_count"]) == (1, 1)
    await _figures_equal_a_recount()


async def test_an_exported_list_edited_while_the_officer_saves_lists_the_same_conflict(
    client, tmp_path
):
    """The round trip: the list exported by Relief carries each household's version, and its
    confirmation finds the officer's save by that version."""
    disaster = await Disaster.create(name="Bão số 11 (Matmo)", starts_on=date(2025, 10, 6))
    officer = await make_user("commune")
    await _imported(tmp_path, officer, [person(i) for i in range(3)], disaster)
    await login_as(client, officer)
    exported = await client.get("/reports/export/households/xlsx?commune=05725")
    book = load_workbook(io.BytesIO(exported.content))
    sheet = book.worksheets[0]
    column = {c.value: c.column for c in sheet[1]}
    code = sheet.cell(2, column["Mã hộ"]).value
    sheet.cell(2, column["Dân tộc"], "Nùng")
    sheet.cell(3, column["Dân tộc"], "Dao")
    out = io.BytesIO()
    book.save(out)
    import_id = await _preview(client, out.getvalue(), disaster)
    assert (await ImportBatch.get(id=import_id)).updated == 2

    edited = await _officer_saves_phone(client, code)
    done = await post_form(client, f"/imports/{import_id}/confirm")
    assert done.status_code == 303

    now = await Household.get(id=code)
    assert (now.phone, now.ethnicity, now.version) == (NEW_PHONE, edited.ethnicity, 2)
    batch = await ImportBatch.get(id=import_id)
    [conflict] = batch.report["conflicts"]
    assert (conflict["row"], conflict["id"]) == (2, code)
    changes = {c["field"]: (c["file"], c["current"]) for c in conflict["changes"]}
    file_phone = sheet.cell(2, column["Số điện thoại"]).value
    assert changes == {"ethnicity": ("Nùng", now.ethnicity), "phone": (file_phone, NEW_PHONE)}
    other = await Household.get(id=sheet.cell(3, column["Mã hộ"]).value)
    assert other.ethnicity == "Dao"
    assert (batch.updated, batch.report["conflict_count"]) == (1, 1)
    assert batch.report["changed_fields"] == {"ethnicity": 1}
    await _figures_equal_a_recount()
