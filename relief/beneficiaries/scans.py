"""The scan of the People's Committee's signed decision: checked by its content, kept private.

A scan is a PDF, or a JPEG or PNG image; what it is is read from its first bytes (never from
its name or the type the browser claims), and a PDF must also end as a PDF does. An image is
decoded and re-encoded as the photos are (`relief.houses.photos`: bounded decoding, no EXIF or
other metadata kept, at most SCAN_SIDE px, the A4 page at 300 dpi). The file is stored in the
media folder by its checksum (`<aa>/<sha256>.pdf|jpg|png`, beside the photos) and served only
through a scoped route, to the staff who read the list: never to sponsors or the public.

A decision gets its scan when it is recorded (`decide`) or later; a new scan replaces the old
one by a versioned save of the decision (`replace_scan`: the version read, 409 when stale),
audited with the checksums before and after, so the file replaced stays findable.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio.to_thread
from PIL import Image, ImageOps, UnidentifiedImageError
from tortoise.transactions import in_transaction

from relief import settings as app_settings
from relief.beneficiaries.models import BeneficiaryList, Decision, ListState
from relief.beneficiaries.records import DECISION, DecisionIn
from relief.beneficiaries.service import _writable
from relief.beneficiaries.steps import decide_list
from relief.core import versions
from relief.core.actor import Actor
from relief.core.errors import Forbidden, Invalid, NotFound
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.core.text import fold
from relief.houses.photos import MAX_PIXELS, decode_limiter

FIELD = "scan"  # the form's and the multipart body's field
SCAN_SIDE = 3508  # A4 at 300 dpi: a longer side is never needed to read a decision
SCAN_FIELDS = ["scan_checksum", "scan_content_type", "scan_size"]
DECISION_FIELDS = [*DECISION.audited, *SCAN_FIELDS]
PDF = b"%PDF-"
_PDF_HEADER = re.compile(rb"^%PDF-[12]\.\d")
_PDF_END = b"%%EOF"
IMAGES = {  # Pillow's format: the stored type and extension
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
}
_MAGIC = {b"\xff\xd8\xff": "JPEG", b"\x89PNG\r\n\x1a\n": "PNG"}

NO_FILE = "Choose the file of the signed decision's scan."
WRONG_KIND = "The scan must be a PDF, JPEG or PNG file."
TOO_LARGE = "The scan is larger than the size allowed."
DAMAGED = "The scan is damaged: it cannot be read."
TOO_MANY_PIXELS = "The scan has too many pixels."
NO_SCAN = "This decision has no scan."
FILE_MISSING = "The file of this scan is missing."


def max_bytes() -> int:
    """The largest scan taken (`RELIEF_SCAN_MAX_MB`)."""
    active = app_settings.active()
    return app_settings.Settings.scan_max_bytes if active is None else active.scan_max_bytes


def max_mb() -> int:
    return max_bytes() // app_settings.MB


@dataclass(frozen=True)
class CleanScan:
    data: bytes  # the PDF as sent, or the image re-encoded without metadata
    checksum: str
    content_type: str
    extension: str


def _bad(message: str) -> Invalid:
    return Invalid({FIELD: message})


def _pdf(raw: bytes) -> CleanScan:
    """A PDF as sent, once its first and last bytes are a PDF's."""
    if not _PDF_HEADER.match(raw[:16]) or _PDF_END not in raw[-1024:]:
        raise _bad(DAMAGED)
    return CleanScan(raw, hashlib.sha256(raw).hexdigest(), "application/pdf", "pdf")


def _decoded(raw: bytes, fmt: str) -> Image.Image:
    """The image's pixels, at most SCAN_SIDE px, upright; refuses a damaged file or a bomb."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw), formats=[fmt]) as probe:
                if probe.width * probe.height > MAX_PIXELS:
                    raise _bad(TOO_MANY_PIXELS)
                probe.verify()
            img: Image.Image
            with Image.open(io.BytesIO(raw), formats=[fmt]) as img:
                if fmt == "JPEG" and max(img.size) > SCAN_SIDE:
                    img.draft(img.mode, (SCAN_SIDE, SCAN_SIDE))  # decoded at a reduced scale
                img.load()
                if max(img.size) > SCAN_SIDE:
                    img.thumbnail((SCAN_SIDE, SCAN_SIDE), Image.Resampling.LANCZOS)
                return ImageOps.exif_transpose(img)  # the orientation kept, the EXIF dropped
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _bad(TOO_MANY_PIXELS) from None
    except Invalid:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise _bad(DAMAGED) from None


def _image(raw: bytes, fmt: str) -> CleanScan:
    img = _decoded(raw, fmt)
    content_type, extension = IMAGES[fmt]
    if fmt == "JPEG" and img.mode not in ("RGB", "L"):
        img = img.convert("RGB")
    elif fmt == "PNG" and img.mode not in ("1", "L", "LA", "RGB", "RGBA"):
        img = img.convert("RGBA" if "A" in img.mode or "transparency" in img.info else "RGB")
    # A fresh image holds only pixels: no EXIF, GPS, XMP or comments survive the re-encoding.
    clean = Image.new(img.mode, img.size)
    clean.paste(img)
    out = io.BytesIO()
    if fmt == "JPEG":
        clean.save(out, format="JPEG", quality=85, optimize=True)
    else:
        clean.save(out, format="PNG", optimize=True)
    data = out.getvalue()
    return CleanScan(data, hashlib.sha256(data).hexdigest(), content_type, extension)


def clean_scan(raw: bytes, limit: int) -> CleanScan:
    """The scan to keep, or `Invalid` (field `scan`): empty, too large, neither a PDF nor a
    JPEG or PNG by its content, damaged."""
    if not raw:
        raise _bad(NO_FILE)
    if len(raw) > limit:
        raise _bad(TOO_LARGE)
    if raw.startswith(PDF):
        return _pdf(raw)
    fmt = next((name for magic, name in _MAGIC.items() if raw.startswith(magic)), None)
    if fmt is None:
        raise _bad(WRONG_KIND)
    return _image(raw, fmt)


async def _cleaned(raw: bytes) -> CleanScan:
    return await anyio.to_thread.run_sync(clean_scan, raw, max_bytes(), limiter=decode_limiter())


def file_path(media_dir: Path, checksum: str, content_type: str) -> Path:
    extension = {"application/pdf": "pdf", **{t: e for t, e in IMAGES.values()}}[content_type]
    return media_dir / checksum[:2] / f"{checksum}.{extension}"


def _store(media_dir: Path, scan: CleanScan) -> None:
    target = file_path(media_dir, scan.checksum, scan.content_type)
    if target.exists():  # same checksum, same bytes
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".{target.name}.tmp"
    tmp.write_bytes(scan.data)
    tmp.replace(target)


def _values(scan: CleanScan) -> dict[str, Any]:
    return {
        "scan_checksum": scan.checksum,
        "scan_content_type": scan.content_type,
        "scan_size": len(scan.data),
    }


async def _attach(
    actor: Actor, decision: Decision, version: int, scan: CleanScan, media_dir: Path
) -> Decision:
    """The decision read at `version` with this scan (a versioned save, audited)."""
    if decision.scan_checksum == scan.checksum and decision.version == version:
        return decision  # the same file sent again: nothing changes
    await anyio.to_thread.run_sync(_store, media_dir, scan)
    blist = await BeneficiaryList.get(id=decision.beneficiary_list_id)
    return await versions.save(
        actor,
        decision,
        version,
        _values(scan),
        entity="list_decision",
        audited=DECISION_FIELDS,
        action="replace_scan" if decision.scan_checksum else "attach_scan",
        commune_id=blist.commune_id,
        also={"beneficiary_list_id": blist.id},
    )


async def decide(
    actor: Actor,
    list_id: int,
    version: Any,
    data: DecisionIn,
    raw: bytes | None,
    media_dir: Path,
) -> BeneficiaryList:
    """Records the People's Committee's decision (`steps.decide_list`) with the scan of its
    signed paper, if one is sent: both or neither, every bad field named at once."""
    await _writable(actor, list_id, ListState.SUBMITTED)  # 404/403/409 before any decoding
    scan, errors = None, {}
    if raw:
        try:
            scan = await _cleaned(raw)
        except Invalid as exc:
            errors = exc.field_errors
    async with in_transaction():
        try:
            blist = await decide_list(actor, list_id, version, data)
        except Invalid as exc:
            raise Invalid({**exc.field_errors, **errors}) from None
        if errors:
            raise Invalid(errors)  # the decision made above is rolled back with it
        if scan is not None:
            decision = await Decision.get(beneficiary_list_id=blist.id)
            await _attach(actor, decision, decision.version, scan, media_dir)
    return blist


async def get_decision(actor: Actor, decision_id: int) -> Decision:
    found = (
        await scoped(actor, Decision)
        .select_related("beneficiary_list__commune")
        .get_or_none(id=decision_id)
    )
    if found is None:
        raise NotFound("No such decision.")
    return found


async def replace_scan(
    actor: Actor, decision_id: int, version: Any, raw: bytes, media_dir: Path
) -> Decision:
    """Gives a decision read at `version` its scan, or a new one in place of the old."""
    decision = await get_decision(actor, decision_id)
    if not can(actor).write_commune(decision.beneficiary_list.commune_id):
        raise Forbidden()
    errors: dict[str, str] = {}
    read = versions.read_version(version)
    if read is None:
        errors["version"] = versions.VERSION_MISSING
    scan = None
    try:
        scan = await _cleaned(raw)
    except Invalid as exc:
        errors.update(exc.field_errors)
    if errors or scan is None or read is None:
        raise Invalid(errors)
    return await _attach(actor, decision, read, scan, media_dir)


async def scan_file(actor: Actor, decision_id: int, media_dir: Path) -> tuple[Decision, Path]:
    """The decision (in the actor's scope, else 404) and the path of its scan's file."""
    decision = await get_decision(actor, decision_id)
    if not decision.scan_checksum or not decision.scan_content_type:
        raise NotFound(NO_SCAN)
    path = file_path(media_dir, decision.scan_checksum, decision.scan_content_type)
    if not path.exists():
        raise NotFound(FILE_MISSING)
    return decision, path


def download_name(decision: Decision) -> str:
    """The scan's file name: the decision's number, in plain letters (quyet-dinh-125-QD-UBND)."""
    plain = re.sub(r"[^A-Za-z0-9]+", "-", fold(decision.number).upper()).strip("-")
    extension = file_path(Path(), "00", decision.scan_content_type or "application/pdf").suffix
    return f"quyet-dinh-{plain or decision.id}{extension}"
