"""The aid records as their pages read them (the services take the catalogues' structs)."""

from __future__ import annotations

from typing import Any

from relief.aid.records import GIFT, VISIT, GiftPatch, GiftWrite, VisitPatch, VisitWrite


def _text(raw: dict[str, Any]) -> dict[str, Any]:
    """Values as a form sends them (numbers as strings); a visit's households alike."""
    return {
        name: [_text(item) for item in value]
        if isinstance(value, list)
        else value
        if isinstance(value, str)
        else str(value)
        for name, value in raw.items()
    }


def visit_in(raw: dict[str, Any]) -> VisitWrite:
    return VISIT.form(_text(raw))


def visit_patch(raw: dict[str, Any], partial: bool = False) -> VisitPatch:
    """A visit's edit form; `partial`: only the fields in `raw` change."""
    only = [name for name in raw if name != "version"] if partial else None
    return VISIT.form_patch(_text(raw), only=only)


def gift_in(raw: dict[str, Any]) -> GiftWrite:
    return GIFT.form(_text(raw))


def gift_patch(raw: dict[str, Any]) -> GiftPatch:
    """Corrected amounts; those left out keep theirs."""
    return GIFT.form_patch(_text(raw), only=[name for name in raw if name != "version"])
