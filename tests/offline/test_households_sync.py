"""The commune's households kept on the officer's phone: the whole list once, then what changed.

Through HTTP, on both databases: the rows the phone keeps, only the officer's commune, only
live households; with the answer's cursor, only the households written since; an archived
household shows in the count; a commune of 5,000 households within the compressed budget.
"""

from datetime import UTC, datetime, timedelta

from relief.core.text import fold
from relief.households.models import Gender, Household
from relief.offline.service import FIELDS
from relief.places.models import Commune, Hamlet
from tests.factories import bearer, login_as, make_household, make_user
from tests.households.factories import VAN_LANG

URL = "/offline/households.json"
# 5,000 households (the commune size the phone is built for), as sent compressed.
BUDGET_5000 = 64 * 1024


async def _officer(client):
    user = await make_user("commune")
    await login_as(client, user)
    return user


async def _age(*households: Household) -> None:
    """Written an hour ago: before any cursor the test is given."""
    ids = [h.id for h in households]
    await Household.filter(id__in=ids).update(updated_at=datetime.now(UTC) - timedelta(hours=1))


async def test_the_whole_list_is_the_communes_live_households_as_rows(client):
    kept = await make_household(head_name="Lường Văn Đức", birth_year=1961, members=5)
    archived = await make_household(head_name="Ma Thị Hoa")
    await Household.filter(id=archived.id).update(archived_at=datetime.now(UTC))
    await make_household(commune_code=VAN_LANG, head_name="Lý Văn Sơn")
    await _officer(client)
    answer = (await client.get(URL)).json()
    assert answer["fields"] == FIELDS == ["id", "name", "hamlet_id", "birth_year", "members"]
    assert answer["households"] == [[kept.id, "Lường Văn Đức", kept.hamlet_id, 1961, 5]]
    assert (answer["full"], answer["count"], answer["checksum"]) == (True, 1, kept.id)
    assert kept.hamlet_id in {h["id"] for h in answer["hamlets"]}


async def test_since_the_cursor_only_the_households_written_since_are_sent(client):
    unchanged = await make_household(head_name="Nông Văn Cũ")
    edited = await make_household(head_name="Triệu Thị Sửa")
    gone = await make_household(head_name="Đàm Văn Lưu Trữ")
    await _age(unchanged, edited, gone)
    user = await _officer(client)
    first = (await client.get(URL)).json()
    assert len(first["households"]) == 3
    headers = await bearer(user)
    patched = await client.patch(
        f"/api/v1/households/{edited.id}", json={"version": 1, "members": 7}, headers=headers
    )
    assert patched.status_code == 200
    archived = await client.post(
        f"/api/v1/households/{gone.id}/archive",
        json={"version": 1, "reason": "Chuyển đi nơi khác"},
        headers=headers,
    )
    assert archived.status_code == 201
    added = await make_household(head_name="Hoàng Văn Mới")
    answer = (await client.get(URL, params={"since": first["cursor"]})).json()
    rows = {r[0]: r for r in answer["households"]}
    assert (answer["full"], sorted(rows)) == (False, sorted([edited.id, added.id]))
    assert rows[edited.id][4] == 7
    # The archived household is in no row: the count and checksum tell the phone its list
    # holds one too many (it then asks for the whole list).
    assert (answer["count"], answer["checksum"]) == (3, unchanged.id + edited.id + added.id)


async def test_a_cursor_that_is_not_one_answers_400(client):
    await _officer(client)
    for bad in ["yesterday", "2026-13-01T00:00:00.000000Z", "1" * 30]:
        answer = await client.get(URL, params={"since": bad})
        assert answer.status_code == 400, bad


async def test_5000_households_are_sent_within_the_budget_compressed(client):
    commune = await Commune.get(code="05725")
    hamlets = await Hamlet.filter(commune=commune).values_list("id", flat=True)
    families = ["Nguyễn", "Hoàng", "Nông", "Lường", "Triệu", "Lý", "Ma", "Đàm", "Lục", "Dương"]
    middles = ["Văn", "Thị", "Đức", "Hữu", "Ngọc", "Minh"]
    given = ["Thắng", "Hoa", "Sơn", "Tư", "Lan", "Bình", "Cường", "Dũng", "Hạnh", "Khánh", "Oanh"]
    rows = []
    for i in range(5000):
        name = f"{families[i % 10]} {middles[i // 10 % 6]} {given[i // 60 % 11]} {i // 660 + 1}"
        rows.append(
            Household(
                commune=commune,
                hamlet_id=hamlets[i % len(hamlets)],
                head_name=name,
                head_name_key=fold(name),
                gender=Gender.MALE if i % 2 else Gender.FEMALE,
                birth_year=1940 + i % 60,
                members=1 + i % 8,
            )
        )
    await Household.bulk_create(rows, batch_size=1000)
    await _officer(client)
    answer = await client.get(URL, headers={"accept-encoding": "gzip"})
    assert answer.headers["content-encoding"] == "gzip"
    assert len(answer.json()["households"]) == 5000
    assert answer.num_bytes_downloaded <= BUDGET_5000, answer.num_bytes_downloaded
