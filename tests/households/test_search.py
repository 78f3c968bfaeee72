"""The household list: accent-free search with exact accents first, filters, sorting, pages."""

from datetime import date

from relief.core.actor import Actor, Role
from relief.households import search
from relief.households.models import DamageAssessment, DamageBand
from relief.households.search import HouseholdFilter, pick_households, search_households
from relief.places.models import Province
from tests.factories import bearer, login_as, make_household, make_user
from tests.households.factories import VAN_LANG, hamlet_of, make_disaster, officer


async def names(actor: Actor, **filters) -> list[str]:
    results = await search_households(actor, HouseholdFilter(**filters))
    return [h.head_name for h in results.items]


async def test_a_name_typed_without_accents_finds_it_with_exact_accents_first(orm):
    await make_household(head_name="Nông Văn Thằng")
    await make_household(head_name="Nông Văn Thắng")
    await make_household(head_name="Lý Văn Sơn")
    actor = await officer()
    assert sorted(await names(actor, q="nong van thang")) == ["Nông Văn Thắng", "Nông Văn Thằng"]
    assert (await names(actor, q="Thắng"))[0] == "Nông Văn Thắng"
    assert (await names(actor, q="thằng"))[0] == "Nông Văn Thằng"
    assert await names(actor, q="NONG VAN THANG") != []


async def test_search_by_id_number_or_phone(orm):
    await make_household(head_name="Lý Văn Sơn", id_number="019070001234", phone="0912345678")
    await make_household(head_name="Ma Thị Hoa")
    actor = await officer()
    assert await names(actor, q="019070") == ["Lý Văn Sơn"]
    assert await names(actor, q="+84 912 345 678") == ["Lý Văn Sơn"]
    assert await names(actor, q="345678") == ["Lý Văn Sơn"]


async def test_an_officer_sees_only_their_commune(orm):
    await make_household(head_name="Lý Văn Sơn")
    await make_household(commune_code=VAN_LANG, head_name="Lý Văn Sơn")
    assert len(await names(await officer(), q="ly van son")) == 1
    province = Actor(role=Role.PROVINCE, province_id=(await Province.get(code="19")).id)
    assert len(await names(province, q="ly van son")) == 2


async def test_filters_by_hamlet_poverty_flag_damage_relocation_and_archived(orm):
    first, second = await hamlet_of(index=0), await hamlet_of(index=1)
    a = await make_household(head_name="A", hamlet_name=first.name, poverty_status="poor")
    await make_household(head_name="B", hamlet_name=second.name, martyr_family=True)
    c = await make_household(head_name="C", hamlet_name=second.name)
    await make_household(head_name="D", archived_at=date(2025, 1, 1).isoformat() + "T00:00Z")
    disaster = await make_disaster()
    for h, band, relocated, needs in (
        (a, DamageBand.TOTAL, True, ["rebuild"]),
        (c, DamageBand.HEAVY, False, ["food", "relocation"]),
    ):
        await DamageAssessment.create(
            household=h,
            disaster=disaster,
            commune_id=h.commune_id,
            hamlet_id=h.hamlet_id,
            band=band,
            relocated=relocated,
            needs=needs,
            assessed_on=date(2025, 10, 9),
        )
    actor = await officer()
    assert await names(actor) == ["A", "B", "C"]
    assert await names(actor, hamlet_id=second.id) == ["B", "C"]
    assert await names(actor, poverty="poor") == ["A"]
    assert await names(actor, flags=["martyr_family"]) == ["B"]
    assert await names(actor, band=DamageBand.HEAVY) == ["C"]
    assert await names(actor, relocation=True) == ["A", "C"]
    assert await names(actor, archived=True) == ["D"]
    assert await names(actor, house_case=False) == ["A", "B", "C"]
    assert await names(actor, house_case=True) == []


async def test_sorting_and_pages(orm):
    for n in range(30):
        await make_household(head_name=f"Hộ {n:02d}", birth_year=1950 + n)
    actor = await officer()
    first = await search_households(actor, HouseholdFilter(sort="-birth_year"))
    assert first.total == 30 and first.pages == 2 and len(first.items) == 25
    assert first.items[0].head_name == "Hộ 29"
    second = await search_households(actor, HouseholdFilter(sort="-birth_year", page=2))
    assert [h.head_name for h in second.items] == [f"Hộ {n:02d}" for n in range(4, -1, -1)]
    beyond = await search_households(actor, HouseholdFilter(page=99))
    assert beyond.page == 2


async def test_a_list_counts_up_to_a_bound_and_pages_on_past_it(client, monkeypatch):
    """The count stops at COUNT_UP_TO (1,000; 20 here): the list's cost does not grow with the
    scope. Past the bound the page says "more than", and the pager goes on while pages follow."""
    monkeypatch.setattr(search, "COUNT_UP_TO", 20)
    for n in range(30):
        await make_household(head_name=f"Hộ {n:02d}")
    user = await make_user("commune")
    first = await client.get("/api/v1/households", headers=await bearer(user))
    assert {k: first.json()[k] for k in ("total", "more", "page", "pages")} == {
        "total": 20,
        "more": True,
        "page": 1,
        "pages": 2,
    }
    await login_as(client, user)
    page = await client.get("/households")
    assert "Tìm thấy hơn 20 hộ" in page.text and "Trang 1<" in page.text
    assert 'href="/households?page=2" rel="next"' in page.text
    second = await client.get("/households", params={"page": 2})
    assert "Hộ 29" in second.text and 'rel="next"' not in second.text
    narrowed = await client.get(
        "/api/v1/households", params={"q": "Hộ 1"}, headers=await bearer(user)
    )
    assert (narrowed.json()["total"], narrowed.json()["more"]) == (10, False)


async def test_picking_households_for_a_visit_skips_those_already_in_it(orm):
    a = await make_household(head_name="Đàm Văn Dũng")
    await make_household(head_name="Đàm Thị Hoa")
    actor = await officer()
    found = await pick_households(actor, actor.commune_id, "dam", exclude=[a.id])
    assert [h.head_name for h in found] == ["Đàm Thị Hoa"]


FULL_ID = "001234567890"  # 12 digits: beyond any id, and a citizen's whole ID number


async def _found(client, headers, q: str) -> tuple[int, list[str]]:
    answer = await client.get("/api/v1/households", params={"q": q}, headers=headers)
    return answer.status_code, [h["head_name"] for h in answer.json().get("items", [])]


async def test_a_whole_id_number_or_a_plus_84_phone_finds_the_household(client):
    await make_household(head_name="Lý Văn Sơn", id_number=FULL_ID, phone="0912345678")
    await make_household(head_name="Ma Thị Hoa")
    headers = await bearer(await make_user("commune"))
    assert await _found(client, headers, FULL_ID) == (200, ["Lý Văn Sơn"])
    assert await _found(client, headers, "+84912345678") == (200, ["Lý Văn Sơn"])
    assert await _found(client, headers, "84912345678") == (200, ["Lý Văn Sơn"])


async def test_the_list_page_finds_a_whole_id_number_too(client):
    await make_household(head_name="Lý Văn Sơn", id_number=FULL_ID)
    await login_as(client, await make_user("commune"))
    page = await client.get("/households", params={"q": FULL_ID})
    assert page.status_code == 200
    assert "Lý Văn Sơn" in page.text


async def test_the_province_may_send_a_whole_id_number_but_finds_nothing_by_it(client):
    """Not refused (200), and nothing found: the province does not see contacts."""
    await make_household(head_name="Lý Văn Sơn", id_number=FULL_ID, phone="0912345678")
    headers = await bearer(await make_user("province"))
    assert await _found(client, headers, FULL_ID) == (200, [])
    assert await _found(client, headers, "+84912345678") == (200, [])


async def test_a_huge_number_in_an_id_parameter_is_still_a_bad_request(client):
    headers = await bearer(await make_user("commune"))
    answer = await client.get(
        "/api/v1/households", params={"hamlet": FULL_ID, "q": FULL_ID}, headers=headers
    )
    assert answer.status_code == 400


async def test_a_name_search_with_more_pages_says_the_next_page_lists_more(client):
    """A search by name counts no matches past its page: the page says that more follow on the
    next page, not to type a name (one was typed)."""
    for n in range(30):
        await make_household(head_name=f"Nông Văn {n:02d}")
    await login_as(client, await make_user("commune"))
    page = await client.get("/households", params={"q": "nong van"})
    assert "Có hơn 25 hộ khớp: trang sau còn nữa; chọn thôn, xóm để thu hẹp danh sách." in page.text
    assert "gõ tên" not in page.text
    assert 'rel="next"' in page.text
    last = await client.get("/households", params={"q": "nong van", "page": 2})
    assert "30 hộ" in last.text and "Nông Văn 29" in last.text and 'rel="next"' not in last.text
