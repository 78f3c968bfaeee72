"""The words for every code the app stores, registered once and translated when shown.

Each area registers its enumerations (and its plain sets of codes, such as the audit trail's
record kinds) in its own `labels` module: one English message id per value, translated through
the catalogue at the moment it is shown, so the same label reaches the pages (the `label`
filter), the exports, the audit page, the sponsor portal and the API's `*_label` fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from enum import Enum
from typing import Any

from relief.core import roles
from relief.core.actor import Role
from relief.core.i18n import current_language, gettext, pgettext


class Vocabulary(Mapping[Any, str]):
    """The labels of one set of codes: code -> English message id (a mapping, in order).

    An enumeration's vocabulary is keyed by its members; as they are `StrEnum`s, the stored
    code (a plain string) finds the same entry.
    """

    def __init__(self, name: str, labels: Mapping[Any, str], context: str | None = None) -> None:
        self.name = name
        self.context = context
        self._labels: dict[Any, str] = dict(labels)
        # The choice lists, per language: the catalogue does not change while the app runs,
        # and a list page's filters build a dozen of them on every view.
        self._options: dict[str, list[tuple[str, str]]] = {}

    def __getitem__(self, code: Any) -> str:
        return self._labels[code]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)

    def label(self, code: Any) -> str:
        """The code's label in the request's language; an unknown code is shown as it is."""
        message = self._labels.get(code)
        if message is None:
            return "" if code is None else str(_code(code))
        return pgettext(self.context, message) if self.context else gettext(message)

    def options(self) -> list[tuple[str, str]]:
        """(code, translated label) pairs for a choice list, in the registered order."""
        lang = current_language.get()
        made = self._options.get(lang)
        if made is None:
            made = [(_code(code), self.label(code)) for code in self._labels]
            self._options[lang] = made
        return list(made)

    def add(self, labels: Mapping[Any, str]) -> None:
        """More codes of an open set (the audit trail's record kinds and actions), each once."""
        for code, message in labels.items():
            if code in self._labels:
                raise ValueError(f"{self.name}: {code!r} already has a label")
            self._labels[code] = message
        self._options.clear()

    def messages(self) -> list[tuple[str | None, str]]:
        """(context, message id) of every label, for the catalogue's checks."""
        return [(self.context, message) for message in self._labels.values()]


_BY_NAME: dict[str, Vocabulary] = {}
_BY_ENUM: dict[type[Enum], Vocabulary] = {}


def _code(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def enum_name(enum: type[Enum]) -> str:
    """The vocabulary name of an enumeration: FundingSource -> "funding_source"."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", enum.__name__).lower()


def register(
    codes: type[Enum] | str, labels: Mapping[Any, str], *, context: str | None = None
) -> Vocabulary:
    """Registers the labels of an enumeration (every member needs one) or of a named code set.

    Each is registered once: a second registration under the same name is a mistake (two
    places for one set of words), and raises.
    """
    name = enum_name(codes) if isinstance(codes, type) else codes
    if name in _BY_NAME:
        raise ValueError(f"labels of {name!r} are already registered")
    vocabulary = Vocabulary(name, labels, context)
    if isinstance(codes, type):
        missing = [m.value for m in codes if m.value not in vocabulary]
        if missing:
            raise ValueError(f"{name}: no label for {missing}")
        _BY_ENUM[codes] = vocabulary
    _BY_NAME[name] = vocabulary
    return vocabulary


def vocabulary(codes: type[Enum] | str) -> Vocabulary:
    """The registered labels of an enumeration or of a code set, by the class or its name."""
    if isinstance(codes, type):
        return _BY_ENUM[codes]
    return _BY_NAME[codes]


def vocabularies() -> dict[str, Vocabulary]:
    return dict(_BY_NAME)


def label(value: Any, codes: type[Enum] | str | None = None) -> str:
    """The label of a value: an enumeration member alone, or a stored code with its set's name.

    `label(case.stage)`, `label("handed_over", "stage")`; "" for None.
    """
    if value is None or value == "":
        return ""
    if codes is None:
        if not isinstance(value, Enum) or type(value) not in _BY_ENUM:
            return str(value)
        return _BY_ENUM[type(value)].label(value)
    return vocabulary(codes).label(value)


def options(codes: type[Enum] | str) -> list[tuple[str, str]]:
    """(code, translated label) pairs of a set, for a select box."""
    return vocabulary(codes).options()


# The audit trail's words: what kind of record an entry is about, and what was done to it.
# Areas add their record kinds (and any action of their own) from their labels modules.
RECORDS = register("record", {})
ACTIONS = register(
    "action",
    {
        "create": "Created",
        "update": "Changed",
        "delete": "Deleted",
        "archive": "Archived",
        "restore": "Restored",
        "cancel": "Cancelled",
        "export": "Exported",
        "import": "Imported",
    },
    context="audit",
)
# Field names that several kinds of record share; a kind's own names come first.
FIELDS = register(
    "field",
    {
        "version": "Version",
        "commune_id": "Commune",
        "hamlet_id": "Hamlet",
        "name": "Name",
        "note": "Note",
        "reason": "Reason",
        "format": "Format",
        "rows": "Rows",
    },
)


_VALUES: dict[str, dict[str, Vocabulary]] = {}


# The roles' labels, as the roles' table (core.roles) names them.
ROLES = register(Role, {role: row.label for role, row in roles.ROLES.items()})


def register_record(
    entity: str,
    name: str,
    fields: Mapping[str, str] | None = None,
    values: Mapping[str, Vocabulary] | None = None,
) -> None:
    """A kind of record of the audit trail: its name, the names of its audited fields, and
    the vocabulary of each coded field (a case's `stage` reads "Đã bàn giao")."""
    RECORDS.add({entity: name})
    if fields:
        register(f"field:{entity}", fields)
    _VALUES[entity] = dict(values or {})


def value_label(entity: str, field: str, value: Any) -> str:
    """A stored value as the audit page shows it: a code by its label, yes/no in words."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    codes = _VALUES.get(entity, {}).get(field)
    if codes is not None and not isinstance(value, list | dict) and value in codes:
        return codes.label(value)
    if codes is not None and isinstance(value, list):
        return ", ".join(codes.label(v) if v in codes else str(v) for v in value)
    return str(value)


def field_label(entity: str, field: str) -> str:
    """A field's name on a kind of record, as the audit page and conflict messages show it."""
    own = _BY_NAME.get(f"field:{entity}")
    if own is not None and field in own:
        return own.label(field)
    return FIELDS.label(field) if field in FIELDS else field


register_record("demo", "Demonstration data")
ACTIONS.add({"load": "Loaded"})


def template_helpers() -> dict[str, dict[str, Any]]:
    """The `label` filter and the `options` global of the templates."""
    return {
        "filters": {"label": label},
        "globals": {"options": options, "field_label": field_label, "value_label": value_label},
    }
