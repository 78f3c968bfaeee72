"""Reading places: communes with their former units and hamlets, through the scope."""

from __future__ import annotations

from relief.core.actor import Actor
from relief.core.errors import NotFound
from relief.core.scope import scoped
from relief.places.models import Commune, Hamlet, Province


async def list_communes(actor: Actor) -> list[Commune]:
    """Every commune and ward, the 13 north-eastern ones first, with their former units."""
    communes = (
        await scoped(actor, Commune)
        .prefetch_related("former_units")
        .order_by("-is_focus", "name_key")
    )
    return list(communes)


async def home_province(actor: Actor, code: str | None) -> tuple[Province, list[Province]]:
    """The province whose communes the home page lists, and the provinces the actor may pick
    from: the one asked for (by its code), else the actor's own (its commune's, or the one it is
    bound to), else the province of the focus communes, else the first by code."""
    provinces = list(await scoped(actor, Province).order_by("code"))
    if not provinces:
        raise NotFound("No province is loaded.")
    by_id = {p.id: p for p in provinces}
    if code is not None:
        chosen = next((p for p in provinces if p.code == code), None)
        if chosen is None:
            raise NotFound("No province with this code.")
        return chosen, provinces
    own = actor.province_id
    if own is None and actor.commune_id is not None:
        commune = await Commune.get_or_none(id=actor.commune_id)
        own = commune.province_id if commune else None
    if own is None:
        focus = await scoped(actor, Commune).filter(is_focus=True).first()
        own = focus.province_id if focus else None
    return by_id.get(own or 0, provinces[0]), provinces


async def list_province_communes(actor: Actor, province: Province) -> list[Commune]:
    """The province's communes and wards the actor reads, the focus ones first."""
    communes = (
        scoped(actor, Commune)
        .filter(province_id=province.id)
        .prefetch_related("former_units")
        .order_by("-is_focus", "name_key")
    )
    return list(await communes)


async def get_commune(actor: Actor, code: str) -> Commune:
    if not (len(code) == 5 and code.isdigit()):  # GSO codes are five digits
        raise NotFound("No commune with this code.")
    commune = await scoped(actor, Commune).get_or_none(code=code)
    if commune is None:
        raise NotFound("No commune with this code.")
    return commune


async def list_hamlets(actor: Actor, commune_id: int) -> list[Hamlet]:
    return list(await scoped(actor, Hamlet).filter(commune_id=commune_id).order_by("name_key"))
