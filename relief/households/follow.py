"""Records follow their household: a move to another hamlet (or commune) moves the commune and
hamlet stored on its damage records, aid received and house cases, and the commune stored on
what hangs on those cases, in the caller's transaction.

The counted rows keep their own commune and hamlet so that scope and summaries need no join;
this is what keeps them equal to the household's. The areas above households are found through
the loaded models (a model that has a `household` and a `commune` field follows it), so this
module imports none of them.
"""

from __future__ import annotations

from tortoise import Tortoise
from tortoise.models import Model


def _followers() -> tuple[list[type[Model]], list[type[Model]]]:
    """Models holding a household's place, and models holding the place of one of those."""
    apps = Tortoise.apps
    models = list(apps.get_models_iterable()) if apps else []
    direct = [m for m in models if {"household", "commune"} <= set(m._meta.fk_fields)]
    through = [
        m
        for m in models
        if "commune" in m._meta.fk_fields
        and "household" not in m._meta.fk_fields
        and any(
            m._meta.fields_map[f].related_model in direct
            for f in m._meta.fk_fields
            if f not in ("commune", "hamlet")
        )
    ]
    return direct, through


async def move_records(household_id: int, commune_id: int, hamlet_id: int) -> None:
    """Gives the household's records its new place (call inside the move's transaction)."""
    direct, through = _followers()
    moved: dict[type[Model], list[int]] = {}
    for model in direct:
        ids = list(
            await model.filter(household_id=household_id)
            .exclude(commune_id=commune_id, hamlet_id=hamlet_id)
            .values_list("id", flat=True)
            if "hamlet" in model._meta.fk_fields
            else await model.filter(household_id=household_id)
            .exclude(commune_id=commune_id)
            .values_list("id", flat=True)
        )
        if not ids:
            continue
        moved[model] = ids
        values = {"commune_id": commune_id}
        if "hamlet" in model._meta.fk_fields:
            values["hamlet_id"] = hamlet_id
        hook = getattr(model, "follow_household", None)
        if hook is not None:  # a model with its own rule for a move (e.g. numbering)
            await hook(ids, commune_id, hamlet_id)
        else:
            await model.filter(id__in=ids).update(**values)
    for model in through:
        for name in model._meta.fk_fields:
            parent = model._meta.fields_map[name].related_model
            if parent in moved:
                await (
                    model.filter(**{f"{name}_id__in": moved[parent]})
                    .exclude(commune_id=commune_id)
                    .update(commune_id=commune_id)
                )
