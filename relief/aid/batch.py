"""Many households added to a visit in one save: one amount for all, editable per row.

An officer finds households across the commune's hamlets (by hamlet, by a name typed without
accents, the affected ones by default or any household), ticks them search after search (the
ticked ones stay chosen while the officer searches again), gives the cash and goods once,
corrects a row where a family got something else, and saves once: every gift is written in
one transaction, each with its own audit entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Subquery
from tortoise.transactions import in_transaction

from relief.aid.models import AidGiven, AidVisit
from relief.aid.records import GIFT, NO_HOUSEHOLD
from relief.aid.service import ALREADY_IN_VISIT, _gift_values, _household_for, _save_gift
from relief.aid.service import _writable_visit as writable_visit
from relief.core.actor import Actor
from relief.core.errors import Invalid
from relief.core.scope import scoped
from relief.core.text import fold
from relief.households.models import DamageAssessment, Household
from relief.places.models import Hamlet

ALL = ""  # the prefix of the amount given to every ticked household
MAX_ROWS = 500  # rows found at once in a hamlet or by a name; a narrower search finds the rest
FIRST_ROWS = 30  # the commune's affected households shown before any search (a weak signal)


@dataclass
class Batch:
    """What the batch page shows: the households chosen so far, and those the search found
    that are neither chosen nor in the visit yet."""

    visit: AidVisit
    hamlets: list[Hamlet]
    hamlet_id: int | None
    q: str
    everyone: bool  # any household of the commune, not only those with damage recorded
    chosen: list[Household] = field(default_factory=list)
    households: list[Household] = field(default_factory=list)
    more: bool = False  # the search found more than MAX_ROWS
    needs_narrowing: bool = False  # every household of the commune: a hamlet or a name first

    @property
    def hamlet_names(self) -> dict[int, str]:
        return {h.id: h.name for h in self.hamlets}


def row_prefix(household_id: int | str) -> str:
    return f"h{household_id}-"


async def find_households(
    actor: Actor,
    visit_id: int,
    hamlet_id: int | None = None,
    q: str = "",
    *,
    everyone: bool = False,
    chosen_ids: Iterable[int] = (),
) -> Batch:
    """The commune's households not in the visit yet: with damage recorded (for the visit's
    disaster when it has one) unless `everyone`, of one hamlet or all, whose head's name holds
    `q` (accents optional); and those already chosen (`chosen_ids`), listed apart."""
    visit = await writable_visit(actor, visit_id)
    hamlets = list(await Hamlet.filter(commune_id=visit.commune_id).order_by("name"))
    if hamlet_id is not None and all(h.id != hamlet_id for h in hamlets):
        hamlet_id = None
    batch = Batch(visit, hamlets, hamlet_id, q.strip(), everyone)
    given = set(await AidGiven.filter(visit_id=visit.id).values_list("household_id", flat=True))
    in_commune = scoped(actor, Household).filter(commune_id=visit.commune_id, archived_at=None)
    wanted = [i for i in dict.fromkeys(chosen_ids) if i not in given][:MAX_ROWS]
    if wanted:
        found = {h.id: h for h in await in_commune.filter(id__in=wanted)}
        batch.chosen = [found[i] for i in wanted if i in found]
    if everyone and hamlet_id is None and not batch.q:
        batch.needs_narrowing = True
        return batch
    qs = in_commune.exclude(id__in=given | {h.id for h in batch.chosen})
    if hamlet_id is not None:
        qs = qs.filter(hamlet_id=hamlet_id)
    if batch.q:
        qs = qs.filter(head_name_key__contains=fold(batch.q))
    if not everyone:
        damaged = DamageAssessment.filter(commune_id=visit.commune_id)
        if visit.disaster_id:
            damaged = damaged.filter(disaster_id=visit.disaster_id)
        qs = qs.filter(id__in=Subquery(damaged.values("household_id")))
    shown = MAX_ROWS if hamlet_id is not None or batch.q else FIRST_ROWS
    rows = list(await qs.order_by("head_name_key", "id").limit(shown + 1))
    batch.more = len(rows) > shown
    batch.households = rows[:shown]
    return batch


def _sent(raw: dict[str, Any], name: str) -> str:
    value = raw.get(name, "")
    if isinstance(value, list):
        value = value[-1] if value else ""
    return value if isinstance(value, str) else ""


async def add_gifts(actor: Actor, visit_id: int, raw: dict[str, Any]) -> list[AidGiven]:
    """Adds every ticked household (`household_ids`) with its row's amounts, or the common ones.

    A row's field left empty takes the amount given for all; each row is read as one
    household's aid (`GIFT`). Every error is collected, keyed by the row's prefix
    (`h<id>-cash`), and nothing is saved unless every row is right.
    """
    visit = await writable_visit(actor, visit_id)
    sent = raw.get("household_ids", [])
    ticked = [v for v in (sent if isinstance(sent, list) else [sent]) if isinstance(v, str) and v]
    if not ticked:
        raise Invalid({"household_ids": "Tick the households to add."})
    rows: list[tuple[Household, dict[str, Any]]] = []
    errors: dict[str, str] = {}
    seen: set[int] = set()
    for raw_id in ticked[:MAX_ROWS]:
        prefix = row_prefix(raw_id)
        form = {
            name: _sent(raw, prefix + name).strip() or _sent(raw, ALL + name)
            for name in ("cash", "goods", "goods_value")
        }
        data, row_errors = GIFT.check(GIFT.form({**form, "household_id": raw_id}))
        row_errors.pop("household_id", None)  # told below, on the row
        household = await _household_for(actor, visit.commune_id, raw_id)
        if household is None:
            row_errors["cash"] = NO_HOUSEHOLD
        elif household.id in seen or await AidGiven.exists(
            visit_id=visit.id, household_id=household.id
        ):
            row_errors["cash"] = ALREADY_IN_VISIT
        else:
            seen.add(household.id)
            rows.append((household, _gift_values(data)))
        errors.update((prefix + name, message) for name, message in row_errors.items())
    if errors:
        raise Invalid(errors)
    try:
        async with in_transaction():
            return [await _save_gift(actor, visit, household, gift) for household, gift in rows]
    except IntegrityError as exc:  # another officer added one of them meanwhile
        raise Invalid({"household_ids": ALREADY_IN_VISIT}) from exc
