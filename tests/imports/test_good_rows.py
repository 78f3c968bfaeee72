"""A list with bad rows: its good rows in, its bad rows back as a sheet to correct, and the
corrected sheet imported makes the count the list's; repeats and duplicates (issue 28)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from relief.core.actor import SYSTEM
from relief.core.errors import Invalid
from relief.core.models import AuditEntry
from relief.households.models import Disaster, Household
from relief.imports import service
from relief.imports.models import ImportStatus
from tests.imports.files import HEADERS, person, xlsx

THAN_SA = "05725"


@pytest.fixture
async def disaster(orm) -> Disaster:
    return await Disaster.create(name="Bão số 11 (Matmo)", starts_on=date(2025, 10, 6))


async def _preview(tmp_path, data, disaster, name="ds.xlsx"):
    return await service.upload(
        SYSTEM, tmp_path, name, data, commune_code=THAN_SA, disaster_id=disaster.id
    )


async def test_good_rows_in_bad_rows_back_corrected_and_the_count_is_the_lists(tmp_path, disaster):
    rows = [person(i) for i in range(10)]
    rows[2][1] = "Kim Sonn"  # unknown hamlet (row 4 of the sheet)
    rows[4][10] = "Hư hỏng 50%"  # a band on a boundary (row 6)
    rows[7][5] = "12345"  # ID number too short (row 9)
    batch = await _preview(tmp_path, xlsx(rows), disaster)
    assert (batch.errors, batch.created) == (3, 7)
    with pytest.raises(Invalid):  # without the officer's choice, nothing is written
        await service.confirm(SYSTEM, tmp_path, batch.id, service.Decisions({}))
    done = await service.confirm(SYSTEM, tmp_path, batch.id, service.Decisions({}), good_rows=True)
    assert (done.status, done.created, done.errors) == (ImportStatus.CONFIRMED, 7, 3)
    assert await Household.filter(commune__code=THAN_SA).count() == 7
    entry = await AuditEntry.get(entity="import_batch", entity_id=str(batch.id), action="import")
    assert entry.after["errors_left_out"] == 3

    data, name = await service.bad_rows_sheet(SYSTEM, tmp_path, batch.id)
    assert name == f"nhap-{batch.id}-dong-can-sua.xlsx"
    sheet = load_workbook(io.BytesIO(data)).active
    table = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert table[0] == [*HEADERS, "Dòng trong danh sách", "Lỗi cần sửa"]
    assert [(r[2], r[13]) for r in table[1:]] == [(rows[2][2], 4), (rows[4][2], 6), (rows[7][2], 9)]
    hamlet = "“Thôn, xóm”: Xã Thần Sa không có thôn “Kim Sonn”. Tên gần giống: Kim Sơn."
    assert table[1][14] == hamlet

    for line, (column, value) in zip(
        table[1:], [(1, "Kim Sơn"), (10, "Hư hỏng trên 70%"), (5, person(7)[5])], strict=True
    ):
        line[column] = value  # the officer's corrections
    book = load_workbook(io.BytesIO(data))
    for r, line in enumerate(table[1:], start=2):
        for c, value in enumerate(line, start=1):
            book.active.cell(r, c, value)
    fixed = io.BytesIO()
    book.save(fixed)
    again = await _preview(tmp_path, fixed.getvalue(), disaster, name=name)
    assert again.report["errors"] == []
    assert (again.errors, again.created, again.report["extra_columns"]) == (0, 3, [])
    await service.confirm(SYSTEM, tmp_path, again.id, service.Decisions({}))
    assert await Household.filter(commune__code=THAN_SA).count() == len(rows)


async def test_errors_of_every_row_leave_no_good_rows_to_take(tmp_path, disaster):
    rows = [person(i)[:12] for i in range(0, 8, 4)]  # damage without its assessment date
    batch = await _preview(tmp_path, xlsx(rows, headers=HEADERS[:12]), disaster)
    with pytest.raises(Invalid) as refused:
        await service.confirm(SYSTEM, tmp_path, batch.id, service.Decisions({}), good_rows=True)
    assert refused.value.field_errors == {"file": service.FILE_ERRORS}


async def test_an_id_number_repeated_in_the_file_names_both_rows(tmp_path, disaster):
    rows = [person(i) for i in range(3)]
    rows[2][5] = rows[0][5]  # another person (another birth year) with the first one's ID
    batch = await _preview(tmp_path, xlsx(rows), disaster)
    errors = [(e["row"], e["column"], e["message"]) for e in batch.report["errors"]]
    assert errors == [
        (
            4,
            "Số định danh (CCCD)",
            "Repeated ID number: rows {other} and {this} have the same ID number {number}.",
        )
    ]
    assert (batch.report["errors"][0]["other"], batch.report["errors"][0]["this"]) == (2, 4)


async def test_rows_with_different_valid_id_numbers_are_not_likely_duplicates(tmp_path, disaster):
    rows = [person(i) for i in range(0, 120, 60)]  # the same birth year
    rows[1][2] = rows[0][2]  # and the same name, and the same phone
    rows[1][6] = rows[0][6]
    batch = await _preview(tmp_path, xlsx(rows), disaster)
    assert (batch.errors, batch.flagged, batch.created) == (0, 0, 2)
    same_id = [person(0), person(0)]
    same_id[1][5] = ""  # the same person again, without an ID number: still a likely duplicate
    flagged = await _preview(tmp_path, xlsx(same_id), disaster, name="b.xlsx")
    assert flagged.flagged == 1


async def test_an_import_stopped_while_writing_is_interrupted_then_resumed(tmp_path, disaster):
    from datetime import UTC, datetime, timedelta

    from relief.imports.models import ImportBatch

    rows = [person(i) for i in range(4)]
    batch = await _preview(tmp_path, xlsx(rows), disaster)
    await service.confirm(SYSTEM, tmp_path, batch.id, service.Decisions({}))
    # As a process killed after its first piece leaves it: "writing", its rows file kept.
    again = await _preview(tmp_path, xlsx([*rows, person(4)]), disaster, name="b.xlsx")
    stopped = datetime.now(UTC) - timedelta(hours=1)
    await ImportBatch.filter(id=again.id).update(
        status=ImportStatus.WRITING, confirmed_at=stopped, progress_at=stopped
    )
    assert service.interrupted(await ImportBatch.get(id=again.id))
    done = await service.resume(SYSTEM, tmp_path, again.id, service.Decisions({}))
    assert (done.status, done.created) == (ImportStatus.CONFIRMED, 1)
    assert await Household.all().count() == 5
    assert await AuditEntry.exists(entity="import_batch", action="resume")


async def test_an_interrupted_import_can_be_cancelled(tmp_path, disaster):
    from datetime import UTC, datetime, timedelta

    from relief.imports.models import ImportBatch

    batch = await _preview(tmp_path, xlsx([person(0)]), disaster)
    stopped = datetime.now(UTC) - timedelta(hours=1)
    await ImportBatch.filter(id=batch.id).update(status=ImportStatus.WRITING, confirmed_at=stopped)
    cancelled = await service.cancel(SYSTEM, tmp_path, batch.id)
    assert cancelled.status is ImportStatus.CANCELLED


async def test_a_bad_row_under_a_hamlet_section_comes_back_with_its_hamlet(tmp_path, disaster):
    rows = [person(i) for i in range(2)]
    for row in rows:
        row[1] = None  # the hamlet is the section row's above
    rows[1][5] = "12345"
    section = ["Thôn Kim Sơn", *[None] * 12]
    batch = await _preview(tmp_path, xlsx([section, *rows]), disaster)
    assert (batch.errors, batch.created) == (1, 1)
    data, _name = await service.bad_rows_sheet(SYSTEM, tmp_path, batch.id)
    table = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert [(r[1], r[2], r[13]) for r in table[1:]] == [("Kim Sơn", rows[1][2], 4)]
