"""HTML pages for handover ceremonies, the printable minutes, and the sponsor portal."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from relief.core.actor import Actor, CurrentActor
from relief.core.formatting import local_today
from relief.core.guards import requires
from relief.core.pages import Again, save_form
from relief.core.permissions import Can, can
from relief.core.scope import scoped
from relief.houses import handovers, portal
from relief.houses.models import Stage
from relief.houses.records import HANDOVER
from relief.houses.views import _error_context
from relief.places.models import Commune, Hamlet
from relief.sponsors.models import Sponsor


async def _form_context(actor: Actor, commune_id: int | None) -> dict:
    commune_id = commune_id or actor.commune_id
    communes = (
        []
        if can(actor).read_one_commune
        else list(await scoped(actor, Commune).filter(is_focus=True))
    )
    hamlets = list(await Hamlet.filter(commune_id=commune_id)) if commune_id else []
    return {
        "commune_id": commune_id,
        "communes": communes,
        "hamlets": hamlets,
        "houses": await handovers.ready_houses(actor, commune_id),
        "sponsors": list(await scoped(actor, Sponsor).order_by("name_key")),
    }


class HandoverViews(Controller):
    path = "/"
    tags = ["handovers"]
    include_in_schema = False

    @get("/handovers", operation_id="handoversPage", guards=[requires(Can.read_records)])
    async def index(self, actor: CurrentActor) -> Template:
        """Handover ceremonies, newest first."""
        return Template(
            template_name="handovers/list.html",
            context={
                "handovers": await handovers.list_handovers(actor),
            },
        )

    @get("/handovers/new", operation_id="newHandoverPage", guards=[requires(Can.write_records)])
    async def new(self, actor: CurrentActor, commune_id: FromQuery[int | None] = None) -> Template:
        """The form to record a ceremony and the completed houses it hands over."""
        ctx = await _form_context(actor, commune_id)
        return Template(
            template_name="handovers/new.html",
            context={**ctx, "form": {"held_on": local_today()}, "errors": {}},
        )

    @post("/handovers/new", operation_id="recordHandoverPage", guards=[requires(Can.write_records)])
    async def create(self, actor: CurrentActor, request: Request) -> Template | Redirect:
        """Records the ceremony; if any house is not completed, nothing is saved."""

        async def record(data: dict) -> Any:
            return await handovers.create_handover(actor, HANDOVER.form(data))

        async def again(again: Again) -> Template:
            values = HANDOVER.form(again.values)  # what was chosen, even where refused
            ctx = await _form_context(actor, values.commune_id)
            return Template(
                template_name="handovers/new.html",
                context={
                    **ctx,
                    "form": again.values,
                    "chosen_houses": set(values.house_ids or ()),
                    "chosen_sponsors": set(values.sponsor_ids or ()),
                    **_error_context(again),
                },
                status_code=again.status,
            )

        return await save_form(
            request, actor, record, lambda handover: f"/handovers/{handover.id}", again
        )

    @get(
        "/handovers/{handover_id:int}",
        operation_id="handoverPage",
        guards=[requires(Can.read_records)],
    )
    async def detail(self, actor: CurrentActor, handover_id: FromPath[int]) -> Template:
        """One ceremony, its sponsors and houses, with a link to each house's minutes."""
        handover = await handovers.get_handover(actor, handover_id)
        return Template(
            template_name="handovers/detail.html",
            context={"handover": handover, "houses": await handovers.houses_of(actor, handover)},
        )

    @get(
        "/houses/{house_id:int}/minutes",
        operation_id="handoverMinutesPage",
        guards=[requires(Can.read_records)],
    )
    async def minutes(self, actor: CurrentActor, house_id: FromPath[int]) -> Template:
        """The printable handover minutes (biên bản bàn giao) of one house."""
        return Template(
            template_name="handovers/minutes.html",
            context={"m": await handovers.minutes_of(actor, house_id)},
        )


class PortalViews(Controller):
    path = "/portal"
    tags = ["portal"]
    include_in_schema = False
    guards = [requires(Can.use_portal)]

    @get("/", operation_id="portalPage")
    async def home(
        self,
        actor: CurrentActor,
        commune_id: FromQuery[int | None] = None,
        stage: FromQuery[str | None] = None,
    ) -> Template:
        """The sponsor's houses with totals, filtered by commune and stage."""
        chosen = Stage(stage) if stage in set(Stage) else None
        page = await portal.portal_page(actor, portal.PortalFilter(commune_id, chosen))
        return Template(
            template_name="portal/home.html",
            context={
                "page": page,
                "communes": await portal.portal_communes(actor),
                "stages": list(Stage),
                "commune_id": commune_id,
                "stage": chosen.value if chosen else "",
                "today": local_today(),
            },
        )

    @get("/houses/{house_id:int}", operation_id="portalHousePage")
    async def house(self, actor: CurrentActor, house_id: FromPath[int]) -> Template:
        """One of the sponsor's houses: stages with dates, photos, its own money."""
        return Template(
            template_name="portal/house.html",
            context={"house": await portal.portal_house(actor, house_id)},
        )
