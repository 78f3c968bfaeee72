"""Web plumbing every area uses: the language of a request, templates, error answers."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from litestar import Request, Response
from litestar.exceptions import (
    HTTPException,
    NotAuthorizedException,
    NotFoundException,
    PermissionDeniedException,
)
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from litestar.types import ASGIApp, Receive, Scope, Send
from markupsafe import Markup

from relief.core import error_summary, formatting, once, papers
from relief.core.actor import current_actor
from relief.core.errors import DomainError, Invalid, code_for
from relief.core.i18n import current_language, gettext, pgettext
from relief.core.permissions import Can
from relief.settings import LANGUAGES

LANG_COOKIE = "relief_lang"


def _cookie_language(cookie_header: str, default: str) -> str:
    for part in cookie_header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == LANG_COOKIE and value in LANGUAGES:
            return value
    return default


def _accepted_language(header: str, default: str) -> str:
    """The first language of an Accept-Language header that the interface speaks."""
    ranked = []
    for n, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        ranked.append((-quality, n, tag.strip().lower().split("-")[0]))
    for quality, _, lang in sorted(ranked):
        if lang in LANGUAGES and quality < 0:
            return lang
    return default


def request_language(path: str, headers: Any, default: str) -> str:
    """The language of a request: the switch's cookie, or the default; the API follows the
    client's Accept-Language first."""
    cookie = accepted = ""
    for name, value in headers:
        if name == b"cookie":
            cookie = value.decode("latin-1")
        elif name == b"accept-language":
            accepted = value.decode("latin-1")
    lang = _cookie_language(cookie, default)
    if accepted and path.startswith("/api/"):
        lang = _accepted_language(accepted, lang)
    return lang


def language_middleware(default_language: str):
    """Sets the request's language for the whole request (see `request_language`)."""

    def factory(app: ASGIApp) -> ASGIApp:
        async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
            lang = request_language(
                scope.get("path", ""), scope.get("headers", []), default_language
            )
            token = current_language.set(lang)
            try:
                await app(scope, receive, send)
            finally:
                current_language.reset(token)

        return middleware

    return factory


def safe_next(url: str | None) -> str:
    """Only a local path may be a redirect target (no open redirects)."""
    if not url:
        return "/"
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not url.startswith("/") or url.startswith("//"):
        return "/"
    return url


def page_of_form(referer: str, host: str, action: str) -> str:
    """The page a form was posted from (its Referer, when it is this site's), else its action.

    Where a refused post leads back to after logging in: the page, not the form's action
    (which answers only POST).
    """
    parts = urlsplit(referer)
    if parts.netloc and parts.netloc == host and parts.path.startswith("/"):
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return action


MAX_ID = 2**31 - 1  # the largest id an INTEGER primary key can hold on PostgreSQL


async def reject_impossible_ids(request: Request) -> None:
    """An id no row can have (negative, or beyond the column's range) is simply not found.

    Checked once here rather than in every handler; without it such ids reach the database
    and overflow its integer types.
    """
    for value in request.path_params.values():
        if isinstance(value, int) and not 0 <= value <= MAX_ID:
            raise NotFoundException()


class RequestPermissions:
    """The permission table of the current request's actor, read when a template asks."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(Can(current_actor.get()), name)


def template_globals() -> dict[str, Any]:
    return {
        "_": gettext,
        "pgettext": pgettext,
        "current_language": lambda: current_language.get(),
        "actor": lambda: current_actor.get(),
        # A form that creates a record carries a one-time key (see core.once).
        "submission_key_field": lambda: Markup(
            f'<input type="hidden" name="{once.FIELD}" value="{once.new_key()}">'
        ),
        # What the request's actor may do, for menus and buttons: `can.write_records`,
        # `can.see_contacts(h.commune_id)` (see core.permissions). Templates never name roles.
        "can": RequestPermissions(),
        # The zone times are shown in, for the phone's script too (the phone may be on UTC).
        "local_zone": formatting.LOCAL_TZ.key,
    }


def template_filters() -> dict[str, Any]:
    lang = current_language.get
    return {
        "money": lambda v: formatting.money(v, lang()),
        "money_words": lambda v: formatting.money_words(v, lang()),
        # Papers (minutes, lists to sign) are in Vietnamese whatever the interface language.
        "amount_in_words": papers.amount_in_words,
        "paper_date": papers.paper_date,
        "place_word": papers.place_word,
        "hamlet_head": papers.hamlet_head,
        "number": lambda v, d=0: formatting.number(v, lang(), d),
        "percent": lambda v, d=1: formatting.percent(v, lang(), d),
        "ratio": lambda part, whole: formatting.ratio_percent(part, whole, lang()),
        "day": lambda v: formatting.day(v, lang()),
        "moment": lambda v: formatting.moment(v, lang()),
        "name_error_fields": error_summary.name_error_fields,
    }


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/healthz"


def error_response(request: Request, status: int, message: str, extra: dict | None = None):
    """One answer for every error: JSON under /api, a translated page elsewhere."""
    # A request that matched no route never went through the language middleware.
    default = request.app.opt.get("default_language", "vi")
    current_language.set(request_language(request.url.path, request.scope["headers"], default))
    text = gettext(message)
    if _wants_json(request):
        body: dict[str, Any] = {"status_code": status, "detail": text}
        if extra:
            body.update(extra)
        return Response(body, status_code=status)
    return Template(
        template_name="errors/error.html",
        context={"status": status, "message": text},
        status_code=status,
    )


def domain_error_handler(request: Request, exc: DomainError) -> Response:
    extra: dict[str, Any] = {}
    if isinstance(exc, Invalid):
        extra["errors"] = {field: gettext(msg) for field, msg in exc.field_errors.items()}
        extra["codes"] = {field: code_for(msg) for field, msg in exc.field_errors.items()}
    details = getattr(exc, "details", None)
    if details:
        extra["details"] = details
    return error_response(request, exc.status_code, exc.message, extra)


_HTTP_MESSAGES = {
    400: "The request could not be understood.",
    401: "Please log in.",
    403: "You are not allowed to do this.",
    404: "This page does not exist, or you do not have access to it.",
    405: "This action is not allowed here.",
    413: "The file is too large.",
    429: "Too many requests: please wait a moment.",
}


def _parameter_errors(found: Any) -> dict[str, dict[str, str]]:
    """Litestar's list of refused parameters as the API's field errors."""
    message = "This value is not valid."
    items = found if isinstance(found, list) else [found]
    keys = [str(i.get("key") or "body") for i in items if isinstance(i, dict)] or ["body"]
    return {
        "errors": {key: gettext(message) for key in keys},
        "codes": {key: code_for(message) for key in keys},
    }


def http_error_handler(request: Request, exc: HTTPException) -> Response:
    status = exc.status_code
    if status == 401 and not _wants_json(request):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        if request.method != "GET":
            target = page_of_form(
                request.headers.get("referer", ""), request.headers.get("host", ""), target
            )
        return Redirect(f"/login?next={quote(target)}", status_code=303)
    message = _HTTP_MESSAGES.get(status, "Something went wrong. Please try again.")
    extra = {}
    if status == 400 and getattr(exc, "extra", None):
        extra.update(_parameter_errors(exc.extra))
    if isinstance(exc, NotAuthorizedException | PermissionDeniedException) and exc.detail:
        message = exc.detail
    return error_response(request, status, message, extra)


def invalid_value_handler(request: Request, exc: Exception) -> Response:
    """A value the database could never hold (e.g. longer than its column) in a query."""
    return error_response(request, 400, "The request could not be understood.")


def internal_error_handler(request: Request, exc: Exception) -> Response:
    request.logger.exception("unhandled error", exc_info=exc)
    return error_response(
        request, HTTP_500_INTERNAL_SERVER_ERROR, "Something went wrong. Please try again."
    )
