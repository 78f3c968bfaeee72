"""Loading Thái Nguyên's places from the fixtures, idempotently."""

from relief.places.loader import load_places
from relief.places.models import Commune, FormerUnit, Hamlet

NORTH_EAST = {
    "Võ Nhai",
    "Dân Tiến",
    "Tràng Xá",
    "La Hiên",
    "Thần Sa",
    "Nghinh Tường",
    "Sảng Mộc",
    "Đồng Hỷ",
    "Quang Sơn",
    "Trại Cau",
    "Nam Hòa",
    "Văn Hán",
    "Văn Lăng",
}


async def test_province_has_92_units_with_the_13_north_eastern_communes_marked(orm):
    assert await Commune.all().count() == 92
    assert await Commune.filter(kind="phuong").count() == 15
    focus = await Commune.filter(is_focus=True).values_list("name", flat=True)
    assert set(focus) == NORTH_EAST
    than_sa = await Commune.get(code="05725")
    assert than_sa.former_district == "Huyện Võ Nhai"
    formers = await FormerUnit.filter(commune=than_sa).values_list("name", flat=True)
    assert set(formers) == {"Xã Thần Xa", "Xã Thượng Nung"}


async def test_van_lang_of_dong_hy_and_van_lang_of_bac_kan_are_two_communes(orm):
    van_lang_dh = await Commune.get(code="05665")
    van_lang_bk = await Commune.get(code="02143")
    assert (van_lang_dh.name, van_lang_bk.name) == ("Văn Lăng", "Văn Lang")
    assert van_lang_dh.name_key == van_lang_bk.name_key == "van lang"


async def test_than_sa_has_its_real_hamlets_and_others_are_marked_as_examples(orm):
    kim_son = await Hamlet.get(name="Kim Sơn").prefetch_related("commune")
    assert kim_son.commune.code == "05725" and not kim_son.is_example
    others = await Hamlet.filter(commune__is_focus=True).exclude(commune__code="05725")
    assert others and all(h.is_example for h in others)
    assert {h.commune_id for h in others} | {kim_son.commune_id} == set(
        await Commune.filter(is_focus=True).values_list("id", flat=True)
    )


async def test_loading_again_adds_nothing(orm):
    before = (
        await Commune.all().count(),
        await FormerUnit.all().count(),
        await Hamlet.all().count(),
    )
    counts = await load_places()
    assert (counts.communes_created, counts.former_units_created, counts.hamlets_created) == (
        0,
        0,
        0,
    )
    after = (
        await Commune.all().count(),
        await FormerUnit.all().count(),
        await Hamlet.all().count(),
    )
    assert before == after
