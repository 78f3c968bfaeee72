"""Loads the places; safe to rerun.

Thái Nguyên (its 92 communes and wards, their former units and hamlets) comes from the project's
fixtures; the other provinces and their communes, wards and special zones of July 2025 come from
the `vietnam-provinces` library (docs/domain.md, "Provinces and communes")."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tortoise.transactions import in_transaction

from relief import PROJECT_ROOT
from relief.core.text import fold, normalize_text
from relief.places.models import Commune, CommuneKind, FormerUnit, Hamlet, HamletKind, Province

FIXTURES = PROJECT_ROOT / "fixtures"
UNITS_FILE = FIXTURES / "thai-nguyen-units-2025.json"
HAMLETS_FILE = FIXTURES / "hamlets-north-east.json"


@dataclass
class LoadCounts:
    communes_created: int = 0
    former_units_created: int = 0
    hamlets_created: int = 0
    provinces_created: int = 0
    # (province code, the code kept, the library's code) of a commune already loaded under
    # another code than the library's: it is kept as it is, never doubled.
    codes_kept: list[tuple[str, str, str]] = field(default_factory=list)


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


async def load_places(
    units_file: Path = UNITS_FILE, hamlets_file: Path = HAMLETS_FILE
) -> LoadCounts:
    """Create what is missing, by code (communes, former units) or folded name (hamlets)."""
    units = _read_json(units_file)
    hamlets = _read_json(hamlets_file)["communes"]
    counts = LoadCounts()
    async with in_transaction():
        province_data = units["province"]
        province, _ = await Province.get_or_create(
            code=province_data["code"], defaults={"name": province_data["name"]}
        )
        existing = {c.code: c for c in await Commune.all()}
        known_units = set(await FormerUnit.all().values_list("commune_id", "code"))
        known_hamlets = set(await Hamlet.all().values_list("commune_id", "name_key"))
        for unit in units["units"]:
            commune = existing.get(unit["code"])
            if commune is None:
                name = normalize_text(unit["name"])
                commune = await Commune.create(
                    province=province,
                    code=unit["code"],
                    kind=CommuneKind(unit["kind"]),
                    name=name,
                    name_key=fold(name),
                    former_district=unit.get("former_district"),
                    is_focus=bool(unit.get("former_district")),
                )
                counts.communes_created += 1
            for former in unit["former_units"]:
                if (commune.id, former["code"]) in known_units:
                    continue
                name = normalize_text(former["name"])
                await FormerUnit.create(
                    commune=commune,
                    code=former["code"],
                    name=name,
                    name_key=fold(name),
                    merge=former.get("merge", "full"),
                )
                counts.former_units_created += 1
            for hamlet in hamlets.get(unit["code"], {}).get("hamlets", []):
                name = normalize_text(hamlet["name"])
                if (commune.id, fold(name)) in known_hamlets:
                    continue
                await Hamlet.create(
                    commune=commune,
                    name=name,
                    name_key=fold(name),
                    kind=HamletKind(hamlet["kind"]),
                    is_example=hamlet["is_example"],
                )
                known_hamlets.add((commune.id, fold(name)))
                counts.hamlets_created += 1
    return counts


# The library's words for a commune's kind, which also start its name ("Xã Thần Sa").
_LIBRARY_KINDS = {
    "xã": (CommuneKind.XA, "Xã "),
    "phường": (CommuneKind.PHUONG, "Phường "),
    "đặc khu": (CommuneKind.DAC_KHU, "Đặc khu "),
}


def province_code(value: Any) -> str:
    """The two-digit code ("1" and "01" are Hà Nội's "01")."""
    return f"{int(value):02d}"


def library_provinces() -> dict[str, str]:
    """The 34 provinces of July 2025 in the library: code -> name."""
    from vietnam_provinces import Province as LibraryProvince

    return {province_code(p.code): p.name for p in LibraryProvince.iter_all()}


def library_communes(codes: set[str] | None = None) -> list[tuple[str, str, CommuneKind, str]]:
    """The library's communes, wards and special zones, of the given provinces or of all:
    (province code, five-digit code, kind, name without its kind's word)."""
    from vietnam_provinces import Ward

    units = []
    for ward in Ward.iter_all():
        province = province_code(ward.province_code)
        if codes is not None and province not in codes:
            continue
        kind, word = _LIBRARY_KINDS[ward.division_type.value]
        name = normalize_text(ward.name)
        name = name[len(word) :] if name.startswith(word) else name
        units.append((province, f"{int(ward.code):05d}", kind, name))
    return units


def split_kind(title: str) -> tuple[CommuneKind | None, str]:
    """ "Xã Tây Phương" -> (xã, "Tây Phương"); a name without its kind's word -> (None, name)."""
    name = normalize_text(title)
    for kind, word in _LIBRARY_KINDS.values():
        if name.casefold().startswith(word.casefold()):
            return kind, name[len(word) :]
    return None, name


class UnknownProvince(ValueError):
    """A province code the library does not know."""


def provinces_asked(codes: list[str], provinces: dict[str, str]) -> set[str]:
    """The two-digit codes asked for; UnknownProvince names those the library lacks."""
    wanted, unknown = set(), []
    for given in codes:
        code = province_code(given) if given.strip().isdigit() else given
        if code in provinces:
            wanted.add(code)
        else:
            unknown.append(given)
    if unknown:
        raise UnknownProvince(", ".join(unknown))
    return wanted


async def load_country(codes: list[str] | None = None) -> LoadCounts:
    """Thái Nguyên from the fixtures (as `load_places`), then the given provinces (all 34 when
    `codes` is None) and their units from the library, in one transaction. A unit already loaded
    is found by its code, or in its province by its kind and name (the fixtures' code is kept)."""
    provinces = library_provinces()
    wanted = None if codes is None else provinces_asked(codes, provinces)
    async with in_transaction():
        counts = await load_places()
        present = {p.code: p for p in await Province.all()}
        missing = [
            Province(code=code, name=normalize_text(name))
            for code, name in sorted(provinces.items())
            if code not in present and (wanted is None or code in wanted)
        ]
        if missing:
            await Province.bulk_create(missing)
            counts.provinces_created = len(missing)
            present = {p.code: p for p in await Province.all()}
        by_code = set(await Commune.all().values_list("code", flat=True))
        by_name = {
            (province_id, kind, name): code
            for province_id, kind, name, code in await Commune.all().values_list(
                "province_id", "kind", "name", "code"
            )
        }
        new = []
        for province, code, kind, name in library_communes(wanted):
            province_id = present[province].id
            if code in by_code:
                continue
            kept = by_name.get((province_id, kind, name))
            if kept is not None:
                counts.codes_kept.append((province, kept, code))
                continue
            new.append(
                Commune(
                    province_id=province_id, code=code, kind=kind, name=name, name_key=fold(name)
                )
            )
        await Commune.bulk_create(new, batch_size=500)
        counts.communes_created += len(new)
    return counts
