"""HTML pages of households: the list by hamlet, the form, the household page, archiving."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from relief.core.actor import Actor, CurrentActor
from relief.core.guards import requires
from relief.core.pages import Again, save_form
from relief.core.permissions import Can, can
from relief.households import display, service
from relief.households.page import household_page
from relief.households.records import HOUSEHOLD
from relief.households.search import SORTS, HouseholdFilter, search_households

STAFF = requires(Can.read_records)
WRITERS = requires(Can.write_records)


async def form_context(
    actor: Actor,
    values: dict[str, Any],
    errors: dict[str, str] | None = None,
    details: dict[str, Any] | None = None,
    conflict: list[dict[str, str]] | None = None,
    household: Any = None,
) -> dict[str, Any]:
    hamlets = await service.writable_hamlets(actor)
    return {
        "values": values,
        "errors": errors or {},
        "details": details or {},
        "conflict": conflict,
        "household": household,
        "hamlet_options": display.hamlet_options(hamlets, can(actor).write_any_commune),
    }


async def rerender(actor: Actor, template: str, again: Again, **extra: Any) -> Template:
    """The form again with the user's input kept: errors next to fields, or what changed."""
    conflict = await display.conflict_of(again)
    context = await form_context(
        actor,
        again.values,
        again.errors,
        again.details if again.status == 422 else None,
        conflict,
        **extra,
    )
    if again.status == 409:
        context["conflict_message"] = again.message
    return Template(template, context=context, status_code=again.status)


class HouseholdViews(Controller):
    path = "/households"
    tags = ["households"]
    guards = [STAFF]
    include_in_schema = False

    @get("/", operation_id="householdsPage")
    async def list_page(self, actor: CurrentActor, request: Request) -> Template:
        """The commune's households by hamlet, with filters, search, sorting and pages."""
        f = HouseholdFilter.from_query(request.query_params)
        results = await search_households(actor, f)
        context = {
            "f": f,
            "results": results,
            "query": f.query_string(),
            "sorts": list(SORTS),
            "hamlet_options": await service.hamlet_choices(actor),
        }
        return Template("households/list.html", context=context)

    @get("/new", operation_id="newHouseholdForm", guards=[WRITERS])
    async def new_form(self, actor: CurrentActor) -> Template:
        """An empty household form."""
        values = {"members": "1", "poverty_status": "none"}
        return Template("households/form.html", context=await form_context(actor, values))

    @post("/new", operation_id="createHouseholdForm", guards=[WRITERS])
    async def create(self, actor: CurrentActor, request: Request) -> Template | Redirect:
        """Saves a new household, or shows the form again with every error."""
        return await save_form(
            request,
            actor,
            lambda raw: service.create_household(actor, HOUSEHOLD.form(raw)),
            lambda household: f"/households/{household.id}?saved=1",
            lambda again: rerender(actor, "households/form.html", again),
        )

    @get("/{household_id:int}", operation_id="householdPage")
    async def page(
        self, actor: CurrentActor, household_id: FromPath[int], request: Request
    ) -> Template:
        """Everything about one household on one screen."""
        data = await household_page(actor, household_id)
        context = {
            "p": data,
            "h": data.household,
            "saved": request.query_params.get("saved"),
        }
        return Template("households/page.html", context=context)

    @get("/{household_id:int}/edit", operation_id="editHouseholdForm", guards=[WRITERS])
    async def edit_form(self, actor: CurrentActor, household_id: FromPath[int]) -> Template:
        """The household form filled with what is stored."""
        household = await service.get_household(actor, household_id)
        context = await form_context(actor, HOUSEHOLD.form_values(household), household=household)
        return Template("households/form.html", context=context)

    @post("/{household_id:int}/edit", operation_id="updateHouseholdForm", guards=[WRITERS])
    async def update(
        self, actor: CurrentActor, household_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Saves an edit; a stale one shows what changed meanwhile and keeps the input."""
        household = await service.get_household(actor, household_id)
        return await save_form(
            request,
            actor,
            lambda raw: service.update_household(actor, household_id, HOUSEHOLD.form_patch(raw)),
            f"/households/{household_id}?saved=1",
            lambda again: rerender(actor, "households/form.html", again, household=household),
        )

    @post("/{household_id:int}/archive", operation_id="archiveHouseholdForm", guards=[WRITERS])
    async def archive(
        self, actor: CurrentActor, household_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Archives the household (it keeps its history)."""
        return await self._archive(actor, household_id, request, archived=True)

    @post("/{household_id:int}/restore", operation_id="restoreHouseholdForm", guards=[WRITERS])
    async def restore(
        self, actor: CurrentActor, household_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Brings an archived household back."""
        return await self._archive(actor, household_id, request, archived=False)

    async def _archive(
        self, actor: Actor, household_id: int, request: Request, *, archived: bool
    ) -> Template | Redirect:

        async def again(again: Again) -> Template:
            data = await household_page(actor, household_id)
            context = {
                "p": data,
                "h": data.household,
                "archive_errors": again.errors,
                "archive_message": again.message,
            }
            return Template("households/page.html", context=context, status_code=again.status)

        return await save_form(
            request,
            actor,
            lambda raw: service.set_archived(actor, household_id, raw, archived=archived),
            f"/households/{household_id}?saved=1",
            again,
        )
