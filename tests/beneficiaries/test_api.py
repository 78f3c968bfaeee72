"""Beneficiary lists through the JSON API: a list walked from draft to decision by a commune
officer with a token, the filters and pages of the lists, one status per refusal (409 on a
stale version or a locked list, 422 naming each bad field, 404 outside the scope, 403 for a
role that reads but does not write)."""

from __future__ import annotations

from datetime import timedelta

from relief.beneficiaries.models import BeneficiaryList, ListRevision, ListState
from relief.core.models import AuditEntry
from tests.beneficiaries.factories import (
    TODAY,
    draft,
    households_of_two_hamlets,
    posted,
    reviewed,
)
from tests.factories import actor_for, bearer, make_household, make_user

KEY = "draft-list-key-0001"


async def _officer():
    user = await make_user("commune")
    return user, await bearer(user)


async def _draft(client, headers, homes, **more) -> dict:
    body = {
        "programme": "disaster_recovery",
        "year": TODAY.year,
        "household_ids": [h.id for h in homes],
        **more,
    }
    made = await client.post("/api/v1/lists", json=body, headers=headers)
    assert made.status_code == 201, made.text
    return made.json()


async def test_a_list_walks_from_draft_to_decision_through_the_api(client):
    _, headers = await _officer()
    homes = await households_of_two_hamlets()
    body = {"programme": "disaster_recovery", "year": TODAY.year, "household_ids": [homes[0].id]}
    keyed = {**headers, "Idempotency-Key": KEY}
    first = await client.post("/api/v1/lists", json=body, headers=keyed)
    again = await client.post("/api/v1/lists", json=body, headers=keyed)
    blist = first.json()
    assert (first.status_code, again.status_code, again.json()["id"]) == (201, 201, blist["id"])
    assert await BeneficiaryList.all().count() == 1
    lid = blist["id"]

    added = await client.post(
        f"/api/v1/lists/{lid}/entries",
        json={"household_id": homes[1].id, "proposed_amount": 30_000_000},
        headers=headers,
    )
    third = await client.post(
        f"/api/v1/lists/{lid}/entries", json={"household_id": homes[2].id}, headers=headers
    )
    entry = added.json()
    changed = await client.patch(
        f"/api/v1/lists/entries/{entry['id']}",
        json={"version": entry["version"], "proposed_amount": 35_000_000},
        headers=headers,
    )
    stale = await client.patch(
        f"/api/v1/lists/entries/{entry['id']}",
        json={"version": entry["version"], "note": "Sửa lại"},
        headers=headers,
    )
    assert (added.status_code, third.status_code, changed.status_code, stale.status_code) == (
        201,
        201,
        200,
        409,
    )
    assert (entry["head_name"], changed.json()["proposed_amount"]) == (
        "Lý Thị Mai",
        35_000_000,
    )

    version = (await client.get(f"/api/v1/lists/{lid}", headers=headers)).json()["version"]
    sent = await client.post(
        f"/api/v1/lists/{lid}/send-to-review", json={"version": version}, headers=headers
    )
    assert (sent.status_code, sent.json()["state"]) == (200, "in_review")
    one = await client.get(f"/api/v1/lists/{lid}", headers=headers)
    hamlets = one.json()["unreviewed_hamlet_ids"]
    for hamlet_id in hamlets:
        agreed = [
            e["household_id"]
            for e in one.json()["entries"]
            if e["hamlet_id"] == hamlet_id and e["household_id"] != homes[2].id
        ]
        review = await client.post(
            f"/api/v1/lists/{lid}/reviews",
            json={
                "hamlet_id": hamlet_id,
                "held_on": (TODAY - timedelta(days=14)).isoformat(),
                "chair": "Trưởng thôn Nông Văn Bình",
                "attendance": 40,
                "agreed_ids": agreed,
            },
            headers=headers,
        )
        assert review.status_code == 201, review.text
    reviewed = (await client.get(f"/api/v1/lists/{lid}", headers=headers)).json()
    outcomes = {e["household_id"]: e["review_outcome"] for e in reviewed["entries"]}
    assert outcomes == {homes[0].id: "agreed", homes[1].id: "agreed", homes[2].id: "not_agreed"}
    assert sorted(r["not_agreed_ids"] for r in reviewed["reviews"]) == [[], [homes[2].id]]

    posted = await client.post(
        f"/api/v1/lists/{lid}/posting",
        json={
            "version": reviewed["version"],
            "office_place": "Trụ sở UBND xã Thần Sa",
            "hamlet_place": "Nhà văn hoá các thôn",
            "starts_on": (TODAY - timedelta(days=10)).isoformat(),
        },
        headers=headers,
    )
    assert (posted.status_code, posted.json()["state"]) == (200, "posted")
    ends = (TODAY - timedelta(days=4)).isoformat()  # the 7 days' posting, the first counted
    assert (posted.json()["posting"]["ends_on"], posted.json()["posting"]["ended"]) == (ends, True)

    complaint = await client.post(
        f"/api/v1/lists/{lid}/complaints",
        json={
            "from_name": "Nông Văn Tư",
            "received_on": (TODAY - timedelta(days=6)).isoformat(),
            "channel": "letter",
            "content": "Nhà ông Sơn bị sập hoàn toàn mà không được bình xét",
        },
        headers=headers,
    )
    made = complaint.json()
    too_early = await client.post(
        f"/api/v1/lists/{lid}/submit", json={"version": posted.json()["version"]}, headers=headers
    )
    revised = await client.patch(
        f"/api/v1/lists/entries/{entry['id']}",
        json={
            "version": next(e for e in reviewed["entries"] if e["id"] == entry["id"])["version"],
            "proposed_amount": 40_000_000,
            "reason": "Theo khiếu nại",
            "complaint_id": made["id"],
        },
        headers=headers,
    )
    answered = await client.post(
        f"/api/v1/lists/complaints/{made['id']}/answer",
        json={
            "version": made["version"],
            "answer": "Đã xem xét lại mức hỗ trợ",
            "outcome": "partly_upheld",
            "answered_on": TODAY.isoformat(),
        },
        headers=headers,
    )
    assert (complaint.status_code, made["receipt"][:3], made["outcome"], made["answered_on"]) == (
        201,
        "KN-",
        "pending",
        None,
    )
    assert (too_early.status_code, revised.status_code, answered.status_code) == (409, 200, 200)
    assert (answered.json()["outcome"], answered.json()["outcome_label"]) == (
        "partly_upheld",
        "Có cơ sở một phần",
    )

    now = (await client.get(f"/api/v1/lists/{lid}", headers=headers)).json()
    (revision,) = now["revisions"]
    assert (
        revision["action"],
        revision["before"]["proposed_amount"],
        revision["complaint_id"],
    ) == (
        "changed",
        35_000_000,
        made["id"],
    )
    submitted = await client.post(
        f"/api/v1/lists/{lid}/submit", json={"version": now["version"]}, headers=headers
    )
    decided = await client.post(
        f"/api/v1/lists/{lid}/decision",
        json={
            "version": submitted.json()["version"],
            "number": "125/QĐ-UBND",
            "signed_on": TODAY.isoformat(),
            "signer": "Chủ tịch Hà Văn Tuấn",
        },
        headers=headers,
    )
    done = decided.json()
    assert (submitted.status_code, decided.status_code, done["state"]) == (200, 200, "decided")
    assert (done["decision"]["number"], done["decision"]["scan"], done["approved"]) == (
        "125/QĐ-UBND",
        None,
        2,
    )
    assert done["total"] == 40_000_000 + next(
        e["proposed_amount"] for e in done["entries"] if e["household_id"] == homes[0].id
    )
    locked = await client.post(
        f"/api/v1/lists/{lid}/entries", json={"household_id": homes[2].id}, headers=headers
    )
    assert (locked.status_code, locked.json()["detail"]) == (
        409,
        "Danh sách đã có quyết định phê duyệt và đã khóa: không thể thay đổi.",
    )


async def test_lists_are_filtered_and_paged_like_every_list(client):
    _, headers = await _officer()
    homes = await households_of_two_hamlets()
    await _draft(client, headers, homes[:1])
    await _draft(client, headers, homes[1:2], round=2)
    await _draft(client, headers, homes[2:], programme="great_solidarity")
    other = await make_household("05665")
    there = await bearer(await make_user("commune", commune_code="05665"))
    await _draft(client, there, [other])
    province = await bearer(await make_user("province"))

    async def total(headers, **params) -> int:
        found = await client.get("/api/v1/lists", params=params, headers=headers)
        assert found.status_code == 200, found.text
        return found.json()["total"]

    assert [
        await total(province),
        await total(headers),
        await total(province, commune="05725"),
        await total(province, programme="great_solidarity"),
        await total(province, year=TODAY.year, state="draft"),
        await total(province, state="decided"),
    ] == [4, 3, 3, 1, 4, 0]
    page = await client.get(
        "/api/v1/lists", params={"per_page": 2, "page": 2, "commune": "05725"}, headers=province
    )
    assert (page.json()["page"], page.json()["pages"], len(page.json()["items"])) == (2, 2, 1)
    bad = await client.get("/api/v1/lists", params={"state": "lost"}, headers=province)
    assert bad.status_code == 400


async def test_a_draft_with_bad_fields_names_each_of_them(client):
    _, headers = await _officer()
    other = await make_household("05665")
    sent = await client.post(
        "/api/v1/lists",
        json={"programme": "no_such", "year": 1999, "household_ids": [other.id]},
        headers=headers,
    )
    assert (sent.status_code, sent.json()["codes"]) == (
        422,
        {"programme": "not_a_choice", "year": "out_of_range", "household_ids": "invalid"},
    )
    assert sent.json()["errors"]["household_ids"] == "Hộ này không thuộc xã."
    admin = await bearer(await make_user("admin"))
    homes = await households_of_two_hamlets()
    body = {"programme": "disaster_recovery", "year": TODAY.year, "household_ids": [homes[0].id]}
    by_admin = await client.post("/api/v1/lists", json=body, headers=admin)
    assert (by_admin.status_code, by_admin.json()["codes"]) == (422, {"commune_id": "invalid"})
    assert not await BeneficiaryList.exists()


async def test_a_review_agreeing_to_another_hamlets_household_is_refused(client):
    user, headers = await _officer()
    homes = await households_of_two_hamlets()
    blist = await draft(actor_for(user), homes)
    await client.post(
        f"/api/v1/lists/{blist.id}/send-to-review", json={"version": 1}, headers=headers
    )
    sent = await client.post(
        f"/api/v1/lists/{blist.id}/reviews",
        json={
            "hamlet_id": homes[0].hamlet_id,
            "held_on": TODAY.isoformat(),
            "chair": "Trưởng thôn",
            "attendance": 0,
            "agreed_ids": [homes[2].id],
        },
        headers=headers,
    )
    assert (sent.status_code, sent.json()["codes"]) == (
        422,
        {"attendance": "out_of_range", "agreed_ids": "invalid"},
    )


async def test_another_communes_list_is_not_found_and_the_province_may_not_write(client):
    user, _ = await _officer()
    homes = await households_of_two_hamlets()
    blist = await draft(actor_for(user), homes)
    entry_id = (await blist.entries.all().first()).id
    elsewhere = await bearer(await make_user("commune", commune_code="05665"))
    province = await bearer(await make_user("province"))
    sponsor = await bearer(await make_user("sponsor"))
    answers = [
        (await client.get(f"/api/v1/lists/{blist.id}", headers=elsewhere)).status_code,
        (
            await client.post(
                f"/api/v1/lists/{blist.id}/send-to-review", json=[], headers=elsewhere
            )
        ).status_code,
        (
            await client.patch(
                f"/api/v1/lists/entries/{entry_id}", json={"version": 1}, headers=elsewhere
            )
        ).status_code,
        (await client.get(f"/api/v1/lists/{blist.id}", headers=province)).status_code,
        (
            await client.post(
                f"/api/v1/lists/{blist.id}/send-to-review", json={"version": 1}, headers=province
            )
        ).status_code,
        (await client.get("/api/v1/lists", headers=sponsor)).status_code,
    ]
    assert answers == [404, 404, 404, 200, 403, 403]
    assert (await BeneficiaryList.get(id=blist.id)).state == ListState.DRAFT


async def test_an_entry_taken_off_a_posted_list_needs_its_reason_and_is_kept(client):
    user, headers = await _officer()
    officer = actor_for(user)
    homes = await households_of_two_hamlets()
    blist = await posted(officer, await reviewed(officer, await draft(officer, homes)))
    entry = await blist.entries.all().order_by("id").first()
    path = f"/api/v1/lists/entries/{entry.id}/remove"
    no_reason = await client.post(
        path, json={"version": entry.version, "complaint_id": 999_999}, headers=headers
    )
    removed = await client.post(
        path, json={"version": entry.version, "reason": "Đã chuyển đi nơi khác"}, headers=headers
    )
    revision = await ListRevision.get(beneficiary_list_id=blist.id)
    assert (no_reason.status_code, no_reason.json()["codes"], removed.status_code) == (
        422,
        {"reason": "invalid", "complaint_id": "invalid"},
        204,
    )
    assert (revision.action, revision.reason) == ("removed", "Đã chuyển đi nơi khác")
    assert await AuditEntry.exists(entity="beneficiary_entry", entity_id=str(entry.id))


async def test_the_complaints_register_is_paged_and_scoped(client):
    user, headers = await _officer()
    officer = actor_for(user)
    homes = await households_of_two_hamlets()
    blist = await posted(officer, await reviewed(officer, await draft(officer, homes)), 2)
    for n in range(3):
        made = await client.post(
            f"/api/v1/lists/{blist.id}/complaints",
            json={"received_on": TODAY.isoformat(), "channel": "call", "content": f"Ý kiến {n}"},
            headers=headers,
        )
        assert made.status_code == 201, made.text
    page = await client.get("/api/v1/lists/complaints", params={"per_page": 2}, headers=headers)
    elsewhere = await bearer(await make_user("commune", commune_code="05665"))
    none = await client.get("/api/v1/lists/complaints", headers=elsewhere)
    assert (page.json()["total"], len(page.json()["items"]), none.json()["total"]) == (3, 2, 0)
