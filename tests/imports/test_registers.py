"""The commune's year lists imported, on both databases: the preview names every row (matched,
to choose, matching none) and writes nothing; the confirmation writes the year's entries and
the households' dated flags with their audit entries; importing the year again replaces the
list and takes the flag off a household dropped from it; a household saved after the preview
is a conflict; the programmes' eligibility follows the lists."""

from __future__ import annotations

import pytest

from relief.core import versions
from relief.core.actor import SYSTEM
from relief.core.errors import Conflict, Invalid
from relief.core.models import AuditEntry
from relief.households import register_flags
from relief.households.models import (
    Household,
    MatchKind,
    MeritKind,
    PovertyStatus,
    RegisterEntry,
    RegisterKind,
    RegisterList,
    RegisterStatus,
)
from relief.households.register_records import ENTRY_ANSWER, LINK_OR_REASON, REGISTER_IMPORT
from relief.households.service import AUDITED
from relief.houses.eligibility import facts_of, judge
from relief.houses.models import Programme
from relief.imports import registers
from tests.factories import actor_for, make_household, make_user
from tests.imports.files import csv_bytes
from tests.imports.register_files import (
    BINH,
    HUYEN,
    NAM,
    POVERTY_HEADINGS,
    THANG,
    kept,
    merit_register,
    poverty_list,
)

THAN_SA = "05725"


async def households() -> dict[str, Household]:
    made = {
        "thang": await make_household(hamlet_name=THANG[1], head_name=THANG[0], id_number=THANG[2]),
        "huyen": await make_household(
            hamlet_name=HUYEN[1], head_name=HUYEN[0], birth_year=1982, id_number=HUYEN[2]
        ),
        "binh_kim": await make_household(hamlet_name="Kim Sơn", head_name=BINH[0], birth_year=1965),
        "binh_tan": await make_household(hamlet_name="Tân Kim", head_name=BINH[0], birth_year=1975),
        "nam": await make_household(
            hamlet_name=NAM[1],
            head_name=NAM[0],
            birth_year=1965,
            id_number=NAM[2],
            poverty_status=PovertyStatus.POOR,
            poverty_year=2025,
        ),
    }
    return made


async def officer():
    return actor_for(await make_user("commune", commune_code=THAN_SA))


async def preview(actor, data: bytes, kind: str = "poverty", year: int = 2025, name="ds.xlsx"):
    wanted = REGISTER_IMPORT.form({"kind": kind, "year": str(year)})
    return await registers.upload(actor, wanted, name, data, read_here=True)


def rows_by(found: RegisterList) -> dict[int, dict]:
    return {r["row"]: r for r in found.preview}


def none_of_them(found: RegisterList) -> dict[int, str]:
    """The officer's answer "none of them" for each row matching several households."""
    return {r["row"]: "none" for r in found.preview if r["match"] == MatchKind.SEVERAL}


async def test_a_list_with_unaccented_headings_previews_each_row_and_writes_nothing(orm):
    made = await households()
    actor = await officer()
    found = await preview(actor, poverty_list())
    assert found.status is RegisterStatus.PREVIEWED and found.errors == 0, found.report
    assert (found.rows, found.matched, found.several, found.unmatched) == (4, 2, 1, 1)
    assert found.headers == {
        "name": "Ho va ten chu ho",
        "hamlet": "Thon",
        "id_number": "So CCCD",
        "poverty_status": "Phan loai ho",
    }
    assert found.extra_columns == ["Ghi chu"]  # kept, with each row's value
    rows = rows_by(found)
    assert rows[6]["match"] == MatchKind.ID_NUMBER and rows[6]["household_id"] == made["thang"].id
    assert rows[6]["extra"] == {"Ghi chu": "Mới"}
    assert rows[7]["match"] == MatchKind.NAME_HAMLET and rows[7]["household_id"] == made["huyen"].id
    assert rows[8]["match"] == MatchKind.SEVERAL
    assert set(rows[8]["candidates"]) == {made["binh_kim"].id, made["binh_tan"].id}
    assert rows[9]["match"] == MatchKind.NONE and rows[9]["name"] == "Đặng Thị Không Có"
    dropped = {c["household_id"]: c for c in found.report["changes"]}
    assert dropped[made["nam"].id]["rows"] == []  # poor of 2025 by hand, not on the list
    assert dropped[made["nam"].id]["after"] == {"poverty_status": "none", "poverty_year": None}
    assert not await RegisterEntry.exists()
    assert (await Household.get(id=made["thang"].id)).poverty_status is PovertyStatus.NONE


async def test_confirming_writes_the_entries_and_the_dated_flags_with_their_audit(orm):
    made = await households()
    actor = await officer()
    found = await preview(actor, poverty_list())
    facts = await facts_of(made["thang"], 2025)
    assert not judge(facts, Programme.NTP_POVERTY).eligible
    with pytest.raises(Invalid) as refused:  # the row matching two households is undecided
        await registers.confirm(actor, found.id, {})
    assert "pick_8" in refused.value.field_errors
    done = await registers.confirm(actor, found.id, {8: str(made["binh_tan"].id)})
    assert done.status is RegisterStatus.CURRENT and done.preview == []
    entries = {e.row: e for e in await RegisterEntry.filter(register_list_id=found.id)}
    assert sorted(entries) == [6, 7, 8, 9]  # the unmatched row kept with the list
    assert entries[9].household_id is None and entries[9].match is MatchKind.NONE
    assert entries[8].match is MatchKind.CHOSEN and entries[8].household_id == made["binh_tan"].id
    now = {h.id: h for h in await Household.all()}
    assert (now[made["thang"].id].poverty_status, now[made["thang"].id].poverty_year) == (
        PovertyStatus.POOR,
        2025,
    )
    assert now[made["huyen"].id].poverty_status is PovertyStatus.NEAR_POOR
    assert now[made["binh_tan"].id].poverty_status is PovertyStatus.POOR
    assert now[made["binh_kim"].id].poverty_status is PovertyStatus.NONE
    assert (now[made["nam"].id].poverty_status, now[made["nam"].id].poverty_year) == (
        PovertyStatus.NONE,
        None,
    )
    entry = await AuditEntry.get(entity="household", entity_id=str(made["nam"].id))
    assert entry.before == {"poverty_status": "poor", "poverty_year": 2025, "version": 1}
    assert "2025" in entry.reason and str(found.id) in entry.reason
    assert await AuditEntry.exists(entity="register_list", entity_id=str(found.id), action="import")
    verdict = judge(await facts_of(now[made["thang"].id], 2025), Programme.NTP_POVERTY)
    assert verdict.eligible and verdict.facts == ["Hộ nghèo theo danh sách năm 2025"]
    # Nam's own fields said poor of 2025: the imported list now says otherwise.
    verdict = judge(await facts_of(now[made["nam"].id], 2025), Programme.NTP_POVERTY)
    assert not verdict.eligible and "năm 2025" in verdict.facts[0]


async def test_importing_the_year_again_replaces_it_and_drops_a_household(orm):
    made = await households()
    actor = await officer()
    first = await preview(actor, poverty_list())
    await registers.confirm(actor, first.id, {8: "none"})
    again = poverty_list([row for row in _rows() if row[1] != THANG[0]])
    second = await preview(actor, again, name="ds-lai.xlsx")
    previous = second.report["previous"]
    assert previous["id"] == first.id and previous["counts"] == [0, 1, 0]
    assert previous["removed"][0]["id"] == made["thang"].id
    await registers.confirm(actor, second.id, none_of_them(second))
    assert (await RegisterList.get(id=first.id)).status is RegisterStatus.SUPERSEDED
    assert await RegisterEntry.filter(register_list_id=first.id).count() == 4  # still readable
    thang = await Household.get(id=made["thang"].id)
    assert (thang.poverty_status, thang.poverty_year) == (PovertyStatus.NONE, None)
    entry = await AuditEntry.filter(entity="household", entity_id=str(thang.id)).order_by("-id")
    assert entry[0].after["poverty_status"] == "none" and str(second.id) in entry[0].reason
    verdict = judge(await facts_of(thang, 2025), Programme.NTP_POVERTY)
    assert not verdict.eligible
    assert verdict.facts == ["Không có trong danh sách hộ nghèo, cận nghèo năm 2025"]


def _rows():
    from tests.imports.register_files import POVERTY_ROWS

    return [list(r) for r in POVERTY_ROWS]


async def test_a_household_saved_between_preview_and_confirm_is_a_listed_conflict(orm):
    made = await households()
    actor = await officer()
    found = await preview(actor, poverty_list())
    huyen = made["huyen"]
    await versions.save(
        SYSTEM,
        huyen,
        huyen.version,
        {"phone": "0912345678"},
        entity="household",
        audited=AUDITED,
    )
    done = await registers.confirm(actor, found.id, {8: "none"})
    conflicts = done.report["conflicts"]
    assert [c["id"] for c in conflicts] == [huyen.id] and conflicts[0]["row"] == 7
    assert conflicts[0]["changes"] == [
        {"entity": "household", "field": "poverty_status", "file": "near_poor", "current": "none"},
        {"entity": "household", "field": "poverty_year", "file": 2025, "current": None},
    ]
    assert (await Household.get(id=huyen.id)).poverty_status is PovertyStatus.NONE  # not written
    thang = await Household.get(id=made["thang"].id)
    assert thang.poverty_status is PovertyStatus.POOR  # the others are
    # The entry is the list's all the same: the household is on it.
    assert await RegisterEntry.exists(register_list_id=found.id, household_id=huyen.id)


async def test_the_register_sets_the_service_and_martyr_flags(orm):
    made = await households()
    actor = await officer()
    found = await preview(actor, merit_register(), kind="merit")
    assert (found.matched, found.unmatched, found.errors) == (2, 1, 0), found.report
    facts = await facts_of(made["huyen"], 2025)
    assert not judge(facts, Programme.REVOLUTIONARY_SERVICE).eligible
    await registers.confirm(actor, found.id, {})
    thang = await Household.get(id=made["thang"].id)
    huyen = await Household.get(id=made["huyen"].id)
    assert (thang.revolutionary_service, thang.martyr_family) == (True, False)
    assert (huyen.revolutionary_service, huyen.martyr_family) == (False, True)
    kinds = await RegisterEntry.filter(register_list_id=found.id).values_list(
        "merit_kind", flat=True
    )
    assert sorted(kinds) == sorted(
        [MeritKind.WAR_INVALID, MeritKind.MARTYR_RELATIVE, MeritKind.SICK_SOLDIER]
    )
    verdict = judge(await facts_of(huyen, 2025), Programme.REVOLUTIONARY_SERVICE)
    assert verdict.eligible and verdict.facts == ["Gia đình liệt sĩ theo sổ theo dõi năm 2025"]


async def test_an_older_year_imported_after_a_later_one_changes_no_flag(orm):
    made = await households()
    actor = await officer()
    later = await preview(actor, poverty_list(), year=2025)
    await registers.confirm(actor, later.id, {8: "none"})
    older = await preview(actor, poverty_list(_rows()[1:]), year=2024, name="ds-2024.xlsx")
    assert older.report["later_year"] == 2025 and older.report["changes"] == []
    await registers.confirm(actor, older.id, none_of_them(older))
    thang = await Household.get(id=made["thang"].id)
    assert (thang.poverty_status, thang.poverty_year) == (PovertyStatus.POOR, 2025)
    assert await RegisterList.filter(status=RegisterStatus.CURRENT).count() == 2


async def test_a_file_without_a_status_names_its_rows_and_cannot_be_confirmed(orm):
    await households()
    actor = await officer()
    rows = _rows()
    rows[1][4] = ""
    rows[2][4] = "Khá giả"
    found = await preview(actor, poverty_list(rows))
    errors = [(e["row"], e["column"], e["message"]) for e in found.report["errors"]]
    assert errors[0][:2] == (7, "Phan loai ho") and errors[0][2].startswith("Write whether")
    assert errors[1][:2] == (8, "Phan loai ho") and "Khá giả" in found.report["errors"][1]["value"]
    with pytest.raises(Invalid):
        await registers.confirm(actor, found.id, {8: "none"})


async def test_the_same_file_is_not_imported_twice_and_a_cancelled_preview_writes_nothing(orm):
    await households()
    actor = await officer()
    data = poverty_list()  # one file: openpyxl stamps each workbook it makes with the time
    found = await preview(actor, data)
    await registers.cancel(actor, found.id)
    with pytest.raises(Conflict):
        await registers.confirm(actor, found.id, {8: "none"})
    found = await preview(actor, data)
    await registers.confirm(actor, found.id, {8: "none"})
    with pytest.raises(Invalid) as refused:
        await preview(actor, data)
    assert str(found.id) in refused.value.field_errors["file"]
    assert not await RegisterEntry.filter(register_list__status="cancelled").exists()


async def test_another_communes_list_matches_no_household_of_than_sa(orm):
    await households()
    actor = actor_for(await make_user("commune", commune_code="05716"))
    found = await preview(actor, poverty_list())
    assert found.kind is RegisterKind.POVERTY and found.commune_id != (await households_commune())
    assert (found.matched, found.several, found.unmatched) == (0, 0, 4)


async def households_commune() -> int:
    return (await Household.all().first()).commune_id


@pytest.mark.parametrize("name", ["poverty-libreoffice.ods", "poverty-libreoffice.xls"])
async def test_the_list_as_libreoffice_saves_it_is_read_alike(orm, name):
    """Marks in two columns, a section row per hamlet, ID numbers that lost their 0."""
    made = await households()
    actor = await officer()
    found = await preview(actor, kept(name), name=name)
    assert (found.rows, found.matched, found.several, found.unmatched, found.errors) == (
        4,
        2,
        1,
        1,
        0,
    )
    rows = rows_by(found)
    assert rows[5]["household_id"] == made["thang"].id and rows[5]["match"] == MatchKind.ID_NUMBER
    assert rows[5]["code"] == "poor" and rows[5]["extra"] == {"Mã số hộ": "HN-01"}
    assert rows[7]["household_id"] == made["huyen"].id and rows[7]["code"] == "near_poor"
    assert rows[11]["match"] == MatchKind.NONE and rows[11]["hamlet"] == "Xuyên Sơn"


@pytest.mark.parametrize("name", ["merit-libreoffice.ods", "merit-libreoffice.xls"])
async def test_the_register_as_libreoffice_saves_it_reads_the_kinds_from_its_sections(orm, name):
    made = await households()
    actor = await officer()
    found = await preview(actor, kept(name), kind="merit", name=name)
    assert (found.matched, found.unmatched, found.errors) == (2, 1, 0), found.report
    await registers.confirm(actor, found.id, {})
    huyen = await Household.get(id=made["huyen"].id)
    assert (huyen.revolutionary_service, huyen.martyr_family) == (False, True)
    tam = await RegisterEntry.get(register_list_id=found.id, name="Ma Văn Tám")
    assert tam.merit_kind is MeritKind.SICK_SOLDIER and tam.kind_text == "III. BỆNH BINH"
    assert tam.household_id is None and tam.extra == {"Số sổ trợ cấp": "BB-0007"}


async def test_a_csv_list_in_windows_1258_is_read_too(orm):
    made = await households()
    actor = await officer()
    rows = [r[1:] for r in _rows()]
    data = csv_bytes(rows, encoding="cp1258", headers=POVERTY_HEADINGS[1:])
    found = await preview(actor, data, name="ds.csv")
    assert (found.matched, found.several, found.unmatched, found.errors) == (2, 1, 1, 0)
    assert rows_by(found)[2]["household_id"] == made["thang"].id


async def test_a_row_left_unmatched_is_linked_later_and_the_household_gets_its_flag(orm):
    await households()
    actor = await officer()
    found = await preview(actor, poverty_list())
    await registers.confirm(actor, found.id, none_of_them(found))
    entry = await RegisterEntry.get(register_list_id=found.id, row=9)
    late = await make_household(hamlet_name="Xuyên Sơn", head_name="Đặng Thị Có", birth_year=1990)
    with pytest.raises(Invalid) as refused:  # neither a household nor a reason
        await register_flags.answer_row(actor, entry.id, answer(entry))
    assert refused.value.field_errors == {"household_id": LINK_OR_REASON}
    other = await make_household(commune_code="05716", head_name="Đặng Thị Có")
    with pytest.raises(Invalid):  # another commune's household
        await register_flags.answer_row(actor, entry.id, answer(entry, household_id=other.id))
    saved = await register_flags.answer_row(
        actor, entry.id, answer(entry, household_id=late.id, note="Tên khai sinh khác")
    )
    assert (saved.household_id, saved.match) == (late.id, MatchKind.LINKED)
    late = await Household.get(id=late.id)
    assert (late.poverty_status, late.poverty_year) == (PovertyStatus.NEAR_POOR, 2025)
    assert await AuditEntry.exists(entity="register_entry", entity_id=str(entry.id))
    audited = await AuditEntry.get(entity="household", entity_id=str(late.id))
    assert audited.after["poverty_status"] == "near_poor"
    with pytest.raises(Conflict):  # already matched
        await register_flags.answer_row(actor, entry.id, answer(saved, note="x"))
    row = await RegisterEntry.get(register_list_id=found.id, row=8)  # "none of them"
    kept_row = await register_flags.answer_row(actor, row.id, answer(row, note="Đã chuyển đi"))
    assert (kept_row.household_id, kept_row.note) == (None, "Đã chuyển đi")


def answer(entry: RegisterEntry, **values) -> object:
    raw = {"version": str(entry.version), **{k: str(v) for k, v in values.items()}}
    return ENTRY_ANSWER.form_patch(raw)
