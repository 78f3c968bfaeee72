"""Reading places: communes with their former units and hamlets, through the scope."""

from __future__ import annotations

from relief.core.actor import Actor
from relief.core.errors import NotFound
from relief.core.scope import scoped
from relief.places.models import Commune, Hamlet


async def list_communes(actor: Actor) -> list[Commune]:
    """Every commune and ward, the 13 north-eastern ones first, with their former units."""
    communes = (
        await scoped(actor, Commune)
        .prefetch_related("former_units")
        .order_by("-is_focus", "name_key")
    )
    return list(communes)


async def get_commune(actor: Actor, code: str) -> Commune:
    if not (len(code) == 5 and code.isdigit()):  # GSO codes are five digits
        raise NotFound("No commune with this code.")
    commune = await scoped(actor, Commune).get_or_none(code=code)
    if commune is None:
        raise NotFound("No commune with this code.")
    return commune


async def list_hamlets(actor: Actor, commune_id: int) -> list[Hamlet]:
    return list(await scoped(actor, Hamlet).filter(commune_id=commune_id).order_by("name_key"))
