"""The demo data set: deterministic, complete, and loaded only into an empty database."""

from relief.accounts.models import User
from relief.aid.models import AidVisit
from relief.demo import load_demo
from relief.households.models import DamageAssessment, DamageBand, Household
from relief.houses.models import Contribution, Handover, HouseCase, Stage, StageEvent
from relief.sponsors.models import Sponsor


async def test_demo_covers_every_damage_band_fact_and_stage(orm):
    result = await load_demo()
    assert result.loaded
    assert 180 <= await Household.all().count() <= 220
    assert len(set(await Household.all().values_list("commune_id", flat=True))) == 13
    bands = set(await DamageAssessment.all().values_list("band", flat=True))
    assert bands == set(DamageBand) - {DamageBand.TO_CONFIRM}  # only migrated rows are
    for fact in ("collapsed", "flooded", "roof_blown_off", "landslide_relocation", "relocated"):
        assert await DamageAssessment.filter(**{fact: True}).exists(), fact
    # A flooded house can be heavily damaged too: the facts are not bands.
    assert await DamageAssessment.filter(flooded=True, band=DamageBand.HEAVY).exists()
    assert await DamageAssessment.filter(injured__gt=0).exists()
    stages = set(await HouseCase.all().values_list("stage", flat=True))
    assert stages == set(Stage)


async def test_demo_has_the_kim_son_handover_and_the_named_sponsors(orm):
    await load_demo()
    names = set(await Sponsor.all().values_list("name", flat=True))
    assert "Công ty CP Đầu tư Xây dựng Khai khoáng Thăng Long" in names
    assert "Báo Xây dựng" in names
    kim_son = await Handover.get(hamlet__name="Kim Sơn").prefetch_related("sponsors", "house_cases")
    assert kim_son.place == "Nhà văn hóa thôn Kim Sơn"
    assert {s.name for s in kim_son.sponsors} >= {"Báo Xây dựng"}
    assert kim_son.house_cases and all(c.stage is Stage.HANDED_OVER for c in kim_son.house_cases)
    assert await AidVisit.filter(delegation="Đoàn công tác Tỉnh ủy Thái Nguyên").exists()


async def test_demo_rows_carry_the_commune_of_their_household(orm):
    await load_demo()
    for case in await HouseCase.all().prefetch_related("household"):
        assert (case.commune_id, case.hamlet_id) == (
            case.household.commune_id,
            case.household.hamlet_id,
        )
    for da in await DamageAssessment.all().prefetch_related("household"):
        assert da.commune_id == da.household.commune_id
    # Every case has a stage history ending in its current stage.
    for case in await HouseCase.all():
        last = await StageEvent.filter(house_case=case).order_by("-id").first()
        assert last.to_stage is case.stage
    # Money rules hold in the demo: disbursed within pledged, 70% at most before completion.
    for c in await Contribution.all().prefetch_related("house_case"):
        assert 0 <= c.amount_disbursed <= c.amount_pledged
        if c.house_case.stage not in (Stage.COMPLETED, Stage.HANDED_OVER):
            assert c.amount_disbursed * 10 <= c.amount_pledged * 7


async def test_demo_has_one_user_per_role_and_loads_once(orm):
    first = await load_demo()
    assert sorted(role for _, role, _ in first.logins) == [
        "admin",
        "commune",
        "front",
        "province",
        "sponsor",
    ]
    assert await User.all().count() == 5
    names = await Household.all().order_by("id").values_list("head_name", flat=True)
    again = await load_demo()
    assert not again.loaded and again.logins == []
    assert await Household.all().order_by("id").values_list("head_name", flat=True) == names
    assert await User.all().count() == 5


async def test_demo_photographs_every_finished_house_when_it_has_a_media_dir(orm, tmp_path):
    from relief.houses.models import Photo
    from relief.houses.photos import file_path

    await load_demo(tmp_path / "media")
    finished = await HouseCase.filter(stage__in=[Stage.COMPLETED, Stage.HANDED_OVER]).count()
    photos = await Photo.filter(stage=Stage.COMPLETED).all()
    assert finished and len(photos) == finished
    assert all(file_path(tmp_path / "media", p).exists() for p in photos)
    assert all(file_path(tmp_path / "media", p, "display").exists() for p in photos)
