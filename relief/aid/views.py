"""HTML pages of aid visits: the list, the visit form, the visit with its households."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from relief.aid import service, stock
from relief.aid.records import GIFT, VISIT
from relief.core.actor import Actor, CurrentActor
from relief.core.forms import read_form
from relief.core.guards import requires
from relief.core.pages import Again, save_form
from relief.core.permissions import Can
from relief.households import disasters, display
from relief.households.search import pick_households

STAFF = requires(Can.read_records)
WRITERS = requires(Can.write_records)


async def _visit_form(actor: Actor, values: dict, status: int = 200, **extra: Any) -> Template:
    context = {
        "values": values,
        "errors": {},
        "conflict": None,
        "disaster_options": [(str(d.id), d.name) for d in await disasters.list_disasters(actor)],
        "commune_options": [(str(c.id), c.name) for c in await service.commune_choices(actor)],
        **extra,
    }
    return Template("aid/visit_form.html", context=context, status_code=status)


def last_quantity(last: Any) -> str:
    """The quantity the last household got, as the form shows it (10, 2.5)."""
    if last is None or last.quantity is None or not last.stock_id:
        return ""
    return f"{Decimal(last.quantity).normalize():f}"


async def _visit_page(
    actor: Actor, visit_id: int, request: Request, status: int = 200, **extra: Any
) -> Template:
    visit = await service.get_visit(actor, visit_id)
    gifts, totals = await service.visit_gifts(actor, visit)
    q = (request.query_params.get("q") or "").strip()
    picked = [g.household_id for g in gifts]
    found = await pick_households(actor, visit.commune_id, q, picked) if q else []
    retry = extra.get("error_household")
    if retry and not any(str(h.id) == retry for h in found):
        again = await service.pickable(actor, visit, retry)
        found = ([again] if again else []) + found
    last = gifts[-1] if gifts else None
    context = {
        "visit": visit,
        "gifts": [(g, g.version) for g in gifts],
        "totals": totals,
        "q": q,
        "found": found,
        "saved": request.query_params.get("saved"),
        # Goods the commune holds, to give by quantity (relief.aid.stock).
        "stock": await stock.in_stock(visit.commune_id),
        # The next household most often gets what the last one got.
        "defaults": extra.pop("defaults", None)
        or {
            "cash": str(last.cash) if last else "",
            # Goods from the stock are named and valued by it: only their quantity repeats.
            "goods": last.goods if last and not last.stock_id else "",
            "goods_value": (
                str(last.goods_value) if last and last.goods_value and not last.stock_id else ""
            ),
            "stock_id": str(last.stock_id) if last and last.stock_id else "",
            "quantity": last_quantity(last),
        },
        "errors": {},
        **extra,
    }
    return Template("aid/visit_page.html", context=context, status_code=status)


async def _conflict(again: Again) -> list[dict[str, str]] | None:
    return await display.conflict_of(again)


async def _visit_again(actor: Actor, again: Again, **extra: Any) -> Template:
    return await _visit_form(
        actor,
        again.values,
        again.status,
        errors=again.errors,
        conflict=await _conflict(again),
        conflict_message=again.message,
        **extra,
    )


class VisitViews(Controller):
    path = "/visits"
    tags = ["aid"]
    guards = [STAFF]
    include_in_schema = False

    @get("/", operation_id="visitsPage")
    async def list_page(self, actor: CurrentActor, request: Request) -> Template:
        """Visits, newest first, with households reached, cash and goods value."""
        raw_page = request.query_params.get("page", "1")
        page = int(raw_page) if raw_page.isdigit() and len(raw_page) < 7 else 1
        found = await service.list_visits(actor, page)
        visits, page, pages = found.items, found.page, found.pages
        context = {
            "visits": visits,
            "page": page,
            "pages": pages,
        }
        return Template("aid/visits.html", context=context)

    @get("/new", operation_id="newVisitForm", guards=[WRITERS])
    async def new_form(self, actor: CurrentActor) -> Template:
        """An empty visit form."""
        first = await disasters.list_disasters(actor)
        values = {"disaster_id": str(first[0].id) if first else ""}
        return await _visit_form(actor, values)

    @post("/new", operation_id="createVisitForm", guards=[WRITERS])
    async def create(self, actor: CurrentActor, request: Request) -> Template | Redirect:
        """Saves the visit, then its households are added on the batch page."""
        raw = await read_form(request)
        raw.pop("gifts", None)
        return await save_form(
            request,
            actor,
            lambda raw: service.create_visit(actor, VISIT.form(raw)),
            lambda visit: f"/visits/{visit.id}/batch",  # "Save and add households"
            lambda again: _visit_again(actor, again),
            data=raw,
        )

    @get("/{visit_id:int}", operation_id="visitPage")
    async def page(
        self, actor: CurrentActor, visit_id: FromPath[int], request: Request
    ) -> Template:
        """A visit, its households with what each received, totals, and adding households."""
        return await _visit_page(actor, visit_id, request)

    @get("/{visit_id:int}/edit", operation_id="editVisitForm", guards=[WRITERS])
    async def edit_form(self, actor: CurrentActor, visit_id: FromPath[int]) -> Template:
        """The visit form filled in."""
        visit = await service.get_visit(actor, visit_id)
        return await _visit_form(actor, service.visit_form_values(visit), visit=visit)

    @post("/{visit_id:int}/edit", operation_id="updateVisitForm", guards=[WRITERS])
    async def update(
        self, actor: CurrentActor, visit_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Saves the edit; a stale one shows what changed meanwhile."""
        visit = await service.get_visit(actor, visit_id)
        return await save_form(
            request,
            actor,
            lambda raw: service.update_visit(actor, visit_id, VISIT.form_patch(raw)),
            f"/visits/{visit_id}?saved=1",
            lambda again: _visit_again(actor, again, visit=visit),
        )

    @post("/{visit_id:int}/gifts", operation_id="addVisitHouseholdForm", guards=[WRITERS])
    async def add_gift(
        self, actor: CurrentActor, visit_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Adds a household found by the search, with what it received."""
        await service.get_visit(actor, visit_id)

        async def again(again: Again) -> Template:
            raw = again.values
            return await _visit_page(
                actor,
                visit_id,
                request,
                again.status,
                errors=again.errors,
                problem=again.problem,
                defaults={
                    k: raw.get(k, "")
                    for k in ("cash", "goods", "goods_value", "stock_id", "quantity")
                },
                error_household=str(raw.get("household_id", "")),
            )

        return await save_form(
            request,
            actor,
            lambda raw: service.add_gift(actor, visit_id, GIFT.form(raw)),
            f"/visits/{visit_id}?saved=1#households",
            again,
        )


class GiftViews(Controller):
    path = "/gifts"
    tags = ["aid"]
    guards = [WRITERS]
    include_in_schema = False

    @get("/{gift_id:int}/edit", operation_id="editAidGivenForm")
    async def edit_form(self, actor: CurrentActor, gift_id: FromPath[int]) -> Template:
        """What one household received, to correct it."""
        row = await service.get_gift(actor, gift_id)
        values = service.gift_form_values(row)
        context = {"row": row, "values": values, "errors": {}, "conflict": None}
        return Template("aid/gift_form.html", context=context)

    @post("/{gift_id:int}/edit", operation_id="updateAidGivenForm")
    async def update(
        self, actor: CurrentActor, gift_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Saves the correction; a stale one shows what changed meanwhile."""
        row = await service.get_gift(actor, gift_id)

        async def again(again: Again) -> Template:
            context = {
                "row": row,
                "values": again.values,
                "errors": again.errors,
                "conflict": await _conflict(again),
                "conflict_message": again.message,
            }
            return Template("aid/gift_form.html", context=context, status_code=again.status)

        return await save_form(
            request,
            actor,
            lambda raw: service.update_gift(actor, gift_id, GIFT.form_patch(raw)),
            f"/visits/{row.visit_id}?saved=1#households",
            again,
        )

    @post("/{gift_id:int}/delete", operation_id="deleteAidGivenForm")
    async def delete(
        self, actor: CurrentActor, gift_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Takes the household out of the visit; a stale row shows the visit again, unchanged."""
        row = await service.get_gift(actor, gift_id)

        async def again(again: Again) -> Template:
            return await _visit_page(
                actor,
                row.visit_id,
                request,
                again.status,
                errors=again.errors,
                problem=again.problem,
            )

        return await save_form(
            request,
            actor,
            lambda raw: service.remove_gift(actor, gift_id, raw),
            f"/visits/{row.visit_id}?saved=1#households",
            again,
        )
