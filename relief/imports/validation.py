"""A whole file checked in chunks: each row on its own while the file is read (in a worker
process), then duplicates within it and against the database, a few queries per thousand
rows; each chunk's outcome is handed to the writer (or only counted)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import zip_longest
from typing import Any

from relief.core.actor import Actor
from relief.core.audit import _plain
from relief.core.permissions import can
from relief.households import duplicates
from relief.households.models import DamageAssessment, Household
from relief.households.records import DAMAGE, HOUSEHOLD
from relief.households.service import ARCHIVED
from relief.imports import layout
from relief.imports.columns import BY_FIELD, money_scale
from relief.imports.layout import read_money
from relief.imports.parsing import MAX_ROWS, TOO_MANY_ROWS, Table, cell_text
from relief.imports.quick import QuickRows
from relief.imports.rows import (
    NO_SUCH_CODE,
    UNKNOWN_HAMLET,
    UNKNOWN_HAMLET_NONE,
    Places,
    Row,
    check_row,
    column_label,
    find_hamlet,
)
from relief.places.models import Commune, FormerUnit, Hamlet

CHUNK = 2000
NAMES_SHOWN = 5  # heads' names shown as read: a wrong encoding shows in them
REPORT_CAP = 2000  # errors and flagged rows kept for the report; the counts stay exact
ID_TWICE = "Repeated ID number: rows {other} and {this} have the same ID number {number}."
SAME_IN_FILE = "Row {row} has the same head's name and birth year, or the same phone."
UNDECIDED = "Decide for each flagged row: keep it as another household, or drop it."
MISSING_COLUMN = (
    "The file has no column “{column}”, and {count} rows need it: add the column (see the "
    "template)."
)
NO_ASSESSMENT_DATE = (
    "The file has no column “{column}”, and {count} rows record damage: give the assessment "
    "date of the whole list when uploading it, or add the column (see the template)."
)
CHANGED_SINCE = (
    "Changed in Relief since this list was exported: not updated. Export the list again and "
    "redo the change."
)
SAVED_MEANWHILE = (
    "Saved in Relief after the preview of this import: not updated. Compare the values, then "
    "correct the household in Relief or the row in the file."
)
HOUSEHOLD_FIELDS = tuple(e.name for e in HOUSEHOLD.stored)
# The damage's columns an import writes (its disaster is the import's).
DAMAGE_FIELDS = tuple(c for c in DAMAGE.audited if c != "disaster_id")


async def load_places(commune: Commune, disaster, today) -> Places:
    """Every commune and former unit by code and folded name, and the commune's hamlets."""
    from relief.imports.rows import AMBIGUOUS, place_key

    keys: dict[str, int] = {}

    def add(key: str, commune_id: int) -> None:
        if key:
            keys[key] = commune_id if keys.get(key, commune_id) == commune_id else AMBIGUOUS

    communes = await Commune.all()
    for c in communes:
        add(c.code, c.id)
        add(place_key(c.name), c.id)
    for unit in await FormerUnit.all():
        add(unit.code, unit.commune_id)
        add(place_key(unit.name), unit.commune_id)
    hamlets = {h.name_key: h for h in await Hamlet.filter(commune_id=commune.id)}
    names = {c.id: c.name for c in communes}
    return Places(commune, keys, names, hamlets, disaster, today)


def household_values(row: Row) -> dict[str, Any]:
    data = row.data
    assert data is not None and row.hamlet is not None
    return {
        **HOUSEHOLD.values(data),
        "commune_id": row.hamlet.commune_id,
        "hamlet_id": row.hamlet.id,
        "head_name_key": row.name_key,
    }


def changed_fields(row: Row, h: Household, found: DamageAssessment | None) -> list[str]:
    """The household's and its damage's fields that the row changes."""
    values = household_values(row)
    names = [name for name in HOUSEHOLD_FIELDS if values[name] != getattr(h, name)]
    if row.damage is not None:
        if found is None:
            names.append("damage")
        else:
            names += [n for n in DAMAGE_FIELDS if row.damage[n] != getattr(found, n)]
    return names


def differences(
    row: Row,
    h: Household | None,
    found: DamageAssessment | None,
    hamlets: dict[int, str],
    *,
    household: bool = True,
) -> list[dict[str, Any]]:
    """Each field where the row and the record now differ: the file's value and the record's
    (JSON-safe, hamlets by name), for the report of a row that was not written. `household`
    False: the damage fields only (the household's part was written)."""
    found_values: list[tuple[str, str, Any, Any]] = []
    if household:
        values = household_values(row)
        for name in HOUSEHOLD_FIELDS:
            now = getattr(h, name) if h is not None else None
            found_values.append(("household", name, values[name], now))
    if row.damage is not None:
        for name in DAMAGE_FIELDS:
            file_value = row.damage[name]
            if found is None and not file_value:
                continue  # no assessment now: the file's blanks and noes say nothing new
            now = getattr(found, name) if found is not None else None
            found_values.append(("damage_assessment", name, file_value, now))
    listed = []
    for entity, name, file_value, now in found_values:
        if file_value == now:
            continue
        # As stored (a hamlet's id), for taking the file's value later (imports.conflicts).
        raw = {"value": _plain(file_value), "was": _plain(now)}
        if name == "hamlet_id":
            file_value = hamlets.get(file_value, file_value)
            now = hamlets.get(now, now)
        listed.append(
            {
                "entity": entity,
                "field": name,
                "file": _plain(file_value),
                "current": _plain(now),
                **raw,
            }
        )
    return listed


def describe(actor: Actor, h: Household) -> dict[str, Any]:
    """A household named in the report, for whom may see it."""
    if can(actor).read_every_commune or can(actor).write_commune(h.commune_id):
        return {"id": h.id, "head_name": h.head_name, "url": f"/households/{h.id}"}
    return {"id": None, "head_name": None, "url": None}


def same_household(row: Row, h: Household) -> bool:
    values = household_values(row)
    return all(values[name] == getattr(h, name) for name in HOUSEHOLD_FIELDS)


def same_damage(row: Row, found: DamageAssessment | None) -> bool:
    if row.damage is None:
        return True
    if found is None:
        return False
    return all(row.damage[name] == getattr(found, name) for name in DAMAGE_FIELDS)


@dataclass
class Outcome:
    """What a chunk will do: rows to create, rows to update (with what they change)."""

    create: list[Row] = field(default_factory=list)
    update: list[tuple[Row, Household, DamageAssessment | None]] = field(default_factory=list)
    kept_duplicates: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Report:
    headers: dict[str, str]
    extra_columns: list[str]
    rows: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    flagged: int = 0
    error_count: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    flagged_rows: list[dict[str, Any]] = field(default_factory=list)
    skipped_rows: list[dict[str, Any]] = field(default_factory=list)
    too_many_rows: bool = False
    sheet: str = ""
    letters: dict[str, str] = field(default_factory=dict)  # field -> column letter
    layout_rows: list[dict[str, Any]] = field(default_factory=list)
    missing: dict[str, int] = field(default_factory=dict)  # field without column -> rows
    unchanged: int = 0
    changed_fields: dict[str, int] = field(default_factory=dict)
    changed_rows: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    conflict_count: int = 0
    scales: dict[str, int] = field(default_factory=dict)  # money column -> đồng per unit
    names: list[str] = field(default_factory=list)  # the first heads' names as read
    # Rows written with a former address: the unit each named and today's commune.
    former_rows: list[dict[str, Any]] = field(default_factory=list)
    # Rows whose hamlet is a section row's above them: for the sheet of rows to correct.
    from_sections: dict[int, str] = field(default_factory=dict)
    # Every bad row's errors (uncapped, kept apart from the report): its row in the sheet ->
    # the errors as the report lists them, for the sheet of rows to correct.
    by_row: dict[int, list[dict[str, Any]]] = field(default_factory=dict)

    def add_error(self, number: int, name: str, message: str, params: dict[str, Any]) -> None:
        if name in BY_FIELD and name not in self.headers:
            self.missing[name] = self.missing.get(name, 0) + 1  # one message for the file
            return
        self.error_count += 1
        column = column_label(name, self.headers)
        letter = self.letters.get(name, "")
        entry = {"row": number, "column": column, "letter": letter, "message": message, **params}
        if len(self.errors) < REPORT_CAP:
            self.errors.append(entry)
        if len(self.by_row) < MAX_ROWS or number in self.by_row:
            self.by_row.setdefault(number, []).append(entry)

    def layout(self, number: int, why: str, text: str = "") -> None:
        if len(self.layout_rows) < REPORT_CAP:
            self.layout_rows.append({"row": number, "why": why, "text": text[:80]})

    def close(self) -> None:
        """The missing columns, one message each, first in the list."""
        for name, count in self.missing.items():
            self.error_count += 1
            column = BY_FIELD[name].vi
            message = NO_ASSESSMENT_DATE if name == "assessed_on" else MISSING_COLUMN
            entry = {"row": None, "column": column, "letter": "", "message": message}
            self.errors.insert(0, {**entry, "count": count})
        self.missing = {}
        # In the sheet's order: a hamlet section's error (found while reading) and the rows'
        # own errors (found while checking) were found apart.
        self.errors.sort(key=lambda e: -1 if e["row"] is None else e["row"])

    def add_conflict(self, entry: dict[str, Any]) -> None:
        """A row not written because its household changed: listed with its differences."""
        self.conflict_count += 1
        if len(self.conflicts) < REPORT_CAP:
            self.conflicts.append(entry)

    def withdraw(self, number: int, names: list[str], *, row_written: bool) -> None:
        """A row counted as changing `names` did not change them (a conflict at the write):
        its fields leave the counts, and the row leaves the changed ones unless written."""
        if not row_written:
            self.updated -= 1
        for name in names:
            left = self.changed_fields.get(name, 0) - 1
            if left > 0:
                self.changed_fields[name] = left
            else:
                self.changed_fields.pop(name, None)
        kept = []
        for entry in self.changed_rows:
            if entry["row"] == number:
                entry = {**entry, "fields": [f for f in entry["fields"] if f not in names]}
                if not row_written or not entry["fields"]:
                    continue
            kept.append(entry)
        self.changed_rows = kept

    def add(self, other: Report) -> None:
        """What another part found of the same file (the reader's rows and layout, the
        server's checks against the database, each started from the file's heading): counts
        summed, lists joined within their caps, the rest taken where this one has none."""
        for name in _COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in _CAPPED:
            mine = getattr(self, name)
            mine.extend(getattr(other, name)[: max(0, REPORT_CAP - len(mine))])
        for name in _TALLIES:
            mine = getattr(self, name)
            for key, count in getattr(other, name).items():
                mine[key] = mine.get(key, 0) + count
        for number, entries in other.by_row.items():
            if len(self.by_row) < MAX_ROWS or number in self.by_row:
                self.by_row.setdefault(number, []).extend(entries)
        self.names.extend(other.names[: max(0, NAMES_SHOWN - len(self.names))])
        self.from_sections.update(other.from_sections)
        self.scales = self.scales or other.scales
        self.too_many_rows = self.too_many_rows or other.too_many_rows

    def as_json(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "extra_columns": self.extra_columns,
            "errors": self.errors,
            "flagged": self.flagged_rows,
            "skipped": self.skipped_rows[:REPORT_CAP],
            "layout": self.layout_rows,
            "too_many_rows": self.too_many_rows,
            "unchanged": self.unchanged,
            "changed_fields": self.changed_fields,
            "changed": self.changed_rows,
            "conflicts": self.conflicts,
            "conflict_count": self.conflict_count,
            "scales": self.scales,
            "names": self.names,
            "former": self.former_rows,
        }


# How Report.add joins two parts' findings; the heading (headers, extra_columns, sheet,
# letters) is the file's, the same in both.
_COUNTS = (
    "rows", "created", "updated", "skipped", "flagged", "error_count", "unchanged",
    "conflict_count",
)  # fmt: skip
_CAPPED = (
    "errors", "flagged_rows", "skipped_rows", "layout_rows", "changed_rows", "conflicts",
    "former_rows",
)  # fmt: skip
_HEADING = ("headers", "extra_columns", "sheet", "letters")
_TALLIES = ("missing", "changed_fields")  # {name: count}, counts summed
# Report.add's other fields, each joined in its own way there.
_JOINED = ("by_row", "names", "from_sections", "scales", "too_many_rows")


@dataclass
class Checker:
    """Checks a file's rows in order, remembering what earlier rows held."""

    actor: Actor
    places: Places
    report: Report
    decisions: dict[int, tuple[str, str]]  # row -> ("keep", reason) | ("drop", "")
    names_in_commune: dict[tuple[str, int], list[int]]
    ids_seen: dict[str, int] = field(default_factory=dict)
    # The first row of each (name, birth year) and phone, with its ID number.
    people_seen: dict[tuple[str, int], tuple[int, str | None]] = field(default_factory=dict)
    phones_seen: dict[str, tuple[int, str | None]] = field(default_factory=dict)

    @classmethod
    async def start(cls, actor, places, report, decisions) -> Checker:
        names: dict[tuple[str, int], list[int]] = defaultdict(list)
        existing = Household.filter(commune_id=places.commune.id, archived_at=None)
        for hid, key, year in await existing.values_list("id", "head_name_key", "birth_year"):
            if year is not None:
                names[(key, year)].append(hid)
        return cls(actor, places, report, decisions, names)

    def _describe(self, h: Household) -> dict[str, Any]:
        return describe(self.actor, h)

    async def check(self, rows: list[Row]) -> Outcome:
        outcome = Outcome()
        id_numbers = [r.data.id_number for r in rows if r.data and r.data.id_number]
        phones = [r.data.phone for r in rows if r.data and r.data.phone]
        by_id = {h.id_number: h for h in await _households_with("id_number", id_numbers)}
        by_phone: dict[str | None, list[Household]] = defaultdict(list)
        for h in await _households_with("phone", phones, live=True):
            by_phone[h.phone].append(h)
        twin_ids = {
            hid
            for r in rows
            if r.data and r.data.birth_year is not None
            for hid in self.names_in_commune.get((r.name_key, r.data.birth_year), [])
        }
        twins = {h.id: h for h in await Household.filter(id__in=list(twin_ids))}
        codes = [r.code for r in rows if r.code is not None]
        by_code = {}
        if codes:
            found = Household.filter(id__in=codes, commune_id=self.places.commune.id)
            by_code = {h.id: h for h in await found}
        matched = [by_id[r.data.id_number] for r in rows if r.data and r.data.id_number in by_id]
        matched += list(by_code.values())
        damage = {}
        if self.places.disaster is not None and matched:
            assessed = DamageAssessment.filter(
                household_id__in=[h.id for h in matched], disaster_id=self.places.disaster.id
            )
            damage = {a.household_id: a for a in await assessed}
        for row in rows:
            if row.code is not None:
                self._by_code(row, by_code.get(row.code), by_id, damage, outcome)
            else:
                self._one(row, by_id, by_phone, twins, damage, outcome)
        return outcome

    def _by_code(self, row: Row, owner, by_id, damage, outcome: Outcome) -> None:
        """A row of a list exported by Relief: that household, updated if it was edited."""
        report, data = self.report, row.data
        assert data is not None  # checked rows carry their data
        if owner is None:
            row.error(
                "household_code", NO_SUCH_CODE, code=row.code, commune=self.places.commune.name
            )
        elif data.id_number:
            self._repeat(row)
            other = by_id.get(data.id_number)
            if other is not None and other.id != owner.id:
                row.error("id_number", duplicates.ID_TAKEN)
        if owner is not None and owner.archived_at is not None:
            row.error("household_code", ARCHIVED)
        if row.errors:
            for name, message, params in row.errors:
                report.add_error(row.number, name, message, params)
            return
        found = damage.get(owner.id)
        fields = changed_fields(row, owner, found)
        if not fields:
            report.unchanged += 1
            self._skip(row, owner, "unchanged")
            return
        if row.version is not None and row.version != owner.version:
            hamlets = {h.id: h.name for h in self.places.hamlets.values()}
            entry = {"row": row.number, "fields": fields, "message": CHANGED_SINCE}
            changes = differences(row, owner, found, hamlets)
            report.add_conflict({**entry, "changes": changes, **self._describe(owner)})
            return
        report.updated += 1
        for name in fields:
            report.changed_fields[name] = report.changed_fields.get(name, 0) + 1
        if len(report.changed_rows) < REPORT_CAP:
            report.changed_rows.append(
                {"row": row.number, "head_name": data.head_name, "fields": fields}
            )
        outcome.update.append((row, owner, found))

    def _one(self, row: Row, by_id, by_phone, twins, damage, outcome: Outcome) -> None:
        report, data = self.report, row.data
        assert data is not None
        repeated = bool(data.id_number) and self._repeat(row)
        if data.id_number and not repeated and not any(e[0] == "id_number" for e in row.errors):
            owner = by_id.get(data.id_number)
            if owner is not None and not (
                owner.commune_id == self.places.commune.id and owner.head_name_key == row.name_key
            ):
                row.error("id_number", duplicates.ID_TAKEN)
            elif owner is not None and owner.archived_at is not None:
                row.error("id_number", ARCHIVED)
        if row.errors:
            for name, message, params in row.errors:
                report.add_error(row.number, name, message, params)
            return
        owner = by_id.get(data.id_number) if data.id_number else None
        if owner is not None:  # the same household again: corrected, or unchanged
            found = damage.get(owner.id)
            if same_household(row, owner) and same_damage(row, found):
                report.unchanged += 1
                self._skip(row, owner, "unchanged")
            else:
                report.updated += 1
                outcome.update.append((row, owner, found))
            return
        matches = self._twins(row, by_phone, twins)
        if matches and not data.id_number:
            same = next((h for h in matches if same_household(row, h)), None)
            if same is not None and row.damage is None:
                self._skip(row, same, "already recorded")
                return
        in_file = self._seen(row)
        if matches or in_file:
            decision, reason = self.decisions.get(row.number, ("", ""))
            if row.duplicate_reason and not decision:
                decision, reason = "keep", row.duplicate_reason
            if decision == "drop":
                self._skip(row, None, "dropped")
                return
            if decision != "keep" or not reason:
                report.flagged += 1
                if len(report.flagged_rows) < REPORT_CAP:
                    report.flagged_rows.append(
                        {
                            "row": row.number,
                            "head_name": data.head_name,
                            "birth_year": data.birth_year,
                            "phone": data.phone,
                            "matches": [self._describe(h) for h in matches],
                            "rows": in_file,
                            "reason": reason,
                        }
                    )
                return
            outcome.kept_duplicates.append((row.number, reason))
        report.created += 1
        outcome.create.append(row)

    def _repeat(self, row: Row) -> bool:
        """An ID number already on an earlier row of the file: reported as a repeat naming
        both rows, instead of what else is wrong with it (its birth year on the second row
        is usually another person's)."""
        assert row.data is not None and row.data.id_number  # called for rows with one
        number = row.data.id_number
        first = self.ids_seen.setdefault(number, row.number)
        if first == row.number:
            return False
        row.errors = [e for e in row.errors if e[0] != "id_number"]
        row.error("id_number", ID_TWICE, other=first, this=row.number, number=number)
        return True

    def _twins(self, row: Row, by_phone, twins) -> list[Household]:
        data = row.data
        assert data is not None  # checked rows carry their data
        found: dict[int, Household] = {}
        if data.birth_year is not None:
            for hid in self.names_in_commune.get((row.name_key, data.birth_year), []):
                if hid in twins:
                    found[hid] = twins[hid]
        for h in by_phone.get(data.phone or "", []):
            found[h.id] = h
        # Two valid, different ID numbers are two people, whatever their names and phones.
        return [h for h in found.values() if not _other_person(data.id_number, h.id_number)]

    def _seen(self, row: Row) -> list[int]:
        data, rows = row.data, []
        assert data is not None  # checked rows carry their data
        me = (row.number, data.id_number)
        if data.birth_year is not None:
            first = self.people_seen.setdefault((row.name_key, data.birth_year), me)
            if first[0] != row.number and not _other_person(data.id_number, first[1]):
                rows.append(first[0])
        if data.phone:
            first = self.phones_seen.setdefault(data.phone, me)
            if (
                first[0] != row.number
                and first[0] not in rows
                and not _other_person(data.id_number, first[1])
            ):
                rows.append(first[0])
        return rows

    def _skip(self, row: Row, h: Household | None, why: str) -> None:
        self.report.skipped += 1
        if len(self.report.skipped_rows) < REPORT_CAP:
            assert row.data is not None  # checked rows carry their data
            entry = {"row": row.number, "why": why, "head_name": row.data.head_name}
            self.report.skipped_rows.append({**entry, **(self._describe(h) if h else {})})


async def _households_with(
    column: str, values: list[str], *, live: bool = False
) -> list[Household]:
    """The households whose `column` is one of `values` (`live`: not archived), found by one
    parameter holding them all: an `IN` of 2,000 parameters built by the query builder cost
    a chunk more than its rows' own checks. Most chunks of a new list find none."""
    if not values:
        return []
    conn = Household._meta.db
    archived = " AND archived_at IS NULL" if live else ""
    if conn.capabilities.dialect == "postgres":
        sql = f'SELECT id FROM household WHERE "{column}" = ANY($1::text[]){archived}'
        sent: Any = list(values)
    else:
        sql = f'SELECT id FROM household WHERE "{column}" IN (SELECT value FROM json_each(?))'
        sql, sent = sql + archived, json.dumps(values)
    ids = [row["id"] for row in await conn.execute_query_dict(sql, [sent])]
    return list(await Household.filter(id__in=ids).order_by("id")) if ids else []


def takes_good_rows(errors: int, report: dict[str, Any]) -> bool:
    """Whether a preview with errors can be confirmed for its rows without: every error is a
    row's own (a missing column, or a file longer than the limit, concerns every row)."""
    return (
        bool(errors)
        and not report.get("too_many_rows")
        and all(e["row"] is not None for e in report.get("errors", []))
    )


def _other_person(one: str | None, other: str | None) -> bool:
    """Two ID numbers that say two people: both given and different (a row reaching the
    duplicate checks has a valid one, or none)."""
    return bool(one) and bool(other) and one != other


def _section(report: Report, places: Places, number: int, texts: list[str], state: dict) -> bool:
    """A row holding one text that names a hamlet: the hamlet of the rows below it."""
    if len(set(texts)) != 1:
        return False
    key, has_kind = layout.section_key(texts[0])
    hamlet = find_hamlet(places, key)
    if hamlet is None and not has_kind:
        return False
    state["hamlet"] = hamlet
    if hamlet is None:
        close = [places.hamlets[k].name for k in _close(key, places)]
        message = UNKNOWN_HAMLET if close else UNKNOWN_HAMLET_NONE
        params = {"name": texts[0], "commune": places.commune.name, "matches": ", ".join(close)}
        report.add_error(number, "hamlet", message, params)
    else:
        report.layout(number, layout.SECTION, texts[0])
    return True


def _close(key: str, places: Places) -> list[str]:
    import difflib

    return difflib.get_close_matches(key, list(places.hamlets), n=3, cutoff=0.6)


def _scaled(value: Any, scale: int) -> Any:
    """An amount of a column kept in thousands or millions of đồng, in đồng; anything else
    as written (its row's check says what is wrong)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return round(value * scale)
    digits = read_money(str(value))
    if digits.isdigit():
        return int(digits) * scale
    try:
        amount = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        return value
    return round(amount * scale) if amount >= 0 else value


def _read(fields: list[str | None], cells: list[Any]) -> tuple[list[str], dict[str, Any]]:
    """A row's texts (`cell_text` of each cell that holds one; text and whole numbers, nearly
    every cell, without its call) and its values by field (the read columns' cells that are
    not blank), in one pass over its cells."""
    texts = []
    values = {}
    for name, cell in zip_longest(fields, cells):
        if cell is None:
            continue
        kind = type(cell)
        if kind is str:
            text = cell.strip()
            if not text:
                continue
            texts.append(text)
        else:
            text = str(cell) if kind is int else cell_text(cell)
            if text:
                texts.append(text)
            if isinstance(cell, str) and not cell.strip():
                continue
        if name:
            values[name] = cell
    return texts, values


def data_rows(table: Table, report: Report, places: Places) -> Iterator[tuple[int, dict]]:
    """The households of the list as {field: cell}; layout rows listed in the report."""
    fields = table.fields
    scales = {
        name: scale
        for name, text in table.headers.items()
        if name == "estimated_loss" and (scale := money_scale(text)) != 1
    }
    report.scales = scales
    state: dict[str, Any] = {"hamlet": None, "signed": False}
    for number, cells in table.rows:
        texts, values = _read(fields, cells)
        if not texts:
            report.layout(number, layout.BLANK)
            continue
        if state["signed"] or layout.is_signature(texts):
            state["signed"] = True  # the signature block ends the list
            report.layout(number, layout.SIGNATURE, " ".join(texts))
            continue
        if layout.is_numbering(texts):
            report.layout(number, layout.NUMBERING, " ".join(texts))
            continue
        if layout.is_total(texts):
            report.layout(number, layout.TOTAL, " ".join(texts))
            continue
        if _section(report, places, number, texts, state):
            continue
        for name, scale in scales.items():
            if name in values:
                values[name] = _scaled(values[name], scale)
        if not values:  # text only in columns that are not read
            report.layout(number, layout.BLANK, " ".join(texts))
            continue
        if "hamlet" not in values and state["hamlet"] is not None:
            values["hamlet"] = state["hamlet"].name
            report.from_sections[number] = state["hamlet"].name
        yield number, values


def take(
    rows: Iterator[tuple[int, dict]],
    report: Report,
    places: Places,
    quick: QuickRows | None = None,
) -> list[Row]:
    """The next chunk of rows, each checked on its own (in the worker process that reads
    the file: relief.imports.reader); `quick` reads the rows without an error by their
    columns' distinct values (relief.imports.quick), check_row the others."""
    if quick is None:
        quick = QuickRows(places)
    chunk: list[Row] = []
    for number, values in rows:
        report.rows += 1
        if report.rows > MAX_ROWS:
            report.too_many_rows = True
            report.add_error(number, "file", TOO_MANY_ROWS, {})
            break
        row = quick.check(number, values) or check_row(number, values, places)
        if len(report.names) < NAMES_SHOWN and row.data is not None and row.data.head_name:
            report.names.append(row.data.head_name)
        if row.former is not None and len(report.former_rows) < REPORT_CAP:
            head = row.data.head_name if row.data is not None else ""
            report.former_rows.append({"row": number, "head_name": head, **row.former})
        chunk.append(row)
        if len(chunk) >= CHUNK:
            break
    return chunk
