"""What the pages show of the area's records: labels, choices and conflict explanations."""

from __future__ import annotations

from typing import Any

from relief.core.labels import Vocabulary, value_label
from relief.core.pages import Again, conflict_rows
from relief.households import labels
from relief.places.models import Hamlet

_ENUM_LABELS: dict[str, Vocabulary] = {
    "gender": labels.GENDERS,
    "poverty_status": labels.POVERTY,
    "kind": labels.DISASTER_KINDS,
    "band": labels.DAMAGE_BANDS,
    "house_class": labels.HOUSE_CLASSES,
}


def _shown(field: str, value: Any, hamlets: dict[int, str]) -> str:
    if isinstance(value, bool) or value is None or value == "":
        return value_label("", field, value)
    if field in _ENUM_LABELS:
        return _ENUM_LABELS[field].label(value)
    if field == "flood_depth_cm" and isinstance(value, int):
        return f"{value / 100:g}".replace(".", ",") + " m"
    if field == "hamlet_id":
        return hamlets.get(_hamlet_id(value) or 0, str(value))
    if field == "needs" and isinstance(value, list):
        return ", ".join(labels.NEEDS.label(v) for v in value) or "–"
    return value_label("", field, value)


def _hamlet_id(value: Any) -> int | None:
    text = str(value)
    return int(text) if text.isdigit() and len(text) < 10 else None


async def conflict_of(again: Again) -> list | None:
    """The conflict table of a refused form (`pages.conflict_rows`), with the area's ways of
    showing its values: choices by their labels, hamlets by their names, depths in metres."""
    if again.changes is None:
        return None
    ids = {
        _hamlet_id(v)
        for c in again.changes
        if c["field"] == "hamlet_id"
        for v in (c.get("was"), c.get("now"), again.values.get("hamlet_id"))
    } - {None}
    hamlets = {h.id: h.name for h in await Hamlet.filter(id__in=list(ids))} if ids else {}
    return conflict_rows(again, lambda f, v: _shown(f, v, hamlets))


def hamlet_options(hamlets: list[Hamlet], with_commune: bool) -> list[tuple[str, str]]:
    if with_commune:
        return [(str(h.id), f"{h.name} ({h.commune.name})") for h in hamlets]
    return [(str(h.id), h.name) for h in hamlets]
