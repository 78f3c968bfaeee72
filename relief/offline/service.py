"""What a commune officer's phone keeps for offline work: the commune's hamlets and households.

Only the officer's own commune, only live households, only what recognises a family (name,
hamlet, birth year, members); contact details only where the officer may see them.
"""

from __future__ import annotations

from relief.core.actor import Actor
from relief.core.errors import Forbidden
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.households.models import Household
from relief.places.models import Hamlet


async def offline_list(actor: Actor) -> dict:
    if not can(actor).work_offline:
        raise Forbidden()
    hamlets = (
        await Hamlet.filter(commune_id=actor.commune_id).order_by("name").values_list("id", "name")
    )
    rows = (
        await scoped(actor, Household)
        .filter(archived_at=None)
        .order_by("head_name_key", "id")
        .values("id", "head_name", "head_name_key", "hamlet_id", "birth_year", "members")
    )
    return {
        "commune_id": actor.commune_id,
        "user_id": actor.user_id,
        "hamlets": [{"id": i, "name": n} for i, n in hamlets],
        "households": [
            {
                "id": r["id"],
                "name": r["head_name"],
                "key": r["head_name_key"],
                "hamlet_id": r["hamlet_id"],
                "birth_year": r["birth_year"],
                "members": r["members"],
            }
            for r in rows
        ],
    }
