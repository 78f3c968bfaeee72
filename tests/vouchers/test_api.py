"""Vouchers and the settlement through the JSON API: a house's tranches of the support, a
tranche paid once (Idempotency-Key, 409 the second time), the signature recorded on the
version read, a list's vouchers, a house's dossier, a round's report with its totals by source,
gaps explained and the round closed."""

from __future__ import annotations

from relief.core.models import AuditEntry
from relief.houses.models import Programme, Stage
from relief.vouchers.models import SettlementClosing, Voucher
from tests.beneficiaries.factories import (
    decided,
    draft,
    households_of_two_hamlets,
    posted,
    reviewed,
)
from tests.factories import actor_for, bearer, make_user
from tests.vouchers.factories import TODAY, minutes, the_issues_case

PAY = {"tranche": "first", "paid_by": "Thủ quỹ Lục Thị Hoa", "receiver_name": "Hoàng Văn Thắng"}


async def test_a_tranche_of_the_support_is_paid_once_and_signed_for(client):
    headers = await bearer(await make_user("commune"))
    case = await the_issues_case()
    due = await client.get(f"/api/v1/houses/{case.id}/vouchers", headers=headers)
    first = due.json()["tranches"][0]
    assert (due.json()["support"], first["due"], first["voucher"], first["stage"]) == (
        54_000_000,
        37_800_000,  # 70 % of the support: never of the family's own 6 M
        None,
        "foundation_done",
    )
    body = {**PAY, "paid_on": TODAY.isoformat()}
    early = await client.post(f"/api/v1/houses/{case.id}/vouchers", json=body, headers=headers)
    assert (early.status_code, early.json()["codes"]) == (422, {"tranche": "invalid"})
    await minutes(case, Stage.FOUNDATION_DONE)
    keyed = {**headers, "Idempotency-Key": "first-tranche-0001"}
    paid = await client.post(f"/api/v1/houses/{case.id}/vouchers", json=body, headers=keyed)
    replay = await client.post(f"/api/v1/houses/{case.id}/vouchers", json=body, headers=keyed)
    twice = await client.post(f"/api/v1/houses/{case.id}/vouchers", json=body, headers=headers)
    voucher = paid.json()
    assert (paid.status_code, replay.status_code, replay.json()["id"], twice.status_code) == (
        201,
        201,
        voucher["id"],
        409,
    )
    assert (voucher["amount"], voucher["split"], voucher["number"], voucher["signed"]) == (
        37_800_000,
        {"state_budget": 21_000_000, "sponsor": 16_800_000},
        f"PC-{TODAY.year}-0001",
        False,
    )
    assert await Voucher.all().count() == 1

    path = f"/api/v1/vouchers/{voucher['id']}"
    undated = await client.patch(path, json={"version": 1, "signed": True}, headers=headers)
    signed = await client.patch(
        path, json={"version": 1, "signed": True, "signed_on": TODAY.isoformat()}, headers=headers
    )
    stale = await client.patch(path, json={"version": 1, "note": "Ký bổ sung"}, headers=headers)
    assert (
        undated.status_code,
        undated.json()["codes"],
        signed.status_code,
        stale.status_code,
    ) == (
        422,
        {"signed_on": "invalid"},
        200,
        409,
    )
    assert (signed.json()["signed"], signed.json()["version"]) == (True, 2)
    after = (await client.get(f"/api/v1/houses/{case.id}/vouchers", headers=headers)).json()
    assert (after["paid"], after["balance"], after["tranches"][0]["voucher"]["id"]) == (
        37_800_000,
        16_200_000,
        voucher["id"],
    )
    by_source = {s["source"]: (s["pledged"], s["paid"]) for s in after["by_source"]}
    assert by_source == {
        "state_budget": (30_000_000, 21_000_000),
        "sponsor": (24_000_000, 16_800_000),
    }


async def test_another_communes_vouchers_are_not_found_and_the_province_only_reads(client):
    case = await the_issues_case()
    await minutes(case, Stage.FOUNDATION_DONE)
    officer = await bearer(await make_user("commune"))
    body = {**PAY, "paid_on": TODAY.isoformat()}
    voucher = (
        await client.post(f"/api/v1/houses/{case.id}/vouchers", json=body, headers=officer)
    ).json()
    elsewhere = await bearer(await make_user("commune", commune_code="05665"))
    province = await bearer(await make_user("province"))
    answers = [
        (await client.get(f"/api/v1/vouchers/{voucher['id']}", headers=elsewhere)).status_code,
        (await client.get(f"/api/v1/houses/{case.id}/dossier", headers=elsewhere)).status_code,
        (
            await client.patch(
                f"/api/v1/vouchers/{voucher['id']}", json={"version": 1}, headers=elsewhere
            )
        ).status_code,
        (await client.get(f"/api/v1/vouchers/{voucher['id']}", headers=province)).status_code,
        (
            await client.patch(
                f"/api/v1/vouchers/{voucher['id']}", json={"version": 1}, headers=province
            )
        ).status_code,
    ]
    assert answers == [404, 404, 404, 200, 403]


async def _round(user):
    """A decided round of three households; the first has the issue's house with its first
    tranche paid."""
    officer = actor_for(user)
    homes = await households_of_two_hamlets()
    blist = await decided(
        officer, await posted(officer, await reviewed(officer, await draft(officer, homes)))
    )
    case = await the_issues_case(household=homes[0], programme=Programme.DISASTER_RECOVERY)
    await minutes(case, Stage.FOUNDATION_DONE)
    return blist, case


async def test_a_round_is_reported_explained_and_closed_through_the_api(client):
    user = await make_user("commune")
    headers = await bearer(user)
    blist, case = await _round(user)
    body = {**PAY, "paid_on": TODAY.isoformat()}
    paid = await client.post(f"/api/v1/houses/{case.id}/vouchers", json=body, headers=headers)
    vouchers = await client.get(f"/api/v1/lists/{blist.id}/vouchers", headers=headers)
    assert [v["id"] for v in vouchers.json()] == [paid.json()["id"]]

    dossier = (await client.get(f"/api/v1/houses/{case.id}/dossier", headers=headers)).json()
    present = {i["item"]: i["detail"] for i in dossier["items"] if i["present"]}
    assert (dossier["complete"], dossier["list_id"], sorted(present)) == (
        False,
        blist.id,
        ["decision", "first_minutes"],
    )
    assert present["decision"] == f"125/QĐ-UBND · {TODAY:%d/%m/%Y}"

    report = (await client.get(f"/api/v1/settlements/{blist.id}", headers=headers)).json()
    assert (report["decided"], report["closing"], report["not_opened"]) == (True, None, 2)
    assert report["totals"] == {
        "state_budget": 30_000_000,
        "fund_for_the_poor": 0,
        "sponsor": 24_000_000,
        "support": 54_000_000,
        "paid": 37_800_000,
        "balance": 16_200_000,
    }
    (house,) = report["houses"]
    assert (house["code"], house["unexplained"]) == (case.code, dossier["missing"])

    close = {"closed_on": TODAY.isoformat(), "note": "Quyết toán đợt 1"}
    refused = await client.post(
        f"/api/v1/settlements/{blist.id}/close", json=close, headers=headers
    )
    assert (refused.status_code, len(refused.json()["details"]["gaps"])) == (
        409,
        len(dossier["missing"]),
    )
    gaps = []
    for item in dossier["missing"]:
        gap = await client.post(
            f"/api/v1/settlements/{blist.id}/gaps",
            json={"house_case_id": case.id, "item": item, "reason": "Bổ sung sau"},
            headers=headers,
        )
        assert gap.status_code == 201, gap.text
        gaps.append(gap.json())
    present_item = await client.post(
        f"/api/v1/settlements/{blist.id}/gaps",
        json={"house_case_id": case.id, "item": "decision", "reason": "Không thiếu"},
        headers=headers,
    )
    assert (present_item.status_code, present_item.json()["codes"]) == (422, {"item": "invalid"})
    corrected = await client.patch(
        f"/api/v1/settlements/gaps/{gaps[-1]['id']}",
        json={"version": gaps[-1]["version"], "reason": "Chưa tổ chức bàn giao"},
        headers=headers,
    )
    assert (corrected.status_code, corrected.json()["reason"]) == (200, "Chưa tổ chức bàn giao")
    closed = await client.post(f"/api/v1/settlements/{blist.id}/close", json=close, headers=headers)
    again = await client.post(
        f"/api/v1/settlements/{blist.id}/gaps",
        json={"house_case_id": case.id, "item": "handover_minutes", "reason": "x"},
        headers=headers,
    )
    assert (closed.status_code, closed.json()["closed_on"], again.status_code) == (
        201,
        TODAY.isoformat(),
        409,
    )
    closing = await SettlementClosing.get(beneficiary_list_id=blist.id)
    assert await AuditEntry.exists(entity="settlement_closing", entity_id=str(closing.id))
    final = (await client.get(f"/api/v1/settlements/{blist.id}", headers=headers)).json()
    assert (final["closing"]["id"], len(final["gaps"])) == (closing.id, len(dossier["missing"]))


async def test_a_draft_is_no_round_to_settle(client):
    user = await make_user("commune")
    headers = await bearer(user)
    homes = await households_of_two_hamlets()
    blist = await draft(actor_for(user), homes)
    report = await client.get(f"/api/v1/settlements/{blist.id}", headers=headers)
    close = await client.post(
        f"/api/v1/settlements/{blist.id}/close",
        json={"closed_on": TODAY.isoformat()},
        headers=headers,
    )
    vouchers = await client.get(f"/api/v1/lists/{blist.id}/vouchers", headers=headers)
    assert (report.json()["decided"], report.json()["houses"], close.status_code) == (
        False,
        [],
        409,
    )
    assert (vouchers.status_code, vouchers.json()) == (200, [])
