"""The quick reading of rows without an error (relief.imports.quick) makes the very row that
check_row makes, and leaves to check_row every row that has something to say."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from relief.core.errors import Invalid
from relief.core.formatting import local_today
from relief.households.models import Disaster
from relief.imports.models import ImportKind
from relief.imports.parsing import detect_kind, open_table
from relief.imports.quick import QuickRows
from relief.imports.rows import check_row
from relief.imports.validation import Report, data_rows, load_places
from relief.places.models import Commune
from tests.imports.files import HEADERS, person

FILES = Path(__file__).parent / "files"
THAN_SA = "05725"


async def _places(disaster: bool = True, assessed_on: date | None = None):
    found = None
    if disaster:
        found = await Disaster.create(name="Bão số 11", starts_on=date(2025, 10, 6))
    commune = await Commune.get(code=THAN_SA)
    places = await load_places(commune, found, local_today())
    places.assessed_on = assessed_on
    return places


def _compare(places, rows: list[tuple[int, dict[str, Any]]]) -> tuple[int, int]:
    """Each row read both ways: the quick row equals check_row's; (quick rows, clean rows)."""
    quick = QuickRows(places)
    answered = clean = 0
    for _ in range(2):  # the second time from what the first remembered
        for number, cells in rows:
            slow = check_row(number, dict(cells), places)
            fast = quick.check(number, dict(cells))
            clean += not slow.errors
            if fast is not None:
                answered += 1
                assert not slow.errors, (cells, slow.errors)
                assert fast == slow, cells
                assert fast.data is not None and slow.data is not None
                assert fast.data.__struct_fields__ == slow.data.__struct_fields__
    return answered, clean


def _cells(values: list[Any], headers: list[str] = HEADERS) -> dict[str, Any]:
    from relief.imports.columns import match_header

    return {match_header(h): v for h, v in zip(headers, values, strict=True) if v not in ("", None)}


async def test_the_rows_of_a_list_read_quickly_are_check_rows_rows(orm):
    places = await _places()
    rows = [(i + 1, _cells(person(i))) for i in range(1, 300)]
    answered, clean = _compare(places, rows)
    assert clean == 2 * 299
    assert answered == clean  # every clean row read the quick way


BROKEN = [
    {"birth_year": 2090},  # in the future
    {"birth_year": 1961},  # not the ID number's
    {"birth_year": "1950x"},
    {"birth_year": "05/04/1950"},  # a full date where the year goes
    {"id_number": "12345"},
    {"id_number": 19150012345},  # Excel dropped its leading 0
    {"gender": "Nam"},  # the ID number says a woman (odd rows)
    {"gender": "không rõ"},
    {"phone": "12"},
    {"phone": 912345678},
    {"members": 0},
    {"members": 31},
    {"members": "ba"},
    {"head_name": "123"},
    {"head_name": "Hoàng\u200bVăn  Thắng\t"},  # invisible, doubled and tab spaces
    {"head_name": "Nguyễn\u00a0Văn Ánh"},  # a no-break space
    {"head_name": "Nguye\u0302\u0303n Va\u0306n Hoa\u0300"},  # marks typed apart
    {"head_name": "ĐẶNG THỊ HOÀ"},
    {"head_name": "Lý Thị Lan\r\nKim Sơn"},
    {"ethnicity": "Tày\u00ad"},
    {"phone": "09 1234\u200b5678"},
    {"phone": "+84 912 345 678"},
    {"id_number": "019 150 012 345"},
    {"id_number": "019A50012345"},
    {"id_number": "999150012345"},  # no such province
    {"head_name": "  "},
    {"hamlet": "Không Có"},
    {"hamlet": "Thôn Kim Sơn"},
    {"hamlet": "xóm kim  sơn"},
    {"commune": "Xã Thần Sa"},
    {"commune": "Hà Nội"},
    {"commune": "Phú Thượng", "former_district": "Võ Nhai", "former_province": "Thái Nguyên"},
    {"commune": "Thần Sa", "former_district": "Võ Nhai", "former_province": "Thái Nguyên"},
    {"poverty_status": "Hộ nghèo", "poverty_year": 2099},
    {"poverty_status": "", "poverty_year": 2020},
    {"poverty_year": "x"},
    {"revolutionary_service": "x"},
    {"martyr_family": "có thể"},
    {"band": "Hư hỏng trên 70%", "collapsed": "x"},
    {"band": "Hư hỏng 30-50%", "collapsed": "x"},
    {"band": "bị ngập, tốc mái"},
    {"band": "Thiệt hại từ 50 đến 70%", "assessed_on": "10/10/2025"},
    {"band": "hỏng lắm"},
    {"flooded": "x", "flood_depth_m": "1,5"},
    {"flooded": "x", "flood_depth_m": "99"},
    {"flood_depth_m": "1,5", "band": "Hư hỏng trên 70%", "assessed_on": "10/10/2025"},
    {"relocated": "x"},
    {"relocated": "x", "relocated_on": "12/10/2025", "assessed_on": "10/10/2025"},
    {"relocated_on": "12/10/2025", "band": "Hư hỏng trên 70%", "assessed_on": "10/10/2025"},
    {"band": "Hư hỏng trên 70%", "assessed_on": "01/01/2020"},  # before the disaster
    {"band": "Hư hỏng trên 70%", "assessed_on": "01/01/2099"},
    {"band": "Hư hỏng trên 70%", "assessed_on": "31/02/2025"},
    {"band": "Hư hỏng trên 70%", "assessed_on": date(2025, 10, 9)},
    {"estimated_loss": "60 triệu", "band": "Hư hỏng trên 70%", "assessed_on": "10/10/2025"},
    {"estimated_loss": "-5", "band": "Hư hỏng trên 70%", "assessed_on": "10/10/2025"},
    {"estimated_loss": 10**16, "band": "Hư hỏng trên 70%", "assessed_on": "10/10/2025"},
    {"needs": "Lương thực; Nước sạch", "band": "to_confirm", "assessed_on": "10/10/2025"},
    {"needs": "Lương thực; bánh", "assessed_on": "10/10/2025"},
    {"dead": 2, "assessed_on": "10/10/2025"},
    {"dead": 40, "assessed_on": "10/10/2025"},
    {"house_class": "Kiên cố", "assessed_on": "10/10/2025"},
    {"assessed_by": "Ông Tư"},
    {"assessed_on": "10/10/2025"},
    {"ethnicity": "T" * 41},
    {"address_detail": "x" * 5000},
    {"duplicate_reason": "Hai anh em cùng tên"},
    {"household_code": "12a"},
    {"household_code": 7, "version": 2},
    {"version": "v2"},
]


@pytest.mark.parametrize("disaster", [True, False])
async def test_a_row_with_something_to_say_is_left_to_check_row(orm, disaster):
    places = await _places(disaster)
    rows = []
    for n, change in enumerate(BROKEN, start=1):
        for i in (4 * n, 4 * n + 1):  # a man's row and a woman's
            cells = _cells(person(i))
            for name, value in change.items():
                if value == "":
                    cells.pop(name, None)
                else:
                    cells[name] = value
            rows.append((i, cells))
    _compare(places, rows)


async def test_a_list_without_assessment_dates_takes_the_files_date(orm):
    places = await _places(assessed_on=date(2025, 10, 9))
    rows = []
    for i in range(4, 40, 4):  # each with damage
        cells = _cells(person(i))
        del cells["assessed_on"]
        rows.append((i, cells))
    answered, clean = _compare(places, rows)
    assert answered == clean == 2 * 9


@pytest.mark.parametrize(
    "path",
    sorted(p for p in FILES.iterdir() if p.suffix in (".xlsx", ".xls", ".ods", ".csv")),
    ids=lambda p: p.name,
)
async def test_every_kept_list_reads_the_same_both_ways(orm, path):
    places = await _places()
    data = path.read_bytes()
    try:
        kind = detect_kind(path.name, data[:8192])
        table = open_table(data, kind)
    except Invalid:
        pytest.skip("refused whole: no row is read")
    assert kind in ImportKind
    report = Report(table.headers, table.extra_columns)
    if "assessed_on" not in table.headers:
        places.assessed_on = date(2025, 10, 9)
    _compare(places, list(data_rows(table, report, places)))


async def test_kept_rows_read_back_as_they_were_checked_in_either_form(orm, tmp_path):
    from relief.imports import store

    places = await _places()
    rows = [check_row(i, _cells(person(i)), places) for i in range(1, 9)]
    rows.append(check_row(9, {**_cells(person(9)), "members": 0}, places))  # with an error
    hamlets = {h.id: h for h in places.hamlets.values()}
    for_server = store.rows_of(store.checked(rows), hamlets)
    assert for_server == rows and for_server[-1].errors
    # A file kept before the households were kept as plain values: the struct itself.
    old = [(r.number, r.data, r.hamlet.id, r.damage, r.name_key, r.duplicate_reason, r.code,
            r.version, None) for r in rows[:8]]  # fmt: skip
    path = tmp_path / "old.rows"
    with store.chunk_writer(path) as write:
        write(old)
        store.save_chunk(write, rows[:8])
    first, second = list(store.read_chunks(path))
    assert store.rows_of(first, hamlets) == store.rows_of(second, hamlets) == rows[:8]


PLAIN_VALUES = [
    "Hoàng Văn Thắng",
    "  Lý Thị Lan ",
    "Hoàng\u200bVăn  Thắng\t",
    "Nguye\u0302\u0303n Va\u0306n Hoa\u0300",
    "Lý Thị Lan\r\nKim Sơn",
    "019150012345",
    "019 150 012 345",
    "12345",
    "999150012345",  # no such province
    19150012345,  # Excel dropped its leading 0
    "0912345678",
    "+84 912 345 678",
    912345678,
    "1950",
    "05/04/1950",
    1950,
    1950.0,
    1950.5,
    True,
    date(2025, 10, 9),
    "  ",
    "x" * 5000,
    "T" * 41,
    "Tày\u00ad",
    "ba",
]


def test_a_plain_columns_cell_is_read_as_the_general_reading_reads_it():
    from relief.households.records import HOUSEHOLD
    from relief.imports.quick import _PLAIN, _RULED, _cell, _digest, _plain_cell

    assert {"head_name", "id_number", "phone", "birth_year"} <= _PLAIN
    for name in sorted(_PLAIN):
        for value in PLAIN_VALUES:
            read, general = _plain_cell(name, value), _digest(_cell(name, value))
            if name in _RULED and read != general:  # its own check left to the rules
                assert general is None and read is not None, (name, value)
                check = HOUSEHOLD.by_name[name].check
                assert check is not None and check(read[name]), (name, value)
                continue
            assert read == general, (name, value)


async def test_a_rows_cells_are_read_as_texts_and_values_in_one_pass(orm):
    """Blank cells are neither; a numbering column's cell and one beyond the read columns are
    texts only; an amount in a column of thousands is read in đồng; a row with text only
    outside the read columns is blank; the signature row ends the list."""
    from relief.imports.parsing import Table

    places = await _places()
    fields = ["commune", "hamlet", "head_name", "birth_year", "members", "estimated_loss", ""]
    headers = {"commune": "Xã", "estimated_loss": "Thiệt hại (nghìn đồng)"}
    rows = [
        (5, ["Thần Xa", "Kim Sơn", " Lý Văn Tư ", 1950.5, True, "20", "1", "ghi chú"]),
        (6, [None, "  ", "", None, None, None, None, "chỉ ghi chú"]),
        (7, ["Thần Xa", None, "Ma Thị Hoa", 1960, 0, 15, None]),
        (8, [None, None, "Người lập biểu", None]),
        (9, ["Thần Xa", None, "Ma Văn Lâm", 1961, 2, 15, None]),
    ]
    table = Table(ImportKind.XLSX, "", "", 4, fields, [], headers, {}, iter(rows))
    report = Report(headers, [])
    read = list(data_rows(table, report, places))
    assert read == [
        (5, {
            "commune": "Thần Xa",
            "hamlet": "Kim Sơn",
            "head_name": " Lý Văn Tư ",
            "birth_year": 1950.5,
            "members": True,
            "estimated_loss": 20000,
        }),
        (7, {
            "commune": "Thần Xa",
            "head_name": "Ma Thị Hoa",
            "birth_year": 1960,
            "members": 0,
            "estimated_loss": 15000,
        }),
    ]  # fmt: skip
    assert report.layout_rows == [
        {"row": 6, "why": "blank", "text": "chỉ ghi chú"},
        {"row": 8, "why": "signature", "text": "Người lập biểu"},
        {"row": 9, "why": "signature", "text": "Thần Xa Ma Văn Lâm 1961 2 15"},
    ]


async def test_rows_with_the_same_damage_share_its_check_but_not_its_values(orm):
    places = await _places()
    damage = {"band": "Hư hỏng trên 70%", "assessed_on": "10/10/2025", "estimated_loss": "20tr"}
    late = {**damage, "assessed_on": "01/01/2099"}  # in the future: check_row's
    rows = [(i, {**_cells(person(i)), **damage}) for i in range(2, 6)]
    rows += [(i, {**_cells(person(i)), **late}) for i in range(6, 8)]
    assert _compare(places, rows) == (8, 8)
    quick = QuickRows(places)
    first, second = (quick.check(number, dict(cells)) for number, cells in rows[:2])
    assert first is not None and second is not None
    assert first.damage == second.damage and first.damage is not second.damage
    assert first.damage["estimated_loss"] == 20_000_000
