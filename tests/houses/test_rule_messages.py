"""A programme rule's refusal reads in the officer's language: the rule named in Vietnamese, a
link to its row on the programmes page (where its legal basis is), no English source text nor
"unconfirmed" note inside the message, and each refusal shown once."""

from __future__ import annotations

from relief.core.formatting import local_today
from relief.houses.models import HouseCase, Programme, Stage
from tests.factories import login_as, make_household, make_user, post_form
from tests.houses.factories import add_photo_row, case_at

TODAY = local_today()
TOO_SMALL = (
    "Theo quy định của chương trình Nhà Đại đoàn kết, nhà xây mới cho hộ 1 người phải có diện "
    "tích từ 30 m² trở lên."
)
LINK = (
    '<a href="/programmes#rule-great_solidarity-new_build">'
    "Quy định của chương trình Nhà Đại đoàn kết: Xây mới</a>"
)


async def _small_house() -> HouseCase:
    household = await make_household(members=1, head_name="Lý Thị Mai")
    case = await case_at(Stage.FOUNDATION_DONE, household=household, area_m2="24")
    await add_photo_row(case)
    return case


async def test_a_refused_completion_names_the_rule_in_vietnamese_once(client):
    case = await _small_house()
    assert case.programme is Programme.GREAT_SOLIDARITY
    await login_as(client, await make_user("commune"))
    refused = await post_form(
        client,
        f"/houses/{case.id}/stage",
        {"to": "completed", "on": TODAY.isoformat(), "version": str(case.version)},
    )
    assert refused.status_code == 409
    page = refused.text
    assert page.count(TOO_SMALL) == 1
    assert page.count(LINK) == 1
    assert page.count("Chưa thể ghi nhận nhà hoàn thành.") == 1
    for leaked in ("Circular 01/2022", "unconfirmed", "source:", "căn cứ: Great"):
        assert leaked not in page
    assert (await HouseCase.get(id=case.id)).stage is Stage.FOUNDATION_DONE


async def test_the_page_before_the_move_says_it_once_too(client):
    case = await _small_house()
    await login_as(client, await make_user("commune"))
    page = (await client.get(f"/houses/{case.id}")).text
    assert (page.count(TOO_SMALL), page.count(LINK)) == (1, 1)


async def test_the_link_leads_to_the_rule_and_its_legal_basis(client):
    await login_as(client, await make_user("commune"))
    page = (await client.get("/programmes")).text
    row = page.split('id="rule-great_solidarity-new_build"', 1)[1].split("</tr>", 1)[0]
    assert "Circular 01/2022/TT-BXD" in row  # the legal basis, as the administrator keeps it
