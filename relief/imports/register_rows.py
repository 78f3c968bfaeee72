"""A commune's year list read from its file, row by row (in a worker process): the poor and
near-poor list or the register of people with revolutionary service, as communes keep them.

The file is read by the households' reader (relief.imports.parsing: .xlsx, .xls, .ods, CSV,
the header found in the first rows, merged cells filled down) with the list's own headings
(relief.households.register_records); the rows that are not people (numbering, totals,
signatures) are skipped as in a list of households, and a section row names the hamlet, the
status ("HỘ CẬN NGHÈO") or the kind ("THƯƠNG BINH") of the rows below it. Every column the
list's record does not read is kept with each row, under its heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from relief.core.errors import Invalid
from relief.core.i18n import current_language
from relief.core.labels import vocabulary
from relief.core.text import fold
from relief.households.models import MeritKind, PovertyStatus, RegisterKind
from relief.households.register_records import NO_KIND, NO_STATUS, REGISTER_ROW
from relief.imports import layout
from relief.imports.columns import (
    NO,
    NUMBERING,
    VALUE_SPELLINGS,
    YES,
    coded_spellings,
    header_key,
    heading_key,
    heading_table,
    record_columns,
)
from relief.imports.limits import CELL_TOO_LONG, MAX_CELL_CHARS
from relief.imports.models import ImportKind
from relief.imports.parsing import Headings, Table, cell_text, open_table
from relief.imports.rows import UNKNOWN_VALUE, YES_NO

MAX_ROWS = 10_000  # a commune's list: a few thousand households at most
TOO_MANY_ROWS = "The file has more than 10,000 rows: is it one commune's list?"
NO_HEADER = (
    "No header row found: the file needs at least the column of the name (“Họ và tên”) in "
    "its first 30 rows."
)
COLUMNS = record_columns(REGISTER_ROW)
_BIRTH_DATE = re.compile(r"^\d{1,2}[/.-]\d{1,2}[/.-](\d{4})$")
_SECTION_NUMBER = re.compile(r"^([ivxlc]+|\d{1,3}|[a-z])\s*[.)/-]\s*")


@cache
def _headings() -> dict[str, str]:
    return heading_table(COLUMNS)


def match_heading(text: str) -> str | None:
    """The field of a list's heading, "" for a numbering column, None for any other."""
    key = heading_key(text)
    if not key:
        return None
    if key in NUMBERING:
        return ""
    return _headings().get(key)


HEADINGS = Headings(match=match_heading, key="name", missing=NO_HEADER)

# How lists write a household's status besides its label and code ("Hộ nghèo").
POVERTY_SPELLINGS = {
    **VALUE_SPELLINGS["poverty_status"],
    "ho ngheo": "poor",
    "ho can ngheo": "near_poor",
    "danh sach ho ngheo": "poor",
    "danh sach ho can ngheo": "near_poor",
    "thoat ngheo": "none",
    "ho thoat ngheo": "none",
    "thoat can ngheo": "none",
    "ho thoat can ngheo": "none",
}
# How registers write a kind besides its label: words a cell holds, tried in this order
# (a martyr's mother is a martyr's relative; "Thân nhân thương binh" a relative).
MERIT_WORDS: tuple[tuple[str, MeritKind], ...] = (
    (r"^(liet si|liet sy|ls)$", MeritKind.MARTYR),
    (r"liet si|liet sy|tnls|gia dinh ls|than nhan ls", MeritKind.MARTYR_RELATIVE),
    (r"than nhan|^tn", MeritKind.RELATIVE),
    (r"truoc (ngay )?(01 thang 01 nam |1/1/)?1945|lao thanh", MeritKind.PRE_1945),
    (r"tien khoi nghia|den ngay khoi nghia", MeritKind.PRE_UPRISING),
    (r"me viet nam anh hung|bmvnah", MeritKind.HEROIC_MOTHER),
    (r"anh hung luc luong vu trang|ahllvt", MeritKind.ARMED_FORCES_HERO),
    (r"anh hung lao dong", MeritKind.LABOUR_HERO),
    (r"thuong binh|^tb$|nhu thuong binh", MeritKind.WAR_INVALID),
    (r"benh binh|^bb$", MeritKind.SICK_SOLDIER),
    (r"chat doc hoa hoc|da cam|cdhh|dioxin", MeritKind.TOXIC_CHEMICALS),
    (r"bat tu|tu day|bi dich bat", MeritKind.PRISONER),
    (r"giup do cach mang", MeritKind.HELPED_REVOLUTION),
    (r"khang chien|bao ve to quoc|nghia vu quoc te|hdkc", MeritKind.RESISTANCE),
)


@cache
def poverty_statuses() -> dict[str, str]:
    return coded_spellings(vocabulary(PovertyStatus), POVERTY_SPELLINGS)


@cache
def _merit_labels() -> dict[str, str]:
    return coded_spellings(vocabulary(MeritKind), {})


def merit_kind(text: str) -> str | None:
    """The kind a register writes, by its label, its code or the words it holds."""
    key = header_key(text)
    found = _merit_labels().get(key)
    if found is not None:
        return found
    for words, kind in MERIT_WORDS:
        if re.search(words, key):
            return kind.value
    return None


def _status_of(kind: RegisterKind, text: str) -> str | None:
    if kind is RegisterKind.POVERTY:
        return poverty_statuses().get(header_key(text))
    return merit_kind(text)


def _id_text(value: Any) -> str:
    """An ID number as written; a number that lost its leading 0 in Excel gets it back."""
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        digits = str(int(value))
        return digits.zfill(12) if len(digits) > 9 else digits.zfill(9)
    return cell_text(value)


class Report:
    """What reading found besides the rows: each error with its row and column, the layout
    rows skipped (as the households' report lists them)."""

    def __init__(self, table: Table) -> None:
        self.headers = table.headers
        self.letters = table.columns
        self.errors: list[dict[str, Any]] = []
        self.layout: list[dict[str, Any]] = []

    def error(self, number: int | None, name: str, message: str, **params: Any) -> None:
        entry = REGISTER_ROW.by_name.get(name)
        column = self.headers.get(name) or (entry.heading if entry else "")
        letter = self.letters.get(name, "")
        self.errors.append(
            {"row": number, "column": column, "letter": letter, "message": message, **params}
        )

    def skip(self, number: int, why: str, text: str = "") -> None:
        self.layout.append({"row": number, "why": why, "text": text[:80]})


def _section(texts: list[str], kind: RegisterKind, hamlets: dict[str, str], state: dict) -> str:
    """A row of one text naming the status or kind, or the hamlet, of the rows below it:
    what it names ("" when it is not such a row)."""
    if len(set(texts)) != 1:
        return ""
    key = _SECTION_NUMBER.sub("", " ".join(fold(texts[0]).split()), count=1)
    code = _status_of(kind, key)
    if code is not None:
        state["code"], state["code_text"] = code, texts[0]
        return "status"
    name, has_kind = layout.section_key(texts[0])
    found = hamlets.get(name) or hamlets.get(layout.strip_kind(name))
    if found is None and not has_kind:
        return ""
    state["hamlet"] = found or texts[0]
    return "hamlet"


# The other list's columns: kept with each row as they are written, never read.
NOT_READ = {
    RegisterKind.POVERTY: frozenset({"merit_kind"}),
    RegisterKind.MERIT: frozenset({"poverty_status", "poor_mark", "near_poor_mark"}),
}


def extra_columns(table: Table, kind: RegisterKind) -> list[int]:
    """The columns kept as written: those the list's record does not read."""
    unread = NOT_READ[kind]
    return [i for i, f in enumerate(table.fields) if table.texts[i] and (f is None or f in unread)]


def data_rows(
    table: Table, report: Report, kind: RegisterKind, hamlets: dict[str, str]
) -> Iterator[tuple[int, dict[str, Any], dict[str, str], dict[str, Any]]]:
    """The people of the list: (row, {field: cell}, {heading: text} of the other columns,
    the section they stand under); layout rows listed in the report."""
    unread = NOT_READ[kind]
    fields = [None if f in unread else f for f in table.fields]
    extra_at = extra_columns(table, kind)
    state: dict[str, Any] = {"hamlet": None, "code": None, "code_text": ""}
    signed = False
    for number, cells in table.rows:
        texts = [t for t in (cell_text(c) for c in cells) if t]
        if not texts:
            report.skip(number, layout.BLANK)
            continue
        if signed or layout.is_signature(texts):
            signed = True  # the signature block ends the list
            report.skip(number, layout.SIGNATURE, " ".join(texts))
            continue
        if layout.is_numbering(texts):
            report.skip(number, layout.NUMBERING, " ".join(texts))
            continue
        if layout.is_total(texts):
            report.skip(number, layout.TOTAL, " ".join(texts))
            continue
        if _section(texts, kind, hamlets, state):
            report.skip(number, layout.SECTION, texts[0])
            continue
        values = {
            name: value
            for name, value in zip(fields, cells, strict=False)
            if name and value is not None and (not isinstance(value, str) or value.strip())
        }
        if not values:  # text only in columns that are not read
            report.skip(number, layout.BLANK, " ".join(texts))
            continue
        extra = {}
        for i in extra_at:
            if i < len(cells) and (text := cell_text(cells[i])):
                extra[table.texts[i]] = text[:MAX_CELL_CHARS]
        yield number, values, extra, dict(state)


def check_row(  # noqa: C901 - one check per field
    number: int,
    cells: dict[str, Any],
    extra: dict[str, str],
    section: dict[str, Any],
    kind: RegisterKind,
    report: Report,
) -> dict[str, Any] | None:
    """A row of the list as plain data, or None when it has errors (each in the report)."""
    raw: dict[str, Any] = {}
    errors: list[tuple[str, str, dict[str, Any]]] = []
    marks: list[str] = []
    for name, value in cells.items():
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            errors.append((name, CELL_TOO_LONG, {}))
            continue
        text = _id_text(value) if name == "id_number" else cell_text(value)
        if name == "birth_year" and (m := _BIRTH_DATE.match(text)):
            text = m.group(1)
        if name in ("poor_mark", "near_poor_mark"):
            key = header_key(text)
            if key in YES:
                marks.append("poor" if name == "poor_mark" else "near_poor")
            elif key in NO:
                pass
            elif (code := poverty_statuses().get(key)) is not None:
                marks.append(code)
            else:
                errors.append((name, YES_NO, {}))
            continue
        raw[name] = text
    field = "poverty_status" if kind is RegisterKind.POVERTY else "merit_kind"
    written = raw.pop(field, "")
    code, kind_text = None, written
    if written:
        code = _status_of(kind, written)
        if code is None:
            errors.append((field, UNKNOWN_VALUE, {"value": written}))
    elif marks:
        code = marks[0]
    elif section.get("code"):
        code, kind_text = section["code"], section["code_text"]
    else:
        errors.append((field, NO_STATUS if kind is RegisterKind.POVERTY else NO_KIND, {}))
    if code is not None:
        raw[field] = code
    if not raw.get("hamlet") and section.get("hamlet"):
        raw["hamlet"] = section["hamlet"]
    data, found = REGISTER_ROW.row(raw)
    taken = {name for name, _, _ in errors}
    errors += [(name, message, {}) for name, message in found.items() if name not in taken]
    if errors:
        for name, message, params in errors:
            report.error(number, name, message, **params)
        return None
    return {
        "row": number,
        "name": data.name,
        "name_key": fold(data.name),
        "id_number": data.id_number,
        "hamlet": data.hamlet,
        "birth_year": data.birth_year,
        "code": code,
        "kind_text": kind_text[:120],
        "extra": extra,
    }


def read_register(
    data: bytes, file_kind: ImportKind, kind: RegisterKind, hamlets: dict[str, str], language: str
) -> dict[str, Any]:
    """The rows of a list file, each checked on its own; {"errors": {field: message}} when
    the file itself is refused. `hamlets`: the commune's hamlets, folded name -> name."""
    current_language.set(language)
    try:
        table = open_table(data, file_kind, HEADINGS)
        del data
        report = Report(table)
        rows: list[dict[str, Any]] = []
        count = 0
        for number, cells, extra, section in data_rows(table, report, kind, hamlets):
            count += 1
            if count > MAX_ROWS:
                raise Invalid({"file": TOO_MANY_ROWS})
            row = check_row(number, cells, extra, section, kind, report)
            if row is not None:
                rows.append(row)
    except Invalid as exc:
        return {"errors": dict(exc.field_errors)}
    return {
        "rows": rows,
        "count": count,
        "errors": None,
        "report": {"errors": report.errors, "layout": report.layout},
        "sheet": table.sheet,
        "encoding": table.encoding,
        "headers": table.headers,
        "letters": table.columns,
        "extra_columns": [table.texts[i] for i in extra_columns(table, kind)],
    }
