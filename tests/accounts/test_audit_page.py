"""The audit page: filters, and each role's part of the trail."""

from datetime import datetime

from relief.core import audit
from relief.core.formatting import LOCAL_TZ
from relief.core.scope import SYSTEM
from relief.places.models import Commune
from tests.factories import actor_for, login_as, make_user


async def _entries():
    than_sa = await Commune.get(code="05725")
    vo_nhai = await Commune.get(code="05716")
    await audit.record(
        SYSTEM,
        "update",
        "household",
        1,
        commune_id=than_sa.id,
        before={"members": 3},
        after={"members": 4},
    )
    await audit.record(
        SYSTEM,
        "update",
        "household",
        2,
        commune_id=vo_nhai.id,
        before={"members": 5},
        after={"members": 6},
    )


async def test_a_commune_officer_sees_only_their_communes_entries(client):
    await _entries()
    officer = await make_user("commune", commune_code="05725")
    await login_as(client, officer)
    page = await client.get("/audit", params={"entity": "household"})
    assert page.status_code == 200
    assert "#1" in page.text and "#2" not in page.text
    entries, total = await audit.search(actor_for(officer), entity="household")
    assert total == 1 and entries[0].entity_id == "1"


async def test_province_sees_all_and_filters_by_user_action_and_day(client):
    await _entries()
    province = await make_user("province", username="tinh")
    await login_as(client, province)
    page = await client.get("/audit", params={"entity": "household", "action": "update"})
    assert "#1" in page.text and "#2" in page.text
    today = datetime.now(LOCAL_TZ).date().isoformat()  # a Vietnamese day, not a UTC one
    assert "#1" in (await client.get("/audit", params={"date_from": today, "date_to": today})).text
    none = await client.get("/audit", params={"date_to": "2020-01-01"})
    assert "#1" not in none.text
    mine = await client.get("/audit", params={"user": "tinh", "entity": "household"})
    assert "#1" not in mine.text
    login_entries, _ = await audit.search(actor_for(province), username="system")
    assert len(login_entries) == 2


async def test_sponsors_have_no_audit_page(client):
    await login_as(client, await make_user("sponsor"))
    assert (await client.get("/audit")).status_code == 403
