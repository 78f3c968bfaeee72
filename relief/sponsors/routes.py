"""The route handlers of this area (pages and API), registered by relief.app."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from relief.core.actor import CurrentActor
from relief.core.formatting import local_today
from relief.core.guards import requires
from relief.core.pages import Again, conflict_rows, save_form
from relief.core.permissions import Can
from relief.core.scope import scoped
from relief.places.models import Commune
from relief.sponsors import service
from relief.sponsors.api import SponsorsApi
from relief.sponsors.models import SponsorKind
from relief.sponsors.records import PLEDGE, SPONSOR


def _errors(again: Again) -> dict:
    return {"errors": again.errors, "problem": again.problem}


def _edit_page(sponsor, form: dict, status: int = 200, **extra) -> Template:
    context = {"sponsor": sponsor, "kinds": list(SponsorKind), "form": form, "errors": {}}
    context.update(extra)
    return Template(template_name="sponsors/edit.html", context=context, status_code=status)


async def _detail(actor, sponsor_id: FromPath[int], status: int = 200, **extra) -> Template:
    sponsor = await service.get_sponsor(actor, sponsor_id)
    context = {
        "sponsor": sponsor,
        "pledges": await service.list_pledges(actor, sponsor_id=sponsor.id),
        "communes": list(await scoped(actor, Commune).order_by("-is_focus", "name_key")),
        "form": {"pledged_on": local_today()},
        "errors": {},
    }
    context.update(extra)
    return Template(template_name="sponsors/detail.html", context=context, status_code=status)


class SponsorsViews(Controller):
    path = "/sponsors"
    tags = ["sponsors"]
    include_in_schema = False
    guards = [requires(Can.read_records)]

    @get("/", operation_id="sponsorsPage")
    async def index(self, actor: CurrentActor, q: FromQuery[str] = "") -> Template:
        """The province's sponsor registry."""
        return Template(
            template_name="sponsors/list.html",
            context={
                "sponsors": await service.list_sponsors(actor, q),
                "q": q,
                "kinds": list(SponsorKind),
                "form": {},
                "errors": {},
            },
        )

    @post("/", operation_id="createSponsorPage", guards=[requires(Can.manage_sponsors)])
    async def create(self, actor: CurrentActor, request: Request) -> Template | Redirect:
        """Registers a sponsor."""

        async def create(data: dict) -> Any:
            return await service.create_sponsor(actor, SPONSOR.form(data))

        async def again(again: Again) -> Template:
            return Template(
                template_name="sponsors/list.html",
                context={
                    "sponsors": await service.list_sponsors(actor),
                    "q": "",
                    "kinds": list(SponsorKind),
                    "form": again.values,
                    **_errors(again),
                },
                status_code=again.status,
            )

        return await save_form(
            request, actor, create, lambda sponsor: f"/sponsors/{sponsor.id}", again
        )

    @get("/{sponsor_id:int}", operation_id="sponsorPage")
    async def detail(self, actor: CurrentActor, sponsor_id: FromPath[int]) -> Template:
        """One sponsor with its pledges."""
        return await _detail(actor, sponsor_id)

    @get(
        "/{sponsor_id:int}/edit",
        operation_id="editSponsorForm",
        guards=[requires(Can.manage_sponsors)],
    )
    async def edit_form(self, actor: CurrentActor, sponsor_id: FromPath[int]) -> Template:
        """The sponsor's form filled with what is stored, to correct its name or contacts."""
        sponsor = await service.get_sponsor(actor, sponsor_id)
        return _edit_page(sponsor, service.sponsor_form_values(sponsor))

    @post(
        "/{sponsor_id:int}/edit",
        operation_id="updateSponsorForm",
        guards=[requires(Can.manage_sponsors)],
    )
    async def update(
        self, actor: CurrentActor, sponsor_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Saves the correction; a stale one or a name already taken shows the form again."""
        sponsor = await service.get_sponsor(actor, sponsor_id)

        async def update(data: dict) -> Any:
            return await service.update_sponsor(actor, sponsor.id, SPONSOR.form_patch(data))

        async def again(again: Again) -> Template:
            if again.stale:  # what changed meanwhile, beside the fields
                conflict = conflict_rows(again)
                extra: dict[str, Any] = {
                    "errors": {},
                    "conflict": conflict,
                    "conflict_message": again.message,
                }
            else:
                extra = _errors(again)
            return _edit_page(sponsor, again.values, again.status, **extra)

        return await save_form(request, actor, update, f"/sponsors/{sponsor.id}", again)

    @post(
        "/{sponsor_id:int}/pledges",
        operation_id="addPledgePage",
        guards=[requires(Can.manage_sponsors)],
    )
    async def add_pledge(
        self, actor: CurrentActor, sponsor_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Records a pledge of the sponsor (for one commune or province-wide)."""
        sponsor = await service.get_sponsor(actor, sponsor_id)

        async def pledge(data: dict) -> None:
            raw = {**data, "sponsor_id": str(sponsor.id)}  # the sponsor of the page
            await service.create_pledge(actor, PLEDGE.form(raw))

        async def again(again: Again) -> Template:
            return await _detail(
                actor, sponsor.id, again.status, form=again.values, **_errors(again)
            )

        return await save_form(request, actor, pledge, f"/sponsors/{sponsor.id}", again)


ROUTES: list = [SponsorsViews, SponsorsApi]
