"""Beneficiary lists from draft to decision: the rules in the services."""

from __future__ import annotations

from datetime import timedelta

import pytest

from relief.beneficiaries import complaints, service, steps
from relief.beneficiaries.models import (
    ComplaintOutcome,
    Decision,
    ListEntry,
    ListRevision,
    ListState,
    Posting,
    ReviewOutcome,
)
from relief.beneficiaries.records import (
    ANSWER,
    ENTRY,
    AnswerPatch,
    ComplaintIn,
    EntryIn,
    EntryPatch,
    PostingIn,
    PublicComplaintIn,
)
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.models import AuditEntry
from relief.households.models import DamageAssessment, DamageBand, Disaster
from relief.houses.models import HouseCase, Programme, Stage
from tests.beneficiaries.factories import (
    TODAY,
    decided,
    draft,
    households_of_two_hamlets,
    posted,
    reviewed,
)
from tests.factories import actor_for, login_as, make_user, post_form
from tests.houses.factories import open_case


@pytest.fixture
async def officer(orm) -> Actor:
    return actor_for(await make_user("commune"))


async def _answered(actor: Actor, blist, outcome: str = "rejected") -> None:
    made = await complaints.record_complaint(
        actor,
        blist.id,
        ComplaintIn(
            from_name="Ông Nông Văn Tư",
            received_on=TODAY - timedelta(days=5),
            channel="letter",
            content="Nhà tôi bị sập mà không có tên.",
        ),
    )
    await complaints.answer_complaint(
        actor,
        made.id,
        AnswerPatch(
            version=made.version,
            answer="Đã kiểm tra: nhà bị hư hỏng một phần.",
            outcome=outcome,
            answered_on=TODAY - timedelta(days=2),
        ),
    )


async def test_a_draft_proposes_the_programmes_norm_for_each_households_damage(officer):
    homes = await households_of_two_hamlets()
    disaster = await Disaster.create(name="Bão số 11", starts_on=TODAY - timedelta(days=60))
    await DamageAssessment.create(
        household=homes[1],
        disaster=disaster,
        commune_id=homes[1].commune_id,
        hamlet_id=homes[1].hamlet_id,
        band=DamageBand.VERY_HEAVY,
        assessed_on=TODAY - timedelta(days=50),
    )
    blist = await draft(officer, homes, disaster_id=disaster.id)
    amounts = dict(
        await ListEntry.filter(beneficiary_list_id=blist.id).values_list(
            "household_id", "proposed_amount"
        )
    )
    # Decree 20/2021 Art. 15: 40 M to rebuild, 20 M to repair (migration 0015's norms).
    assert amounts == {homes[0].id: 40_000_000, homes[1].id: 20_000_000, homes[2].id: 40_000_000}


async def test_a_household_of_another_commune_cannot_be_put_on_the_list(officer):
    homes = await households_of_two_hamlets()
    from tests.factories import make_household

    stranger = await make_household("05716")
    with pytest.raises(Invalid) as refused:
        await draft(officer, [*homes, stranger])
    assert refused.value.field_errors == {"household_ids": service.NOT_OF_COMMUNE}


async def test_a_second_list_of_the_same_programme_year_and_round_is_refused(officer):
    homes = await households_of_two_hamlets()
    await draft(officer, homes)
    with pytest.raises(Conflict) as refused:
        await draft(officer, homes[:1])
    assert refused.value.message == service.TAKEN


async def test_posting_is_refused_until_every_hamlet_has_reviewed(officer):
    homes = await households_of_two_hamlets()
    blist = await draft(officer, homes)
    blist = await steps.send_to_review(officer, blist.id, blist.version)
    with pytest.raises(Conflict) as refused:
        await posted(officer, blist)
    assert refused.value.message == steps.NOT_REVIEWED


async def test_the_hamlets_verdict_is_kept_on_each_of_its_households(officer):
    homes = await households_of_two_hamlets()
    blist = await reviewed(officer, await draft(officer, homes), refuse={homes[1].id})
    outcomes = dict(
        await ListEntry.filter(beneficiary_list_id=blist.id).values_list(
            "household_id", "review_outcome"
        )
    )
    assert outcomes == {
        homes[0].id: ReviewOutcome.AGREED,
        homes[1].id: ReviewOutcome.NOT_AGREED,
        homes[2].id: ReviewOutcome.AGREED,
    }


async def test_the_posting_ends_after_the_posting_period_by_default(officer):
    homes = await households_of_two_hamlets()
    blist = await posted(officer, await reviewed(officer, await draft(officer, homes)), 3)
    posting = await Posting.get(beneficiary_list_id=blist.id)
    assert (blist.state, posting.starts_on, posting.ends_on) == (
        ListState.POSTED,
        TODAY - timedelta(days=3),
        TODAY + timedelta(days=3),  # seven days, the first and the last counted
    )


async def test_a_posting_shorter_than_the_period_is_refused(officer):
    homes = await households_of_two_hamlets()
    blist = await reviewed(officer, await draft(officer, homes))
    data = PostingIn(
        office_place="UBND xã", hamlet_place="Nhà văn hoá", starts_on=TODAY, ends_on=TODAY
    )
    with pytest.raises(Invalid) as refused:
        await steps.post_list(officer, blist.id, blist.version, data)
    assert refused.value.field_errors == {"ends_on": steps.TOO_SHORT}


async def test_a_change_after_posting_needs_a_reason(officer):
    homes = await households_of_two_hamlets()
    blist = await posted(officer, await reviewed(officer, await draft(officer, homes)))
    entry = await ListEntry.get(beneficiary_list_id=blist.id, household_id=homes[0].id)
    with pytest.raises(Invalid) as refused:
        await service.update_entry(
            officer, entry.id, EntryPatch(version=entry.version, proposed_amount=30_000_000)
        )
    assert refused.value.field_errors == {"reason": service.NEEDS_REASON}


async def test_each_change_after_posting_is_kept_as_a_revision(officer):
    homes = await households_of_two_hamlets()
    blist = await posted(officer, await reviewed(officer, await draft(officer, homes)))
    entry = await ListEntry.get(beneficiary_list_id=blist.id, household_id=homes[0].id)
    patch = ENTRY.form_patch(
        {"version": str(entry.version), "proposed_amount": "30.000.000", "reason": "Đo lại"},
        only=("proposed_amount", "reason"),
    )
    await service.update_entry(officer, entry.id, patch)
    await service.remove_entry(officer, entry.id, entry.version + 1, "Đã chuyển đi nơi khác")
    revisions = await ListRevision.filter(beneficiary_list_id=blist.id).order_by("id")
    assert [
        (r.action, r.household_id, (r.before or {}).get("proposed_amount"), r.reason, r.username)
        for r in revisions
    ] == [
        ("changed", homes[0].id, 40_000_000, "Đo lại", officer.username),
        ("removed", homes[0].id, 30_000_000, "Đã chuyển đi nơi khác", officer.username),
    ]


async def test_submission_waits_for_every_complaint_to_be_answered(officer):
    homes = await households_of_two_hamlets()
    blist = await posted(officer, await reviewed(officer, await draft(officer, homes)))
    await complaints.record_complaint(
        officer,
        blist.id,
        ComplaintIn(received_on=TODAY - timedelta(days=4), channel="call", content="Thiếu tên"),
    )
    with pytest.raises(Conflict) as refused:
        await steps.submit_list(officer, blist.id, blist.version)
    assert refused.value.message == steps.UNANSWERED


async def test_submission_waits_for_the_posting_to_end(officer):
    homes = await households_of_two_hamlets()
    blist = await posted(officer, await reviewed(officer, await draft(officer, homes)), 2)
    with pytest.raises(Conflict) as refused:
        await steps.submit_list(officer, blist.id, blist.version)
    assert refused.value.message == steps.STILL_POSTED


async def test_a_submission_is_dated_after_the_posting_and_never_in_the_future(officer):
    homes = await households_of_two_hamlets()
    blist = await posted(officer, await reviewed(officer, await draft(officer, homes)), 10)
    posting = await Posting.get(beneficiary_list_id=blist.id)
    for on, refusal in (
        (posting.ends_on, Conflict),  # the posting's last day: still posted
        (TODAY + timedelta(days=1), Invalid),
    ):
        with pytest.raises(refusal):
            await steps.submit_list(officer, blist.id, blist.version, on)
    on = posting.ends_on + timedelta(days=1)
    blist = await steps.submit_list(officer, blist.id, blist.version, on)
    assert (blist.state, blist.submitted_on) == (ListState.SUBMITTED, on)


async def test_an_answer_needs_an_outcome(officer):
    homes = await households_of_two_hamlets()
    blist = await posted(officer, await reviewed(officer, await draft(officer, homes)))
    made = await complaints.record_complaint(
        officer, blist.id, ComplaintIn(received_on=TODAY, channel="letter", content="Thiếu tên")
    )
    patch = ANSWER.form_patch(
        {"version": str(made.version), "answer": "", "outcome": "pending", "answered_on": ""}
    )
    with pytest.raises(Invalid) as refused:
        await complaints.answer_complaint(officer, made.id, patch)
    assert set(refused.value.field_errors) == {"answer", "outcome", "answered_on"}


async def test_the_decision_approves_the_cases_of_the_households_it_names(officer):
    homes = await households_of_two_hamlets()
    named = await open_case(homes[0], programme=Programme.DISASTER_RECOVERY)
    refused = await open_case(homes[1], programme=Programme.DISASTER_RECOVERY)
    other_programme = await open_case(homes[2], programme=Programme.GREAT_SOLIDARITY)
    blist = await reviewed(officer, await draft(officer, homes), refuse={homes[1].id})
    blist = await posted(officer, blist)
    await _answered(officer, blist)
    blist = await decided(officer, await service.get_list(officer, blist.id))
    decision = await Decision.get(beneficiary_list_id=blist.id)
    cases = {c.id: c for c in await HouseCase.filter(household_id__in=[h.id for h in homes])}
    assert [
        (cases[c.id].stage, cases[c.id].approved_on, cases[c.id].approval_decision_id)
        for c in (named, refused, other_programme)
    ] == [
        (Stage.APPROVED, TODAY, decision.id),
        (Stage.PROPOSED, None, None),
        (Stage.PROPOSED, None, None),
    ]
    entry = await AuditEntry.get(entity="house_case", entity_id=named.id, action="stage")
    assert (entry.after["stage"], entry.after["approval_decision_id"]) == ("approved", decision.id)


async def test_a_list_not_decided_approves_no_one(officer):
    homes = await households_of_two_hamlets()
    case = await open_case(homes[0], programme=Programme.DISASTER_RECOVERY)
    await posted(officer, await reviewed(officer, await draft(officer, homes)))
    assert (await HouseCase.get(id=case.id)).stage is Stage.PROPOSED


async def test_a_case_opened_after_the_decision_is_approved_by_it_from_the_lists_page(client):
    user = await make_user("commune")
    officer = actor_for(user)
    homes = await households_of_two_hamlets()
    blist = await decided(
        officer, await posted(officer, await reviewed(officer, await draft(officer, homes)))
    )
    case = await open_case(homes[0], programme=Programme.DISASTER_RECOVERY, on=TODAY)
    await login_as(client, user)
    page = (await client.get(f"/lists/{blist.id}")).text
    assert case.code in page and f'action="/lists/{blist.id}/approve-cases"' in page
    answer = await post_form(client, f"/lists/{blist.id}/approve-cases", {})
    assert answer.status_code == 303
    approved = await HouseCase.get(id=case.id)
    decision = await Decision.get(beneficiary_list_id=blist.id)
    assert (approved.stage, approved.approval_decision_id) == (Stage.APPROVED, decision.id)
    assert "approve-cases" not in (await client.get(f"/lists/{blist.id}")).text


async def test_a_decided_list_refuses_every_write(officer):
    homes = await households_of_two_hamlets()
    blist = await posted(officer, await reviewed(officer, await draft(officer, homes)))
    await _answered(officer, blist)
    blist = await decided(officer, await service.get_list(officer, blist.id))
    entry = await ListEntry.get(beneficiary_list_id=blist.id, household_id=homes[0].id)
    writes = [
        service.add_entry(officer, blist.id, EntryIn(household_id=homes[0].id, reason="x")),
        service.update_entry(
            officer, entry.id, EntryPatch(version=entry.version, note="x", reason="x")
        ),
        service.remove_entry(officer, entry.id, entry.version, "x"),
        steps.submit_list(officer, blist.id, blist.version),
        complaints.record_complaint(
            officer, blist.id, ComplaintIn(received_on=TODAY, channel="call", content="x")
        ),
    ]
    messages = []
    for write in writes:
        with pytest.raises(Conflict) as refused:
            await write
        messages.append(refused.value.message)
    assert messages == [service.LOCKED] * 5


async def test_every_step_of_the_list_is_audited(officer):
    homes = await households_of_two_hamlets()
    blist = await posted(officer, await reviewed(officer, await draft(officer, homes)))
    await _answered(officer, blist)
    blist = await decided(officer, await service.get_list(officer, blist.id))
    actions = (
        await AuditEntry.filter(entity="beneficiary_list", entity_id=str(blist.id))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert list(actions) == ["create", "send_to_review", "post", "submit", "decide"]


async def test_another_communes_officer_cannot_see_the_list(officer):
    homes = await households_of_two_hamlets()
    blist = await draft(officer, homes)
    stranger = actor_for(await make_user("commune", commune_code="05716"))
    with pytest.raises(NotFound):
        await service.get_list(stranger, blist.id)


async def test_the_province_reads_the_list_and_writes_nothing(officer):
    homes = await households_of_two_hamlets()
    blist = await draft(officer, homes)
    province = actor_for(await make_user("province"))
    seen = await service.list_view(province, blist.id)
    with pytest.raises(Forbidden):
        await steps.send_to_review(province, blist.id, blist.version)
    assert len(seen.entries) == 3


async def test_a_public_complaint_is_received_on_a_list_posted_now(officer):
    homes = await households_of_two_hamlets()
    blist = await posted(officer, await reviewed(officer, await draft(officer, homes)), 2)
    anonymous = Actor(role=None, ip="203.0.113.7")
    made = await complaints.lodge_public_complaint(
        anonymous, "05725", PublicComplaintIn(list_id=blist.id, content="Hộ tôi bị bỏ sót")
    )
    register = await complaints.register(officer)
    assert [(c.receipt, c.channel, c.outcome) for c in register] == [
        (made.receipt, "public_page", ComplaintOutcome.PENDING)
    ]


async def test_public_complaints_are_bounded_per_address(officer):
    homes = await households_of_two_hamlets()
    blist = await posted(officer, await reviewed(officer, await draft(officer, homes)), 2)
    anonymous = Actor(role=None, ip="203.0.113.8")
    data = PublicComplaintIn(list_id=blist.id, content="Khiếu nại")
    for _ in range(complaints.MAX_PER_ADDRESS):
        await complaints.lodge_public_complaint(anonymous, "05725", data)
    with pytest.raises(Conflict) as refused:
        await complaints.lodge_public_complaint(anonymous, "05725", data)
    assert refused.value.message == complaints.TOO_MANY


async def test_a_public_complaint_about_a_list_whose_posting_ended_is_refused(officer):
    homes = await households_of_two_hamlets()
    blist = await posted(officer, await reviewed(officer, await draft(officer, homes)), 10)
    with pytest.raises(Invalid) as refused:
        await complaints.lodge_public_complaint(
            Actor(role=None), "05725", PublicComplaintIn(list_id=blist.id, content="x")
        )
    assert refused.value.field_errors == {"list_id": complaints.NOT_POSTED}
