"""Duplicate households: an ID number used anywhere blocks; a likely twin asks to confirm."""

from __future__ import annotations

from typing import Any

from relief.core.scope import Actor, scoped
from relief.households.models import Household

ID_TAKEN = "This ID number is already recorded for another household."
LIKELY_DUPLICATE = (
    "A household with the same head's name and birth year, or the same phone, is already "
    "recorded. If this is another household, tick the confirmation and give the reason."
)
REASON_NEEDED = "Give the reason why this is not the same household."


async def _visible(actor: Actor, ids: list[int]) -> set[int]:
    if not ids:
        return set()
    return set(await scoped(actor, Household).filter(id__in=ids).values_list("id", flat=True))


def _describe(h: Household, visible: set[int]) -> dict[str, Any]:
    """A duplicate as shown to the user: a link only to a record they may open."""
    if h.id in visible:
        return {"id": h.id, "head_name": h.head_name, "url": f"/households/{h.id}"}
    return {"id": None, "head_name": None, "url": None}


async def id_number_owner(
    actor: Actor, id_number: str, exclude_id: int | None
) -> dict[str, Any] | None:
    """The household already holding this ID number, anywhere in the province.

    The uniqueness check must see every commune (it is province-wide, like the database's
    unique index); only whether the user may open the other record depends on the scope.
    """
    qs = Household.filter(id_number=id_number)
    if exclude_id is not None:
        qs = qs.exclude(id=exclude_id)
    other = await qs.first()
    if other is None:
        return None
    return _describe(other, await _visible(actor, [other.id]))


async def likely_duplicates(
    actor: Actor,
    commune_id: int,
    name_key: str,
    birth_year: int | None,
    phone: str | None,
    exclude_id: int | None,
) -> list[dict[str, Any]]:
    """Same folded name and birth year in the commune, or the same phone anywhere."""
    found: dict[int, Household] = {}
    if birth_year is not None:
        same_person = Household.filter(
            commune_id=commune_id, head_name_key=name_key, birth_year=birth_year, archived_at=None
        )
        for h in await same_person.limit(5):
            found[h.id] = h
    if phone:
        for h in await Household.filter(phone=phone, archived_at=None).limit(5):
            found[h.id] = h
    found.pop(exclude_id, None)  # type: ignore[arg-type]
    visible = await _visible(actor, list(found))
    return [_describe(h, visible) for h in found.values()]
