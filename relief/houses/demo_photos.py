"""Demo photos: a small drawing of a demo house at a stage, stored like an upload."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from PIL import Image, ImageDraw

from relief.houses.models import HouseCase, Photo, Stage
from relief.houses.photos import clean_image, store_files


def _house_picture(seed: int, stage: Stage = Stage.COMPLETED) -> bytes:
    """A small drawing of a house at a stage (the site, the foundation, the finished house),
    different for every case (so checksums differ)."""
    img = Image.new("RGB", (480, 360), (196, 224, 242))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 280, 480, 360), fill=(120, 170, 90))
    if stage is Stage.STARTED:  # the site marked out, the first posts up
        for x in (110, 240, 370):
            draw.rectangle((x - 6, 200, x + 6, 290), fill=(110, 70, 40))
    elif stage is not Stage.COMPLETED:  # the foundation (or the first 30 % of a repair)
        draw.rectangle((100, 262, 380, 290), fill=(150, 150, 150), outline=(90, 90, 90), width=3)
    else:
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
        await photograph_stage(media_dir, case, Stage.COMPLETED, case.completed_on)


CAPTIONS = {
    Stage.STARTED: "Khởi công",
    Stage.FOUNDATION_DONE: "Xong phần móng",
    Stage.THIRTY_PERCENT_DONE: "Đạt 30 % khối lượng",
    Stage.COMPLETED: "Nhà đã hoàn thành",
}


async def photograph_stage(
    media_dir: Path, case: HouseCase, stage: Stage, taken_on: date | None
) -> Photo:
    """A photo of a demo house at a stage, stored like an upload."""
    image = clean_image(_house_picture(case.id, stage))
    store_files(media_dir, image)
    return await Photo.create(
        house_case=case,
        commune_id=case.commune_id,
        stage=stage,
        checksum=image.checksum,
        content_type=image.content_type,
        width=image.width,
        height=image.height,
        size_bytes=len(image.data),
        caption=CAPTIONS.get(stage, ""),
        taken_on=taken_on,
    )
