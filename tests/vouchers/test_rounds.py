"""The state of the rounds per commune (/rounds): each round's cells as the province reads
them, the totals per state, each role's part, and a number of queries that does not grow with
the rounds and houses."""

from __future__ import annotations

import html
import logging
import re
from datetime import timedelta

from relief.beneficiaries import complaints
from relief.beneficiaries.records import AnswerPatch, ComplaintIn
from relief.core.actor import Actor
from relief.houses.models import Programme, Stage
from tests.beneficiaries.factories import (
    decided,
    draft,
    households_of_two_hamlets,
    posted,
    reviewed,
)
from tests.factories import actor_for, login_as, make_household, make_sponsor, make_user
from tests.vouchers.factories import TODAY, minutes, pay, the_issues_case

DAY = "%d/%m/%Y"


async def _decided_round(officer: Actor, homes, programme: str = "disaster_recovery") -> int:
    """A decided list of the households; the first has the issue's house (54 M of support) at
    its foundation, its minutes recorded and its first tranche paid (37.8 M, not signed)."""
    blist = await decided(
        officer,
        await posted(
            officer, await reviewed(officer, await draft(officer, homes, programme=programme))
        ),
    )
    case = await the_issues_case(household=homes[0], programme=Programme(programme))
    await minutes(case, Stage.FOUNDATION_DONE)
    await pay(officer, case, "first")
    return blist.id


async def _posted_round(officer: Actor, homes, round: int = 1) -> int:
    """A list posted two days ago (still posted), with two complaints: one answered."""
    made = await draft(officer, homes, programme="great_solidarity", round=round)
    blist = await posted(officer, await reviewed(officer, made), 2)
    for content in ("Thiếu tên hộ ông Tư", "Mức hỗ trợ chưa đúng"):
        made = await complaints.record_complaint(
            officer,
            blist.id,
            ComplaintIn(received_on=TODAY - timedelta(days=1), channel="letter", content=content),
        )
    patch = AnswerPatch(
        version=made.version, answer="Đã đo lại", outcome="rejected", answered_on=TODAY
    )
    await complaints.answer_complaint(officer, made.id, patch)
    return blist.id


async def _world():
    """Thần Sa: a decided round and a posted one; Võ Nhai: a draft."""
    officer = actor_for(await make_user("commune"))
    homes = await households_of_two_hamlets()
    done = await _decided_round(officer, homes)
    open_ = await _posted_round(officer, homes)
    elsewhere = actor_for(await make_user("commune", commune_code="05716", username="vonhai"))
    draft_ = await draft(elsewhere, [await make_household("05716", head_name="Lý Văn Sơn")])
    return done, open_, draft_.id


def _row(page: str, list_id: int) -> str | None:
    found = re.search(rf'<tr id="round-{list_id}">(.*?)</tr>', page, re.S)
    return found.group(1) if found else None


def _cell(row: str, name: str) -> str:
    found = re.search(rf'<td[^>]*class="[^"]*\b{name}\b[^"]*"[^>]*>(.*?)</td>', row, re.S)
    assert found, name
    text = re.sub(r"<[^>]+>", "", found.group(1))
    return re.sub(r"\s+", " ", html.unescape(text)).replace("\xa0", " ").strip()


def _cells(page: str, list_id: int) -> dict[str, str]:
    row = _row(page, list_id)
    assert row is not None, list_id
    names = ("state", "households", "posting", "complaints", "decision")
    return {n: _cell(row, n) for n in (*names, "vouchers", "settlement")}


def _totals(page: str, state: str) -> list[str]:
    row = re.search(rf'<tr id="state-{state}">(.*?)</tr>', page, re.S).group(1)
    return [_cell_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def _cell_text(raw: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", raw)).replace("\xa0", " ").strip()


async def test_the_province_reads_each_rounds_state_in_its_cells(client):
    done, open_, draft_id = await _world()
    await login_as(client, await make_user("province"))
    answer = await client.get("/rounds")
    assert answer.status_code == 200
    page = answer.text
    assert _cells(page, done) == {
        "state": "Đã có quyết định (đã khóa)",
        "households": "3",
        "posting": f"{TODAY - timedelta(days=10):{DAY}} – {TODAY - timedelta(days=4):{DAY}}",
        "complaints": "đã trả lời 0/0",
        "decision": f"125/QĐ-UBND · {TODAY:{DAY}}",
        "vouchers": "1 phiếu: 37.800.000 ₫ / 54.000.000 ₫",
        # completion minutes, both vouchers signed for, three stages' photos, the handover
        "settlement": "còn thiếu 7 mục (7 chưa nêu lý do)",
    }
    assert _cells(page, open_) == {
        "state": "Đang niêm yết công khai",
        "households": "3",
        "posting": f"{TODAY - timedelta(days=2):{DAY}} – {TODAY + timedelta(days=4):{DAY}}",
        "complaints": "đã trả lời 1/2, 1 chưa trả lời",
        "decision": "–",
        "vouchers": "–",
        "settlement": "–",
    }
    assert _cells(page, draft_id)["state"] == "Dự thảo"
    assert f'<a href="/lists/{done}">' in _row(page, done)  # each row opens its list
    assert page.index("Thần Sa") < page.index(f'id="round-{done}"')  # grouped by commune
    assert page.index("Võ Nhai") < page.index(f'id="round-{draft_id}"')
    # rounds, households, open complaints, vouchers, paid, support, closed
    assert _totals(page, "decided") == ["1", "3", "0", "1", "37.800.000 ₫", "54.000.000 ₫", "0"]
    assert _totals(page, "posted") == ["1", "3", "1", "0", "0 ₫", "0 ₫", "0"]
    assert _totals(page, "draft")[:2] == ["1", "1"]
    assert _totals(page, "total")[:4] == ["3", "7", "1", "1"]


async def test_a_commune_officer_and_the_front_see_their_communes_rounds_only(client):
    done, open_, draft_id = await _world()
    seen = {}
    for role in ("commune", "front"):
        await login_as(client, await make_user(role, commune_code="05725"))
        page = (await client.get("/rounds")).text
        seen[role] = [_row(page, i) is not None for i in (done, open_, draft_id)]
    assert seen == {"commune": [True, True, False], "front": [True, True, False]}
    other = (await client.get("/rounds", params={"commune": "05716"})).text
    assert "Chưa có danh sách nào." in other and _row(other, draft_id) is None


async def test_the_province_narrows_the_rounds_to_a_commune(client):
    done, open_, draft_id = await _world()
    await login_as(client, await make_user("province"))
    page = (await client.get("/rounds", params={"commune": "05716"})).text
    assert [_row(page, i) is not None for i in (done, open_, draft_id)] == [False, False, True]
    assert 'href="/rounds"' in page  # back to every commune


async def test_a_sponsor_is_refused_the_rounds(client):
    await login_as(client, await make_user("sponsor", sponsor=await make_sponsor()))
    assert (await client.get("/rounds")).status_code == 403


async def test_the_rounds_page_is_in_english_through_the_switch(client):
    await _world()
    await login_as(client, await make_user("province"))
    client.cookies.set("relief_lang", "en")
    page = (await client.get("/rounds")).text
    assert "<h1>Rounds by commune</h1>" in page and "1 of 2 answered, <strong>1 open" in page


async def test_the_province_dashboard_and_a_communes_summary_link_to_the_rounds(client):
    await login_as(client, await make_user("province"))
    assert 'href="/rounds"' in (await client.get("/reports")).text
    assert 'href="/rounds?commune=05725"' in (await client.get("/reports/communes/05725")).text


class _Queries(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def emit(self, record):
        self.count += 1


async def _queries_for(client, url: str) -> int:
    logger = logging.getLogger("tortoise.db_client")
    counter, level = _Queries(), logger.level
    logger.addHandler(counter)
    logger.setLevel(logging.DEBUG)
    try:
        assert (await client.get(url)).status_code == 200
    finally:
        logger.removeHandler(counter)
        logger.setLevel(level)
    return counter.count


async def test_the_rounds_cost_the_same_queries_for_one_round_and_many(client):
    officer = actor_for(await make_user("commune"))
    await login_as(client, await make_user("province"))
    homes = await households_of_two_hamlets()
    await _decided_round(officer, homes)
    one = await _queries_for(client, "/rounds")
    # Another decided round with its house, a posted one with complaints, one more elsewhere.
    more = [await make_household(head_name=f"Nông Văn {n}") for n in ("An", "Bình", "Cường")]
    await _decided_round(officer, more, programme="great_solidarity")
    await _posted_round(officer, homes, round=2)
    elsewhere = actor_for(await make_user("commune", commune_code="05716", username="vonhai"))
    await draft(elsewhere, [await make_household("05716", head_name="Lý Văn Sơn")])
    assert await _queries_for(client, "/rounds") == one < 25
