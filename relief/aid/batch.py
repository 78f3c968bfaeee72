"""Many households of a hamlet added to a visit at once: one amount for all, editable per row.

An officer ticks the affected households of a hamlet (filtered by a name typed without
accents), gives the cash and goods once, corrects a row where a family got something else,
and saves: every gift is written in one transaction, each with its own audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from relief.aid.models import AidGiven, AidVisit
from relief.aid.records import GIFT, NO_HOUSEHOLD
from relief.aid.service import ALREADY_IN_VISIT, _gift_values, _household_for, _save_gift
from relief.aid.service import _writable_visit as writable_visit
from relief.core.actor import Actor
from relief.core.errors import Invalid
from relief.core.scope import scoped
from relief.core.text import fold
from relief.households.models import Household
from relief.places.models import Hamlet

ALL = ""  # the prefix of the amount given to every ticked household
MAX_ROWS = 500  # a hamlet's affected households fit well within this


@dataclass
class Batch:
    """What the batch page shows: the hamlet's households not yet in the visit."""

    visit: AidVisit
    hamlets: list[Hamlet]
    hamlet_id: int | None
    q: str
    households: list[Household] = field(default_factory=list)


def row_prefix(household_id: int | str) -> str:
    return f"h{household_id}-"


async def affected_households(
    actor: Actor, visit_id: int, hamlet_id: int | None, q: str = ""
) -> Batch:
    """A hamlet's households with damage recorded (for the visit's disaster when it has one)."""
    visit = await writable_visit(actor, visit_id)
    hamlets = list(await Hamlet.filter(commune_id=visit.commune_id).order_by("name"))
    batch = Batch(visit=visit, hamlets=hamlets, hamlet_id=hamlet_id, q=q.strip())
    if hamlet_id is None or all(h.id != hamlet_id for h in hamlets):
        batch.hamlet_id = None
        return batch
    damaged = Household.filter(damage_assessments__hamlet_id=hamlet_id)
    if visit.disaster_id:
        damaged = damaged.filter(damage_assessments__disaster_id=visit.disaster_id)
    ids = set(await damaged.values_list("id", flat=True))
    given = await AidGiven.filter(visit_id=visit.id).values_list("household_id", flat=True)
    qs = scoped(actor, Household).filter(
        id__in=ids - set(given), hamlet_id=hamlet_id, archived_at=None
    )
    if batch.q:
        qs = qs.filter(head_name_key__contains=fold(batch.q))
    batch.households = list(await qs.order_by("head_name_key", "id").limit(MAX_ROWS))
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
