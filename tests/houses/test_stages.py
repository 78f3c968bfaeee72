"""The stage machine: every legal move, every illegal one refused with nothing changed."""

from __future__ import annotations

from datetime import timedelta

import pytest

from relief.core.actor import SYSTEM
from relief.core.audit import AuditEntry
from relief.core.errors import Conflict, Forbidden, Invalid
from relief.core.formatting import local_today
from relief.houses import stages
from relief.houses.models import HouseCase, HouseKind, Photo, Stage, StageEvent
from tests.factories import actor_for, bearer, make_user
from tests.houses.factories import LONG_AGO, approve, case_at, move_stage, open_case

TODAY = local_today()
NEW, REPAIR = HouseKind.NEW_BUILD, HouseKind.REPAIR


async def _officer():
    return actor_for(await make_user("commune"))


async def _unchanged(case: HouseCase) -> None:
    fresh = await HouseCase.get(id=case.id)
    assert (fresh.stage, fresh.stage_on, fresh.version) == (case.stage, case.stage_on, case.version)
    assert (
        await StageEvent.filter(house_case_id=case.id).count()
        == len(stages.path_of(case.kind)[: stages.path_of(case.kind).index(case.stage) + 1])
        if case.stage in stages.path_of(case.kind)
        else True
    )


@pytest.mark.parametrize("kind", [NEW, REPAIR])
async def test_a_case_walks_the_whole_path_one_step_at_a_time(orm, kind):
    officer = await _officer()
    case = await open_case(kind=kind)
    assert case.code.startswith("TS-") and case.stage is Stage.PROPOSED
    path = stages.path_of(kind)
    on = LONG_AGO
    for step in path[1:-1]:
        on += timedelta(days=2)
        if step is Stage.COMPLETED:
            await Photo.create(
                house_case=case,
                commune_id=case.commune_id,
                stage=Stage.COMPLETED,
                checksum="a" * 64,
                content_type="image/jpeg",
                width=1,
                height=1,
                size_bytes=1,
            )
        if step is Stage.APPROVED:  # by the People's Committee's decision, the one way
            case = await approve(case, on)
        else:
            case = await move_stage(officer, case.id, step, on, version=case.version)
        assert case.stage is step and case.stage_on == on
        assert getattr(case, f"{step.value}_on") == on
    events = await StageEvent.filter(house_case_id=case.id).order_by("id")
    assert [e.to_stage for e in events] == path[:-1]
    moves = await AuditEntry.filter(entity="house_case", action="stage", entity_id=str(case.id))
    assert len(moves) == len(path) - 2


async def test_the_middle_stage_depends_on_the_kind_of_works(orm):
    new = await case_at(Stage.STARTED, NEW)
    with pytest.raises(Conflict):
        await move_stage(SYSTEM, new.id, Stage.THIRTY_PERCENT_DONE, TODAY)
    repair = await case_at(Stage.STARTED, REPAIR)
    with pytest.raises(Conflict):
        await move_stage(SYSTEM, repair.id, Stage.FOUNDATION_DONE, TODAY)
    await _unchanged(new)
    await _unchanged(repair)


@pytest.mark.parametrize(
    "at,to",
    [
        (Stage.PROPOSED, Stage.STARTED),
        (Stage.PROPOSED, Stage.COMPLETED),
        (Stage.APPROVED, Stage.FOUNDATION_DONE),
        (Stage.STARTED, Stage.COMPLETED),
    ],
)
async def test_skipping_a_stage_is_refused(orm, at, to):
    case = await case_at(at)
    with pytest.raises(Conflict) as err:
        await move_stage(await _officer(), case.id, to, TODAY)
    assert "One stage at a time" in err.value.message
    await _unchanged(case)


@pytest.mark.parametrize("at", list(stages.NEW_BUILD_PATH[:-1]))
async def test_handed_over_only_through_a_handover(orm, at):
    case = await case_at(at)
    with pytest.raises(Conflict):
        await move_stage(SYSTEM, case.id, Stage.HANDED_OVER, TODAY)
    await _unchanged(case)


async def test_stage_dates_never_go_backwards_nor_into_the_future(orm):
    case = await case_at(Stage.APPROVED)
    with pytest.raises(Invalid) as err:
        await move_stage(SYSTEM, case.id, Stage.STARTED, case.stage_on - timedelta(days=1))
    assert "on" in err.value.field_errors
    with pytest.raises(Invalid):
        await move_stage(SYSTEM, case.id, Stage.STARTED, TODAY + timedelta(days=1))
    with pytest.raises(Invalid):
        await move_stage(SYSTEM, case.id, Stage.STARTED, None)
    await _unchanged(case)
    same_day = await move_stage(SYSTEM, case.id, Stage.STARTED, case.stage_on)
    assert same_day.stage is Stage.STARTED


async def test_a_new_house_is_completed_only_with_30_m2_three_hard_parts_and_a_photo(orm):
    case = await case_at(Stage.FOUNDATION_DONE, area_m2="28", hard_roof=False)
    with pytest.raises(Conflict) as err:
        await move_stage(SYSTEM, case.id, Stage.COMPLETED, TODAY)
    problems = err.value.details["problems"]
    assert len(problems) == 3  # area, "3 cứng", no photo of the finished house
    await _unchanged(case)
    await HouseCase.filter(id=case.id).update(area_m2=30, hard_roof=True)
    with pytest.raises(Conflict) as err:
        await move_stage(SYSTEM, case.id, Stage.COMPLETED, TODAY)
    assert len(err.value.details["problems"]) == 1
    # A photo of an earlier stage is not a photo of the finished house.
    await Photo.create(
        house_case_id=case.id,
        commune_id=case.commune_id,
        stage=Stage.FOUNDATION_DONE,
        checksum="b" * 64,
        content_type="image/png",
        width=1,
        height=1,
        size_bytes=1,
    )
    with pytest.raises(Conflict):
        await move_stage(SYSTEM, case.id, Stage.COMPLETED, TODAY)
    await Photo.create(
        house_case_id=case.id,
        commune_id=case.commune_id,
        stage=Stage.COMPLETED,
        checksum="c" * 64,
        content_type="image/png",
        width=1,
        height=1,
        size_bytes=1,
    )
    done = await move_stage(SYSTEM, case.id, Stage.COMPLETED, TODAY)
    assert done.stage is Stage.COMPLETED


async def test_a_repair_needs_only_the_photo_to_be_completed(orm):
    case = await case_at(Stage.THIRTY_PERCENT_DONE, REPAIR, area_m2="20", hard_roof=False)
    with pytest.raises(Conflict) as err:
        await move_stage(SYSTEM, case.id, Stage.COMPLETED, TODAY)
    assert len(err.value.details["problems"]) == 1
    await Photo.create(
        house_case_id=case.id,
        commune_id=case.commune_id,
        stage=Stage.COMPLETED,
        checksum="d" * 64,
        content_type="image/png",
        width=1,
        height=1,
        size_bytes=1,
    )
    assert (await move_stage(SYSTEM, case.id, Stage.COMPLETED, TODAY)).stage is (Stage.COMPLETED)


@pytest.mark.parametrize("at", stages.PAUSABLE)
async def test_pause_and_resume_at_the_stage_it_left(orm, at):
    kind = REPAIR if at is Stage.THIRTY_PERCENT_DONE else NEW
    case = await case_at(at, kind)
    officer = await _officer()
    with pytest.raises(Invalid):  # a pause needs its reason
        await move_stage(officer, case.id, Stage.PAUSED, TODAY)
    paused = await move_stage(officer, case.id, Stage.PAUSED, TODAY, "Đường sạt lở")
    assert paused.stage is Stage.PAUSED and paused.paused_from is at
    nxt = stages.path_of(kind)[stages.path_of(kind).index(at) + 1]
    with pytest.raises(Conflict):  # no moving on while paused
        await move_stage(officer, case.id, nxt, TODAY)
    resumed = await move_stage(officer, case.id, at, TODAY)
    assert resumed.stage is at and resumed.paused_from is None
    assert getattr(resumed, f"{at.value}_on") == case.stage_on  # keeps its first date


@pytest.mark.parametrize("at", [Stage.PROPOSED, Stage.APPROVED, Stage.COMPLETED])
async def test_only_a_house_under_construction_can_be_paused(orm, at):
    case = await case_at(at)
    with pytest.raises(Conflict):
        await move_stage(SYSTEM, case.id, Stage.PAUSED, TODAY, "x")
    await _unchanged(case)


@pytest.mark.parametrize("at", stages.NEW_BUILD_PATH[:-1])
async def test_cancel_from_any_open_stage_with_a_reason(orm, at):
    case = await case_at(at)
    with pytest.raises(Invalid):
        await move_stage(SYSTEM, case.id, Stage.CANCELLED, TODAY, "  ")
    await _unchanged(case)
    cancelled = await move_stage(SYSTEM, case.id, Stage.CANCELLED, TODAY, "Hộ chuyển đi")
    assert cancelled.cancel_reason == "Hộ chuyển đi" and cancelled.cancelled_on == TODAY
    for to in (Stage.APPROVED, Stage.PROPOSED, Stage.PAUSED, Stage.CANCELLED):
        with pytest.raises(Conflict):  # cancelled is final
            await move_stage(SYSTEM, case.id, to, TODAY, "again")


async def test_a_paused_case_can_be_cancelled(orm):
    case = await case_at(Stage.STARTED)
    await move_stage(SYSTEM, case.id, Stage.PAUSED, TODAY, "Thiếu vật liệu")
    done = await move_stage(SYSTEM, case.id, Stage.CANCELLED, TODAY, "Hộ chuyển đi")
    assert done.stage is Stage.CANCELLED


async def test_a_step_back_is_an_administrators_with_a_reason(orm):
    case = await case_at(Stage.STARTED)
    officer = await _officer()
    with pytest.raises(Forbidden):
        await move_stage(officer, case.id, Stage.APPROVED, TODAY, "Sai ngày")
    admin = actor_for(await make_user("admin"))
    with pytest.raises(Invalid):
        await move_stage(admin, case.id, Stage.APPROVED, TODAY)
    with pytest.raises(Conflict):  # one step at a time, backwards too
        await move_stage(admin, case.id, Stage.PROPOSED, TODAY, "Sai")
    await _unchanged(case)
    back = await move_stage(admin, case.id, Stage.APPROVED, TODAY, "Nhập nhầm ngày khởi công")
    assert back.stage is Stage.APPROVED and back.started_on is None
    event = await StageEvent.filter(house_case_id=case.id).order_by("-id").first()
    assert event.reason == "Nhập nhầm ngày khởi công"
    entry = await AuditEntry.filter(entity="house_case", action="stage").order_by("-id").first()
    assert entry.reason == "Nhập nhầm ngày khởi công"


async def test_moving_to_the_current_stage_or_an_unknown_one_is_refused(orm):
    case = await case_at(Stage.APPROVED)
    with pytest.raises(Conflict):
        await move_stage(SYSTEM, case.id, Stage.APPROVED, TODAY)
    with pytest.raises(Invalid):
        await move_stage(SYSTEM, case.id, "built", TODAY)
    await _unchanged(case)


async def test_a_move_from_an_old_version_is_refused(orm):
    case = await case_at(Stage.APPROVED)
    await move_stage(SYSTEM, case.id, Stage.STARTED, TODAY, version=case.version)
    with pytest.raises(Conflict):
        await move_stage(SYSTEM, case.id, Stage.PAUSED, TODAY, "x", version=case.version)


async def test_an_officer_cannot_move_another_communes_case(orm):
    from relief.core.errors import NotFound
    from tests.factories import make_household

    other = await open_case(await make_household("05665"))  # Văn Lăng
    officer = await _officer()  # Thần Sa
    with pytest.raises(NotFound):
        await move_stage(officer, other.id, Stage.APPROVED, TODAY)
    province = actor_for(await make_user("province"))
    with pytest.raises(Forbidden):
        await move_stage(province, other.id, Stage.APPROVED, TODAY)


async def test_a_case_is_approved_only_by_a_decision(client):
    """No button, form or API call approves a case: only the decision on its list does."""
    case = await open_case()
    admin = await make_user("admin")
    with pytest.raises(Conflict) as refused:
        await move_stage(actor_for(admin), case.id, Stage.APPROVED, TODAY)
    assert refused.value.message == stages.APPROVED_BY_DECISION
    api = await client.post(
        f"/api/v1/houses/{case.id}/stage",
        json={"to": "approved", "on": TODAY.isoformat(), "version": case.version},
        headers=await bearer(admin),
    )
    assert api.status_code == 409
    assert api.json()["detail"].startswith("Hồ sơ chỉ được duyệt bằng quyết định của UBND xã")
    await _unchanged(case)
