"""One row of a file checked on its own: places, coded values, then the forms' own rules."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from relief.core.text import fold, normalize_text
from relief.households.damage import check_disaster
from relief.households.models import Disaster
from relief.households.records import DAMAGE, HOUSEHOLD, HouseholdWrite
from relief.imports.columns import (
    BOOLEAN_FIELDS,
    BY_FIELD,
    CODED_FIELDS,
    DAMAGE_FIELDS,
    NO,
    YES,
    accepted_values,
    coded_values,
    header_key,
)
from relief.imports.layout import read_money, strip_kind
from relief.imports.limits import CELL_TOO_LONG, MAX_CELL_CHARS
from relief.imports.parsing import cell_text
from relief.imports.wording import nearest, read_damage
from relief.places.former import Converted, convert_former
from relief.places.loader import split_kind
from relief.places.models import Commune, Hamlet

UNKNOWN_HAMLET = "No hamlet “{name}” in {commune}. Close matches: {matches}."
UNKNOWN_HAMLET_NONE = "No hamlet “{name}” in {commune}."
UNKNOWN_COMMUNE = "No commune, today or before the 2025 merger, is called “{name}”."
AMBIGUOUS_COMMUNE = (
    "“{name}” was split between several of today's communes: write today's commune instead."
)
OTHER_COMMUNE = "“{name}” is part of {other} today, not of {commune}: import it there."
UNKNOWN_FORMER = "No commune before the 2025 merger is found at “{name}”."
UNKNOWN_VALUE = "Unknown value “{value}”: see the sheet of allowed values in the template."
UNKNOWN_NEAREST = "Unknown value “{value}”. Nearest accepted values: {matches}."
YES_NO = "Write x for yes, or leave the cell blank for no."
NO_DISASTER = "Choose the disaster of this import to record damage."
BAD_CODE = "Write the household code as exported, or leave it blank for a new household."
NO_SUCH_CODE = "No household with code {code} in {commune}."
_PREFIX = re.compile(r"^(xa|phuong|thi tran|tt)\s+")
_SPLIT = re.compile(r"[;\n]+")
_BIRTH_DATE = re.compile(r"^\d{1,2}[/.-]\d{1,2}[/.-](\d{4})$")
AMBIGUOUS = 0  # a commune key shared by several communes


@lru_cache(maxsize=4096)  # every row names the same commune; every file loads the same places
def place_key(text: str) -> str:
    """A commune's name or code without "Xã"/"Phường"/"Thị trấn": "Xã Thần Xa" -> "than xa"."""
    return _PREFIX.sub("", fold(text))


@dataclass
class Places:
    """What rows are checked against, loaded once per file."""

    commune: Commune
    communes: dict[str, int]  # key (code or folded name, old or new) -> commune id or AMBIGUOUS
    commune_names: dict[int, str]
    hamlets: dict[str, Hamlet]  # folded name -> hamlet of the import's commune
    disaster: Disaster | None
    today: date
    # The assessment date the officer gave for the whole file (a list without the column).
    assessed_on: date | None = None


@dataclass(frozen=True)
class Seen:
    household_id: int
    household_version: int
    damage_id: int | None = None
    damage_version: int | None = None


@dataclass
class Row:
    number: int
    errors: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    data: HouseholdWrite | None = None
    hamlet: Hamlet | None = None
    damage: dict[str, Any] | None = None
    name_key: str = ""
    duplicate_reason: str = ""
    code: int | None = None  # the household's code, on a list exported by Relief
    version: int | None = None  # its version when exported
    # What the preview matched and read: the household's id and version, and its damage
    # assessment's id and version (None: none). The confirmation writes over these versions
    # only (relief.core.versions.save_many): a save made after the preview is a conflict.
    seen: Seen | None = None
    # The former unit an old address named, and today's commune it became (shown in the
    # preview): {"former": ..., "commune": ..., "divided": ...}.
    former: dict[str, Any] | None = None

    def error(self, column: str, message: str, /, **params: Any) -> None:
        self.errors.append((column, message, params))


def _numeric(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _text(name: str, value: Any) -> str:
    """A cell as a form would send it; numbers that Excel stripped of a leading 0 get it back."""
    if name == "id_number" and _numeric(value) and float(value).is_integer():
        return str(int(value)).zfill(12)  # every province code starts with 0
    if name == "phone" and _numeric(value) and float(value).is_integer():
        digits = str(int(value))
        return "0" + digits if len(digits) == 9 else digits
    text = cell_text(value)
    if name == "birth_year" and (m := _BIRTH_DATE.match(text)):
        return m.group(1)  # a full birth date typed where the year goes
    if name == "estimated_loss" and text:
        return read_money(text)
    return text


def _needs(row: Row, text: str) -> list[str]:
    """Needs separated by ";", "," or lines; a label holding a comma is read whole."""
    table, codes = coded_values()["needs"], []
    for part in _SPLIT.split(text):
        pieces, i = part.split(","), 0
        while i < len(pieces):
            for j in range(len(pieces), i, -1):  # the longest label first
                code = table.get(header_key(",".join(pieces[i:j])))
                if code is not None:
                    codes.append(code)
                    i = j
                    break
            else:
                if pieces[i].strip():
                    row.error("needs", UNKNOWN_VALUE, value=pieces[i].strip())
                    codes.append(pieces[i].strip())
                i += 1
    return codes


def _coded(row: Row, raw: dict[str, Any], name: str, text: str) -> None:
    if name == "needs":
        raw[name] = _needs(row, text)
        return
    code = coded_values()[name].get(header_key(text))
    if code is None and name == "band":
        said = read_damage(text)  # "Thiệt hại từ 50 đến 70%", "bị ngập, tốc mái"
        if said is not None:
            code = "+".join((said.band, *said.facts))
    if code is None:
        close = nearest(text, accepted_values(name))
        if close:
            row.error(name, UNKNOWN_NEAREST, value=text, matches="; ".join(close))
        else:
            row.error(name, UNKNOWN_VALUE, value=text)
    code, *facts = (code or "").split("+")
    raw[name] = code
    for fact in facts:  # "Tốc mái" in the damage column: the fact, with the band to confirm
        raw[fact] = "1"


def _commune(row: Row, places: Places, text: str) -> None:
    found = places.communes.get(place_key(text))
    if found is None:
        row.error("commune", UNKNOWN_COMMUNE, name=text)
    elif found == AMBIGUOUS:
        row.error("commune", AMBIGUOUS_COMMUNE, name=text)
    elif found != places.commune.id:
        other = places.commune_names.get(found, "")
        row.error("commune", OTHER_COMMUNE, name=text, other=other, commune=places.commune.name)


@lru_cache(maxsize=4096)  # a list repeats its communes on every row
def _converted(commune: str, district: str, province: str) -> Converted | None:
    return convert_former(commune, district, province)


def _former(row: Row, places: Places, raw: dict[str, Any]) -> None:
    """An old address (commune, district, province before July 2025) converted to today's
    commune, which must be the import's; the former unit is kept for the preview."""
    commune = raw.get("commune", "")
    district, province = raw.get("former_district", ""), raw.get("former_province", "")
    name = ", ".join(p for p in (commune, district, province) if p)
    converted = _converted(commune, district, province)
    if converted is None:
        row.error("commune", UNKNOWN_FORMER, name=name)
        return
    found = places.communes.get(converted.commune_code)
    if found is None or found == AMBIGUOUS:
        found = places.communes.get(place_key(converted.commune))
    row.former = {
        "former": converted.former,
        "commune": converted.commune,
        "divided": converted.divided,
    }
    if found is None or found == AMBIGUOUS or found != places.commune.id:
        other = places.commune_names.get(found or 0) or split_kind(converted.commune)[1]
        row.error("commune", OTHER_COMMUNE, name=name, other=other, commune=places.commune.name)


@lru_cache(maxsize=4096)
def _normalized(text: str) -> str:
    return normalize_text(text)


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    return fold(text)


def find_hamlet(places: Places, key: str) -> Hamlet | None:
    """A hamlet by its folded name, written with or without its kind ("xóm Kim Sơn")."""
    return places.hamlets.get(key) or places.hamlets.get(strip_kind(key))


def _hamlet(row: Row, places: Places, text: str) -> Hamlet | None:
    hamlet = find_hamlet(places, _folded(text))
    if hamlet is not None:
        return hamlet
    if not text:
        return None  # the form's own rule says the hamlet is required
    key = strip_kind(fold(text))
    close = difflib.get_close_matches(key, list(places.hamlets), n=3, cutoff=0.6)
    names = ", ".join(places.hamlets[k].name for k in close)
    commune = places.commune.name
    if names:
        row.error("hamlet", UNKNOWN_HAMLET, name=text, commune=commune, matches=names)
    else:
        row.error("hamlet", UNKNOWN_HAMLET_NONE, name=text, commune=commune)
    return None


def check_row(number: int, cells: dict[str, Any], places: Places) -> Row:  # noqa: C901 - one check per field
    """Every error of one row, by the same rules as the household and damage forms."""
    row = Row(number)
    raw: dict[str, Any] = {}
    for name, value in cells.items():
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            row.error(name, CELL_TOO_LONG)
            continue
        if name in ("household_code", "version"):
            _code(row, name, value)
            continue
        text = _text(name, value)
        if name in CODED_FIELDS or name == "needs":
            if text:
                _coded(row, raw, name, text)
        elif name in BOOLEAN_FIELDS:
            key = header_key(text)
            if key in YES:
                raw[name] = "1"
            elif key not in NO:
                row.error(name, YES_NO)
        else:
            raw[name] = text
    if raw.get("commune") and (raw.get("former_district") or raw.get("former_province")):
        _former(row, places, raw)
    elif raw.get("commune"):
        _commune(row, places, raw["commune"])
    row.hamlet = _hamlet(row, places, _normalized(raw.get("hamlet", "")))
    if row.hamlet is not None:
        raw["hamlet_id"] = str(row.hamlet.id)
    taken = {name for name, _, _ in row.errors}
    row.data, errors = HOUSEHOLD.row(raw)
    if "hamlet" in taken:
        errors.pop("hamlet_id", None)
    row.name_key = fold(row.data.head_name or "")
    row.duplicate_reason = normalize_text(row.data.duplicate_reason or "")
    if any(raw.get(name) for name in DAMAGE_FIELDS):
        if places.assessed_on is not None and "assessed_on" not in cells:
            raw["assessed_on"] = places.assessed_on.isoformat()
        if not raw.get("band") and "band" not in taken:
            raw["band"] = "to_confirm"  # a list of flooded houses says nothing of the band
        disaster = places.disaster
        sent = {**raw, "disaster_id": str(disaster.id) if disaster is not None else ""}
        # The row's household is matched later: a stand-in id lets the fields be read at
        # once (a missing one sends every field through its own conversion); dropped below.
        sent["household_id"] = "1"
        damage, damage_errors = DAMAGE.row(sent)
        damage_errors.pop("household_id", None)  # the row's household, matched later
        check_disaster(damage, disaster, damage_errors)
        row.damage = DAMAGE.values(damage)
        del row.damage["household_id"]
        if "disaster_id" in damage_errors:
            damage_errors["band"] = NO_DISASTER
            del damage_errors["disaster_id"]
        errors.update(damage_errors)
    for name, message in errors.items():
        name = "hamlet" if name == "hamlet_id" else name
        if name not in taken:  # our clearer message on coded values wins
            row.error(name, message)
    return row


def _code(row: Row, name: str, value: Any) -> None:
    text = cell_text(value).strip()
    if not text.isdigit() or len(text) > 9:
        row.error(name, BAD_CODE)
    elif name == "household_code":
        row.code = int(text)
    else:
        row.version = int(text)


def column_label(name: str, headers: dict[str, str]) -> str:
    """The column of a field as the file names it (or the template's header)."""
    if name in headers:
        return headers[name]
    column = BY_FIELD.get(name)
    return column.vi if column else name
