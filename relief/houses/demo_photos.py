"""Demo photos: a small drawing of each finished demo house, stored like an upload."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw

from relief.houses.models import HouseCase, Photo, Stage
from relief.houses.photos import clean_image, store_files


def _house_picture(seed: int) -> bytes:
    """A small drawing of a finished house, different for every case (so checksums differ)."""
    img = Image.new("RGB", (480, 360), (196, 224, 242))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 280, 480, 360), fill=(120, 170, 90))
    wall = (230 - seed % 40, 200 + seed % 30, 160)
    draw.rectangle((110, 170, 370, 290), fill=wall, outline=(90, 60, 40), width=3)
    draw.polygon([(90, 175), (240, 80), (390, 175)], fill=(170, 60, 40))
    draw.rectangle((215, 215, 265, 290), fill=(110, 70, 40))
    draw.rectangle((140, 200, 185, 240), fill=(240, 240, 255), outline=(90, 60, 40))
    draw.text((12, 12), f"#{seed}", fill=(40, 40, 40))
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=80)
    return out.getvalue()


async def photograph_finished_houses(media_dir: Path) -> None:
    """A photo of the finished house for every demo case that is completed or handed over."""
    done = await HouseCase.filter(stage__in=[Stage.COMPLETED, Stage.HANDED_OVER]).order_by("id")
    for case in done:
        image = clean_image(_house_picture(case.id))
        store_files(media_dir, image)
        await Photo.create(
            house_case=case,
            commune_id=case.commune_id,
            stage=Stage.COMPLETED,
            checksum=image.checksum,
            content_type=image.content_type,
            width=image.width,
            height=image.height,
            size_bytes=len(image.data),
            caption="Nhà đã hoàn thành",
            taken_on=case.completed_on,
        )
