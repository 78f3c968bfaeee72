"""Request bodies: bounded in size, nesting and list length before anything is built of them.

One request must not stall the others (a million ids in a list held the server for 42 s):

- Size: `MAX_BODY_BYTES` for every request (the app's `request_max_body_size`; Litestar
  answers 413 as soon as more arrives). The uploads of photos and lists raise it on their
  own routes.
- Nesting: a JSON body nested deeper than `MAX_DEPTH`, or whose brackets do not pair up,
  answers 400 before it is parsed (`reject_deep_json`, before every handler that takes a
  JSON body): the parser would otherwise reach Python's recursion limit, a 500.
- Lists: a list of more than `MAX_ITEMS` anywhere in a JSON body answers 422 naming its field
  (`too_long_list`, called by `relief.core.api.decode` before the body is converted).
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.enums import RequestEncodingType

from relief.core.errors import DomainError

MAX_BODY_BYTES = 1024 * 1024  # a household with every field filled is some 5 KB
MAX_DEPTH = 16  # the API's shapes nest three levels at most
MAX_ITEMS = 1000  # a handover's houses, a visit's gifts: hundreds at most
TOO_DEEP = "The request body is nested too deeply (at most 16 levels)."
TOO_MANY_ITEMS = "A list holds at most 1000 items."
NOT_JSON = "The request body is not valid JSON."

# Opening brackets become "(", closing ones ")", anything else goes.
_BRACKETS = bytes.maketrans(b"[{]}", b"(())")
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def nesting_error(body: bytes, limit: int) -> str | None:
    """`TOO_DEEP` if the arrays and objects of a JSON text nest deeper than `limit`,
    `NOT_JSON` if its brackets do not pair up, else None; found without parsing it, in C
    loops (a few milliseconds for a megabyte, whatever it holds).

    Escaped backslashes and quotes go first, so every quote left opens or closes a string,
    and the strings go with them. Then each pass removes the innermost pairs of brackets:
    a pair still there after `limit` passes is deeper; a bracket without its pair is refused
    here too (the parser would go as deep as its opening brackets before finding out).
    """
    text = body.replace(b"\\\\", b"").replace(b'\\"', b"")
    outside = b"".join(text.split(b'"')[0::2])
    brackets = outside.translate(None, _NOT_BRACKETS).translate(_BRACKETS)
    for _ in range(limit):
        if b"()" not in brackets:
            break
        brackets = brackets.replace(b"()", b"")
    else:
        if b"()" in brackets:
            return TOO_DEEP
    return NOT_JSON if brackets else None


def _takes_json(request: Request) -> bool:
    data = request.route_handler.parsed_fn_signature.parameters.get("data")
    if data is None:
        return False
    media_type = getattr(data.kwarg_definition, "media_type", RequestEncodingType.JSON)
    return media_type == RequestEncodingType.JSON


async def reject_deep_json(request: Request) -> None:
    """Before a handler that takes a JSON body: one nested deeper than `MAX_DEPTH` is refused
    (400). Reading the body here applies the size limit too."""
    if _takes_json(request) and (error := nesting_error(await request.body(), MAX_DEPTH)):
        raise DomainError(error)


def too_long_list(value: Any, path: str = "") -> str | None:
    """The path ("house_ids", "gifts.2.needs") of the first list longer than `MAX_ITEMS` in a
    decoded JSON value, None if there is none. Lengths are read before any item is."""
    if isinstance(value, list):
        if len(value) > MAX_ITEMS:
            return path
        items: Any = enumerate(value)
    elif isinstance(value, dict):
        items = value.items()
    else:
        return None
    for key, item in items:
        if isinstance(item, list | dict):
            found = too_long_list(item, f"{path}.{key}" if path else str(key))
            if found is not None:
                return found
    return None
