"""The frame of every page: a menu that works without JavaScript, a language switch that stays."""

from __future__ import annotations

from tests.factories import login_as, make_user


async def test_the_language_switch_comes_back_to_the_same_page_and_query(client):
    await login_as(client, await make_user("commune", commune_code="05725"))
    page = await client.get("/households", params={"q": "hoa", "sort": "-name"})
    assert 'href="/lang/en?next=/households%3Fq%3Dhoa%26sort%3D-name"' in page.text
    switched = await client.get("/lang/en", params={"next": "/households?q=hoa&sort=-name"})
    assert switched.status_code == 303
    assert switched.headers["location"] == "/households?q=hoa&sort=-name"
    assert "Households" in (await client.get(switched.headers["location"])).text


async def test_the_menu_opens_and_closes_without_javascript(client):
    await login_as(client, await make_user("province"))
    page = (await client.get("/households")).text
    menu = page[page.index('<details class="menu">') : page.index("</details>")]
    assert "<summary>" in menu and 'href="/reports"' in menu and 'href="/disasters"' in menu
    assert "<script" not in menu and "onclick" not in menu
    # The only scripts are static files that load deferred and improve the page (offline
    # work): the menu works without them.
    import re

    for tag in re.findall(r"<script[^>]*>", page):
        assert 'src="/static/' in tag and "defer" in tag, tag
