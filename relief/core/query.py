"""Query strings: the one place where their numbers and choices are read.

- An empty value (`?commune_id=` sent by an "all communes" choice) is the same as no value:
  `drop_empty_query_values` removes it before any handler reads the query.
- A whole number no id, page or year can be (beyond `MAX_ID`, e.g. 99999999999999999999)
  answers 400 (`reject_impossible_numbers`, before the handler runs), instead of overflowing the
  database's integer types. Text is not a number: a parameter the handler declares as text,
  and the search box `q` wherever it is read, may hold any digits (a 12-digit ID number, a
  +84 phone).
"""

from __future__ import annotations

import re
from functools import cache

from litestar import Request
from litestar.enums import ScopeType
from litestar.exceptions import ValidationException
from litestar.handlers import BaseRouteHandler
from litestar.types import ASGIApp, Receive, Scope, Send

from relief.core.web import MAX_ID, reject_impossible_ids

# ASCII digits and spaces only: Python's `int` refuses some characters `\s` and `\d` match
# beyond ASCII (a file separator, \x1c, after a digit), which made such a value a 500.
_INTEGER = re.compile(r"^\s*[+-]?\d+\s*$", re.ASCII)
# Free text read by the pages themselves from the query (the lists' search box).
TEXT = frozenset({"q"})


@cache
def text_parameters(handler: BaseRouteHandler) -> frozenset[str]:
    """The query parameters `handler` reads as text: `TEXT`, and those it declares as `str`."""
    names = set(TEXT)
    for name, field in handler.parsed_fn_signature.parameters.items():
        if field.is_subclass_of(str):
            names.add(getattr(field.kwarg_definition, "query", None) or name)
    return frozenset(names)


def drop_empty_query_values(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == ScopeType.HTTP and scope.get("query_string"):
            parts = scope["query_string"].split(b"&")
            kept = [p for p in parts if p and not p.endswith(b"=")]
            if len(kept) != len(parts):
                scope = {**scope, "query_string": b"&".join(kept)}
        await app(scope, receive, send)

    return middleware


async def reject_impossible_numbers(request: Request) -> None:
    """Before every handler: an impossible id in the path is not found (404); a whole number
    in the query beyond what any id, page or year can be answers 400, unless the parameter is
    text (`text_parameters`)."""
    await reject_impossible_ids(request)
    text = text_parameters(request.route_handler)
    for name, value in request.query_params.multi_items():
        if (
            name not in text
            and isinstance(value, str)
            and _INTEGER.match(value)
            and abs(int(value)) > MAX_ID
        ):
            raise ValidationException("This number is out of range.")
