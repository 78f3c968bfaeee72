"""Output shapes of places in the API."""

from __future__ import annotations

import msgspec


class FormerUnitOut(msgspec.Struct):
    code: str
    name: str
    merge: str


class CommuneOut(msgspec.Struct):
    id: int
    code: str
    name: str
    kind: str
    former_district: str | None
    former_units: list[FormerUnitOut]


def commune_out(commune) -> CommuneOut:
    return CommuneOut(
        id=commune.id,
        code=commune.code,
        name=commune.name,
        kind=commune.kind.value,
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


def hamlet_out(hamlet) -> HamletOut:
    return HamletOut(
        id=hamlet.id, commune_id=hamlet.commune_id, name=hamlet.name, kind=hamlet.kind.value
    )
