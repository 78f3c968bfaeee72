"""Loads the province, its 92 communes and wards, former units and hamlets; safe to rerun."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

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
