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
        ids = list(await model.filter(household_id=household_id).values_list("id", flat=True))
        if not ids:
            continue
        moved[model] = ids  # type: ignore[assignment]  # flat=True: values, not tuples
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
            parent = model._meta.fields_map[name].related_model  # type: ignore[attr-defined]  # an fk
            if parent in moved:
                await (
                    model.filter(**{f"{name}_id__in": moved[parent]})
                    .exclude(commune_id=commune_id)
                    .update(commune_id=commune_id)
                )


async def misplaced() -> list[str]:
    """Records whose stored place is not their household's (or their house case's): each one
    is a figure counted at the wrong place. `relief summaries check` reports them."""
    direct, through = _followers()
    lines = []
    for model in direct:
        table = model._meta.db_table
        hamlet = "OR r.hamlet_id <> h.hamlet_id" if "hamlet" in model._meta.fk_fields else ""
        sql = (
            f'SELECT r.id FROM "{table}" r JOIN "household" h ON h.id = r.household_id '
            f"WHERE r.commune_id <> h.commune_id {hamlet} ORDER BY r.id LIMIT 100"
        )
        for row in await model._meta.db.execute_query_dict(sql):
            lines.append(f"{table} {row['id']}: not at its household's place")
    for model in through:
        for name in model._meta.fk_fields:
            parent = model._meta.fields_map[name].related_model  # type: ignore[attr-defined]  # an fk
            if parent not in direct:
                continue
            table, parent_table = model._meta.db_table, parent._meta.db_table
            sql = (
                f'SELECT r.id FROM "{table}" r JOIN "{parent_table}" p ON p.id = r.{name}_id '
                "WHERE r.commune_id <> p.commune_id ORDER BY r.id LIMIT 100"
            )
            for row in await model._meta.db.execute_query_dict(sql):
                lines.append(f"{table} {row['id']}: not in its {parent_table}'s commune")
    return lines
