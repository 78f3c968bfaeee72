"""The home page, the communes API, health, OpenAPI, languages and error pages."""

import asyncio
from pathlib import Path
from urllib.parse import urlsplit

from relief import db
from tests.databases import pg_admin

NORTH_EAST = [
    "Võ Nhai",
    "Dân Tiến",
    "Tràng Xá",
    "La Hiên",
    "Thần Sa",
    "Nghinh Tường",
    "Sảng Mộc",
    "Đồng Hỷ",
    "Quang Sơn",
    "Trại Cau",
    "Nam Hòa",
    "Văn Hán",
    "Văn Lăng",
]


async def test_home_page_lists_the_communes_in_vietnamese(client):
    response = await client.get("/")
    assert response.status_code == 200
    assert '<html lang="vi">' in response.text
    assert "13 xã vùng Đông Bắc" in response.text
    for name in NORTH_EAST:
        assert f'<th scope="row">{name}</th>' in response.text
    assert "Văn Lang" in response.text  # the other Văn Lang (Bắc Kạn) is listed too


async def test_english_switch_sets_a_cookie_and_translates(client):
    response = await client.get("/lang/en", params={"next": "/"})
    assert response.status_code == 303 and response.headers["location"] == "/"
    response = await client.get("/")
    assert '<html lang="en">' in response.text
    assert "The 13 north-eastern communes hit by typhoon No. 11" in response.text


async def test_language_switch_refuses_to_redirect_elsewhere(client):
    response = await client.get("/lang/en", params={"next": "https://evil.example/"})
    assert response.headers["location"] == "/"


async def test_communes_api_gives_codes_kinds_and_former_units(client):
    response = await client.get("/api/v1/communes")
    assert response.status_code == 200
    communes = {c["code"]: c for c in response.json()}
    assert len(communes) == 92
    than_sa = communes["05725"]
    assert than_sa["name"] == "Thần Sa" and than_sa["kind"] == "xa"
    assert {u["name"] for u in than_sa["former_units"]} == {"Xã Thần Xa", "Xã Thượng Nung"}
    assert list(communes)[:13] and {communes[c]["name"] for c in list(communes)[:13]} == set(
        NORTH_EAST
    )


async def test_healthz_answers_200_while_the_database_answers(client):
    response = await client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    await db.connection().close()
    # A closed connection is reopened on demand: the database still answers.
    response = await client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


async def test_healthz_answers_503_when_the_database_does_not(client, backend, database_url):
    assert (await client.get("/healthz")).status_code == 200
    await db.connection().close()
    if backend == "sqlite":
        # The file under the closed connection is no database any more.
        path = Path(urlsplit(database_url).path)
        await asyncio.to_thread(path.write_bytes, b"not a database " * 1000)
        response = await client.get("/healthz")
    else:
        name = urlsplit(database_url).path.lstrip("/")
        await pg_admin(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        try:
            response = await client.get("/healthz")
        finally:
            await pg_admin(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
    assert (response.status_code, response.json()) == (503, {"status": "unavailable"})


async def test_openapi_schema_is_served(client):
    schema = (await client.get("/schema/openapi.json")).json()
    assert "/api/v1/communes" in schema["paths"]


async def test_unknown_page_is_a_translated_404(client):
    response = await client.get("/khong-co")
    assert response.status_code == 404
    assert "Trang này không tồn tại" in response.text
    client.cookies.set("relief_lang", "en")
    response = await client.get("/khong-co")
    assert "This page does not exist" in response.text


async def test_api_errors_are_json(client):
    response = await client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["status_code"] == 404


async def test_static_files_are_cached_and_pages_compressed(client):
    css = await client.get("/static/relief.css")
    assert css.status_code == 200 and "max-age=86400" in css.headers["cache-control"]
    page = await client.get("/", headers={"accept-encoding": "gzip"})
    assert page.headers.get("content-encoding") == "gzip"
