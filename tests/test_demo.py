"""The demo data set: deterministic, complete, and loaded only into an empty database."""

import asyncio

import pytest

from relief import db
from relief.accounts.models import User
from relief.aid.models import AidVisit
from relief.demo import load_demo
from relief.households.models import DamageAssessment, DamageBand, Household
from relief.houses.models import Contribution, Handover, HouseCase, Stage, StageEvent
from relief.sponsors.models import Sponsor
from tests import databases
from tests.conftest import BACKENDS


@pytest.fixture(scope="module", params=BACKENDS)
def demo_database(request, tmp_path_factory):
    """The demo loaded once per backend, with a media directory, into a database with the places:
    the tests read it (loading it costs two seconds of CPU), and the one that loads it again
    checks that nothing changes. Returns the database, the first load's result and the media."""
    if request.param == "sqlite":
        url = databases.copy_sqlite(tmp_path_factory.mktemp("demo") / "relief.sqlite3")
    else:
        url, loop, cleaner = request.getfixturevalue("postgres_database")
        loop.run_until_complete(cleaner.clean())
    media = tmp_path_factory.mktemp("demo-media")

    async def load():
        await db.init_db(url)
        try:
            return await load_demo(media)
        finally:
            await db.close_db()

    return url, asyncio.run(load()), media


@pytest.fixture
async def demo(demo_database):
    """Tortoise connected to the demo database; the first load's result and media directory."""
    url, result, media = demo_database
    await db.init_db(url)
    try:
        yield result, media
    finally:
        await db.close_db()


async def test_demo_covers_every_damage_band_fact_and_stage(demo):
    result, _media = demo
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


async def test_demo_has_the_kim_son_handover_and_the_named_sponsors(demo):
    names = set(await Sponsor.all().values_list("name", flat=True))
    assert "Công ty CP Đầu tư Xây dựng Khai khoáng Thăng Long" in names
    assert "Báo Xây dựng" in names
    kim_son = await Handover.get(hamlet__name="Kim Sơn").prefetch_related("sponsors", "house_cases")
    assert kim_son.place == "Nhà văn hóa thôn Kim Sơn"
    assert {s.name for s in kim_son.sponsors} >= {"Báo Xây dựng"}
    assert kim_son.house_cases and all(c.stage is Stage.HANDED_OVER for c in kim_son.house_cases)
    assert await AidVisit.filter(delegation="Đoàn công tác Tỉnh ủy Thái Nguyên").exists()


async def test_demo_rows_carry_the_commune_of_their_household(demo):
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


async def test_demo_has_one_user_per_role_and_loads_once(demo):
    first, _media = demo
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


async def test_demo_photographs_every_finished_house_when_it_has_a_media_dir(demo):
    from relief.houses.models import Photo
    from relief.houses.photos import file_path

    _result, media = demo
    finished = await HouseCase.filter(stage__in=[Stage.COMPLETED, Stage.HANDED_OVER]).count()
    photos = await Photo.filter(stage=Stage.COMPLETED).all()
    assert finished and len(photos) == finished
    assert all(file_path(media, p).exists() for p in photos)
    assert all(file_path(media, p, "display").exists() for p in photos)


async def test_every_demo_case_is_eligible_or_opened_by_an_approved_override(demo):
    from relief.houses import eligibility
    from relief.houses.models import EligibilityOverride

    overrides = {o.house_case_id: o for o in await EligibilityOverride.all()}
    assert all(o.approved_by_id and o.house_case_id for o in overrides.values())
    places = set(await EligibilityOverride.all().values_list("commune__code", flat=True))
    assert "05725" in places and len(places) > 1  # Thần Sa's and others' (the access matrix)
    for case in await HouseCase.all().prefetch_related("household"):
        facts = await eligibility.facts_of(case.household, 2025, case.disaster_id)
        if not eligibility.judge(facts, case.programme).eligible:
            override = overrides[case.id]
            assert (override.programme, override.household_id) == (
                case.programme,
                case.household_id,
            )
