"""HTML pages of damage assessments and disasters."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from relief.core.actor import Actor, CurrentActor
from relief.core.formatting import local_today
from relief.core.guards import requires
from relief.core.pages import Again, save_form
from relief.core.permissions import Can
from relief.core.sections import sections
from relief.households import damage, disasters, display, service
from relief.households.records import DAMAGE, DISASTER
from relief.households.views import STAFF, WRITERS

MANAGERS = requires(Can.manage_disasters)


async def _damage_context(actor: Actor, household: Any, values: dict, **extra: Any) -> dict:
    return {
        "h": household,
        "values": values,
        "errors": {},
        "details": {},
        "conflict": None,
        "disaster_options": [(str(d.id), d.name) for d in await disasters.list_disasters(actor)],
        **extra,
    }


async def _damage_again(actor: Actor, household: Any, again: Again, **extra: Any) -> Template:
    conflict = await display.conflict_of(again)
    context = await _damage_context(
        actor,
        household,
        again.values,
        errors=again.errors,
        details=again.details if again.status == 422 else {},
        conflict=conflict,
        conflict_message=again.message if again.status == 409 else None,
        **extra,
    )
    return Template("households/damage_form.html", context=context, status_code=again.status)


class DamageViews(Controller):
    path = "/"
    tags = ["damage"]
    guards = [WRITERS]
    include_in_schema = False

    @get("/households/{household_id:int}/damage", operation_id="newDamageForm")
    async def new_form(
        self, actor: CurrentActor, household_id: FromPath[int], request: Request
    ) -> Template:
        """The damage form of a household, for a disaster not yet assessed."""
        household = await service.get_household(actor, household_id)
        values = {
            "disaster_id": request.query_params.get("disaster", ""),
            "assessed_on": local_today().isoformat(),
            "assessed_by": actor.username,
        }
        context = await _damage_context(actor, household, values)
        return Template("households/damage_form.html", context=context)

    @post("/households/{household_id:int}/damage", operation_id="createDamageForm")
    async def create(
        self, actor: CurrentActor, household_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Saves the assessment, or shows the form again with every error."""
        household = await service.get_household(actor, household_id)
        return await save_form(
            request,
            actor,
            lambda raw: damage.create_assessment(
                actor, DAMAGE.form({**raw, "household_id": str(household_id)})
            ),
            f"/households/{household_id}?saved=1#damage",
            lambda again: _damage_again(actor, household, again),
        )

    @get("/damage/{assessment_id:int}/edit", operation_id="editDamageForm")
    async def edit_form(self, actor: CurrentActor, assessment_id: FromPath[int]) -> Template:
        """The assessment filled in, to correct it."""
        found = await damage.get_assessment(actor, assessment_id)
        values = damage.assessment_form_values(found)
        context = await _damage_context(actor, found.household, values, assessment=found)
        return Template("households/damage_form.html", context=context)

    @post("/damage/{assessment_id:int}/edit", operation_id="updateDamageForm")
    async def update(
        self, actor: CurrentActor, assessment_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Saves the correction; a stale one shows what changed meanwhile."""
        found = await damage.get_assessment(actor, assessment_id)
        return await save_form(
            request,
            actor,
            lambda raw: damage.update_assessment(actor, assessment_id, DAMAGE.form_patch(raw)),
            f"/households/{found.household_id}?saved=1#damage",
            lambda again: _damage_again(actor, found.household, again, assessment=found),
        )


def _disaster_form(values: dict, status: int = 200, **extra: Any) -> Template:
    context = {"values": values, "errors": {}, "conflict": None, **extra}
    return Template("disasters/form.html", context=context, status_code=status)


async def _disaster_again(again: Again, **extra: Any) -> Template:
    conflict = await display.conflict_of(again)
    message = again.message if again.status == 409 else None
    return _disaster_form(
        again.values,
        again.status,
        errors=again.errors,
        conflict=conflict,
        conflict_message=message,
        **extra,
    )


class DisasterViews(Controller):
    path = "/disasters"
    tags = ["disasters"]
    guards = [STAFF]
    include_in_schema = False

    @get("/", operation_id="disastersPage")
    async def list_page(self, actor: CurrentActor) -> Template:
        """Every disaster, the latest first."""
        context = {
            "disasters": await disasters.list_disasters(actor),
        }
        return Template("disasters/list.html", context=context)

    @get("/new", operation_id="newDisasterForm", guards=[MANAGERS])
    async def new_form(self) -> Template:
        """An empty disaster form."""
        return _disaster_form({"kind": "typhoon"})

    @post("/new", operation_id="createDisasterForm", guards=[MANAGERS])
    async def create(self, actor: CurrentActor, request: Request) -> Template | Redirect:
        """Saves a new disaster."""
        return await save_form(
            request,
            actor,
            lambda raw: disasters.create_disaster(actor, DISASTER.form(raw)),
            lambda d: f"/disasters/{d.id}?saved=1",
            _disaster_again,
        )

    @get("/{disaster_id:int}", operation_id="disasterPage")
    async def page(
        self, actor: CurrentActor, disaster_id: FromPath[int], request: Request
    ) -> Template:
        """One disaster."""
        disaster = await disasters.get_disaster(actor, disaster_id)
        context = {
            "d": disaster,
            "saved": request.query_params.get("saved"),
            "sections": await sections("disaster", actor, disaster),  # of the areas above
        }
        return Template("disasters/page.html", context=context)

    @get("/{disaster_id:int}/edit", operation_id="editDisasterForm", guards=[MANAGERS])
    async def edit_form(self, actor: CurrentActor, disaster_id: FromPath[int]) -> Template:
        """The disaster form filled in."""
        d = await disasters.get_disaster(actor, disaster_id)
        return _disaster_form(DISASTER.form_values(d), disaster=d)

    @post("/{disaster_id:int}/edit", operation_id="updateDisasterForm", guards=[MANAGERS])
    async def update(
        self, actor: CurrentActor, disaster_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Saves the edit; a stale one shows what changed meanwhile."""
        d = await disasters.get_disaster(actor, disaster_id)
        return await save_form(
            request,
            actor,
            lambda raw: disasters.update_disaster(actor, disaster_id, DISASTER.form_patch(raw)),
            f"/disasters/{disaster_id}?saved=1",
            lambda again: _disaster_again(again, disaster=d),
        )

    @post("/{disaster_id:int}/delete", operation_id="deleteDisasterForm", guards=[MANAGERS])
    async def delete(self, actor: CurrentActor, disaster_id: FromPath[int]) -> Redirect:
        """Deletes a disaster nothing refers to (otherwise a 409 page says why)."""
        await disasters.delete_disaster(actor, disaster_id)
        return Redirect("/disasters", status_code=303)
