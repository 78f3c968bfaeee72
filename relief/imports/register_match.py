"""Each row of a year list matched to a household of its commune, and what the list changes.

A row is matched by its 12-digit ID number (the head's), else by the head's name (folded) and
the hamlet; a name found in another hamlet, or without a hamlet, or on several households, is
the officer's to choose; a row matching none is kept as it is. The preview then shows which
households the list marks or unmarks, and how it differs from the year's list in force.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from relief.core.text import fold
from relief.households.models import (
    Household,
    MatchKind,
    RegisterEntry,
    RegisterKind,
    RegisterList,
    RegisterStatus,
)
from relief.households.register_flags import FlagChange, flag_changes, later_year
from relief.imports.layout import strip_kind
from relief.places.models import Hamlet

CAP = 500  # households listed in each part of the preview; the counts stay exact


@dataclass(frozen=True)
class Known:
    id: int
    head_name: str
    key: str
    hamlet_id: int
    id_number: str
    version: int


def find_hamlet(hamlets: dict[str, Hamlet], text: str) -> Hamlet | None:
    key = " ".join(fold(text).split())
    return hamlets.get(key) or hamlets.get(strip_kind(key)) if key else None


async def match_rows(commune_id: int, rows: list[dict[str, Any]]) -> dict[int, Known]:
    """Sets each row's `match`, `household_id`, `candidates` and `hamlet_id`; returns the
    households named, by id (with the version the preview read)."""
    hamlets = {h.name_key: h for h in await Hamlet.filter(commune_id=commune_id)}
    found = await Household.filter(commune_id=commune_id, archived_at=None).values_list(
        "id", "head_name", "head_name_key", "hamlet_id", "id_number", "version"
    )
    known = {row[0]: Known(row[0], row[1], row[2], row[3], row[4] or "", row[5]) for row in found}
    by_number = {h.id_number: h for h in known.values() if h.id_number}
    by_name: dict[str, list[Known]] = defaultdict(list)
    for h in known.values():
        by_name[h.key].append(h)
    named: dict[int, Known] = {}
    for row in rows:
        hamlet = find_hamlet(hamlets, row["hamlet"])
        row["hamlet_id"] = hamlet.id if hamlet is not None else None
        number = row["id_number"]
        owner = by_number.get(number) if len(number) == 12 and number.isdigit() else None
        same = by_name.get(row["name_key"], []) if row["name_key"] else []
        here = [h for h in same if hamlet is not None and h.hamlet_id == hamlet.id]
        picked: list[Known] = []
        if owner is not None:
            row["match"], picked = MatchKind.ID_NUMBER.value, [owner]
        elif len(here) == 1 and not (here[0].id_number and number and here[0].id_number != number):
            row["match"], picked = MatchKind.NAME_HAMLET.value, here
        elif here or same:  # the same name elsewhere in the commune, or on several households
            row["match"] = MatchKind.SEVERAL.value
            row["candidates"] = [h.id for h in (here or same)]
            named.update((h.id, h) for h in here or same)
        else:
            row["match"] = MatchKind.NONE.value
        row["household_id"] = picked[0].id if picked else None
        row.setdefault("candidates", [])
        named.update((h.id, h) for h in picked)
    return named


def _listed(h: Known | Household, hamlets: dict[int, str]) -> dict[str, Any]:
    """A household of the list's commune as the preview names it (only the commune's writers
    see a preview)."""
    url = f"/households/{h.id}"
    return {
        "id": h.id,
        "head_name": h.head_name,
        "url": url,
        "hamlet": hamlets.get(h.hamlet_id, ""),
    }


async def changes_of(
    commune_id: int,
    kind: RegisterKind,
    year: int,
    rows: list[dict[str, Any]],
    exclude: int | None = None,
) -> dict[str, Any]:
    """What confirming these rows would do: the households whose flags change (marked, or
    dropped from the list), and the difference from the year's list in force."""
    hamlets = dict(await Hamlet.filter(commune_id=commune_id).values_list("id", "name"))
    report: dict[str, Any] = {"later_year": await later_year(commune_id, kind, year)}
    changes: list[FlagChange] = []
    if report["later_year"] is None:
        listed = [(r["row"], r["household_id"], r["code"]) for r in rows]
        changes = await flag_changes(commune_id, kind, year, listed)
    report["changes"] = [{**c.shown(), **_listed(c.household, hamlets)} for c in changes[:CAP]]
    report["change_count"] = len(changes)
    report["seen"] = {str(c.household.id): c.household.version for c in changes}
    previous = (
        await RegisterList.filter(
            commune_id=commune_id, kind=kind, year=year, status=RegisterStatus.CURRENT
        )
        .exclude(id=exclude or 0)
        .first()
    )
    if previous is not None:
        report["previous"] = await _difference(previous, rows, hamlets)
    return report


async def _difference(
    previous: RegisterList, rows: list[dict[str, Any]], hamlets: dict[int, str]
) -> dict[str, Any]:
    """The households added to the year's list, taken off it, or listed otherwise."""
    before: dict[int, str] = {}
    for hid, poverty, merit in await RegisterEntry.filter(
        register_list_id=previous.id, household_id__isnull=False
    ).values_list("household_id", "poverty_status", "merit_kind"):
        before.setdefault(hid, poverty or merit or "")
    after: dict[int, str] = {}
    for row in rows:
        if row["household_id"] is not None:
            after.setdefault(row["household_id"], row["code"] or "")
    named = {h.id: h for h in await Household.filter(id__in=sorted(set(before) | set(after)))}

    def shown(ids: list[int]) -> list[dict[str, Any]]:
        return [
            {**_listed(named[i], hamlets), "was": before.get(i), "now": after.get(i)}
            for i in ids[:CAP]
            if i in named
        ]

    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(i for i in set(after) & set(before) if after[i] != before[i])
    return {
        "id": previous.id,
        "rows": previous.rows,
        "added": shown(added),
        "removed": shown(removed),
        "changed": shown(changed),
        "counts": [len(added), len(removed), len(changed)],
    }
