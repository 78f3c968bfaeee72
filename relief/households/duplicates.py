"""Duplicate households: an ID number used anywhere blocks; a likely twin asks to confirm."""

from __future__ import annotations

from typing import Any

from tortoise.expressions import Q

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


async def check(
    actor: Actor,
    *,
    id_number: str | None,
    commune_id: int | None,
    name_key: str,
    birth_year: int | None,
    phone: str | None,
    exclude_id: int | None,
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """The household already holding this ID number (anywhere in the province: the check is
    province-wide like the database's unique index), and the likely twins (same folded name and
    birth year in the commune, or the same phone anywhere), found with one query.

    `commune_id` None: the identity did not change, so twins are not looked for. Only whether
    the user may open the other record depends on the scope.
    """
    wanted = []
    if id_number:
        wanted.append(Q(id_number=id_number))
    if commune_id is not None and name_key and birth_year is not None:
        wanted.append(
            Q(
                commune_id=commune_id,
                head_name_key=name_key,
                birth_year=birth_year,
                archived_at=None,
            )
        )
    if commune_id is not None and phone:
        wanted.append(Q(phone=phone, archived_at=None))
    if not wanted:
        return None, []
    qs = Household.filter(Q(*wanted, join_type="OR"))
    if exclude_id is not None:
        qs = qs.exclude(id=exclude_id)
    rows = list(await qs.order_by("id").limit(11))
    owner = next((h for h in rows if id_number and h.id_number == id_number), None)
    twins = [
        h
        for h in rows
        if h.archived_at is None
        and commune_id is not None
        and (
            (h.commune_id, h.head_name_key, h.birth_year) == (commune_id, name_key, birth_year)
            or (phone and h.phone == phone)
        )
    ]
    if owner is None and not twins:
        return None, []
    visible = await _visible(actor, [h.id for h in rows])
    return (
        _describe(owner, visible) if owner else None,
        [_describe(h, visible) for h in twins][:10],
    )
