"""Security headers on every answer; no inline script or style in any template."""

import re

from relief import PROJECT_ROOT
from tests.factories import bearer, login_as, make_household, make_user


def _secure(response) -> None:
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"


async def test_pages_and_api_answers_with_personal_data_are_never_stored(client):
    user = await make_user("commune")
    household = await make_household(id_number="019070001234")
    api = await client.get(f"/api/v1/households/{household.id}", headers=await bearer(user))
    await login_as(client, user)
    page = await client.get(f"/households/{household.id}")
    assert page.status_code == api.status_code == 200
    for response in (page, api):
        _secure(response)
        assert response.headers["cache-control"] == "no-store"
    export = await client.get("/reports/export/households/csv")
    assert export.headers["cache-control"] == "no-store"


async def test_error_pages_and_the_login_page_carry_the_headers_too(client):
    for url in ("/login", "/no-such-page", "/households"):
        _secure(await client.get(url))


async def test_static_files_keep_their_caching(client):
    response = await client.get("/static/relief.css")
    _secure(response)
    assert "max-age" in response.headers["cache-control"]


INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|javascript:", re.I)


def test_no_template_holds_inline_script_or_style():
    found = [
        f"{path.relative_to(PROJECT_ROOT)}: {m.group(0)}"
        for path in (PROJECT_ROOT / "templates").rglob("*.html")
        for m in INLINE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []
