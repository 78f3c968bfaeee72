"""Every spreadsheet an officer has: LibreOffice's .xlsx (shared strings), .xls and .ods with
title block, column numbers, hamlet sections, totals and signatures; attack files refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from relief.core.actor import SYSTEM
from relief.core.errors import Invalid
from relief.core.i18n import current_language
from relief.households.models import DamageAssessment, Disaster, Household
from relief.imports import layout, service
from relief.imports.columns import match_header
from relief.imports.parsing import detect_kind, open_table
from tests.imports.attacks import ATTACKS
from tests.imports.files import csv_bytes, person, xlsx

FILES = Path(__file__).parent / "files"
THAN_SA = "05725"


@pytest.fixture
async def disaster(orm) -> Disaster:
    return await Disaster.create(name="Bão số 11 (Matmo)", starts_on=date(2025, 10, 6))


async def preview(tmp_path, data: bytes, name: str, disaster=None):
    return await service.upload(
        SYSTEM, tmp_path, name, data, commune_code=THAN_SA, disaster_id=disaster and disaster.id
    )


@pytest.mark.parametrize("extension", ["xlsx", "xls", "ods"])
async def test_a_list_saved_by_libreoffice_imports_with_its_layout_understood(
    tmp_path, disaster, extension
):
    data = (FILES / f"layout-libreoffice.{extension}").read_bytes()
    batch = await preview(tmp_path, data, f"ds.{extension}", disaster)
    assert batch.errors == 0, batch.report["errors"]
    assert (batch.rows, batch.created, batch.kind.value) == (5, 5, extension)
    assert batch.report["sheet"] == "Danh sách"  # the list is on the second sheet
    skipped = {(e["row"], e["why"]) for e in batch.report["layout"]}
    assert {
        (14, layout.BLANK),
        (5, layout.NUMBERING),
        (6, layout.SECTION),
        (9, layout.SECTION),
        (13, layout.TOTAL),
        (15, layout.SIGNATURE),
        (16, layout.SIGNATURE),
        (17, layout.SIGNATURE),
    } <= skipped
    await service.confirm(SYSTEM, tmp_path, batch.id, service.Decisions({}))
    found = {
        h.head_name: (h.hamlet.name, h.birth_year)
        for h in await Household.all().select_related("hamlet")
    }
    assert found == {
        "Hoàng Văn Thắng": ("Kim Sơn", 1970),  # below "THÔN KIM SƠN"
        "Triệu Thị Huyền": ("Kim Sơn", 1982),
        "Nông Văn Bình": ("Trung Sơn", 1965),  # below "Xóm Trung Sơn"
        "Lý Thị Lan": ("Trung Sơn", 1990),  # "thôn Trung Sơn" in its own cell
        "Đặng Văn Hùng": ("Kim Sơn", 1958),  # "Xóm Kim Sơn" in its own cell wins
    }
    losses = {
        a.household.head_name: a.estimated_loss
        for a in await DamageAssessment.all().select_related("household")
    }
    assert losses == {
        "Hoàng Văn Thắng": 60_000_000,  # "60 triệu"
        "Triệu Thị Huyền": 45_000_000,  # "45,000,000"
        "Nông Văn Bình": 45_000_000,  # "45.000.000"
        "Lý Thị Lan": 60_000_000,  # "60tr"
        "Đặng Văn Hùng": 1_500_000_000,  # "1,5 tỷ"
    }
    assert not list((tmp_path / "imports").iterdir())  # the kept rows are gone once confirmed


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Thôn/xóm", "hamlet"),
        ("Thôn (xóm)", "hamlet"),
        ("Tên thôn", "hamlet"),
        ("Thon/xom", "hamlet"),
        ("Tên chủ hộ", "head_name"),
        ("Ten chu ho", "head_name"),
        ("Số CCCD/CMND", "id_number"),
        ("So CCCD/CMND", "id_number"),
        ("Ngày sinh", "birth_year"),
        ("Giá trị thiệt hại (đồng)", "estimated_loss"),
        ("Gia tri thiet hai (dong)", "estimated_loss"),
        ("STT", ""),
    ],
)
def test_headings_communes_write(heading, field):
    assert match_header(heading) == field


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("45,000,000", "45000000"),
        ("45.000.000", "45000000"),
        ("45.000.000 đ", "45000000"),
        ("60 triệu", "60000000"),
        ("60tr", "60000000"),
        ("1,5 tỷ", "1500000000"),
        ("1.5 tỷ", "1500000000"),
        ("500 nghìn", "500000"),
        ("khoảng 5 triệu", "khoảng 5 triệu"),  # left as written: the form's rule reports it
    ],
)
def test_money_as_officers_write_it(written, amount):
    assert layout.read_money(written) == amount


async def test_a_missing_column_is_one_message_for_the_file(tmp_path, disaster):
    headers = ["Họ và tên chủ hộ", "Năm sinh", "Số điện thoại", "Số khẩu"]
    rows = [[f"Hoàng Văn {i}", 1970, f"09{i:08d}", 3] for i in range(1, 30)]
    batch = await preview(tmp_path, xlsx(rows, headers=headers), "ds.xlsx", disaster)
    assert batch.errors == 1
    (error,) = batch.report["errors"]
    assert error["row"] is None and error["column"] == "Thôn, xóm" and error["count"] == 29


async def test_an_unknown_hamlet_section_names_its_row_and_column(tmp_path, disaster):
    headers = ["Thôn/xóm", "Tên chủ hộ", "Năm sinh", "Số khẩu"]
    rows = [["THÔN KIM SƠNN", None, None, None], [None, "Hoàng Văn Thắng", 1970, 2]]
    english = current_language.set("en")
    try:
        batch = await preview(tmp_path, xlsx(rows, headers=headers), "ds.xlsx", disaster)
    finally:
        current_language.reset(english)  # the language stays this test's own
    first = batch.report["errors"][0]
    assert (first["row"], first["column"], first["letter"]) == (2, "Thôn/xóm", "A")
    assert first["matches"] == "Kim Sơn"


async def test_a_dry_run_keeps_nothing(tmp_path, disaster):
    data = csv_bytes([person(i) for i in range(1, 6)])
    batch = await service.upload(
        SYSTEM, tmp_path, "ds.csv", data, commune_code=THAN_SA, dry_run=True
    )
    assert batch.rows == 5 and batch.id is None
    from relief.imports.models import ImportBatch

    assert not await ImportBatch.exists()
    assert list((tmp_path / "imports").iterdir()) == []  # read there, and removed


async def test_cancel_deletes_the_kept_rows(tmp_path, disaster):
    batch = await preview(tmp_path, csv_bytes([person(i) for i in range(1, 4)]), "ds.csv")
    kept = tmp_path / "imports" / batch.stored_name
    assert kept.is_file()
    done = await service.cancel(SYSTEM, tmp_path, batch.id)
    assert done.status.value == "cancelled" and not kept.exists()


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_attack_files_are_refused_before_they_are_read(attack):
    """Each with a clear message; their time and memory are measured in `make bench`."""
    data = ATTACKS[attack]()
    token = current_language.set("en")  # reset after: this test runs outside any task
    kind = detect_kind("ds.csv" if "CSV" in attack else "ds.xlsx", data[:8192])
    try:
        with pytest.raises(Invalid) as refused:
            open_table(data, kind)
    finally:
        current_language.reset(token)
    message = refused.value.field_errors["file"]
    expected = {
        "3 million empty rows": "more than 101.000 rows, blank ones included",
        "a cell at column ZZZZZ": "uses column ZZZZZ",
        "merged A2:ZZZZ200000": "merges cells A2:ZZZZ200000",
        "declared dimension A1:XFD1048576": "declares a size of A1:XFD1048576",
        "shared-strings bomb": "shared strings",
        "1 MB CSV of blank lines": "lines counting blank ones",
    }[attack]
    assert expected in message
