"""Readable house codes: commune initials, year and a sequence, e.g. TS-2025-0012."""

from __future__ import annotations

from relief.core.text import fold
from relief.houses.models import HouseCase
from relief.places.models import Commune


def initials(name: str) -> str:
    return "".join(word[0] for word in fold(name).split()).upper()


async def code_prefix(commune: Commune) -> str:
    """The commune's initials, with its code added when another commune shares them.

    A commune that has house codes keeps their prefix: loading another province's communes
    later (one may share the initials) must not change how a commune's next house is coded."""
    latest = await HouseCase.filter(commune_id=commune.id).order_by("-id").first()
    if latest is not None:
        return latest.code.rsplit("-", 2)[0]
    prefix = initials(commune.name)
    others = await Commune.filter(name_key__startswith=prefix[0].lower()).exclude(id=commune.id)
    if any(initials(other.name) == prefix for other in others):
        prefix = f"{prefix}{commune.code}"
    return prefix


def house_code(prefix: str, year: int, seq: int) -> str:
    return f"{prefix}-{year}-{seq:04d}"
