"""Camera photos on a weak network: reduced in the browser, thumbnails on the house page."""

from __future__ import annotations

import io

import pytest
from PIL import Image

pytestmark = pytest.mark.browser

MAX_UPLOAD = 400 * 1024
MAX_FIRST_LOAD = 250 * 1024


def _grainy_sky() -> Image.Image:
    """12 megapixels of sky with a camera's grain, made once for all the photos (the noise costs
    most of a second of CPU): each photo is a copy with something of its own painted on it."""
    width, height = 4000, 3000
    sky = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    grain = Image.effect_noise((width, height), 24).convert("RGB")
    return Image.blend(sky, grain, 0.25)


def _camera_photo(path, sky: Image.Image, seed: int) -> str:
    """A 12-megapixel JPEG with a camera's grain, a few MB like a phone's."""
    photo = sky.copy()
    photo.paste((40 * seed, 90, 160), (100 * seed, 0, 100 * seed + 400, 300))  # each differs
    out = io.BytesIO()
    photo.save(out, format="JPEG", quality=92)
    path.write_bytes(out.getvalue())
    return str(path)


def test_camera_photos_are_reduced_before_upload_and_the_house_page_stays_light(
    live_server, browser, logged_in, tmp_path
):
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="vi-VN",
        storage_state=logged_in("thansa"),  # logged in already (the session this process shares)
    )
    page = context.new_page()
    page.goto(live_server.url + "/houses?stage=started")
    page.locator("table tbody th a").first.click()
    page.wait_for_load_state()
    house_url = page.url.split("#")[0]

    sent = []
    sky = _grainy_sky()
    for seed in range(6):
        original = tmp_path / f"camera-{seed}.jpg"
        page.set_input_files("#f-file", _camera_photo(original, sky, seed))
        assert original.stat().st_size > 2 * MAX_UPLOAD  # a real camera-sized file was chosen
        # Until the house page it is sent back to has loaded: a page asked for before then
        # would be cut short by that navigation.
        with (
            page.expect_navigation(),
            page.expect_response(lambda r: r.request.method == "POST") as answer,
        ):
            page.locator("form[enctype='multipart/form-data'] button[type=submit]").click()
        assert answer.value.status == 303  # saved, back to the house
        sent.append(int(answer.value.request.all_headers()["content-length"]))
    assert max(sent) <= MAX_UPLOAD, sent
    # The house page the last photo was sent back to, loaded (expect_navigation waited for it).
    assert page.url.split("#")[0] == house_url
    assert page.locator("ul.photos img").count() >= 6

    # The page as a new visitor on the phone first loads it: HTML, CSS, scripts, thumbnails
    # (a new browser context, its cache empty, with the session of the first one).
    visitor = browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="vi-VN",
        storage_state=context.storage_state(),
    )
    fresh = visitor.new_page()
    loaded = []
    fresh.on("requestfinished", lambda r: loaded.append(r))
    fresh.goto(house_url)
    fresh.locator("#photos").scroll_into_view_if_needed()
    fresh.wait_for_load_state("networkidle")
    weight = sum(r.sizes()["responseBodySize"] for r in loaded)
    assert weight <= MAX_FIRST_LOAD, weight
    thumbs = fresh.locator("ul.photos img")
    assert "size=thumb" in thumbs.first.get_attribute("src")
    assert thumbs.first.get_attribute("loading") == "lazy"
    assert "size=display" in fresh.locator("ul.photos a").first.get_attribute("href")
    visitor.close()
    context.close()
