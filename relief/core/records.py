"""A record's fields declared once, in a catalogue, and everything derived from it.

A record (a household, a damage assessment …) lists its fields once, as `Entry`s: name, type,
label, limits, who may see it, whether it is audited, exported and read from an import file
(with the file's Vietnamese heading and the other headings communes write). From that list
come the msgspec shapes of a write (`write`: the create body; `partial`: every field `UNSET`
unless sent, plus `version`), the readers of a page form, a JSON body and an import row into
them (every error collected against its field, in the message ids the forms always used), the
values of the API's answers, the audited fields, the export columns and the import columns.

Rules that need more than one field stay in the record's area: the catalogue runs them
(`rules`) over the decoded struct, with the errors found so far, so that a form still shows
every error at once.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, Generic, TypeVar, cast, get_origin

import msgspec

from relief.core.api import Sent, _dec_hook, _message
from relief.core.bodies import TOO_MANY_ITEMS, too_long_list
from relief.core.errors import CODES, NOT_OBJECT, REQUIRED, Invalid, code_for
from relief.core.forms import CHOOSE, MAX_AMOUNT, TOO_LARGE, parse_date, parse_money
from relief.core.labels import label
from relief.core.text import clean_text, clean_value
from relief.core.versions import VERSION_MISSING, read_version
from relief.core.versions import required as required_version

CONTACTS = "contacts"  # seen only under the contact details rule (relief.core.contacts)
UNSET = msgspec.UNSET
_TRUE = {"1", "on", "true", "yes"}


class Record(msgspec.Struct, kw_only=True, dict=True):
    """The base of every shape a catalogue makes (their fields are the catalogue's); what
    was wrong with the input it was read from is noted beside them (`errors_of`)."""

    if TYPE_CHECKING:  # the fields are made at run time: to a type checker each is Any

        def __getattr__(self, name: str) -> Any: ...


@dataclass(frozen=True)
class Entry:
    """One field of a record, as every part of the app needs to know it."""

    name: str
    type: Any  # str, int, float, bool, date or an Enum (the value's type, without None)
    label: str  # message id: the form's label, the audit page's name, the export's heading
    required: bool = False
    default: Any = None  # when left out (not required); None makes the field nullable
    max_length: int | None = None
    min: int | float | None = None
    max: int | float | None = None
    sees: str | None = None  # CONTACTS: blanked for whoever may not see contact details
    audited: bool = True
    exported: bool = True
    stored: bool = True  # False: part of the request only (a confirmation, a reason)
    heading: str = ""  # the import file's heading in Vietnamese ("" : not in the file)
    spellings: tuple[str, ...] = ()  # other headings communes write (folded)
    kind: str = ""  # "money" (read as đồng) or "year" (a plain number in exports)
    # Given when the record is made and never changed by an edit: not in the partial.
    fixed: bool = False
    # The model's column value of a checked value (a float area stored as a Decimal …).
    store: Callable[[Any], Any] | None = None
    # A field entered in one unit and stored in another (metres kept as centimetres): the
    # model's column (`store` converts into it) and the field's value of a stored one.
    column: str = ""
    load: Callable[[Any], Any] | None = None
    # A list of records of their own (the households of a visit, sent with it): each item is
    # read by that catalogue, its errors named "<field>.<n>.<its field>". JSON only.
    items: Catalogue[Any, Any] | None = None
    # How a text is stored (spaces collapsed, digits only …), before it is checked.
    clean: Callable[[str], str] | None = None
    # Why a value of the right type cannot be right (a message id), or None.
    check: Callable[[Any], str | None] | None = None
    # A message of this field's own in place of a general one, by code ("out_of_range" …);
    # "required" is what a form says of an empty field.
    messages: Mapping[str, str] = field(default_factory=dict)

    @property
    def nullable(self) -> bool:
        return not self.required and self.default is None

    @property
    def coded(self) -> bool:
        return isinstance(self.type, type) and issubclass(self.type, Enum)

    @property
    def stored_as(self) -> str:
        """The name of its column in the record's model."""
        return self.column or self.name

    def value_of(self, record: Any) -> Any:
        """Its value in a stored record, in the unit it is entered in (`load`)."""
        value = getattr(record, self.stored_as)
        if self.load is not None and value is not None:
            return self.load(value)
        if self.listed:
            return list(value or ())
        return value

    @cached_property  # asked for every field of every row an import reads
    def listed(self) -> bool:
        """A list of values (`list[Id]`, a list of codes): a form sends the field once per
        value, a JSON body a list."""
        return get_origin(self.type) is list

    @cached_property
    def checked_type(self) -> Any:
        """The value's type with its limits, as msgspec checks (and /schema shows) them."""
        meta: dict[str, Any] = {}
        if self.max_length is not None:
            meta["max_length"] = self.max_length
        low, high = self.min, self.max
        if self.kind == "money":
            low, high = 0 if low is None else low, MAX_AMOUNT if high is None else high
        if low is not None:
            meta["ge"] = low
        if high is not None:
            meta["le"] = high
        return Annotated[self.type, msgspec.Meta(**meta)] if meta else self.type

    @cached_property
    def annotation(self) -> Any:
        checked = self.checked_type
        return checked | None if self.nullable else checked

    def out_type(self) -> Any:
        """The type of its value in an API answer: codes and dates as strings."""
        plain = str if self.coded or self.type is date else self.type
        return plain | None if self.nullable or self.sees else plain


@dataclass(frozen=True)
class ExportColumn:
    """A column of a record's export: its heading, its cell kind and the value of a record."""

    entry: Entry
    heading: str
    kind: str

    def value(self, record: Any, visible: bool = True) -> Any:
        """The cell: a code by its label, yes as "x", nothing where the actor may not see."""
        entry = self.entry
        value = entry.value_of(record)
        if entry.sees and not visible:
            return ""
        if entry.type is bool:
            return "x" if value else ""
        if entry.coded:
            return label(value, entry.type) if value is not None else ""
        if value is None and entry.type is str:
            return ""
        if entry.listed:
            return ", ".join(str(v) for v in value)
        return value


Rules = Callable[[Any, dict[str, str]], None]
W = TypeVar("W", bound=Record)  # a catalogue's write shape
P = TypeVar("P", bound=Record)  # and its partial


class Catalogue(Generic[W, P]):
    """A record's entries and what is derived from them (see the module's docstring)."""

    def __init__(
        self,
        entity: str,
        entries: Sequence[Entry],
        *,
        write: str,
        partial: str,
        module: str,
        rules: Rules | None = None,
        doc: tuple[str, str] = ("", ""),
    ) -> None:
        """`write` and `partial` name the shapes (as /schema shows them), made in `module`
        (where they must be bound to those names, so that they can be pickled); `rules`
        checks what needs more than one field, adding to the errors (and may correct the
        struct, e.g. drop a value that its other fields make meaningless)."""
        self.entity = entity
        self.entries = tuple(entries)
        self.by_name = {e.name: e for e in self.entries}
        self.checked = [e for e in self.entries if e.check is not None]
        self.has_fixed = any(e.fixed for e in self.entries)  # a partial lacks those fields
        self.rules = rules
        for e in self.entries:  # a field's own message keeps the code of the one it replaces
            for code, message in e.messages.items():
                if code != "required":
                    CODES.setdefault(message, code)
        self.write: type[W] = msgspec.defstruct(  # type: ignore[assignment]
            write,
            [
                (e.name, e.annotation) if e.required else (e.name, e.annotation, e.default)
                for e in self.entries
            ],
            bases=(Record,),
            module=module,
            kw_only=True,
        )
        self.partial: type[P] = msgspec.defstruct(  # type: ignore[assignment]
            partial,
            [
                ("version", int),
                *(
                    (e.name, e.annotation | msgspec.UnsetType, UNSET)
                    for e in self.entries
                    if not e.fixed
                ),
            ],
            bases=(Record,),
            module=module,
            kw_only=True,
        )
        self.write.__doc__, self.partial.__doc__ = doc

    # What is derived for the rest of the app.

    @property
    def stored(self) -> list[Entry]:
        """The entries that are columns of the record's model."""
        return [e for e in self.entries if e.stored]

    @property
    def audited(self) -> list[str]:
        """The audited columns of the record's model."""
        return [e.stored_as for e in self.stored if e.audited]

    @property
    def imported(self) -> list[Entry]:
        """The entries an import file may carry, in the template's order."""
        return [e for e in self.entries if e.heading]

    def labels(self) -> dict[str, str]:
        """Column -> label, for the audit page (`register_record`)."""
        return {e.stored_as: e.label for e in self.entries if e.stored}

    def values(self, data: W) -> dict[str, Any]:
        """The model's column values of a write."""
        return {
            e.stored_as: e.store(value) if e.store is not None and value is not None else value
            for e in self.stored
            if (value := getattr(data, e.name)) is not UNSET
        }

    def form_values(self, record: Any) -> dict[str, str]:
        """A stored record as its page form shows it (with its version)."""
        values = {}
        for e in self.stored:
            value = e.value_of(record)
            if e.type is bool:
                values[e.name] = "1" if value else ""
            elif e.listed:
                values[e.name] = [str(v) for v in value or ()]  # type: ignore[assignment]
            elif value is None:
                values[e.name] = ""
            elif isinstance(value, Enum):
                values[e.name] = str(value.value)
            elif isinstance(value, date):
                values[e.name] = value.isoformat()  # as a date input sends it
            elif isinstance(value, float):
                values[e.name] = f"{Decimal(str(value)).normalize():f}"  # 1.5, 2 (not 2.0)
            else:
                values[e.name] = str(value)
        values["version"] = str(record.version)
        return values

    def out_fields(self) -> list[tuple[str, Any]]:
        """The fields of an API answer: each entry's value, and beside a code its label."""
        fields: list[tuple[str, Any]] = []
        for e in self.stored:
            fields.append((e.name, e.out_type()))
            if e.coded:
                fields.append((f"{e.name}_label", str))
        return fields

    def out_values(self, record: Any, *, contacts: bool) -> dict[str, Any]:
        """A record's values for an API answer; contact details None unless `contacts`."""
        values: dict[str, Any] = {}
        for e in self.stored:
            value = e.value_of(record)
            if e.sees and not contacts:
                value = None
            if e.coded:
                values[e.name] = None if value is None else value.value
                values[f"{e.name}_label"] = label(value)
            elif isinstance(value, date):
                values[e.name] = value.isoformat()
            else:
                values[e.name] = value
        return values

    def export_columns(self, language: str, *, contacts: bool) -> list[ExportColumn]:
        """The exported columns, headed as the import reads them (the Vietnamese heading, or
        the English label); contact details only when the actor may see some."""
        return [
            ExportColumn(
                e,
                e.heading if language == "vi" and e.heading else e.label,
                e.kind or _cell_kind(e.type),
            )
            for e in self.stored
            if e.exported and (contacts or not e.sees)
        ]

    # Reading input into the shapes. A reader never stops at a bad field: the shape comes
    # back with that field at its default and every error noted on it (`errors_of`); the
    # service that saves it raises them, with what only it can check (the database), so that
    # a form or a body is told every error at once.

    def form(self, raw: Mapping[str, Any]) -> W:
        """A page form (or an import row, as text) as the write shape."""
        return cast(W, _noted(*self.read(raw, text=True)))

    def row(self, raw: Mapping[str, Any]) -> tuple[W, dict[str, str]]:
        """An import row (text) as the write shape, and the error of each bad field apart."""
        data, errors = self.read(raw, text=True)
        return cast(W, data), errors

    def form_patch(self, raw: Mapping[str, Any], only: Collection[str] | None = None) -> P:
        """An edit form (it carries every field, and the version read) as the partial; a
        form that edits some fields only names them in `only` (the rest are left out)."""
        return cast(P, _noted(*self.read(raw, text=True, partial=True, only=only)))

    def body(self, sent: Sent | Any) -> W:
        """A JSON body as the write shape (`Invalid` at once when it is not an object)."""
        return cast(W, _noted(*self.read(_object(sent), text=False)))

    def body_patch(self, sent: Sent | Any) -> P:
        """A JSON body of the fields to change (and `version`) as the partial."""
        return cast(P, _noted(*self.read(_object(sent), text=False, partial=True)))

    def check(self, data: W) -> tuple[W, dict[str, str]]:
        """A write checked whole (types, limits, checks, rules) as a service saves it, and
        the errors found: those noted when it was read, and any found now."""
        checked, errors = self.read(msgspec.to_builtins(data), text=False)
        errors.update(errors_of(data))
        return cast(W, checked), errors

    def validate(self, data: W) -> W:
        """The write checked whole, or `Invalid` naming every bad field."""
        checked, errors = self.check(data)
        if errors:
            raise Invalid(errors)
        return checked

    def merge(self, record: Any, patch: P) -> W:
        """The write a partial makes of a stored record: what is sent over what is stored
        (with the errors noted on the partial)."""
        values = {e.name: e.value_of(record) for e in self.stored}
        values.update(
            (e.name, value)
            for e in self.entries
            if not e.fixed and (value := getattr(patch, e.name)) is not UNSET
        )
        return _noted(self.write(**values), errors_of(patch))

    def read(
        self,
        raw: Mapping[str, Any],
        *,
        text: bool,
        partial: bool = False,
        only: Collection[str] | None = None,
    ) -> tuple[Record, dict[str, str]]:
        """The shape read from `raw`, and the error of each bad field.

        `text`: values as a page form or an import row sends them (strings; an empty one is
        a field left empty, an unticked box is no); otherwise as JSON sends them (a field left
        out keeps its default, or stays `UNSET` in a partial). Bad fields are left at their
        default in the shape returned, so that rules and callers can look at the rest.
        `only` (a partial): the fields read, the others left out (and the rules left to the
        whole write the partial makes).
        """
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for e in self.entries:
            if partial and (e.fixed or (only is not None and e.name not in only)):
                continue
            if e.items is not None:
                outcome = _read_items(e, raw, text, partial, errors)
            else:
                outcome = _prepare(e, raw, text, partial)
            if isinstance(outcome, _Error):
                errors[e.name] = outcome.message
            elif outcome is not _LEFT_OUT:
                values[e.name] = outcome
        shape = self.partial if partial else self.write
        if partial:
            values["version"] = _version(raw, text, errors)
        try:  # every field at once; one by one only to tell which are bad
            data = msgspec.convert(values, shape, strict=False, dec_hook=_dec_hook)
        except msgspec.ValidationError:
            for name, value in list(values.items()):
                if name in self.by_name:
                    try:
                        values[name] = _convert(self.by_name[name], value)
                    except _Bad as bad:
                        errors[name] = bad.message
                        del values[name]
            holes = {e.name: None for e in self.entries if e.required and e.name not in values}
            data = shape(**(holes if not partial else {}), **values)
        for e in self.checked:
            value = getattr(data, e.name)
            if e.name in errors or value is None or value is UNSET:
                continue
            if problem := e.check(value):  # type: ignore[misc]
                errors[e.name] = problem
        whole = not partial or (text and only is None and not self.has_fixed)
        if self.rules is not None and whole:  # else on the write a partial makes (`merge`)
            self.rules(data, errors)
        return data, errors


class _Bad(Exception):
    def __init__(self, message: str) -> None:
        self.message = message


def _convert(e: Entry, value: Any) -> Any:
    """A prepared value as its entry's type, or _Bad with the field's message."""
    try:
        return msgspec.convert(value, e.annotation, strict=False, dec_hook=_dec_hook)
    except msgspec.ValidationError as exc:
        message = _message(exc, e.type)[0]
        too_large = isinstance(value, int) and value > 0
        out_of_range = code_for(message) == "out_of_range"
        if e.kind == "money" and out_of_range and too_large and "out_of_range" not in e.messages:
            message = TOO_LARGE
        raise _Bad(e.messages.get(code_for(message), message)) from None


@dataclass(frozen=True)
class _Error:
    message: str


_LEFT_OUT = object()  # a field a partial does not change


R = TypeVar("R", bound=Record)


def _noted(data: R, errors: dict[str, str]) -> R:
    if errors:
        data.__dict__["read_errors"] = dict(errors)
    return data


def errors_of(data: Record) -> dict[str, str]:
    """The errors noted on a shape when it was read (none: {})."""
    return dict(data.__dict__.get("read_errors", {}))


def base_version(patch: Record) -> int:
    """The version a partial was made on; refused (`Invalid`, field `version`) when it was
    left out or cannot be one."""
    noted = errors_of(patch)
    if "version" in noted:
        raise Invalid({"version": noted["version"]})
    return required_version(patch.version)


def _object(sent: Sent | Any) -> dict[str, Any]:
    raw = sent.raw if isinstance(sent, Sent) else sent
    if not isinstance(raw, dict):
        raise Invalid({"body": NOT_OBJECT})
    too_long = too_long_list(raw)  # before anything is built of the items, as `decode`
    if too_long is not None:
        raise Invalid({too_long: TOO_MANY_ITEMS})
    return raw


def _cell_kind(kind: Any) -> str:
    if kind is int:
        return "int"
    if kind is date:
        return "date"
    return "text"


def _version(raw: Mapping[str, Any], text: bool, errors: dict[str, str]) -> int:
    """The version an edit was made on; a form's is refused as missing when unreadable."""
    sent = raw.get("version")
    if not text:
        if "version" not in raw:
            errors["version"] = REQUIRED
            return 0
        try:
            sent = msgspec.convert(sent, int, strict=False)
        except msgspec.ValidationError as exc:
            errors["version"] = _message(exc, int)[0]
            return 0
    version = read_version(sent)
    if version is None:
        errors["version"] = VERSION_MISSING
        return 0
    return version


def _read_items(
    e: Entry, raw: Mapping[str, Any], text: bool, partial: bool, errors: dict[str, str]
) -> Any:
    """A list of records, each read by its catalogue (`Entry.items`; as text: a list of
    string mappings, which a page form cannot send); the errors of each are added to
    `errors`."""
    assert e.items is not None
    if e.name not in raw or (text and raw[e.name] in ("", [])):
        if partial:
            return _LEFT_OUT
        return _Error(REQUIRED) if e.required else list(e.default or ())
    sent = clean_value(raw[e.name])
    if not isinstance(sent, list):
        return _Error("Send a list.")
    if not all(isinstance(item, dict) for item in sent):
        return _Error(NOT_OBJECT)
    items = []
    for n, item in enumerate(sent):
        data, item_errors = e.items.read(item, text=text)
        errors.update((f"{e.name}.{n}.{name}", message) for name, message in item_errors.items())
        items.append(data)
    return items


# A form's field read from text is a pure function of its entry and the text: an import reads
# the same few values (hamlets, yes/no, dates, bands) on every row, each prepared once here.
_PREPARED: dict[tuple[int, str], tuple[Entry, Any]] = {}
_PREPARED_MAX = 65536


def _prepare(e: Entry, raw: Mapping[str, Any], text: bool, partial: bool) -> Any:
    """One field's value as sent, cleaned and ready to convert (`_prepare_sent`); a text
    field's remembered for the values that cannot change in place."""
    value = raw.get(e.name, "")
    if not text or partial or e.listed or type(value) is not str or len(value) > 200:
        return _prepare_sent(e, raw, text, partial)
    key = (id(e), value)
    found = _PREPARED.get(key)
    if found is not None and found[0] is e:  # the entry itself kept: an id is never reused
        return found[1]
    outcome = _prepare_sent(e, raw, True, False)
    if outcome is None or isinstance(outcome, str | int | date | _Error):
        if len(_PREPARED) >= _PREPARED_MAX:
            _PREPARED.clear()
        _PREPARED[key] = (e, outcome)
    return outcome


def _prepare_sent(e: Entry, raw: Mapping[str, Any], text: bool, partial: bool) -> Any:  # noqa: C901 - one branch per kind of value a form or a body sends
    """One field's value as sent, cleaned and ready to convert; _Error, or _LEFT_OUT (a
    partial that does not send it)."""
    if text and e.listed:  # every value sent, the empty ones dropped
        sent = raw.get(e.name, [])
        given = sent if isinstance(sent, list) else [sent]
        items = [item for v in given if isinstance(v, str) and (item := clean_text(v).strip())]
        if not items and e.required:
            return _Error(e.messages.get("required", REQUIRED))
        return items
    if text:
        value = raw.get(e.name, "")
        if isinstance(value, list):
            value = value[-1] if value else ""
        if e.type is bool:
            return value in _TRUE
        value = clean_text(value).strip() if isinstance(value, str) else ""
    else:
        if e.name not in raw:
            if partial:
                return _LEFT_OUT
            return _Error(REQUIRED) if e.required else e.default
        value = clean_value(raw[e.name])
        if isinstance(value, str):
            value = value.strip()
    if isinstance(value, str) and e.clean is not None:
        value = e.clean(value)
    if value is None and e.nullable:
        return None
    if isinstance(value, str) and not value and (text or e.type is str):
        if e.required:
            fallback = CHOOSE if e.coded else REQUIRED
            return _Error(e.messages.get("required", fallback) if text else REQUIRED)
        return e.default
    if text:
        try:
            if e.type is date:
                return parse_date(value)
            if e.kind == "money":
                return parse_money(value)
        except ValueError as exc:
            return _Error(str(exc))
    return value
