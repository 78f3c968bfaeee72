"""Photos of a house: checked by decoding, stripped of EXIF (GPS), stored by checksum.

Files live under the media directory as `<aa>/<sha256>.<ext>` (the cleaned original, at most
KEPT_SIDE px), `<aa>/<sha256>.display.jpg` (at most 1280 px) and `<aa>/<sha256>.thumb.jpg`
(at most 320 px); they are served only through a scoped route.

Decoding is bounded so that a few large uploads cannot exhaust the server's memory: at most
DECODES_AT_ONCE photos are decoded at the same time (the others wait their turn), and a photo
larger than KEPT_SIDE is reduced while it is decoded (JPEG's DCT scaling through Pillow's
`draft`, `reduce` for the other formats), so a 40-megapixel JPEG never exists in memory at
full size.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import anyio.to_thread
from anyio import CapacityLimiter
from PIL import Image, ImageOps, UnidentifiedImageError
from tortoise.transactions import in_transaction

from relief.core import audit
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.formatting import local_today
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.houses.models import Photo, Stage
from relief.houses.service import get_case
from relief.houses.stages import next_stage, path_of

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; more is a decompression bomb, not a house
KEPT_SIDE = 2560  # the longest side of the kept original: more is never looked at
DISPLAY_SIZE = 1280
THUMB_SIZE = 320
DECODES_AT_ONCE = 2
SIZES = ("thumb", "display")  # served on ?size=; anything else is the kept original
FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}
_limiter: CapacityLimiter | None = None


def decode_limiter() -> CapacityLimiter:
    """The threads allowed to decode photos at once, shared by every request of this process."""
    global _limiter
    if _limiter is None:
        _limiter = CapacityLimiter(DECODES_AT_ONCE)
    return _limiter


@dataclass(frozen=True)
class CleanImage:
    data: bytes  # the re-encoded image, without EXIF or other metadata
    display: bytes  # a JPEG of at most DISPLAY_SIZE px
    thumb: bytes  # a JPEG of at most THUMB_SIZE px
    checksum: str
    content_type: str
    extension: str
    width: int
    height: int


def _bad(message: str) -> Invalid:
    return Invalid({"file": message})


def _decode(raw: bytes) -> tuple[Image.Image, str]:
    """The upload's pixels, at most KEPT_SIDE px, upright; refuses non-images and bombs."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw)) as probe:
                fmt = probe.format
                if fmt not in FORMATS:
                    raise _bad("Only JPEG, PNG and WebP photos are accepted.")
                if probe.width * probe.height > MAX_PIXELS:
                    raise _bad("The photo has too many pixels.")
                probe.verify()
            img: Image.Image
            with Image.open(io.BytesIO(raw)) as img:
                longest = max(img.size)
                if fmt == "JPEG" and longest > KEPT_SIDE:
                    # Decoded at 1/2, 1/4 or 1/8 scale, never below the kept size.
                    img.draft(img.mode, (KEPT_SIDE, KEPT_SIDE))
                img.load()
                if max(img.size) > KEPT_SIDE:
                    factor = max(img.size) // KEPT_SIDE
                    if factor >= 2:  # a cheap box reduction first, then a fine resampling
                        img = img.reduce(factor)
                    img.thumbnail((KEPT_SIDE, KEPT_SIDE), Image.Resampling.LANCZOS)
                img = ImageOps.exif_transpose(img)  # keep the orientation, drop the EXIF
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _bad("The photo has too many pixels.") from None
    except Invalid:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise _bad("This file is not a photo, or it is damaged.") from None
    return img, fmt


def _jpeg(img: Image.Image, side: int) -> bytes:
    small = img.convert("RGB") if img.mode != "RGB" else img.copy()
    small.thumbnail((side, side), Image.Resampling.LANCZOS, reducing_gap=2.0)
    out = io.BytesIO()
    small.save(out, format="JPEG", quality=80, optimize=True, progressive=True)
    return out.getvalue()


def clean_image(raw: bytes) -> CleanImage:
    """Decodes the upload and re-encodes it without metadata, with its smaller copies."""
    if not raw:
        raise _bad("Choose a photo to upload.")
    if len(raw) > MAX_BYTES:
        raise _bad("The photo is larger than 10 MB.")
    img, fmt = _decode(raw)
    content_type, extension = FORMATS[fmt]
    if fmt == "JPEG" and img.mode not in ("RGB", "L"):
        img = img.convert("RGB")
    elif (fmt == "WEBP" and img.mode not in ("RGB", "RGBA")) or (
        fmt == "PNG" and img.mode not in ("RGB", "RGBA", "L", "LA")
    ):
        img = img.convert("RGBA")
    # A fresh image holds only pixels: no EXIF, GPS, XMP or comments survive the re-encoding.
    clean = Image.new(img.mode, img.size)
    clean.paste(img)
    del img
    out = io.BytesIO()
    save_args = {"quality": 90} if fmt in ("JPEG", "WEBP") else {"optimize": True}
    clean.save(out, format=fmt, **save_args)
    display = _jpeg(clean, DISPLAY_SIZE)
    with Image.open(io.BytesIO(display)) as shown:
        thumb = _jpeg(shown, THUMB_SIZE)  # from the display copy: a small decode, not a large one
    data = out.getvalue()
    return CleanImage(
        data=data,
        display=display,
        thumb=thumb,
        checksum=hashlib.sha256(data).hexdigest(),
        content_type=content_type,
        extension=extension,
        width=clean.width,
        height=clean.height,
    )


def file_path(media_dir: Path, photo: Photo, size: str | None = None) -> Path:
    """The file of a photo at a size: "thumb", "display", or (anything else) the original."""
    if size in SIZES:
        ext = f"{size}.jpg"
    else:
        ext = photo.content_type.split("/")[1].replace("jpeg", "jpg")
    return media_dir / photo.checksum[:2] / f"{photo.checksum}.{ext}"


def _write(target: Path, content: bytes) -> None:
    if not target.exists():  # same checksum, same bytes
        tmp = target.parent / f".{target.name}.tmp"
        tmp.write_bytes(content)
        tmp.replace(target)


def store_files(media_dir: Path, image: CleanImage) -> None:
    folder = media_dir / image.checksum[:2]
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in (
        (f"{image.checksum}.{image.extension}", image.data),
        (f"{image.checksum}.display.jpg", image.display),
        (f"{image.checksum}.thumb.jpg", image.thumb),
    ):
        _write(folder / name, content)


def make_thumb(media_dir: Path, photo: Photo) -> Path:
    """The thumbnail of a photo stored before thumbnails were kept, made from its display copy."""
    target = file_path(media_dir, photo, "thumb")
    if not target.exists():
        source = file_path(media_dir, photo, "display")
        if not source.exists():
            raise NotFound("The file of this photo is missing.")
        with Image.open(source) as shown:
            _write(target, _jpeg(shown, THUMB_SIZE))
    return target


async def photo_file_path(actor: Actor, photo_id: int, size: str | None, media_dir: Path):
    """The photo (in the actor's scope) and the path of its file at the asked size."""
    photo = await get_photo(actor, photo_id)
    size = size if size in SIZES else None
    path = file_path(media_dir, photo, size)
    if size == "thumb" and not path.exists():
        path = await anyio.to_thread.run_sync(
            make_thumb, media_dir, photo, limiter=decode_limiter()
        )
    if not path.exists():
        raise NotFound("The file of this photo is missing.")
    return photo, path, size


def photo_stages(case) -> list[Stage]:
    """The stages a new photo may show: those reached so far and the next one."""
    path = path_of(case.kind)
    current = case.paused_from if case.stage is Stage.PAUSED else case.stage
    if current not in path:
        return []
    reached = path[: path.index(current) + 1]
    nxt = next_stage(case) if case.stage is not Stage.PAUSED else None
    return reached + ([nxt] if nxt else [])


async def add_photo(
    actor: Actor,
    house_id: int,
    raw: bytes,
    media_dir: Path,
    *,
    stage: Stage | str | None = None,
    caption: str = "",
    taken_on: date | None = None,
) -> Photo:
    case = await get_case(actor, house_id)
    if not can(actor).write_commune(case.commune_id):
        raise Forbidden()
    if case.stage is Stage.CANCELLED:
        raise Conflict("This case is cancelled: it takes no more photos.")
    errors: dict[str, str] = {}
    allowed = photo_stages(case)
    try:
        shown = Stage(stage) if stage else (case.paused_from or case.stage)
    except ValueError:
        shown = None
    if shown not in allowed:
        errors["stage"] = "A photo shows a stage the house has reached, or the next one."
    if taken_on is not None and taken_on > local_today():
        errors["taken_on"] = "This date is in the future."
    caption = (caption or "").strip()
    if len(caption) > 255:
        errors["caption"] = "This text is too long."
    try:
        image = await anyio.to_thread.run_sync(clean_image, raw, limiter=decode_limiter())
    except Invalid as exc:
        errors.update(exc.field_errors)
        image = None
    if errors:
        raise Invalid(errors)
    assert image is not None
    if await Photo.exists(house_case_id=case.id, checksum=image.checksum):
        raise Conflict("This photo is already on this case.")
    await anyio.to_thread.run_sync(store_files, media_dir, image)
    async with in_transaction():
        photo = await Photo.create(
            house_case_id=case.id,
            commune_id=case.commune_id,
            stage=shown,
            checksum=image.checksum,
            content_type=image.content_type,
            width=image.width,
            height=image.height,
            size_bytes=len(image.data),
            caption=caption,
            taken_on=taken_on,
            uploaded_by_id=actor.user_id,
        )
        await audit.record(
            actor,
            "create",
            "photo",
            photo.id,
            commune_id=case.commune_id,
            after={"house_case_id": case.id, "stage": shown, "checksum": image.checksum},
        )
    return photo


async def list_photos(actor: Actor, house_id: int) -> list[Photo]:
    case = await get_case(actor, house_id)
    return list(await scoped(actor, Photo).filter(house_case_id=case.id).order_by("id"))


async def get_photo(actor: Actor, photo_id: int) -> Photo:
    photo = await scoped(actor, Photo).get_or_none(id=photo_id)
    if photo is None:
        raise NotFound("No such photo.")
    return photo
