"""Nothing typed is lost: a form posted after its session ended waits for its user to log in.

A commune officer fills a long form in a hamlet, the session ends meanwhile, Save answers with
the login page. Here the posted form is kept in the database against a random one-time key
held in a cookie (never in the URL), bound to the user whose session it was. After logging in,
the officer comes back to the page the form was on and the kept form is posted again, as them:
if it is valid it is saved, otherwise the form shows again with what was typed and its errors.
Only URL-encoded forms are kept (not file uploads); a kept form lasts KEEP_FOR.

Whose form it is comes from the session, or, when the browser has lost the session cookie (a
phone that closed its browser), from the signed "whose phone" cookie the login leaves beside
it. A form is kept only if it carries the browser's own CSRF token (a cross-site post never
is), so its replay may carry the token the browser holds after logging in: a new login makes a
new one, and the replay would otherwise be refused and the form lost.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, quote, urlencode

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, ReceiveMessage, Scope, Send

from relief.accounts import sessions
from relief.accounts.models import KeptForm, Session
from relief.core.web import page_of_form

KEPT_COOKIE = "relief_kept"
OWNER_COOKIE = "relief_owner"  # whose phone: the user id, signed; set at login
OWNER_FOR = timedelta(days=30)
CSRF_COOKIE = "relief_csrf"  # relief.app's CSRFConfig
CSRF_FIELD = "_csrf_token"
KEEP_FOR = timedelta(hours=12)
MAX_BODY = 256 * 1024
FORM_TYPE = "application/x-www-form-urlencoded"


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def owner_value(user_id: int, secret: str) -> str:
    """The "whose phone" cookie's value: the user id and its signature."""
    mac = hmac.new(secret.encode(), f"owner:{user_id}".encode(), hashlib.sha256).hexdigest()
    return f"{user_id}.{mac}"


def owner_of(value: str | None, secret: str) -> int | None:
    user_id, _, _mac = (value or "").partition(".")
    if not user_id.isdigit() or len(user_id) > 12:
        return None
    good = hmac.compare_digest(owner_value(int(user_id), secret), value or "")
    return int(user_id) if good else None


def _form_token(body: bytes) -> str | None:
    for name, value in parse_qsl(body.decode("latin-1"), keep_blank_values=True):
        if name == CSRF_FIELD:
            return value
    return None


def _with_token(body: bytes, token: str | None) -> bytes:
    """The kept body with the browser's current CSRF token in place of the one it was sent
    with (the body is kept as bytes: its text is URL-encoded ASCII)."""
    if not token:
        return body
    pairs = parse_qsl(body.decode("latin-1"), keep_blank_values=True)
    return urlencode([(k, token if k == CSRF_FIELD else v) for k, v in pairs]).encode("latin-1")


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _cookies(headers: dict[str, str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for part in headers.get("cookie", "").split(";"):
        name, _, value = part.strip().partition("=")
        found.setdefault(name, value)
    return found


def _cookie_header(value: str, max_age: int, secure: bool) -> tuple[bytes, bytes]:
    flags = f"{KEPT_COOKIE}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax"
    return b"set-cookie", (flags + ("; Secure" if secure else "")).encode("latin-1")


def _page_of(headers: dict[str, str], action: str) -> str:
    return page_of_form(headers.get("referer", ""), headers.get("host", ""), action)


async def _read_body(receive: Receive) -> tuple[bytes, bool]:
    body, more = b"", True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            return body, False
        body += message.get("body", b"")
        more = message.get("more_body", False)
    return body, True


def _replaying(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def again() -> ReceiveMessage:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return again


def form_rescue_middleware(idle_minutes: int, secure: bool, secret: str):
    """ASGI middleware (outside authentication) that keeps refused forms and replays them."""

    def factory(app: ASGIApp) -> ASGIApp:
        async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != ScopeType.HTTP or scope["path"].startswith("/api/"):
                await app(scope, receive, send)
                return
            headers = _headers(scope)
            cookies = _cookies(headers)
            session = cookies.get(sessions.SESSION_COOKIE)
            owner = owner_of(cookies.get(OWNER_COOKIE), secret)
            if (
                scope["method"] == "POST"
                and (session or owner)
                and headers.get("content-type", "").startswith(FORM_TYPE)
            ):
                await _keep_if_refused(app, scope, receive, send, headers, cookies, owner, secure)
            elif scope["method"] == "GET" and session and cookies.get(KEPT_COOKIE):
                await _replay(app, scope, receive, send, cookies, idle_minutes, secure)
            else:
                await app(scope, receive, send)

        return middleware

    return factory


async def _keep_if_refused(app, scope, receive, send, headers, cookies, phone_owner, secure):
    """Posts as usual; if the answer is "log in first", the form is kept for its user (the
    session's, or the phone's when the session cookie is gone)."""
    session = cookies.get(sessions.SESSION_COOKIE)
    owner = (
        await Session.filter(id=_hash(session)).values_list("user_id", flat=True) if session else []
    ) or ([phone_owner] if phone_owner else [])
    body, complete = await _read_body(receive)
    same_site = bool(cookies.get(CSRF_COOKIE)) and _form_token(body) == cookies.get(CSRF_COOKIE)
    keep = bool(owner) and complete and len(body) <= MAX_BODY and same_site

    async def send_kept(message: Message) -> None:
        if keep and message["type"] == "http.response.start" and message["status"] == 303:
            location = dict(message.get("headers", [])).get(b"location", b"")
            if location.startswith(b"/login"):
                key = secrets.token_urlsafe(32)
                page = _page_of(headers, scope["path"])
                await KeptForm.filter(user_id=owner[0], page=page).delete()  # the latest wins
                await KeptForm.create(
                    id=_hash(key),
                    user_id=owner[0],
                    page=page[:1000],
                    action=scope["path"][:1000],
                    content_type=headers.get("content-type", FORM_TYPE)[:255],
                    body=body,
                )
                rest = [(k, v) for k, v in message.get("headers", []) if k != b"location"]
                login = f"/login?next={quote(page)}".encode("latin-1")
                message = {
                    **message,
                    "headers": [
                        *rest,
                        (b"location", login),
                        _cookie_header(key, int(KEEP_FOR.total_seconds()), secure),
                    ],
                }
        await send(message)

    await app(scope, _replaying(body, receive), send_kept)


async def _replay(app, scope, receive, send, cookies, idle_minutes, secure) -> None:
    """Back on the form's page after logging in: the kept form is posted again, once."""
    key_hash = _hash(cookies[KEPT_COOKIE])
    kept = await KeptForm.get_or_none(id=key_hash)
    user = await sessions.resolve(cookies.get(sessions.SESSION_COOKIE), idle_minutes)
    query = scope.get("query_string", b"").decode("latin-1")
    here = scope["path"] + (f"?{query}" if query else "")
    fresh = kept is not None and datetime.now(UTC) - kept.created_at <= KEEP_FOR
    if (
        kept is None
        or user is None
        or kept.user_id != user.id  # bound to the user whose session it was
        or kept.page != here
        or not fresh
        or not await KeptForm.filter(id=key_hash).delete()  # one time: the first request wins
    ):
        if kept is not None and not fresh:
            await KeptForm.filter(id=key_hash).delete()
        await app(scope, receive, send)
        return
    body = _with_token(bytes(kept.body), cookies.get(CSRF_COOKIE))
    headers = [
        (k, v) for k, v in scope.get("headers", []) if k not in (b"content-type", b"content-length")
    ]
    headers += [
        (b"content-type", kept.content_type.encode("latin-1")),
        (b"content-length", str(len(body)).encode("latin-1")),
    ]
    action = kept.action.encode("utf-8")
    # The route is chosen before middleware runs: the POST goes through the app from the top.
    plain = ("type", "asgi", "http_version", "scheme", "root_path", "client", "server", "state")
    posted = {
        **{k: scope[k] for k in plain if k in scope},
        "method": "POST",
        "path": kept.action,
        "raw_path": action,
        "query_string": b"",
        "headers": headers,
    }

    async def send_cleared(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {
                **message,
                "headers": [*message.get("headers", []), _cookie_header("", 0, secure)],
            }
        await send(message)

    await scope["app"](posted, _replaying(body, receive), send_cleared)
