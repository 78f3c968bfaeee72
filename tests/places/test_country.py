"""Loading the country's provinces and communes from the library, after Thái Nguyên's fixtures
(which the `orm` fixture's database already holds, as `relief serve` loads them)."""

from types import SimpleNamespace

import pytest

from relief.core.papers import place_word
from relief.places.labels import commune_kind_word
from relief.places.loader import UnknownProvince, library_communes, load_country
from relief.places.models import Commune, CommuneKind, FormerUnit, Hamlet, Province

# A few units of other provinces, with the codes the library gives them (GSO codes).
OTHERS = {
    "00070": ("01", "phuong", "Hoàn Kiếm"),
    "01304": ("04", "xa", "Quảng Lâm"),
    "07192": ("22", "dac_khu", "Cô Tô"),
    "26743": ("79", "phuong", "Bến Thành"),
    "31078": ("91", "dac_khu", "Phú Quốc"),
}


async def thai_nguyen() -> tuple:
    """Every row of Thái Nguyên's places, as the fixtures loaded them."""
    return (
        await Province.filter(code="19").values_list("id", "code", "name"),
        await Commune.filter(province__code="19")
        .order_by("code")
        .values_list("id", "code", "kind", "name", "name_key", "former_district", "is_focus"),
        await FormerUnit.all()
        .order_by("id")
        .values_list("id", "commune_id", "code", "name", "name_key", "merge"),
        await Hamlet.all()
        .order_by("id")
        .values_list("id", "commune_id", "name", "name_key", "kind", "is_example"),
    )


async def totals() -> tuple[int, int, int, int]:
    return (
        await Province.all().count(),
        await Commune.all().count(),
        await FormerUnit.all().count(),
        await Hamlet.all().count(),
    )


async def test_all_loads_34_provinces_and_3321_communes_and_wards(orm):
    await load_country()
    assert await totals() == (34, 3321, 283, 76)


async def test_thai_nguyens_rows_are_unchanged_by_loading_all(orm):
    before = await thai_nguyen()
    await load_country()
    assert await thai_nguyen() == before


async def test_communes_of_other_provinces_have_the_librarys_codes(orm):
    await load_country()
    loaded = {
        code: (province, str(kind), name)
        for code, province, kind, name in await Commune.filter(code__in=list(OTHERS)).values_list(
            "code", "province__code", "kind", "name"
        )
    }
    library = {
        code: (province, str(kind), name)
        for province, code, kind, name in library_communes()
        if code in OTHERS
    }
    assert loaded == library == OTHERS


async def test_loading_all_again_adds_nothing(orm):
    await load_country()
    before = await totals()
    counts = await load_country()
    assert (counts.provinces_created, counts.communes_created, await totals()) == (0, 0, before)


async def test_phu_lac_keeps_the_fixtures_code_and_is_not_doubled(orm):
    """The library codes Thái Nguyên's Phú Lạc 05794 (a former unit's code in the fixtures):
    the commune is found by its name and keeps the code its records already use."""
    counts = await load_country(["19"])
    assert (
        counts.codes_kept,
        await Commune.filter(name="Phú Lạc").values_list("code", flat=True),
    ) == ([("19", "05788", "05794")], ["05788"])


async def test_provinces_asked_are_loaded_and_no_other(orm):
    await load_country(["1", "24"])
    assert (
        set(await Province.all().values_list("code", flat=True)),
        await Commune.filter(province__code="01").count(),
        await Commune.filter(province__code="24").count(),
        await Commune.all().count(),
    ) == ({"01", "19", "24"}, 126, 99, 92 + 126 + 99)


async def test_an_unknown_province_code_loads_nothing(orm):
    with pytest.raises(UnknownProvince, match="99"):
        await load_country(["01", "99"])
    assert await totals() == (1, 92, 283, 76)


def test_every_commune_kind_has_its_word_on_papers_and_pages():
    words = [(place_word(k), commune_kind_word(SimpleNamespace(kind=k))) for k in CommuneKind]
    assert words == [
        ("xã", "Xã"),
        ("phường", "Phường"),
        ("đặc khu", "Đặc khu"),
    ]
