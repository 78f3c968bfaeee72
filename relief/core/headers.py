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

from litestar.types import Message, Scope

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


async def add_security_headers(message: Message, scope: Scope) -> None:
    """A `before_send` hook: it sees every answer, the router's own 404s included."""
    if message["type"] != "http.response.start":
        return
    sent = list(message.get("headers", []))
    cache = [v for k, v in sent if k.lower() == b"cache-control"]
    headers = [(k, v) for k, v in sent if k.lower() not in _SET]
    headers += HEADERS
    headers.append((b"cache-control", cache[0]) if cache else NO_STORE)
    message["headers"] = headers


_SET = {name for name, _ in HEADERS} | {b"cache-control"}
