"""The one way a page form is saved: read it, call the service, then go on or show it again.

Success answers 303 to the record made or changed. Bad input shows the form again with a
message next to each field (422); a save based on an old version, or a record in the way,
shows it again with what changed meanwhile (409). A form carrying a one-time submission key
(`once.FIELD`) is saved at most once: the same key sent again leads to the first result.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from litestar import Request
from litestar.response import Redirect, Template

from relief.core import once
from relief.core.actor import Actor
from relief.core.errors import Conflict, Invalid
from relief.core.forms import read_form
from relief.core.i18n import gettext
from relief.core.labels import field_label, value_label

T = TypeVar("T")


@dataclass
class Again:
    """Why a form is shown again, with the user's input kept."""

    values: dict[str, Any]
    status: int  # 422: bad input; 409: changed meanwhile, or something in the way
    message: str
    errors: dict[str, str] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    # On a conflict (409): the fields someone else changed meanwhile, [] when none apply.
    changes: list[dict[str, Any]] | None = None
    params: dict[str, Any] = field(default_factory=dict)  # values of the message's placeholders

    @classmethod
    def of(cls, exc: Invalid | Conflict, values: dict[str, Any]) -> Again:
        details = dict(getattr(exc, "details", None) or {})
        if isinstance(exc, Invalid):
            return cls(values, 422, exc.message, dict(exc.field_errors), details, None, exc.params)
        if "version" in details:  # saving again applies the input over what is there now
            values = {**values, "version": str(details["version"])}
        changes = list(details.get("changes") or [])
        return cls(values, 409, exc.message, {}, details, changes, exc.params)

    @property
    def stale(self) -> bool:
        """A save based on an old version: the details say what changed meanwhile."""
        return self.status == 409 and "changes" in self.details

    @property
    def problem(self) -> str | None:
        """The translated message of a conflict (field errors stand beside their fields)."""
        return gettext(self.message, **self.params) if self.status == 409 else None


_TRUE = {"1", "on", "true", "yes"}


def conflict_rows(
    again: Again, shown: Callable[[str, Any], str] | None = None
) -> list[dict[str, str]] | None:
    """What the form shows of a refused save: each field changed meanwhile, named as the
    label registry names it on that kind of record, with its value before, the user's value
    (when the form has that field) and its value now; None when the save was not refused as
    a conflict. `shown` shows a value when the area has a better way than the registry."""
    if again.changes is None:
        return None
    entity = str(again.details.get("entity") or "")

    def show(field: str, value: Any) -> str:
        return shown(field, value) if shown else value_label(entity, field, value)

    rows = []
    for change in again.changes:
        name, was, now = change["field"], change.get("was"), change.get("now")
        mine = again.values.get(name)
        if isinstance(mine, str) and (isinstance(was, bool) or isinstance(now, bool)):
            mine = mine.strip().lower() in _TRUE  # a checkbox as the form sent it
        rows.append(
            {
                "label": field_label(entity, name),
                "was": show(name, was),
                "mine": show(name, mine) if name in again.values else "",
                "now": show(name, now),
                "by": change.get("by") or "",
            }
        )
    return rows


Target = str | Callable[[Any], str]
ShowAgain = Callable[[Again], Awaitable[Template]]


def _where(done: Target, result: Any) -> str:
    return done(result) if callable(done) else done


async def save_form(
    request: Request,
    actor: Actor,
    save: Callable[[dict[str, Any]], Awaitable[T]],
    done: Target,
    again: ShowAgain,
    *,
    data: dict[str, Any] | None = None,
    chunked: bool = False,
) -> Template | Redirect:
    """Saves a posted form through `save(values)` and answers as every page form does.

    `done` is the page to go to (or a function of what `save` returned); `again` renders
    the form once more from an `Again`. `data` is the form when the caller already read it.
    `chunked`: `save` makes its own short transactions and keeps the submission key in its
    last one (relief.core.once.record), as a large import does.
    """
    values = await read_form(request) if data is None else data
    key = once.clean_key(values.get(once.FIELD))
    try:
        result = await once.once(
            actor,
            key,
            lambda: save(values),
            lambda made: once.Outcome(location=_where(done, made)),
            chunked=chunked,
        )
    except (Invalid, Conflict) as exc:
        return await again(Again.of(exc, values))
    location = result.location if isinstance(result, once.Outcome) else _where(done, result)
    return Redirect(location, status_code=303)
