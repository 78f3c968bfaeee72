"""Security headers on every answer, set once for the whole app.

- Content-Security-Policy: scripts, styles, images, fonts, forms and connections from this
  server only; no inline script or style element, no plugin, no framing by another site
  (frame-ancestors); pages hold no inline script (the print button's code is a static file).
- X-Content-Type-Options: nosniff, so an uploaded file is never read as a script or a page.
- Referrer-Policy: same-origin, so a page address (which may carry a search by name or ID
  number) is never sent to another site.
- Cache-Control: no-store on every page and API answer (they show personal data: after
  logout, Back must not show a household's ID number from the browser's cache). Static files
  and photos keep the caching they set themselves.
"""

from __future__ import annotations

from litestar.types import ASGIApp, Message, Receive, Scope, Send

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]
NO_STORE = (b"cache-control", b"no-store")


def security_headers_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _SET]
                headers += HEADERS
                cache = [v for k, v in message.get("headers", []) if k.lower() == b"cache-control"]
                headers.append((b"cache-control", cache[0]) if cache else NO_STORE)
                message = {**message, "headers": headers}
            await send(message)

        await app(scope, receive, send_with_headers)

    return middleware


_SET = {name for name, _ in HEADERS} | {b"cache-control"}
