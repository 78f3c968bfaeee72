"""Lists as officers keep them: damage in their own words, headings with their units, no
assessment date column, a negative amount (issue 28)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from relief.core.actor import SYSTEM
from relief.core.errors import Invalid
from relief.households.models import DamageAssessment, Disaster
from relief.imports import service
from relief.imports.columns import match_header, money_scale
from relief.imports.wording import Damage, nearest, read_damage
from tests.imports.files import HEADERS, person, xlsx

THAN_SA = "05725"


@pytest.mark.parametrize(
    ("text", "band", "facts"),
    [
        ("Thiệt hại từ 50 đến 70%", "very_heavy", ()),
        ("hỏng 30 % - 50 %", "heavy", ()),
        ("từ 30% đến 50%", "heavy", ()),
        ("30 - 50", "heavy", ()),
        ("Trên 70 %", "total", ()),
        ("dưới 30%", "partial", ()),
        ("45%", "heavy", ()),
        ("Thiệt hại nặng (30-50%)", "heavy", ()),
        ("bị ngập", "to_confirm", ("flooded",)),
        ("Nhà bị ngập, tốc mái", "to_confirm", ("flooded", "roof_blown_off")),
        ("Tốc mái, hỏng 30-50%", "heavy", ("roof_blown_off",)),
        ("sạt lở", "to_confirm", ("landslide_relocation",)),
        ("Phải di dời", "to_confirm", ("landslide_relocation",)),
        ("Sập nhà", "total", ("collapsed",)),
    ],
)
def test_damage_is_read_from_free_text(text, band, facts):
    assert read_damage(text) == Damage(band, facts)


@pytest.mark.parametrize("text", ["Hư hỏng 50%", "từ 20 đến 60%", "Sập, hỏng dưới 30%", "abc"])
def test_damage_that_names_no_band_is_not_guessed(text):
    assert read_damage(text) is None


def test_an_unknown_value_gets_the_nearest_accepted_values():
    assert nearest("Thiet hai nang qua", ["Thiệt hại nặng (30–50%)", "Bị ngập"], n=1) == [
        "Thiệt hại nặng (30–50%)"
    ]


@pytest.mark.parametrize(
    "heading", ["Giá trị thiệt hại (đ)", "Giá trị thiệt hại (VNĐ)", "Thiệt hại ước tính [ghi chú]"]
)
def test_a_heading_with_its_unit_or_a_note_matches_its_column(heading):
    assert match_header(heading) == "estimated_loss"


@pytest.mark.parametrize(
    ("heading", "scale"),
    [("Thiệt hại (1000đ)", 1000), ("Thiệt hại (nghìn đồng)", 1000), ("(triệu đồng)", 10**6)],
)
def test_a_money_heading_in_thousands_or_millions_scales_its_amounts(heading, scale):
    assert money_scale(heading) == scale


@pytest.fixture
async def disaster(orm) -> Disaster:
    return await Disaster.create(name="Bão số 11 (Matmo)", starts_on=date(2025, 10, 6))


async def _preview(tmp_path, data, disaster, **kw):
    return await service.upload(
        SYSTEM, tmp_path, "ds.xlsx", data, commune_code=THAN_SA, disaster_id=disaster.id, **kw
    )


async def test_officers_wordings_import_with_their_facts_and_bands(tmp_path, disaster):
    rows = [person(i) for i in range(4)]
    wordings = ["Thiệt hại từ 50 đến 70%", "hỏng 30 % - 50 %", "bị ngập", "tốc mái"]
    for row, text in zip(rows, wordings, strict=True):
        row[10], row[12] = text, "10/10/2025"
    headers = [*HEADERS[:11], "Giá trị thiệt hại (1000đ)", HEADERS[12]]
    rows[0][11] = 20_000
    batch = await _preview(tmp_path, xlsx(rows, headers=headers), disaster)
    assert (batch.errors, batch.created) == (0, 4)
    await service.confirm(SYSTEM, tmp_path, batch.id, service.Decisions({}))
    found = sorted(
        (a.band.value, a.flooded, a.roof_blown_off, a.estimated_loss)
        for a in await DamageAssessment.all()
    )
    assert found == [
        ("heavy", False, False, 0),
        ("to_confirm", False, True, 0),
        ("to_confirm", True, False, 0),
        ("very_heavy", False, False, 20_000_000),
    ]


async def test_an_unknown_wording_names_row_column_and_nearest_values(tmp_path, disaster):
    rows = [person(0)]
    rows[0][10] = "Thiệt hai hoan toam"
    batch = await _preview(tmp_path, xlsx(rows), disaster)
    (error,) = batch.report["errors"]
    assert (error["row"], error["column"], error["value"]) == (2, "Mức độ thiệt hại", rows[0][10])
    assert error["matches"].startswith("Thiệt hại hoàn toàn")


async def test_a_negative_amount_is_reported_with_row_and_column(tmp_path, disaster):
    rows = [person(0)]
    headers = [*HEADERS[:11], "Giá trị thiệt hại (đ)", HEADERS[12]]
    rows[0][11] = -5_000_000
    batch = await _preview(tmp_path, xlsx(rows, headers=headers), disaster)
    errors = [(e["row"], e["column"], e["message"]) for e in batch.report["errors"]]
    assert errors == [(2, "Giá trị thiệt hại (đ)", "An amount cannot be negative.")]


async def test_a_list_without_assessment_dates_takes_one_date_for_the_file(tmp_path, disaster):
    rows = [person(i)[:12] for i in range(0, 12, 4)]  # every fourth person has damage
    without = xlsx(rows, headers=HEADERS[:12])
    refused = await _preview(tmp_path, without, disaster)
    assert [e["message"] for e in refused.report["errors"]] == [
        "The file has no column “{column}”, and {count} rows record damage: give the "
        "assessment date of the whole list when uploading it, or add the column (see the "
        "template)."
    ]
    batch = await _preview(tmp_path, without, disaster, assessed_on="12/10/2025")
    assert (batch.errors, batch.created) == (0, 3)
    await service.confirm(SYSTEM, tmp_path, batch.id, service.Decisions({}))
    days = {a.assessed_on for a in await DamageAssessment.all()}
    assert days == {date(2025, 10, 12)}


async def test_an_assessment_date_in_the_future_is_refused(tmp_path, disaster):
    with pytest.raises(Invalid) as raised:
        await _preview(tmp_path, xlsx([person(0)]), disaster, assessed_on="01/01/2999")
    assert raised.value.field_errors == {"assessed_on": "This date is in the future."}


def _tcvn3(text: str) -> bytes:
    from relief.imports.legacy import TCVN3

    back = {v: chr(k) for k, v in TCVN3.items()}
    return "".join(back.get(c, c) for c in text).encode("latin-1")


def test_a_csv_in_tcvn3_is_read_as_unicode():
    from relief.imports.models import ImportKind
    from relief.imports.parsing import open_table

    lines = ["Họ và tên chủ hộ,Thôn xóm", "Kiểm Văn Một,Kim Sơn", "Lường Thị Huyền,Trung Sơn"]
    table = open_table(_tcvn3("\n".join(lines) + "\n"), ImportKind.CSV)
    rows = [cells for _, cells in table.rows]
    assert (table.encoding, rows[0]) == ("TCVN3 (ABC)", ["Kiểm Văn Một", "Kim Sơn"])


def test_a_csv_in_vni_is_read_as_unicode():
    from relief.imports.models import ImportKind
    from relief.imports.parsing import open_table

    text = "Ho va ten chu ho,Thon\nHoaøng Vaên Thaéng,Kim\nTrieäu Thò Huyeàn,Kim\nÑöùc,Kim\n"
    table = open_table(text.encode("latin-1"), ImportKind.CSV)
    names = [cells[0] for _, cells in table.rows]
    assert (table.encoding, names) == ("VNI", ["Hoàng Văn Thắng", "Triệu Thị Huyền", "Đức"])


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("NGUYÔN V¨N AN", "NGUYỄN VĂN AN"),  # .VnTimeH: capitals drawn from lower-case bytes
        ("HOµNG THÞ öNG", "HOÀNG THỊ ỬNG"),
        ("NguyÔn V¨n An", "Nguyễn Văn An"),  # .VnTime: as typed
        ("Lª", "Lê"),  # one plain letter says nothing of the font
        ("¡N", "ĂN"),  # one of VN3's own capitals
    ],
)
def test_tcvn3_capitals_typed_in_a_capital_font_read_as_capitals(typed, read):
    from relief.imports.legacy import tcvn3_to_unicode

    assert tcvn3_to_unicode(typed) == read


def test_every_vni_letter_reads_back_as_its_unicode_letter():
    from relief.imports.legacy import _UNICODE_LETTERS, VNI_LETTERS, vni_to_unicode

    assert vni_to_unicode(" ".join(VNI_LETTERS.split())) == " ".join(_UNICODE_LETTERS.split())


FILES = Path(__file__).resolve().parent / "files"


def test_the_committed_tcvn3_list_reads_its_names_in_unicode():
    from relief.imports.models import ImportKind
    from relief.imports.parsing import open_table

    table = open_table((FILES / "names-tcvn3.csv").read_bytes(), ImportKind.CSV)
    names = [cells[0] for _, cells in table.rows]
    assert names == ["Kiểm Văn Một", "Lường Thị Huyền", "Nông Đức Bình"]


@pytest.mark.parametrize("extension", ["xlsx", "ods"])
async def test_the_committed_list_in_officers_words_imports_its_rows_right(
    tmp_path, disaster, extension
):
    data = (FILES / f"wording-libreoffice.{extension}").read_bytes()
    batch = await service.upload(
        SYSTEM,
        tmp_path,
        f"ds.{extension}",
        data,
        commune_code=THAN_SA,
        disaster_id=disaster.id,
        assessed_on="12/10/2025",
    )
    errors = [(e["row"], e["column"], e["message"]) for e in batch.report["errors"]]
    assert errors == [
        (9, "Giá trị thiệt hại (đ)", "An amount cannot be negative."),
        (10, "Mức độ thiệt hại", "Unknown value “{value}”. Nearest accepted values: {matches}."),
    ]
    assert (batch.created, batch.report["extra_columns"]) == (5, [])
    await service.confirm(SYSTEM, tmp_path, batch.id, service.Decisions({}), good_rows=True)
    found = sorted(
        (a.band.value, a.flooded, a.roof_blown_off, a.landslide_relocation, a.estimated_loss)
        for a in await DamageAssessment.all()
    )
    assert found == [
        ("heavy", False, False, False, 20_000_000),
        ("to_confirm", False, False, True, 0),
        ("to_confirm", False, True, False, 3_000_000),
        ("to_confirm", True, False, False, 5_000_000),
        ("very_heavy", False, False, False, 45_000_000),
    ]


NAMES_READ = [
    "Kiểm Văn Một",
    "Lường Thị Huyền",
    "NGUYỄN VĂN AN",
    "Nông Đức Bình",
    "HOÀNG THỊ ỬNG",
    "Triệu Thị Quỳnh",
]


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("names-tcvn3-libreoffice.xlsx", "TCVN3 (ABC)"),
        ("names-tcvn3-libreoffice.xls", "TCVN3 (ABC)"),
        ("names-tcvn3-libreoffice.ods", "TCVN3 (ABC)"),
        ("names-vni-libreoffice.xlsx", "VNI"),
        ("names-vni-libreoffice.xls", "VNI"),
        ("names-vni-libreoffice.ods", "VNI"),
        ("names-vni-libreoffice.csv", "VNI"),
    ],
)
def test_the_committed_lists_in_old_fonts_read_their_names_in_unicode(name, encoding):
    from relief.imports.models import ImportKind
    from relief.imports.parsing import detect_kind, open_table

    data = (FILES / name).read_bytes()
    table = open_table(data, detect_kind(name, data[:8192]))
    names = [cells[1] for _, cells in table.rows]
    assert (table.encoding, table.headers["head_name"], names) == (
        encoding,
        "Họ và tên chủ hộ",
        NAMES_READ,
    )
    assert detect_kind(name, data[:8192]) in set(ImportKind)


def test_the_committed_list_mixing_tcvn3_and_vni_is_refused_naming_both():
    from relief.imports.models import ImportKind
    from relief.imports.parsing import MIXED_ENCODINGS, open_table

    data = (FILES / "names-mixed-libreoffice.csv").read_bytes()
    with pytest.raises(Invalid) as refused:
        open_table(data, ImportKind.CSV)
    assert refused.value.field_errors == {"file": MIXED_ENCODINGS}


async def test_a_list_in_vni_is_previewed_with_its_names_as_read(tmp_path, disaster):
    data = (FILES / "names-vni-libreoffice.xls").read_bytes()
    batch = await service.upload(
        SYSTEM, tmp_path, "ds.xls", data, commune_code=THAN_SA, disaster_id=disaster.id
    )
    assert (batch.encoding, batch.errors, batch.created) == ("VNI", 0, 6)
    assert batch.report["names"] == NAMES_READ[:5]
