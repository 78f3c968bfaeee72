"""Query strings: the one place where their numbers and choices are read.

- An empty value (`?commune_id=` sent by an "all communes" choice) is the same as no value:
  `drop_empty_query_values` removes it before any handler reads the query.
- A whole number no id, page or year can be (beyond `MAX_ID`, e.g. 99999999999999999999)
  answers 400 (`reject_impossible_numbers`, before the handler runs), instead of overflowing the
  database's integer types.
"""

from __future__ import annotations

import re

from litestar import Request
from litestar.enums import ScopeType
from litestar.exceptions import ValidationException
from litestar.types import ASGIApp, Receive, Scope, Send

from relief.core.web import MAX_ID, reject_impossible_ids

_INTEGER = re.compile(r"^\s*[+-]?\d+\s*$")


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
    in the query beyond what any id, page or year can be answers 400."""
    await reject_impossible_ids(request)
    for _, value in request.query_params.multi_items():
        if isinstance(value, str) and _INTEGER.match(value) and abs(int(value)) > MAX_ID:
            raise ValidationException("This number is out of range.")
