"""What the pages show of the area's records: labels, choices and conflict explanations."""

from __future__ import annotations

from typing import Any

from relief.core.i18n import gettext
from relief.core.labels import Vocabulary, field_label
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
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if field in _ENUM_LABELS:
        return _ENUM_LABELS[field].label(value)
    if field == "flood_depth_cm" and isinstance(value, int):
        return f"{value / 100:g}".replace(".", ",") + " m"
    if field == "hamlet_id":
        return hamlets.get(value, str(value))
    if field == "needs" and isinstance(value, list):
        return ", ".join(labels.NEEDS.label(v) for v in value) or "–"
    return str(value)


async def conflict_rows(changes: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Each field someone else changed meanwhile: its label, the old and the new value."""
    hamlet_ids = {
        c[k] for c in changes if c["field"] == "hamlet_id" for k in ("was", "now") if c.get(k)
    }
    hamlets = (
        {h.id: h.name for h in await Hamlet.filter(id__in=list(hamlet_ids))} if hamlet_ids else {}
    )
    rows = []
    for change in changes:
        field = change["field"]
        rows.append(
            {
                "label": field_label("household", field),
                "was": _shown(field, change.get("was"), hamlets),
                "now": _shown(field, change.get("now"), hamlets),
                "by": change.get("by") or "",
            }
        )
    return rows


def hamlet_options(hamlets: list[Hamlet], with_commune: bool) -> list[tuple[str, str]]:
    if with_commune:
        return [(str(h.id), f"{h.name} ({h.commune.name})") for h in hamlets]
    return [(str(h.id), h.name) for h in hamlets]
