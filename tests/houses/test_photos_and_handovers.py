"""Photos checked by decoding and cleaned of EXIF; handovers all or nothing."""

from __future__ import annotations

import functools
import io
import struct
import zlib
from datetime import date

import pytest
from PIL import Image

from relief.core.actor import SYSTEM
from relief.core.errors import Conflict, Invalid
from relief.core.formatting import local_today
from relief.houses import handovers, photos, stages
from relief.houses.models import Handover, HouseCase, Photo, Stage, StageEvent
from relief.houses.records import HANDOVER
from tests.factories import actor_for, make_household, make_sponsor, make_user
from tests.houses.factories import case_at, image_bytes

TODAY = local_today()
# Larger than the display copy (1280 px), smaller than the kept original (2560 px): both sizes
# are made, the original is kept as it came. No larger than that, as decoding costs CPU.
PHOTO_SIZE = (1600, 1200)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
async def test_a_real_photo_is_stored_by_checksum_with_a_display_copy(orm, tmp_path, fmt):
    case = await case_at(Stage.STARTED)
    photo = await photos.add_photo(
        SYSTEM, case.id, image_bytes(fmt, PHOTO_SIZE), tmp_path, caption="Móng nhà"
    )
    assert photo.stage is Stage.STARTED and (photo.width, photo.height) == PHOTO_SIZE
    assert photo.commune_id == case.commune_id
    original = photos.file_path(tmp_path, photo)
    display = photos.file_path(tmp_path, photo, "display")
    assert original.exists() and display.exists()
    with Image.open(display) as small:
        assert max(small.size) == photos.DISPLAY_SIZE
    with pytest.raises(Conflict):  # the same photo twice on a case
        await photos.add_photo(SYSTEM, case.id, image_bytes(fmt, PHOTO_SIZE), tmp_path)


async def test_exif_and_gps_are_removed(orm, tmp_path):
    case = await case_at(Stage.STARTED)
    raw = image_bytes("JPEG", exif=True)
    with Image.open(io.BytesIO(raw)) as img:
        assert img.getexif()  # the upload carries EXIF with a GPS block
    photo = await photos.add_photo(SYSTEM, case.id, raw, tmp_path)
    stored = photos.file_path(tmp_path, photo).read_bytes()
    with Image.open(io.BytesIO(stored)) as img:
        assert not img.getexif() and "exif" not in img.info
    assert b"PhoneMaker" not in stored


def _bomb_png(width: int, height: int) -> bytes:
    """A tiny PNG that claims a huge size: the header alone is enough for the check."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    "raw,message",
    [
        (b"", "Choose a photo to upload."),
        (b"%PDF-1.4 not an image", "This file is not a photo, or it is damaged."),
        (image_bytes("JPEG")[:200], "This file is not a photo, or it is damaged."),
        (image_bytes("GIF"), "Only JPEG, PNG and WebP photos are accepted."),
        (b"\xff\xd8" + b"0" * (photos.MAX_BYTES), "The photo is larger than 10 MB."),
        (_bomb_png(30_000, 30_000), "The photo has too many pixels."),
    ],
    ids=["empty", "pdf", "truncated", "gif", "too-big", "bomb"],
)
async def test_what_is_not_a_good_photo_is_refused(orm, tmp_path, raw, message):
    case = await case_at(Stage.STARTED)
    media = tmp_path / "media"
    with pytest.raises(Invalid) as err:
        await photos.add_photo(SYSTEM, case.id, raw, media)
    assert err.value.field_errors["file"] == message
    assert not await Photo.exists()
    assert not media.exists()


async def test_a_photo_shows_a_reached_stage_or_the_next(orm, tmp_path):
    case = await case_at(Stage.APPROVED)
    with pytest.raises(Invalid) as err:
        await photos.add_photo(SYSTEM, case.id, image_bytes(), tmp_path, stage=Stage.COMPLETED)
    assert "stage" in err.value.field_errors
    photo = await photos.add_photo(SYSTEM, case.id, image_bytes(), tmp_path, stage=Stage.STARTED)
    assert photo.stage is Stage.STARTED


def _handover(house_ids, **kw) -> handovers.HandoverInput:
    values = dict(
        held_on=TODAY,
        place="Nhà văn hóa thôn Kim Sơn",
        organisers="UBND xã Thần Sa",
        house_ids=house_ids,
    )
    values.update(kw)
    return handovers.HandoverInput(**values)


async def test_a_handover_hands_over_every_completed_house_at_once(orm):
    officer = actor_for(await make_user("commune"))
    a = await case_at(Stage.COMPLETED)
    b = await case_at(Stage.COMPLETED, household=await make_household(head_name="Lý Thị Mai"))
    sponsor = await make_sponsor()
    h = await handovers.create_handover(officer, _handover([a.id, b.id], sponsor_ids=[sponsor.id]))
    assert [s.name for s in h.sponsors] == ["Báo Xây dựng"]
    for case in await HouseCase.filter(id__in=[a.id, b.id]):
        assert case.stage is Stage.HANDED_OVER and case.handover_id == h.id
        assert case.handed_over_on == TODAY
        last = await StageEvent.filter(house_case_id=case.id).order_by("-id").first()
        assert last.to_stage is Stage.HANDED_OVER
    minutes = await handovers.minutes_of(officer, a.id)
    assert minutes.handover.id == h.id


async def test_a_handover_with_one_house_not_completed_changes_nothing(orm):
    officer = actor_for(await make_user("commune"))
    done = await case_at(Stage.COMPLETED)
    not_yet = await case_at(
        Stage.FOUNDATION_DONE, household=await make_household(head_name="Lý Thị Mai")
    )
    events = await StageEvent.all().count()
    with pytest.raises(Conflict) as err:
        await handovers.create_handover(officer, _handover([done.id, not_yet.id]))
    assert err.value.details["houses"] == [not_yet.code]
    assert not await Handover.exists()
    assert (await HouseCase.get(id=done.id)).stage is Stage.COMPLETED
    assert await StageEvent.all().count() == events


async def test_a_handover_checks_its_date_commune_and_fields(orm):
    done = await case_at(Stage.COMPLETED)
    with pytest.raises(Invalid) as err:
        await handovers.create_handover(SYSTEM, HANDOVER.body({"commune_id": done.commune_id}))
    assert {"held_on", "place", "organisers", "house_ids"} <= set(err.value.field_errors)
    with pytest.raises(Conflict):  # before the house was completed
        await handovers.create_handover(
            SYSTEM,
            _handover([done.id], commune_id=done.commune_id, held_on=date(2000, 1, 1)),
        )
    other = await case_at(Stage.COMPLETED, household=await make_household("05665"))
    with pytest.raises(Conflict):
        await handovers.create_handover(
            SYSTEM, _handover([done.id, other.id], commune_id=done.commune_id)
        )
    assert not await Handover.exists()


async def test_minutes_only_after_the_handover(orm):
    done = await case_at(Stage.COMPLETED)
    with pytest.raises(Conflict):
        await handovers.minutes_of(SYSTEM, done.id)
    assert stages.next_stage(done) is Stage.HANDED_OVER


async def test_each_size_is_kept_and_served_as_asked(client, settings):
    from tests.factories import bearer

    case = await case_at(Stage.STARTED)
    headers = await bearer(await make_user("commune"))
    files = {"file": ("nha.jpg", image_bytes("JPEG", PHOTO_SIZE), "image/jpeg")}
    up = await client.post(f"/api/v1/houses/{case.id}/photos", files=files, headers=headers)
    assert up.status_code == 201, up.text
    url = up.json()["url"]
    sides = {}
    for size in ("thumb", "display", "", "unknown"):
        got = await client.get(f"{url}?size={size}", headers=headers)
        assert got.status_code == 200
        with Image.open(io.BytesIO(got.content)) as img:
            sides[size] = img.size
    assert sides == {
        "thumb": (320, 240),
        "display": (1280, 960),
        "": PHOTO_SIZE,  # the original
        "unknown": PHOTO_SIZE,
    }


async def test_at_most_two_photos_are_decoded_at_once(orm, tmp_path, monkeypatch):
    import threading
    import time

    import anyio

    active, most = 0, 0
    lock = threading.Lock()
    real = photos.clean_image

    def counting(raw):
        nonlocal active, most
        with lock:
            active += 1
            most = max(most, active)
        time.sleep(0.2)  # long enough for the others to try to start
        try:
            return real(raw)
        finally:
            with lock:
                active -= 1

    monkeypatch.setattr(photos, "clean_image", counting)
    cases = [await case_at(Stage.STARTED) for _ in range(5)]
    async with anyio.create_task_group() as tg:
        for i, case in enumerate(cases):
            raw = image_bytes("JPEG", (300 + i, 200))
            tg.start_soon(photos.add_photo, SYSTEM, case.id, raw, tmp_path)
    assert most == photos.DECODES_AT_ONCE == 2
    assert await Photo.filter(house_case_id__in=[c.id for c in cases]).count() == 5


@functools.cache  # made once for both databases: encoding it costs nearly half a second
def _near_the_pixel_limit() -> bytes:
    big = Image.linear_gradient("L").resize((7200, 5400)).convert("RGB")  # 38.9 megapixels
    out = io.BytesIO()
    big.save(out, format="JPEG", quality=70)
    return out.getvalue()


async def test_a_photo_near_the_pixel_limit_is_reduced_while_decoding(orm, tmp_path):
    case = await case_at(Stage.STARTED)
    photo = await photos.add_photo(SYSTEM, case.id, _near_the_pixel_limit(), tmp_path)
    assert (photo.width, photo.height) == (photos.KEPT_SIDE, 1920)
    with Image.open(photos.file_path(tmp_path, photo, "thumb")) as thumb:
        assert thumb.size == (320, 240)
