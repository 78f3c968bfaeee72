"""Versions on every write: in each area, a save based on an old version is refused with what
changed and writes nothing, and a save without the version is refused as bad input, through
the pages and through the API alike (both on SQLite and on PostgreSQL)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from tortoise.models import Model

from relief.accounts import service as accounts
from relief.accounts.models import User
from relief.aid import service as aid
from relief.aid.models import AidGiven, AidVisit
from relief.core.actor import Actor
from relief.core.formatting import local_today
from relief.core.models import AuditEntry
from relief.households import damage, disasters
from relief.households import service as households
from relief.households.models import DamageAssessment, Disaster, Household
from relief.households.records import DISASTER, HOUSEHOLD
from relief.houses import funding, programmes
from relief.houses import service as houses
from relief.houses.models import Contribution, FundingSource, HouseCase, ProgrammeRule, Stage
from relief.houses.records import CasePatch, ContributionPatch, RuleIn
from relief.sponsors import service as sponsors
from relief.sponsors.models import Sponsor
from relief.sponsors.records import SponsorPatch
from tests.aid.factories import gift_in, gift_patch, visit_in, visit_patch
from tests.factories import (
    actor_for,
    bearer,
    login_as,
    make_household,
    make_sponsor,
    make_user,
    post_form,
)
from tests.households.factories import (
    assessment_in,
    assessment_patch,
    commune,
    damage_data,
    household_data,
    make_disaster,
)
from tests.houses.factories import open_case

# Concurrent or versioned writes: about the database, so on PostgreSQL too.
pytestmark = pytest.mark.both_databases

TODAY = local_today()
VISIT = {"visited_on": "09/10/2025", "delegation": "Đoàn công tác UBND xã Thần Sa"}
STALE_VI = "Có người khác vừa lưu bản ghi này"
CHANGED_VI = "Đã thay đổi trong lúc bạn sửa"


@dataclass
class Record:
    """A record at version 1, and how to change it as someone else and to save it again."""

    model: type[Model]
    id: int
    bump: Callable[[], Awaitable[Any]]  # someone else's save, through the service
    changed: str  # the field that save changes
    api: tuple[str, str, dict[str, Any]] | None  # method, url, body without the version
    page: tuple[str, dict[str, Any]] | None  # url, form without the version
    extra: dict[str, Any] = field(default_factory=dict)


async def household(actor: Actor) -> Record:
    h = await make_household()
    return Record(
        Household,
        h.id,
        lambda: households.update_household(
            actor, h.id, HOUSEHOLD.body_patch({"members": "6", "version": "1"})
        ),
        "members",
        ("PATCH", f"/api/v1/households/{h.id}", {"members": 7}),
        (f"/households/{h.id}/edit", await household_data(members="8")),
    )


async def assessment(actor: Actor) -> Record:
    h, d = await make_household(), await make_disaster()
    a = await damage.create_assessment(actor, assessment_in(h.id, damage_data(d)))
    return Record(
        DamageAssessment,
        a.id,
        lambda: damage.update_assessment(
            actor,
            a.id,
            assessment_patch({"estimated_loss": "5.000.000", "version": "1"}, partial=True),
        ),
        "estimated_loss",
        ("PATCH", f"/api/v1/damage-assessments/{a.id}", {"estimated_loss": 7_000_000}),
        (f"/damage/{a.id}/edit", damage_data(d, estimated_loss="9.000.000")),
    )


async def disaster(actor: Actor) -> Record:
    d = await make_disaster()
    form = {"name": "Bão số 12", "kind": "typhoon", "starts_on": "06/10/2025"}
    return Record(
        Disaster,
        d.id,
        lambda: disasters.update_disaster(
            actor, d.id, DISASTER.body_patch({"name": "Bão Matmo", "version": "1"})
        ),
        "name",
        ("PATCH", f"/api/v1/disasters/{d.id}", {"description": "Gió giật cấp 12"}),
        (f"/disasters/{d.id}/edit", form),
    )


async def _visit(actor: Actor) -> AidVisit:
    thansa = await commune()
    return await aid.create_visit(actor, visit_in({**VISIT, "commune_id": str(thansa.id)}))


async def visit(actor: Actor) -> Record:
    v = await _visit(actor)
    return Record(
        AidVisit,
        v.id,
        lambda: aid.update_visit(
            actor, v.id, visit_patch({"leader": "Bí thư", "version": "1"}, partial=True)
        ),
        "leader",
        ("PATCH", f"/api/v1/visits/{v.id}", {"notes": "Mang theo gạo"}),
        (f"/visits/{v.id}/edit", {**VISIT, "leader": "Chủ tịch"}),
    )


async def gift(actor: Actor) -> Record:
    h = await make_household()
    v = await _visit(actor)
    g = await aid.add_gift(actor, v.id, gift_in({"household_id": h.id, "cash": "1000000"}))
    return Record(
        AidGiven,
        g.id,
        lambda: aid.update_gift(actor, g.id, gift_patch({"cash": "2000000", "version": "1"})),
        "cash",
        ("PATCH", f"/api/v1/aid-given/{g.id}", {"cash": 3_000_000}),
        (f"/gifts/{g.id}/edit", {"cash": "4000000", "goods": "", "goods_value": ""}),
    )


async def house_case(actor: Actor) -> Record:
    case = await open_case(on=TODAY - timedelta(days=10))
    form = {
        "programme": case.programme.value,
        "kind": case.kind.value,
        "area_m2": "45",
        "hard_foundation": "1",
        "hard_frame": "1",
        "hard_roof": "1",
        "estimated_cost": "70000000",
    }
    return Record(
        HouseCase,
        case.id,
        lambda: houses.update_case(actor, case.id, CasePatch(version=1, area_m2=40.0)),
        "area_m2",
        None,  # the API opens cases and moves them; details are corrected on the page
        (f"/houses/{case.id}/edit", form),
    )


async def stage(actor: Actor) -> Record:
    from relief.houses import stages

    case = await open_case(on=TODAY - timedelta(days=10))
    on = TODAY.isoformat()
    return Record(
        HouseCase,
        case.id,
        lambda: stages.move_stage(actor, case.id, Stage.CANCELLED, TODAY, "Hộ chuyển đi", 1),
        "stage",
        ("POST", f"/api/v1/houses/{case.id}/stage", {"to": "cancelled", "on": on, "reason": "x"}),
        (f"/houses/{case.id}/stage", {"to": "cancelled", "on": on, "reason": "Nhập nhầm"}),
    )


async def contribution(actor: Actor) -> Record:
    case = await open_case(on=TODAY - timedelta(days=10))
    c = await funding.add_contribution(
        actor,
        case.id,
        funding.ContributionInput(
            source=FundingSource.STATE_BUDGET, amount_pledged=30_000_000, amount_disbursed=0
        ),
    )
    return Record(
        Contribution,
        c.id,
        lambda: funding.update_contribution(
            actor, c.id, ContributionPatch(version=1, amount_pledged=20_000_000)
        ),
        "amount_pledged",
        ("PATCH", f"/api/v1/contributions/{c.id}", {"amount_pledged": 25_000_000}),
        (f"/contributions/{c.id}", {"amount_pledged": "26000000", "amount_disbursed": "0"}),
    )


async def programme_rule(actor: Actor) -> Record:
    rule = await ProgrammeRule.all().order_by("id").first()
    assert rule is not None and rule.version == 1
    form = {k: v for k, v in programmes.rule_values(rule).items() if k != "version"}
    return Record(
        ProgrammeRule,
        rule.id,
        lambda: programmes.update_rule(actor, rule.id, RuleIn(version=1, source="Quyết định 1")),
        "source",
        ("PATCH", f"/api/v1/programme-rules/{rule.id}", {"source": "Quyết định 2"}),
        (f"/programmes/{rule.id}/edit", {**form, "source": "Quyết định 3"}),
    )


async def sponsor(actor: Actor) -> Record:
    s = await make_sponsor()
    return Record(
        Sponsor,
        s.id,
        lambda: sponsors.update_sponsor(
            actor, s.id, SponsorPatch(version=1, contact_person="Chị Lan")
        ),
        "contact_person",
        ("PATCH", f"/api/v1/sponsors/{s.id}", {"phone": "0912345678"}),
        (f"/sponsors/{s.id}/edit", {"name": s.name, "kind": s.kind.value, "email": "a@b.vn"}),
    )


async def user(actor: Actor) -> Record:
    u = await make_user("commune", username="canbo.thansa")
    return Record(
        User,
        u.id,
        lambda: accounts.set_active(actor, u.id, False, 1),
        "is_active",
        None,  # users are edited on the administrator's pages only
        (
            f"/admin/users/{u.id}",
            {"full_name": "Lò Văn Minh", "role": "commune", "commune": "05725"},
        ),
    )


async def user_disabled(actor: Actor) -> Record:
    u = await make_user("commune", username="canbo.thansa")
    return Record(
        User,
        u.id,
        lambda: accounts.update_user(
            actor,
            u.id,
            full_name="Lò Văn Minh",
            role="commune",
            commune_code="05725",
            sponsor_name=None,
            version=1,
        ),
        "full_name",
        None,
        (f"/admin/users/{u.id}/active", {"active": "0"}),
    )


async def user_password(actor: Actor) -> Record:
    u = await make_user("province", username="canbo.tinh")
    return Record(
        User,
        u.id,
        lambda: accounts.set_active(actor, u.id, False, 1),
        "is_active",
        None,
        (f"/admin/users/{u.id}/password", {"password": "brand-new-password"}),
    )


AREAS = {
    "household": household,
    "damage": assessment,
    "disaster": disaster,
    "visit": visit,
    "aid_given": gift,
    "house_case": house_case,
    "stage": stage,
    "contribution": contribution,
    "programme_rule": programme_rule,
    "sponsor": sponsor,
    "user": user,
    "user_disabled": user_disabled,
    "user_password": user_password,
}


async def _state(record: Record) -> tuple[int, int]:
    row = await record.model.get(pk=record.id)
    return row.version, await AuditEntry.all().count()


@pytest.mark.parametrize("area", list(AREAS))
async def test_a_stale_or_versionless_save_is_refused_and_writes_nothing(client, area):
    user = await make_user("admin")
    actor = actor_for(user)
    record = await AREAS[area](actor)
    await record.bump()  # someone else saved meanwhile: the record is at version 2
    before = await _state(record)
    assert before[0] == 2
    if record.api is not None:
        method, url, body = record.api
        headers = await bearer(user)
        stale = await client.request(method, url, json={**body, "version": 1}, headers=headers)
        assert stale.status_code == 409, stale.text
        answer = stale.json()
        assert STALE_VI in answer["detail"]
        assert answer["details"]["version"] == 2
        assert record.changed in [c["field"] for c in answer["details"]["changes"]]
        assert await _state(record) == before
        missing = await client.request(method, url, json=body, headers=headers)
        assert missing.status_code == 422, missing.text
        assert set(missing.json()["errors"]) == {"version"}
        assert missing.json()["codes"] == {"version": "required"}
        assert await _state(record) == before
    if record.page is not None:
        url, form = record.page
        await login_as(client, user)
        stale = await post_form(client, url, {**form, "version": "1"})
        assert stale.status_code == 409, stale.text[:2000]
        assert STALE_VI in stale.text and CHANGED_VI in stale.text
        assert await _state(record) == before
        missing = await post_form(client, url, form)
        assert missing.status_code == 422, missing.text[:2000]
        assert await _state(record) == before


async def test_removing_a_household_from_a_visit_at_an_old_version_keeps_it(client):
    user = await make_user("admin")
    actor = actor_for(user)
    record = await gift(actor)
    await record.bump()
    before = await _state(record)
    await login_as(client, user)
    url = f"/gifts/{record.id}/delete"
    stale = await post_form(client, url, {"version": "1"})
    assert stale.status_code == 409 and STALE_VI in stale.text
    assert (await post_form(client, url, {})).status_code == 422
    assert await _state(record) == before
    headers = await bearer(user)
    api = await client.delete(f"/api/v1/aid-given/{record.id}?version=1", headers=headers)
    assert api.status_code == 409 and api.json()["details"]["changes"]
    assert await _state(record) == before
    done = await post_form(client, url, {"version": "2"})
    assert done.status_code == 303 and not await AidGiven.exists(id=record.id)
