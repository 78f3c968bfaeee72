"""An address written with the units before July 2025 (63 provinces, their districts and
communes) converted to today's commune, with the `vietnamadminunits` library (MIT licence;
docs/domain.md, "Old addresses")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from relief.places.loader import split_kind
from relief.places.models import Commune


@dataclass(frozen=True)
class Converted:
    """Today's commune of a former address, and the former unit the address named."""

    commune_code: str  # today's commune, ward or special zone (5 digits)
    province_code: str  # today's province (2 digits)
    commune: str  # today's name with its kind: "Xã Thần Sa"
    former: str  # the former unit as the library read it: "Xã Thần Xa, Huyện Võ Nhai, Tỉnh …"
    former_code: str | None  # the former commune's code, when the library has it
    # The former commune was split among several of today's: the commune given is the one the
    # library names by default (its main part); an officer should confirm it.
    divided: bool


def _clean(part: str) -> str:
    return " ".join((part or "").replace(",", " ").split())


def _divided(former: Any) -> bool:
    from vietnamadminunits.converter import converter_2025

    key = f"{former.province_key}_{former.district_key}_{former.ward_key}"
    return any(key in wards for wards in converter_2025.DICT_PROVINCE_WARD_DIVIDED.values())


def convert_former(commune: str, district: str, province: str) -> Converted | None:
    """Today's commune of a former commune, district and province, written with or without
    their kind ("Xã Thần Xa" or "Thần Xa") and accents; None when the library finds no commune.

    Only the units are given to the library, never a street or house number: with a street it
    would ask an online geocoder where a divided commune's address lies."""
    from vietnamadminunits import convert_address

    address = ", ".join(_clean(p) for p in (commune, district, province))
    today = convert_address(address)
    former = today.OldAdminUnit
    if not today.ward_code or not former.ward:
        return None
    return Converted(
        commune_code=str(today.ward_code),
        province_code=str(today.province_code),
        commune=today.ward,
        former=former.get_address(),
        former_code=str(former.ward_code) if former.ward_code else None,
        divided=_divided(former),
    )


async def find_commune(converted: Converted) -> Commune | None:
    """The loaded commune of a conversion: by its code in its province, else by its kind and
    name there. The two libraries give some communes different codes (Hà Nội's xã Tây
    Phương: 10003 here, 10006 in `vietnam-provinces`, from which communes are loaded), so the
    code alone would miss them."""
    found = await Commune.get_or_none(
        code=converted.commune_code, province__code=converted.province_code
    )
    if found is not None:
        return found
    kind, name = split_kind(converted.commune)
    if kind is None:
        return None
    return await Commune.get_or_none(province__code=converted.province_code, kind=kind, name=name)
