"""Beneficiary lists over HTTP: the officer's pages, the public complaint form, the lock."""

from __future__ import annotations

import re
from datetime import timedelta

from relief.beneficiaries.models import BeneficiaryList, Complaint, ListEntry, ListState
from relief.core.text import fold
from tests.beneficiaries.factories import (
    TODAY,
    decided,
    draft,
    households_of_two_hamlets,
    posted,
    reviewed,
)
from tests.factories import actor_for, login_as, make_user, post_form


async def test_a_complaint_lodged_without_an_account_appears_in_the_officers_register(client):
    user = await make_user("commune")
    officer = actor_for(user)
    homes = await households_of_two_hamlets()
    await posted(officer, await reviewed(officer, await draft(officer, homes)), 2)
    form = await client.get("/public/05725/complaints")
    list_id = re.search(r'name="list_id"><option value="(\d+)"', form.text).group(1)
    lodged = await post_form(
        client,
        "/public/05725/complaints",
        {"list_id": list_id, "from_name": "Nông Văn Tư", "content": "Nhà tôi bị sập, thiếu tên"},
    )
    receipt = (await Complaint.get()).receipt
    await login_as(client, user)
    register = await client.get("/lists/complaints")
    assert (lodged.status_code, lodged.headers["location"], receipt in register.text) == (
        303,
        f"/public/05725/complaints/{receipt}",
        True,
    )


async def test_the_public_receipt_shows_no_personal_data(client):
    officer = actor_for(await make_user("commune"))
    homes = await households_of_two_hamlets()
    blist = await posted(officer, await reviewed(officer, await draft(officer, homes)), 2)
    lodged = await post_form(
        client,
        "/public/05725/complaints",
        {"list_id": str(blist.id), "from_name": "Nông Văn Tư", "content": "Thiếu tên nhà tôi"},
    )
    page = await client.get(lodged.headers["location"])
    assert ("Nông Văn Tư" in page.text, "Thiếu tên" in page.text, page.status_code) == (
        False,
        False,
        200,
    )


async def test_a_public_complaint_too_long_is_refused_with_its_field(client):
    officer = actor_for(await make_user("commune"))
    homes = await households_of_two_hamlets()
    blist = await posted(officer, await reviewed(officer, await draft(officer, homes)), 2)
    refused = await post_form(
        client, "/public/05725/complaints", {"list_id": str(blist.id), "content": "x" * 2001}
    )
    assert (refused.status_code, await Complaint.all().count()) == (422, 0)


async def test_the_officer_walks_a_list_to_its_decision_through_the_pages(client):
    user = await make_user("commune")
    homes = await households_of_two_hamlets()
    await login_as(client, user)
    made = await post_form(
        client,
        "/lists",
        {
            "programme": "disaster_recovery",
            "year": str(TODAY.year),
            "round": "1",
            "household_ids": [str(h.id) for h in homes],
        },
    )
    url = made.headers["location"]
    list_id = int(url.rsplit("/", 1)[1])
    page = await client.get(url)
    version = re.search(r'name="version" value="(\d+)"', page.text).group(1)
    await post_form(client, f"{url}/send-to-review", {"version": version})
    for hamlet_id in sorted(
        {e.hamlet_id for e in await ListEntry.filter(beneficiary_list_id=list_id)}
    ):
        agreed = [
            str(e.household_id)
            for e in await ListEntry.filter(beneficiary_list_id=list_id, hamlet_id=hamlet_id)
        ]
        await post_form(
            client,
            f"{url}/reviews",
            {
                "hamlet_id": str(hamlet_id),
                "held_on": (TODAY - timedelta(days=12)).isoformat(),
                "chair": "Nông Văn Bình",
                "attendance": "40",
                "agreed_ids": agreed,
            },
        )
    page = await client.get(url)
    version = re.search(r'name="version" value="(\d+)"', page.text).group(1)
    await post_form(
        client,
        f"{url}/posting",
        {
            "version": version,
            "office_place": "UBND xã",
            "hamlet_place": "Nhà văn hoá",
            "starts_on": (TODAY - timedelta(days=9)).isoformat(),
        },
    )
    page = await client.get(url)
    version = re.search(
        r'action="/lists/\d+/submit".*?name="version" value="(\d+)"', page.text
    ).group(1)
    await post_form(client, f"{url}/submit", {"version": version})
    page = await client.get(url)
    version = re.search(
        r'action="/lists/\d+/decision".*?name="version" value="(\d+)"', page.text
    ).group(1)
    decided = await post_form(
        client,
        f"{url}/decision",
        {
            "version": version,
            "number": "12/QĐ-UBND",
            "signed_on": TODAY.isoformat(),
            "signer": "Hà Văn Tuấn",
        },
    )
    page = await client.get(url)
    state = (await BeneficiaryList.get(id=list_id)).state
    assert (decided.status_code, "12/QĐ-UBND" in page.text, state) == (
        303,
        True,
        ListState.DECIDED,
    )


async def test_a_write_to_a_locked_list_is_refused_with_409(client):
    user = await make_user("commune")
    officer = actor_for(user)
    homes = await households_of_two_hamlets()
    blist = await decided(
        officer, await posted(officer, await reviewed(officer, await draft(officer, homes)))
    )
    entry = await ListEntry.filter(beneficiary_list_id=blist.id).first()
    await login_as(client, user)
    refused = await post_form(
        client,
        f"/lists/entries/{entry.id}",
        {"version": str(entry.version), "proposed_amount": "1", "reason": "x"},
    )
    assert (refused.status_code, "locked" in refused.text or "đã khóa" in refused.text) == (
        409,
        True,
    )
    assert (await ListEntry.get(id=entry.id)).proposed_amount == 40_000_000


async def test_the_papers_print_in_the_administrative_layout(client):
    user = await make_user("commune")
    officer = actor_for(user)
    homes = await households_of_two_hamlets()
    blist = await posted(officer, await reviewed(officer, await draft(officer, homes)))
    await decided(officer, blist)
    await login_as(client, user)
    headings = []
    for paper in ("review", "posting", "posting-end", "annex"):
        page = await client.get(f"/lists/{blist.id}/papers/{paper}")
        headings.append((page.status_code, re.search(r"<h1>(.*?)</h1>", page.text).group(1)))
    annex = (await client.get(f"/lists/{blist.id}/papers/annex")).text
    assert (headings, "125/QĐ-UBND" in annex, "120.000.000" in annex) == (
        [
            (200, "BIÊN BẢN HỌP BÌNH XÉT"),
            (200, "BIÊN BẢN NIÊM YẾT CÔNG KHAI"),
            (200, "BIÊN BẢN KẾT THÚC NIÊM YẾT CÔNG KHAI"),
            (200, "DANH SÁCH HỘ GIA ĐÌNH ĐƯỢC HỖ TRỢ"),
        ],
        True,
        True,
    )


async def test_the_province_reads_a_communes_list_without_a_form_to_change_it(client):
    officer = actor_for(await make_user("commune"))
    homes = await households_of_two_hamlets()
    blist = await draft(officer, homes)
    await login_as(client, await make_user("province"))
    page = await client.get(f"/lists/{blist.id}")
    assert (page.status_code, "Hoàng Văn Thắng" in page.text, 'action="/lists/' in page.text) == (
        200,
        True,
        False,
    )


async def test_the_register_shows_each_complaints_answer(client):
    from relief.beneficiaries import complaints
    from relief.beneficiaries.records import AnswerPatch, ComplaintIn

    user = await make_user("commune")
    officer = actor_for(user)
    homes = await households_of_two_hamlets()
    blist = await posted(officer, await reviewed(officer, await draft(officer, homes)), 2)
    made = await complaints.record_complaint(
        officer,
        blist.id,
        ComplaintIn(received_on=TODAY - timedelta(days=1), channel="call", content="Thiếu tên"),
    )
    answer = "Hộ đã có tên ở danh sách đợt trước."
    await complaints.answer_complaint(
        officer,
        made.id,
        AnswerPatch(version=made.version, answer=answer, outcome="rejected", answered_on=TODAY),
    )
    await login_as(client, user)
    register = (await client.get("/lists/complaints")).text
    row = re.search(rf"<tr><th>{made.receipt}</th>(.*?)</tr>", register, re.S).group(1)
    assert answer in row and "Không có cơ sở: giữ nguyên danh sách" in row


async def test_the_officer_finds_a_household_by_name_without_accents_and_adds_it(client):
    user = await make_user("commune")
    homes = await households_of_two_hamlets()
    blist = await draft(actor_for(user), homes[:1])
    await login_as(client, user)
    url = f"/lists/{blist.id}"
    before = await client.get(url)
    assert 'name="household_id"' not in before.text and 'name="find"' in before.text
    wanted = homes[1]
    typed = fold(wanted.head_name)  # as typed on a phone, without accents
    found = await client.get(url, params={"find": typed})
    choices = re.findall(r'name="household_id" value="(\d+)"', found.text)
    assert str(wanted.id) in choices and str(homes[0].id) not in choices  # already on the list
    added = await post_form(
        client,
        f"{url}/entries",
        {"find": wanted.head_name, "household_id": str(wanted.id), "proposed_amount": "40000000"},
    )
    assert added.status_code == 303 and added.headers["location"] == f"{url}#entries"
    entry = await ListEntry.get(beneficiary_list_id=blist.id, household_id=wanted.id)
    assert entry.proposed_amount == 40_000_000
    none_chosen = await post_form(client, f"{url}/entries", {"find": homes[2].head_name})
    assert none_chosen.status_code == 422
    assert 'id="e-household_id"' in none_chosen.text
    assert f'name="household_id" value="{homes[2].id}"' in none_chosen.text  # still offered
