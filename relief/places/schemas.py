"""Output shapes of places in the API."""

from __future__ import annotations

import msgspec

from relief.core.labels import label
from relief.places import labels as _registered  # noqa: F401 (the area's words)


class FormerUnitOut(msgspec.Struct):
    code: str
    name: str
    merge: str


class CommuneOut(msgspec.Struct):
    id: int
    code: str
    name: str
    kind: str
    kind_label: str  # "Xã" or "Phường", in the request's language
    former_district: str | None
    former_units: list[FormerUnitOut]


def commune_out(commune) -> CommuneOut:
    return CommuneOut(
        id=commune.id,
        code=commune.code,
        name=commune.name,
        kind=commune.kind.value,
        kind_label=label(commune.kind),
        former_district=commune.former_district,
        former_units=[
            FormerUnitOut(code=u.code, name=u.name, merge=u.merge) for u in commune.former_units
        ],
    )


class HamletOut(msgspec.Struct):
    id: int
    commune_id: int
    name: str
    kind: str
    kind_label: str


def hamlet_out(hamlet) -> HamletOut:
    return HamletOut(
        id=hamlet.id,
        commune_id=hamlet.commune_id,
        name=hamlet.name,
        kind=hamlet.kind.value,
        kind_label=label(hamlet.kind),
    )
