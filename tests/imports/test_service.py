"""Import service on both databases: previews that write nothing, confirmations all or nothing."""

from __future__ import annotations

from datetime import date

import pytest

from relief.core.actor import SYSTEM
from relief.core.errors import Conflict, Invalid
from relief.core.models import AuditEntry
from relief.households import words
from relief.households.models import DamageAssessment, Disaster, Household, HouseholdWord
from relief.imports import service
from relief.imports.models import ImportBatch, ImportStatus
from tests.factories import actor_for, make_household, make_user
from tests.imports.files import HEADERS, csv_bytes, person, xlsx

THAN_SA = "05725"


@pytest.fixture
async def disaster(orm) -> Disaster:
    return await Disaster.create(name="Bão số 11 (Matmo)", starts_on=date(2025, 10, 6))


async def preview(tmp_path, data: bytes, name: str = "ds.xlsx", disaster=None, **kw):
    return await service.upload(
        SYSTEM,
        tmp_path,
        name,
        data,
        commune_code=kw.get("commune", THAN_SA),
        disaster_id=disaster.id if disaster else None,
    )


def messages(batch: ImportBatch) -> list[tuple[int, str, str]]:
    return [(e["row"], e["column"], e["message"]) for e in batch.report["errors"]]


async def test_a_good_file_of_the_former_than_xa_commune_previews_then_imports(tmp_path, disaster):
    data = xlsx([person(i) for i in range(40)], title=True)
    batch = await preview(tmp_path, data, disaster=disaster)
    assert (batch.rows, batch.created, batch.errors, batch.flagged) == (40, 40, 0, 0)
    assert not await Household.exists()  # a preview writes nothing
    done = await service.confirm(SYSTEM, tmp_path, batch.id, service.Decisions({}))
    assert done.status is ImportStatus.CONFIRMED
    assert await Household.filter(commune__code=THAN_SA).count() == 40
    assert await DamageAssessment.filter(disaster=disaster).count() == 10
    entry = await AuditEntry.get(entity="import_batch", entity_id=str(batch.id), action="import")
    assert entry.after["created"] == 40 and entry.after["checksum"] == batch.checksum
    h = await Household.get(id_number=person(3)[5])
    assert h.head_name == person(3)[2] and h.hamlet_id is not None


async def test_imported_households_are_found_by_the_words_of_their_names(tmp_path, disaster):
    batch = await preview(tmp_path, xlsx([person(i) for i in range(12)]), disaster=disaster)
    await service.confirm(SYSTEM, tmp_path, batch.id, service.Decisions({}))
    assert await words.differences() == []
    h = await Household.get(id_number=person(9)[5])  # "Triệu Thị Thắng 9"
    tails = await HouseholdWord.filter(household_id=h.id).values_list("tail", flat=True)
    assert sorted(tails) == ["9", "thang 9", "thi thang 9", "trieu thi thang 9"]
    assert {w.commune_id for w in await HouseholdWord.all()} == {h.commune_id}
    assert await HouseholdWord.all().count() == 12 * 4


async def test_each_kind_of_bad_row_is_reported_with_row_and_column(tmp_path, disaster):
    rows = [person(i) for i in range(12)]
    rows[0][1] = "Kim Sonn"  # unknown hamlet, close to Kim Sơn
    rows[1][5] = "12345"  # ID number too short
    rows[2][6] = "12"  # phone
    rows[3][7] = 0  # members
    rows[4][3] = "Không rõ"  # gender value
    rows[5][4] = 1800  # birth year
    rows[6][0] = "Xã Tràng Xá"  # another commune
    rows[8][3:6] = rows[7][3:6]  # the same person's ID number twice in the file
    rows[9][2] = ""  # no name
    rows[10][12] = "01/01/2020"  # assessed before the disaster
    rows[11][0] = "Không có xã này"
    batch = await preview(tmp_path, xlsx(rows), disaster=disaster)
    found = messages(batch)
    assert (2, "Thôn, xóm", service_message("UNKNOWN_HAMLET")) in found
    hamlet_error = next(e for e in batch.report["errors"] if e["row"] == 2)
    assert hamlet_error["matches"] == "Kim Sơn"
    assert (3, "Số định danh (CCCD)", "An ID number has exactly 12 digits.") in found
    assert (
        4,
        "Số điện thoại",
        "Enter a phone number of 10 digits starting with 0, or +84.",
    ) in found
    assert (5, "Số nhân khẩu", "A household has 1 to 30 members.") in found
    assert any(r == 6 and c == "Giới tính" for r, c, _ in found)
    assert (7, "Năm sinh", "Enter a birth year between 1900 and this year.") in found
    assert any(r == 8 and c == "Xã" and "import it there" in m for r, c, m in found)
    twice = next(e for e in batch.report["errors"] if e["row"] == 10)
    assert twice["message"].startswith("Repeated ID number: rows {other} and {this}")
    assert (twice["other"], twice["this"]) == (9, 10)
    assert twice["column"] == "Số định danh (CCCD)"
    assert (11, "Họ và tên chủ hộ", "This field is required.") in found
    assert (12, "Ngày đánh giá", "The assessment cannot be before the disaster.") in found
    assert any(r == 13 and c == "Xã" for r, c, _ in found)
    with pytest.raises(Invalid):
        await service.confirm(SYSTEM, tmp_path, batch.id, service.Decisions({}))
    assert not await Household.exists()


def service_message(name: str) -> str:
    from relief.imports import rows

    return getattr(rows, name)


async def test_an_id_number_already_recorded_elsewhere_is_an_error(tmp_path, disaster):
    await make_household(commune_code="05665", id_number=person(0)[5])
    batch = await preview(tmp_path, xlsx([person(0), person(1)]), disaster=disaster)
    assert messages(batch) == [
        (2, "Số định danh (CCCD)", "This ID number is already recorded for another household.")
    ]


async def test_likely_duplicates_are_flagged_and_decided_row_by_row(tmp_path, disaster):
    first = person(0)
    await make_household(head_name=first[2], birth_year=first[4], id_number=None, phone=None)
    twin_phone = person(1)
    twin_phone[6] = person(2)[6]  # same phone as row 4
    twin_phone[5] = ""  # and no ID number: two different ID numbers would be two people
    batch = await preview(tmp_path, xlsx([first, twin_phone, person(2)]), disaster=disaster)
    assert batch.flagged == 2 and batch.errors == 0
    flagged = {d["row"]: d for d in batch.report["flagged"]}
    assert flagged[2]["matches"][0]["head_name"] == first[2]
    assert flagged[4]["rows"] == [3]
    with pytest.raises(Invalid):  # undecided rows block the confirmation
        await service.confirm(SYSTEM, tmp_path, batch.id, service.Decisions({}))
    assert await Household.all().count() == 1
    decisions = service.Decisions({2: ("keep", "Hai người cùng tên"), 4: ("drop", "")})
    done = await service.confirm(SYSTEM, tmp_path, batch.id, decisions)
    assert (done.created, done.skipped) == (2, 1)
    assert await Household.all().count() == 3


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
async def test_csv_in_each_encoding(tmp_path, disaster, encoding):
    rows = [person(i) for i in range(5)]
    data = csv_bytes(rows, encoding=encoding, sep=";" if encoding == "cp1258" else ",")
    batch = await preview(tmp_path, data, name="ds.csv", disaster=disaster)
    assert (batch.created, batch.errors) == (5, 0), batch.report["errors"]
    await service.confirm(SYSTEM, tmp_path, batch.id, service.Decisions({}))
    names = set(await Household.all().values_list("head_name", flat=True))
    assert names == {r[2] for r in rows}


async def test_headers_in_english_in_any_order_without_accents_and_extra_columns(tmp_path, orm):
    headers = ["Full notes", "head of household", "hamlet", "Nam sinh", "So dinh danh", "STT"]
    headers.append("Members")
    rows = [["x", "Triệu Thị Huyền", "kim son", 1985, "019185000001", 1, 3]]
    batch = await preview(tmp_path, xlsx(rows, headers=headers))
    assert batch.errors == 0 and batch.created == 1
    assert batch.report["extra_columns"] == ["Full notes"]


async def test_merged_cells_excel_dates_formulas_and_blank_rows(tmp_path, disaster):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    a, b = person(4), person(8)
    a[12] = date(2025, 10, 10)  # a real Excel date
    b[1] = None  # the hamlet cell of a is merged over b's row
    sheet.append(a)
    sheet.append(b)
    sheet.append([None] * len(HEADERS))  # a blank row
    sheet.merge_cells("B2:B3")
    sheet["H3"] = "=2+1"  # a formula: its cached value is read (none here: no Excel ran it)
    import io

    out = io.BytesIO()
    book.save(out)
    batch = await preview(tmp_path, out.getvalue(), disaster=disaster)
    assert batch.rows == 2
    # The formula has no computed value in a file no spreadsheet opened: "members" is empty.
    assert messages(batch) == [(3, "Số nhân khẩu", "This field is required.")]


async def test_a_file_failing_at_its_last_row_writes_nothing(tmp_path, disaster):
    rows = [person(i) for i in range(300)]
    batch = await preview(tmp_path, xlsx(rows), disaster=disaster)
    # Meanwhile someone records the ID number of the last row: the confirmation finds it.
    await make_household(commune_code="05665", id_number=rows[-1][5])
    with pytest.raises(Invalid):
        await service.confirm(SYSTEM, tmp_path, batch.id, service.Decisions({}))
    assert await Household.all().count() == 1
    assert not await DamageAssessment.exists()
    assert (await ImportBatch.get(id=batch.id)).status is ImportStatus.FAILED


async def test_the_same_file_twice_creates_nothing_twice(tmp_path, disaster):
    data = xlsx([person(i) for i in range(20)])
    first = await preview(tmp_path, data, disaster=disaster)
    await service.confirm(SYSTEM, tmp_path, first.id, service.Decisions({}))
    with pytest.raises(Invalid) as refused:  # refused on its checksum, before it is read
        await preview(tmp_path, data, disaster=disaster)
    assert f"(lần nhập số {first.id})" in refused.value.field_errors["file"]
    with pytest.raises(Conflict):
        await service.confirm(SYSTEM, tmp_path, first.id, service.Decisions({}))
    assert await Household.all().count() == 20


async def test_a_corrected_row_updates_its_household(tmp_path, disaster):
    rows = [person(i) for i in range(3)]
    batch = await preview(tmp_path, xlsx(rows), disaster=disaster)
    await service.confirm(SYSTEM, tmp_path, batch.id, service.Decisions({}))
    rows[0][7] = 9
    batch = await preview(tmp_path, xlsx(rows), disaster=disaster)
    assert (batch.updated, batch.skipped, batch.created) == (1, 2, 0)
    await service.confirm(SYSTEM, tmp_path, batch.id, service.Decisions({}))
    h = await Household.get(id_number=rows[0][5])
    assert h.members == 9 and h.version == 2


async def test_a_commune_officer_imports_only_into_their_commune(tmp_path, orm):
    officer = actor_for(await make_user("commune", commune_code="05665"))
    batch = await service.upload(officer, tmp_path, "ds.xlsx", xlsx([person(1)]))
    assert batch.commune_id == officer.commune_id
    first = batch.report["errors"][0]  # Thần Xa is not part of Văn Lăng
    assert first["column"] == "Xã" and "import it there" in first["message"]


async def test_limits_are_refused_with_a_clear_message(tmp_path, disaster, monkeypatch):
    from relief.imports import parsing
    from relief.imports import service as svc

    monkeypatch.setattr(svc, "MAX_BYTES", 1000)
    with pytest.raises(Invalid) as exc:
        await preview(tmp_path, b"x" * 1001, name="big.csv")
    assert exc.value.field_errors["file"] == parsing.TOO_LARGE
    monkeypatch.setattr(svc, "MAX_BYTES", parsing.MAX_BYTES)
    # The rows are counted where the file is read (a worker process in the server): here, in
    # this process, with the limit lowered.
    from relief.imports import reader
    from relief.imports.models import ImportKind
    from relief.imports.validation import load_places
    from relief.places.models import Commune

    monkeypatch.setattr("relief.imports.validation.MAX_ROWS", 5)
    data = csv_bytes([person(i) for i in range(7)])
    places = await load_places(await Commune.get(code=THAN_SA), disaster, date(2025, 11, 1))
    read = reader.read_file(data, ImportKind.CSV, places, "vi", tmp_path / "rows.read")
    report = read["report"]
    assert report.too_many_rows is True and report.rows == 6
    assert report.errors[-1]["message"] == parsing.TOO_MANY_ROWS
