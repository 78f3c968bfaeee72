"""Reading HTML forms: every field parsed, every error collected, none raised halfway.

Litestar's own form parsing stops at the first error and refuses "" for optional numbers,
so pages read the raw form and parse it here. Messages are English ids, translated when shown.
"""

from __future__ import annotations

import contextlib
import re
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from litestar import Request

from relief.core.errors import Invalid
from relief.core.text import clean_value

E = TypeVar("E", bound=Enum)
CHOOSE = "Choose one of the options."  # what a select box left on its blank option is told
_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_MONEY = re.compile(r"^\d{1,3}([. ]\d{3})+$|^\d+$")


def parse_money(raw: str) -> int:
    """Whole đồng from "60.000.000", "60 000 000" or "60000000"; no decimals, no negatives."""
    text = raw.strip().replace("\u00a0", " ").removesuffix("₫").removesuffix("đ").strip()
    if text.startswith("-"):
        raise ValueError("An amount cannot be negative.")
    if not _MONEY.match(text):
        raise ValueError("Enter an amount in whole đồng, e.g. 60.000.000.")
    return int(text.replace(".", "").replace(" ", ""))


def parse_date(raw: str) -> date:
    """A date typed as dd/mm/yyyy (the Vietnamese way) or sent by a date input (yyyy-mm-dd)."""
    text = raw.strip()
    if day := _DAY.fullmatch(text):  # the usual dd/mm/yyyy without strptime (imports: per row)
        with contextlib.suppress(ValueError):
            return date(int(day[3]), int(day[2]), int(day[1]))
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError("Enter a date as dd/mm/yyyy.")


async def read_form(request: Request) -> dict[str, Any]:
    """The posted form: a string per field, a list where a field repeats."""
    form = await request.form()
    data: dict[str, Any] = {}
    for key in form:
        values = form.getall(key)
        data[key] = values if len(values) > 1 else values[0]
    return data


class Form:
    """Typed access to posted values; each failure is recorded against its field.

    Every value is cleaned of control and invisible characters on the way in (line breaks
    kept for notes); passwords are taken exactly as typed.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = {k: v if "password" in k else clean_value(v) for k, v in data.items()}
        self.errors: dict[str, str] = {}

    def raw(self, name: str) -> str:
        value = self.data.get(name, "")
        if isinstance(value, list):
            value = value[-1] if value else ""
        return value if isinstance(value, str) else ""

    def values(self, name: str) -> list[str]:
        value = self.data.get(name, [])
        return [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]

    def _missing(self, name: str, required: bool, message: str = "This field is required.") -> bool:
        if self.raw(name).strip():
            return False
        if required:
            self.errors[name] = message
        return True

    def text(self, name: str, *, required: bool = False, max_length: int = 255) -> str:
        value = self.raw(name).strip()
        if required and not value:
            self.errors[name] = "This field is required."
        elif len(value) > max_length:
            self.errors[name] = "This text is too long."
        return value

    def integer(
        self, name: str, *, required: bool = False, min: int | None = None, max: int | None = None
    ) -> int | None:
        if self._missing(name, required):
            return None
        try:
            value = int(self.raw(name).strip())
        except ValueError:
            self.errors[name] = "Enter a whole number."
            return None
        if (min is not None and value < min) or (max is not None and value > max):
            self.errors[name] = "This number is out of range."
        return value

    def money(self, name: str, *, required: bool = False) -> int | None:
        if self._missing(name, required):
            return None
        try:
            return parse_money(self.raw(name))
        except ValueError as exc:
            self.errors[name] = str(exc)
            return None

    def date(self, name: str, *, required: bool = False) -> date | None:
        if self._missing(name, required):
            return None
        try:
            return parse_date(self.raw(name))
        except ValueError as exc:
            self.errors[name] = str(exc)
            return None

    def boolean(self, name: str) -> bool:
        return self.raw(name) in {"1", "on", "true", "yes"}

    def choice(self, name: str, enum: type[E], *, required: bool = False) -> E | None:
        if self._missing(name, required, CHOOSE):
            return None
        try:
            return enum(self.raw(name))
        except ValueError:
            self.errors[name] = CHOOSE
            return None

    def check(self) -> None:
        """Raise every collected error at once."""
        if self.errors:
            raise Invalid(dict(self.errors))


# No relief amount comes near a million billion đồng; more is a typing slip (and would not fit).
MAX_AMOUNT = 10**15
TOO_LARGE = "This amount is too large."


def bounded_money(form: Form, name: str) -> int | None:
    """A money field of `form`, refused beyond MAX_AMOUNT."""
    value = form.money(name)
    if value is not None and value > MAX_AMOUNT:
        form.errors[name] = TOO_LARGE
        return None
    return value
