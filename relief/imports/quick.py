"""A row without an error checked by its columns' distinct values, each read once per file.

A commune's list repeats the same few values down each column (hamlets, gender, ethnicity,
bands, amounts, dates): `rows.check_row` reads every cell of every row through the forms'
rules, where each distinct value of a column needs reading only once. `QuickRows` keeps, per
column, what each distinct value becomes (the household's or the damage's field, converted
and checked as the forms check it), then makes a row of them and runs the rules that need
more than one field (`Catalogue.rules`, `check_disaster`).

It answers only for rows that have no error at all, with the very `Row` that `check_row`
makes of them; any row with something to say (a bad value, a missing field, a rule broken)
gets None, and `check_row` reads it, for its messages. tests/imports/test_quick.py compares
the two on every kept list and on rows made to break each rule.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, cast

from relief.core.formatting import local_today
from relief.core.records import Catalogue, Entry, _Bad, _convert, _Error, _prepare_sent
from relief.core.text import _UNMARKED, clean_text, fold
from relief.households.damage import check_disaster
from relief.households.records import DAMAGE, HOUSEHOLD
from relief.imports.columns import BOOLEAN_FIELDS, CODED_FIELDS, DAMAGE_FIELDS, NO, YES, header_key
from relief.imports.limits import MAX_CELL_CHARS
from relief.imports.rows import (
    Places,
    Row,
    _code,
    _coded,
    _commune,
    _former,
    _hamlet,
    _normalized,
    _text,
)
from relief.places.models import Hamlet

_MISSING = object()  # a required field without a value: the row is check_row's
_PLACE = ("commune", "former_district", "former_province", "hamlet")
_DAMAGE_TRIGGERS = frozenset(DAMAGE_FIELDS)
_MEMO_MAX = 50_000  # distinct values kept per column (ID numbers and phones never repeat)
_UNSEEN = object()
_HOUSEHOLD_FIELDS = len(HOUSEHOLD.entries)
_DAMAGE_FIELDS = len(DAMAGE.entries)


class _Fails(Exception):
    """A value with something to say: its row is read by check_row."""


# What a cell becomes: the household's fields, the damage's fields, whether it makes the
# row record damage, and its text for the place columns (commune, hamlet …) or the code.
Cell = tuple[dict[str, Any], dict[str, Any], bool, tuple[str, Any] | None]


def _value(e: Entry, text: Any, ruled: bool = False) -> Any:
    """A field's value of its text as the forms read it (cleaned, converted, checked).
    `ruled`: a text's own check left to the record's rules, which check it again anyway."""
    if e.type is str and type(text) is str:  # a name, an ID number, a phone: never repeated
        # As _prepare_sent and msgspec's conversion read it, without their turns: a text
        # with nothing non-printable holds nothing clean_text removes or changes.
        value = (text if text.isprintable() else clean_text(text)).strip()
        if e.clean is not None:
            value = e.clean(value)
        if value:  # (an empty one: its default, or the field is required, as below)
            if e.max_length is not None and len(value) > e.max_length:
                raise _Fails
            if e.check is not None and not ruled and e.check(value):
                raise _Fails
            return value
    prepared = _prepare_sent(e, {e.name: text}, True, False)
    if isinstance(prepared, _Error):
        raise _Fails
    try:
        value = _convert(e, prepared)
    except _Bad:
        raise _Fails from None
    if e.check is not None and value is not None and e.check(value):
        raise _Fails
    return value


def _defaults(catalogue: Catalogue, given: dict[str, Any]) -> dict[str, Any]:
    """Each field's value when its column is absent (or `given` as text)."""
    values = {}
    for e in catalogue.entries:
        try:
            values[e.name] = _value(e, given.get(e.name, [] if e.listed else ""))
        except _Fails:
            values[e.name] = _MISSING
    return values


def _cell(name: str, value: Any) -> Cell | None:
    """What one cell of a column becomes (check_row's reading of it, alone), or None."""
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        return None
    probe = Row(0)
    if name in ("household_code", "version"):
        _code(probe, name, value)
        if probe.errors:
            return None
        return {}, {}, False, (name, probe.code if name == "household_code" else probe.version)
    text = _text(name, value)
    raw: dict[str, Any] = {}
    if name in CODED_FIELDS or name == "needs":
        if text:
            _coded(probe, raw, name, text)
    elif name in BOOLEAN_FIELDS:
        key = header_key(text)
        if key in YES:
            raw[name] = "1"
        elif key not in NO:
            return None
    else:
        raw[name] = text
    if probe.errors:
        return None
    household: dict[str, Any] = {}
    damage: dict[str, Any] = {}
    place = None
    triggers = False
    try:
        for key, sent in raw.items():
            if key in HOUSEHOLD.by_name:
                household[key] = _value(HOUSEHOLD.by_name[key], sent)
            elif key in DAMAGE.by_name:
                damage[key] = _value(DAMAGE.by_name[key], sent)
                triggers = triggers or (key in _DAMAGE_TRIGGERS and bool(sent))
            elif key in _PLACE:
                place = (key, sent)
    except _Fails:
        return None
    return household, damage, triggers, place


# The household's own columns whose cell is its text, as read by the forms (not a place, a
# coded or yes/no value, a code, a damage field): most of them hold what never repeats down a
# column (the head's name, the ID number, the phone), read by `_plain_cell` without the
# general reading's steps. The ID number's own check is `HOUSEHOLD.rules`' first step (its
# 12 digits and province, then its birth year and sex), made for every row that has one.
_PLAIN = frozenset(
    name
    for name in HOUSEHOLD.by_name
    if name not in DAMAGE.by_name
    and name not in (*CODED_FIELDS, *BOOLEAN_FIELDS, *_PLACE, "needs", "household_code", "version")
)
_RULED = frozenset({"id_number"})
_TURNS = frozenset({"birth_year", "estimated_loss"})  # texts read by _text's own turns


def _plain_cell(name: str, value: Any) -> dict[str, Any] | None:
    """_digest(_cell(name, value)) of a household's plain column (`_PLAIN`): {name: value}."""
    if type(value) is str:
        if len(value) > MAX_CELL_CHARS:
            return None
        text = _text(name, value) if name in _TURNS else value.strip()  # as cell_text
    else:
        text = _text(name, value)
    try:
        return {name: _value(HOUSEHOLD.by_name[name], text, name in _RULED)}
    except _Fails:
        return None


def _digest(cell: Cell | None) -> dict[str, Any] | Cell | None:
    """A cell as the memo keeps it: its household fields alone when that is all it gives."""
    if cell is not None and not cell[1] and not cell[2] and cell[3] is None:
        return cell[0]
    return cell


def _given(defaults: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in defaults.items() if value is not _MISSING}


def _key(name: str) -> str:
    """fold() of a name as normalize_text left it (cleaned, its spaces single, trimmed):
    its letters' marks taken off by the table, or fold itself for what the table leaves."""
    plain = name.translate(_UNMARKED)
    return plain.casefold() if plain.isascii() else fold(name)


class QuickRows:
    """The rows of one file without an error, each column's distinct values read once."""

    def __init__(self, places: Places) -> None:
        self.places = places
        # Per column, what each value becomes: a cell giving household fields alone (most
        # of them) as its dict, any other as its Cell, a cell with something to say as None.
        self.memo: dict[str, dict[Any, dict[str, Any] | Cell | None]] = {}
        # The fields' values when their column is absent; a required field without one is
        # left out, and a row that does not give it has fewer fields than the form (below).
        self.household = _given(_defaults(HOUSEHOLD, {}))
        disaster = places.disaster
        given = {"household_id": "1", "disaster_id": str(disaster.id) if disaster else ""}
        given["band"] = "to_confirm"  # a list of flooded houses says nothing of the band
        self.damage = _given(_defaults(DAMAGE, given))
        self.assessed_on: date | None = places.assessed_on
        self.hamlets: dict[str, tuple[Hamlet, int] | None] = {}
        self.communes: dict[tuple[str, str, str], dict[str, Any] | bool | None] = {}
        self.damages: dict[tuple, dict[str, Any] | None] = {}  # QuickRows._damage
        self.write: Callable[..., Any] = HOUSEHOLD.write
        self.damage_write: Callable[..., Any] = DAMAGE.write

    def check(self, number: int, cells: dict[str, Any]) -> Row | None:  # noqa: C901 - one pass over a row
        """The row check_row makes of these cells when it finds no error; else None."""
        household = dict(self.household)
        damage: dict[str, Any] | None = None
        triggers = False
        places: dict[str, str] = {}
        code = version = None
        memo = self.memo
        for name, value in cells.items():
            seen = memo.get(name)
            if seen is None:
                seen = memo[name] = {}
            key = value if type(value) is str else (type(value), value)
            found = seen.get(key, _UNSEEN)
            if found is _UNSEEN:
                found = _plain_cell(name, value) if name in _PLAIN else _digest(_cell(name, value))
                if len(seen) < _MEMO_MAX:
                    seen[key] = found
            if found is None:
                return None
            if type(found) is dict:  # the household's fields alone
                household.update(found)
                continue
            own, damaged, trigger, place = cast(Cell, found)
            if own:
                household.update(own)
            if damaged:
                if damage is None:
                    damage = {}
                damage.update(damaged)
            triggers = triggers or trigger
            if place is not None:
                if place[0] == "household_code":
                    code = place[1]
                elif place[0] == "version":
                    version = place[1]
                else:
                    places[place[0]] = place[1]
        row = Row(number)
        commune = places.get("commune", "")
        if commune:
            former = self._commune(row, commune, places)
            if former is False:
                return None
            row.former = dict(former) if former else None
        found_hamlet = self._hamlet(places.get("hamlet", ""))
        if found_hamlet is None:
            return None
        row.hamlet, household["hamlet_id"] = found_hamlet
        if len(household) != _HOUSEHOLD_FIELDS:  # a required field without its value
            return None
        data = self.write(**household)
        errors: dict[str, str] = {}
        HOUSEHOLD.rules(data, errors)  # type: ignore[misc]
        if errors:
            return None
        row.data = data
        row.name_key = _key(data.head_name or "")
        row.duplicate_reason = _normalized(data.duplicate_reason or "")
        row.code, row.version = code, version
        if triggers:
            dated = self.assessed_on is not None and "assessed_on" not in cells
            found_damage = self._damage(damage or {}, dated)
            if found_damage is None:
                return None
            row.damage = dict(found_damage)
        return row

    def _damage(self, damage: dict[str, Any], dated: bool) -> dict[str, Any] | None:
        """The row's damage values (without its household) of its cells' damage fields (and
        the file's assessment date when `dated`), or None when check_row has something to
        say of them; each distinct set checked once a day (a list of lists, each time)."""
        key: tuple | None = (local_today(), dated, *damage.items())
        try:
            if key in self.damages:
                return self.damages[key]
        except TypeError:  # a list among the values (the needs)
            key = None
        values = dict(self.damage)
        values.update(damage)
        if dated:
            values["assessed_on"] = self.assessed_on
        found = None
        if len(values) == _DAMAGE_FIELDS:
            assessment = self.damage_write(**values)
            errors: dict[str, str] = {}
            DAMAGE.rules(assessment, errors)  # type: ignore[misc]
            check_disaster(assessment, self.places.disaster, errors)
            if not errors:
                found = DAMAGE.values(assessment)
                del found["household_id"]
        if key is not None and len(self.damages) < _MEMO_MAX:
            self.damages[key] = found
        return found

    def _commune(self, row: Row, commune: str, places: dict[str, str]) -> Any:
        """The former unit a row's old address names ({...}, or None for today's commune),
        or False when check_row has something to say of it."""
        district, province = places.get("former_district", ""), places.get("former_province", "")
        key = (commune, district, province)
        if key not in self.communes:
            probe = Row(0)
            if district or province:
                _former(probe, self.places, {"commune": commune, **places})
            else:
                _commune(probe, self.places, commune)
            self.communes[key] = False if probe.errors else probe.former
        return self.communes[key]

    def _hamlet(self, text: str) -> tuple[Hamlet, int] | None:
        if text not in self.hamlets:
            probe = Row(0)
            hamlet = _hamlet(probe, self.places, _normalized(text))
            found = None
            if hamlet is not None and not probe.errors:
                try:
                    found = (hamlet, _value(HOUSEHOLD.by_name["hamlet_id"], str(hamlet.id)))
                except _Fails:
                    found = None
            self.hamlets[text] = found
        return self.hamlets[text]
