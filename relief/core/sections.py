"""Sections an area above adds to a page of an area below (the house page shows its vouchers
and its settlement dossier, which live in an area the houses must not import).

A section is an async function of the actor and the page's record (already read by the page)
that returns the template to include and its context, or None; sections are registered in one
place at start-up (`relief.app.register_sections`), never as a side effect of an import; the
page renders whatever is registered under its name ("house", "household").
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from relief.core.actor import Actor


@dataclass(frozen=True)
class Section:
    template: str  # included in the page, with `section` as its context
    context: dict[str, Any]


Provider = Callable[[Actor, Any], Awaitable[Section | None]]
_PROVIDERS: dict[str, list[Provider]] = {}


def register(page: str, provider: Provider) -> None:
    """Adds a section to a page (once)."""
    found = _PROVIDERS.setdefault(page, [])
    if provider not in found:
        found.append(provider)


async def sections(page: str, actor: Actor, record: Any) -> list[Section]:
    """The sections of a page's record, in the order they were registered."""
    made = [await provider(actor, record) for provider in _PROVIDERS.get(page, ())]
    return [s for s in made if s is not None]
