"""Query strings: the one place where their numbers and choices are read.

- An empty value (`?commune_id=` sent by an "all communes" choice) is the same as no value:
  `drop_empty_query_values` removes it before any handler reads the query.
- A whole number no id, page or year can be (beyond `MAX_ID`, e.g. 99999999999999999999)
  answers 400 (`reject_impossible_numbers`, before the handler runs), instead of overflowing the
  database's integer types.
- Handlers that read the query themselves use `query_int` and `query_choice`: a value that
  is not a number in range, or not one of the choices, is ignored.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Any, TypeVar

from litestar import Request
from litestar.exceptions import ValidationException
from litestar.types import ASGIApp, Receive, Scope, Send

from relief.core.web import MAX_ID, reject_impossible_ids

E = TypeVar("E", bound=Enum)
_INTEGER = re.compile(r"^\s*[+-]?\d+\s*$")


def drop_empty_query_values(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            parts = scope["query_string"].split(b"&")
            kept = [p for p in parts if p and not p.endswith(b"=")]
            if len(kept) != len(parts):
                scope = {**scope, "query_string": b"&".join(kept)}
        await app(scope, receive, send)

    return middleware


async def reject_impossible_numbers(request: Request) -> None:
    """Before every handler: an impossible id in the path is not found (404); a whole number
    in the query beyond what any id, page or year can be answers 400."""
    await reject_impossible_ids(request)
    for _, value in request.query_params.multi_items():
        if isinstance(value, str) and _INTEGER.match(value) and abs(int(value)) > MAX_ID:
            raise ValidationException("This number is out of range.")


def query_int(params: Any, name: str, *, low: int = 1, high: int = MAX_ID) -> int | None:
    """A whole number in [low, high], or None for anything else (missing, empty, text)."""
    value = params.get(name)
    if not isinstance(value, str) or not _INTEGER.match(value):
        return None
    number = int(value)
    return number if low <= number <= high else None


def query_choice(params: Any, name: str, enum: type[E]) -> E | None:
    """One of an enum's values, or None for anything else."""
    value = params.get(name)
    try:
        return enum(value.strip()) if isinstance(value, str) else None
    except ValueError:
        return None
