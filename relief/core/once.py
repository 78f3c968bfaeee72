"""One-time submission keys: the same create sent twice is done once.

A page form carries a key in a hidden field (`submission_key`), an API client sends the
`Idempotency-Key` header. The first submission stores its key with its result (where it led,
or what the API answered) in the same transaction as its write; the same key sent again gets
the first result back and writes nothing. Two taps on Save, a queued post replayed by an
offline outbox, or a form resent after logging in again all carry the key they were made with.

An API key is kept with the digest of its request (method, path and body bytes): the key sent
again with another request is refused (422), so a client never takes a different write for
done. (A replay sends the same bytes; a client that rebuilds its JSON must keep it identical.)
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

from litestar.enums import ScopeType
from litestar.types import ASGIApp, HTTPScope, Message, Receive, ReceiveMessage, Scope, Send
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from relief.core.actor import Actor, current_actor
from relief.core.errors import Conflict, DomainError
from relief.core.i18n import gettext
from relief.core.models import SubmissionKey

T = TypeVar("T")

FIELD = "submission_key"  # the hidden field of a page form
HEADER = "idempotency-key"  # the API's request header
REPLAYED = "idempotent-replayed"  # the API's answer header on a replay
_SHAPE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
USED_BY_ANOTHER = "This submission key was already used by another account."


def new_key() -> str:
    """A fresh key for a form about to be shown (32 URL-safe characters)."""
    return secrets.token_urlsafe(24)


def clean_key(raw: Any) -> str | None:
    """The key if it has the expected shape (16–64 of A–Z a–z 0–9 _ -), else None."""
    if not isinstance(raw, str):
        return None
    key = raw.strip()
    return key if _SHAPE.match(key) else None


@dataclass(frozen=True)
class Outcome:
    """What the first submission of a key answered: a redirect, or an API status and body."""

    location: str = ""
    status: int = 303
    body: str | None = None
    content_type: str = ""
    request_digest: str | None = None  # of the API request that used the key

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


async def first_outcome(actor: Actor, key: str) -> Outcome | None:
    """The stored outcome of `key`, None if it was never used; another account's key is refused."""
    row = await SubmissionKey.get_or_none(key=key)
    if row is None:
        return None
    if row.user_id != actor.user_id:
        raise Conflict(USED_BY_ANOTHER)
    return Outcome(row.location, row.status, row.body, row.content_type, row.request_digest)


# The pending key of a write made in several short transactions (`once(..., chunked=True)`).
_pending: ContextVar[Callable[[Any], Awaitable[None]] | None] = ContextVar(
    "pending_submission_key", default=None
)


async def record(result: Any) -> None:
    """Called by a write made in several short transactions (a large import), inside its last
    one: keeps the request's submission key there, with the outcome of `result`. Nothing when
    the request carries no key."""
    keep = _pending.get()
    if keep is not None:
        await keep(result)


async def once(
    actor: Actor,
    key: str | None,
    work: Callable[[], Awaitable[T]],
    outcome: Callable[[T], Outcome | None],
    *,
    chunked: bool = False,
) -> T | Outcome:
    """Runs `work` once per key: its result, or the first submission's Outcome on a repeat.

    `work` runs in a transaction (the services' own transactions nest in it) that also stores
    the key with `outcome(result)`; an outcome of None, or a refusal (a domain error, raised
    again after), keeps no key, so the corrected form can be sent with the same key. When
    two submissions of one key race, the second's insert of the key fails on the unique index
    after the first commits; its transaction, and so everything it wrote, is rolled back and
    it answers with the first one's outcome.

    `chunked`: `work` makes its own short transactions (an import of 100,000 rows in one
    would hold every other commune's saves for minutes) and calls `record` in its last one;
    a second submission meanwhile finds the work claimed (the import no longer waiting) and
    writes nothing, and one after it gets the first one's outcome.
    """
    if key is None:
        return await work()
    found = await first_outcome(actor, key)
    if found is not None:
        return found
    if chunked:
        return await _chunked(actor, key, work, outcome)
    refused: DomainError | None = None
    try:
        async with in_transaction():
            try:
                result = await work()
            except DomainError as exc:
                # Refused: no key is kept, and whatever the service chose to record before
                # refusing (a failed import's report) stays, as it does without a key.
                refused = exc
            else:
                made = outcome(result)
                if made is not None:
                    await SubmissionKey.create(key=key, user_id=actor.user_id, **asdict(made))
    except IntegrityError:
        found = await first_outcome(actor, key)
        if found is None:
            raise
        return found
    if refused is not None:
        raise refused
    return result


async def _chunked(
    actor: Actor,
    key: str,
    work: Callable[[], Awaitable[T]],
    outcome: Callable[[T], Outcome | None],
) -> T | Outcome:
    kept = False

    async def keep(result: Any) -> None:
        nonlocal kept
        made = outcome(result)
        if made is not None and not kept:
            await SubmissionKey.create(key=key, user_id=actor.user_id, **asdict(made))
            kept = True

    token = _pending.set(keep)
    try:
        return await work()
    except IntegrityError:  # the same key kept meanwhile by a submission that raced this one
        found = await first_outcome(actor, key)
        if found is None:
            raise
        return found
    finally:
        _pending.reset(token)


_WRITES = {"POST", "PUT", "PATCH", "DELETE"}


BAD_KEY = "The Idempotency-Key header must be 16 to 64 letters, digits, - or _."
OTHER_REQUEST = "This Idempotency-Key was already used with a different request."
# A replay's body is read (and hashed, not kept) up to this size; the largest the API takes
# is a 12 MB photo.
MAX_REPLAYED_BODY = 32 * 1024 * 1024


class _Hashing:
    """The request's `receive`, hashing its method, path and body as they are read."""

    def __init__(self, scope: HTTPScope, receive: Receive) -> None:
        self._receive = receive
        self._hash = hashlib.sha256(f"{scope['method']} {scope['path']}\n".encode())
        self._size = 0
        self.complete = False  # the whole body went through

    async def __call__(self) -> ReceiveMessage:
        message = await self._receive()
        if message["type"] == "http.request" and not self.complete:
            chunk = message.get("body", b"")
            self._hash.update(chunk)
            self._size += len(chunk)
            self.complete = not message.get("more_body", False)
        return message

    async def read_all(self) -> None:
        """Reads what the app has not read of the body (a replay's: the app does not run)."""
        while not self.complete and self._size <= MAX_REPLAYED_BODY:
            if (await self())["type"] != "http.request":
                return

    def digest(self) -> str | None:
        return self._hash.hexdigest() if self.complete else None


def _json_answer(status: int, message: str) -> tuple[int, list, bytes]:
    body = {"status_code": status, "detail": gettext(message)}
    return status, [(b"content-type", b"application/json")], json.dumps(body).encode()


def idempotency_middleware(app: ASGIApp) -> ASGIApp:
    """The API's `Idempotency-Key`: a write sent again with its key replays the first answer.

    Placed inside the authentication middleware (it needs the actor). Only successful answers
    keep their key: a refused write (4xx) can be corrected and sent again with the same key.
    A replay whose method, path or body differs from the first request's answers 422.
    """

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != ScopeType.HTTP
            or scope["method"] not in _WRITES
            or not scope["path"].startswith("/api/")
        ):
            await app(scope, receive, send)
            return
        raw = next((v for k, v in scope["headers"] if k == HEADER.encode()), None)
        actor = current_actor.get()
        if raw is None or actor.user_id is None:
            await app(scope, receive, send)
            return
        key = clean_key(raw.decode("latin-1"))
        if key is None:
            await _send(send, *_json_answer(400, BAD_KEY))
            return
        request = _Hashing(scope, receive)

        async def work() -> tuple[int, list, bytes]:
            status, headers, chunks = 500, [], []

            async def keep(message: Message) -> None:
                nonlocal status, headers
                if message["type"] == "http.response.start":
                    status, headers = message["status"], list(message.get("headers", []))
                elif message["type"] == "http.response.body":
                    chunks.append(message.get("body", b""))

            await app(scope, request, keep)
            return status, headers, b"".join(chunks)

        def outcome(answer: tuple[int, list, bytes]) -> Outcome | None:
            status, headers, body = answer
            if not 200 <= status < 300:
                return None
            kind = next((v.decode("latin-1") for k, v in headers if k == b"content-type"), "")
            return Outcome(
                status=status,
                body=body.decode("utf-8"),
                content_type=kind,
                request_digest=request.digest(),
            )

        try:
            result = await once(actor, key, work, outcome)
        except Conflict as exc:
            await _send(send, *_json_answer(409, exc.message))
            return
        if isinstance(result, Outcome):
            await request.read_all()
            if result.request_digest is not None and request.digest() != result.request_digest:
                await _send(send, *_json_answer(422, OTHER_REQUEST))
                return
            headers = [
                (b"content-type", result.content_type.encode("latin-1")),
                (REPLAYED.encode(), b"true"),
            ]
            await _send(send, result.status, headers, (result.body or "").encode("utf-8"))
            return
        await _send(send, *result)

    return middleware


async def _send(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    headers = [(k, v) for k, v in headers if k != b"content-length"]
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})
