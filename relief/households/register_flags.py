"""The flags a year's list sets on its commune's households, and the officer's answer to a row
of it that matched no household.

The household's own fields follow the commune's latest list in force: a household on the
poor and near-poor list of that year is poor or near-poor of that year (`poverty_status`,
`poverty_year`), one that is not loses the status; a household on the register has the flags
its people's kinds make (`revolutionary_service`, `martyr_family`), one that is not loses them.
An older year's list, imported after a later one, is kept for its year and changes no flag.
Every change goes through relief.core.versions with an audit entry naming the list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from relief.core import versions
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, Invalid
from relief.core.i18n import gettext
from relief.core.labels import label
from relief.core.permissions import can
from relief.core.records import base_version
from relief.core.scope import scoped
from relief.households.models import (
    Household,
    MatchKind,
    MeritKind,
    PovertyStatus,
    RegisterEntry,
    RegisterKind,
    RegisterList,
    RegisterStatus,
)
from relief.households.register_records import ENTRY_ANSWER, EntryAnswerPatch
from relief.households.registers import LISTED, get_entry, register_flags
from relief.households.service import AUDITED as HOUSEHOLD_AUDITED
from relief.households.service import ENTITY as HOUSEHOLD

ENTRY = "register_entry"
ENTRY_AUDITED = ["household_id", "match", "note"]
FLAGS = {
    RegisterKind.POVERTY: ("poverty_status", "poverty_year"),
    RegisterKind.MERIT: ("revolutionary_service", "martyr_family"),
}
ON_THE_LIST = "On the {list} of {year} (import no. {id}, row {row})"
OFF_THE_LIST = "Not on the {list} of {year} (import no. {id})"
ALREADY_MATCHED = "This row is already matched to a household."
REPLACED = "This list was replaced by a later import: answer the rows of the list in force."
NOT_OF_COMMUNE = "Choose a household of this list's commune."


@dataclass
class FlagChange:
    """A household whose flags the list changes: its values now and those the list gives."""

    household: Household
    before: dict[str, Any]
    after: dict[str, Any]
    rows: list[int] = field(default_factory=list)  # its rows on the list (none: dropped)

    def shown(self) -> dict[str, Any]:
        """JSON-safe, for the preview's report."""
        h = self.household
        return {
            "household_id": h.id,
            "head_name": h.head_name,
            "hamlet_id": h.hamlet_id,
            "version": h.version,
            "before": {k: _plain(v) for k, v in self.before.items()},
            "after": {k: _plain(v) for k, v in self.after.items()},
            "rows": self.rows,
        }


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, PovertyStatus) else value


def wanted(kind: RegisterKind, year: int, h: Household, codes: list[str]) -> dict[str, Any]:
    """The flags of a household after the list of `year` of this kind, given the codes of its
    rows on it (none: not on it)."""
    if kind is RegisterKind.MERIT:
        return register_flags([MeritKind(c) for c in codes if c])
    listed = [PovertyStatus(c) for c in codes if c in LISTED]
    if listed:
        return {"poverty_status": listed[0], "poverty_year": year}
    if h.poverty_status is PovertyStatus.NONE or (
        h.poverty_year is not None and h.poverty_year > year
    ):
        return {"poverty_status": h.poverty_status, "poverty_year": h.poverty_year}
    return {"poverty_status": PovertyStatus.NONE, "poverty_year": None}


async def later_year(commune_id: int, kind: RegisterKind, year: int) -> int | None:
    """The year of a later list of the commune in force, if any (then flags stay)."""
    later = (
        await RegisterList.filter(
            commune_id=commune_id, kind=kind, status=RegisterStatus.CURRENT, year__gt=year
        )
        .order_by("-year")
        .first()
    )
    return later.year if later is not None else None


async def flag_changes(
    commune_id: int,
    kind: RegisterKind,
    year: int,
    rows: Iterable[tuple[int, int | None, str | None]],
    only: set[int] | None = None,
) -> list[FlagChange]:
    """The households whose flags the list (its rows: row number, household, status or kind
    code) changes: those on it and those flagged now that are not; `only` these households."""
    on: dict[int, list[tuple[int, str | None]]] = {}
    for number, household_id, code in rows:
        if household_id is not None:
            on.setdefault(household_id, []).append((number, code))
    if kind is RegisterKind.POVERTY:
        flagged = Q(poverty_status__not=PovertyStatus.NONE)
    else:
        flagged = Q(revolutionary_service=True) | Q(martyr_family=True)
    qs = Household.filter(commune_id=commune_id, archived_at=None).filter(
        Q(id__in=list(on)) | flagged
    )
    if only is not None:
        qs = qs.filter(id__in=sorted(only))
    changes = []
    for h in await qs.order_by("hamlet_id", "head_name_key", "id"):
        mine = on.get(h.id, [])
        after = wanted(kind, year, h, [c for _, c in mine if c])
        before = {name: getattr(h, name) for name in FLAGS[kind]}
        if after != before:
            changes.append(FlagChange(h, before, after, [n for n, _ in mine]))
    return changes


async def apply(
    actor: Actor,
    found: RegisterList,
    changes: list[FlagChange],
    seen: dict[int, int] | None = None,
) -> list[versions.Lost[Household]]:
    """Writes the changes over the versions the officer saw (`seen`, the preview's; a
    household it did not show always loses), or over the versions read now; each with its
    audit entry naming the list. Returns the households that changed meanwhile."""
    name = label(found.kind)
    edits = []
    for change in changes:
        h = change.household
        where = {"list": name.lower(), "year": found.year, "id": found.id}
        if change.rows:
            reason = gettext(ON_THE_LIST, row=change.rows[0], **where)
        else:
            reason = gettext(OFF_THE_LIST, **where)
        base = h.version if seen is None else seen.get(h.id, 0)
        edits.append(
            versions.Edit(h, base, change.after, reason=reason, also={"register_list_id": found.id})
        )
    return await versions.save_many(actor, edits, entity=HOUSEHOLD, audited=HOUSEHOLD_AUDITED)


async def answer_row(actor: Actor, entry_id: int, patch: EntryAnswerPatch) -> RegisterEntry:
    """The officer's answer to a row that matched no household: the household it is of (its
    flags then follow the list, when the list is the latest in force), or the reason it stays
    unmatched. Both audited, in one transaction."""
    entry = await get_entry(actor, entry_id)
    if not can(actor).write_commune(entry.commune_id):
        raise Forbidden()
    version = base_version(patch)
    await versions.check(actor, entry, version, entity=ENTRY, audited=ENTRY_AUDITED)
    data = ENTRY_ANSWER.merge(entry, patch)
    data, errors = ENTRY_ANSWER.check(data)
    household = None
    if data.household_id is not None and "household_id" not in errors:
        household = await scoped(actor, Household).get_or_none(
            id=data.household_id, commune_id=entry.commune_id, archived_at=None
        )
        if household is None:
            errors["household_id"] = NOT_OF_COMMUNE
    if errors:
        raise Invalid(errors)
    if entry.household_id is not None:
        raise Conflict(ALREADY_MATCHED)
    found = entry.register_list
    if found.status is not RegisterStatus.CURRENT:
        raise Conflict(REPLACED)
    values: dict[str, Any] = {"note": data.note}
    if household is not None:
        values.update(household_id=household.id, match=MatchKind.LINKED)
    async with in_transaction():
        saved = await versions.save(
            actor, entry, version, values, entity=ENTRY, audited=ENTRY_AUDITED
        )
        if (
            household is not None
            and await later_year(found.commune_id, found.kind, found.year) is None
        ):
            rows = await RegisterEntry.filter(
                register_list_id=found.id, household_id=household.id
            ).values_list("row", "household_id", "poverty_status", "merit_kind")
            mine = [(n, hid, p or m) for n, hid, p, m in rows]
            changes = await flag_changes(
                found.commune_id, found.kind, found.year, mine, only={household.id}
            )
            lost = await apply(actor, found, changes)
            if lost:  # saved by someone else a moment ago: nothing of this answer is kept
                raise await versions.stale(
                    actor, HOUSEHOLD, household.id, lost[0].current, household.version
                )
    return saved
