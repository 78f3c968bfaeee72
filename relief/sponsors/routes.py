"""The route handlers of this area (pages and API), registered by relief.app."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.response import Redirect, Template

from relief.accounts.auth import MANAGER_ROLES, STAFF_ROLES, CurrentActor, roles
from relief.core.formatting import local_today
from relief.core.forms import Form
from relief.core.pages import Again, save_form
from relief.places.models import Commune
from relief.sponsors import service
from relief.sponsors.models import SponsorKind
from relief.sponsors.schemas import (
    PledgeIn,
    PledgeOut,
    SponsorIn,
    SponsorOut,
    pledge_out,
    sponsor_out,
)

STAFF = STAFF_ROLES
KEEPERS = MANAGER_ROLES


def _errors(again: Again) -> dict:
    return {"errors": again.errors, "problem": again.problem}


def _sponsor_input(form: Form) -> service.SponsorInput:
    return service.SponsorInput(
        name=form.text("name", required=True, max_length=200),
        kind=form.raw("kind") or None,
        contact_person=form.text("contact_person", max_length=150),
        phone=form.text("phone", max_length=20),
        email=form.text("email", max_length=150),
    )


async def _detail(actor, sponsor_id: FromPath[int], status: int = 200, **extra) -> Template:
    sponsor = await service.get_sponsor(actor, sponsor_id)
    context = {
        "sponsor": sponsor,
        "pledges": await service.list_pledges(actor, sponsor_id=sponsor.id),
        "communes": list(await Commune.all().order_by("-is_focus", "name_key")),
        "can_keep": service.can_keep_registry(actor),
        "form": {"pledged_on": local_today()},
        "errors": {},
    }
    context.update(extra)
    return Template(template_name="sponsors/detail.html", context=context, status_code=status)


class SponsorsViews(Controller):
    path = "/sponsors"
    tags = ["sponsors"]
    include_in_schema = False
    guards = [roles(*STAFF)]

    @get("/", operation_id="sponsorsPage")
    async def index(self, actor: CurrentActor, q: FromQuery[str] = "") -> Template:
        """The province's sponsor registry."""
        return Template(
            template_name="sponsors/list.html",
            context={
                "sponsors": await service.list_sponsors(actor, q),
                "q": q,
                "can_keep": service.can_keep_registry(actor),
                "kinds": list(SponsorKind),
                "form": {},
                "errors": {},
            },
        )

    @post("/", operation_id="createSponsorPage", guards=[roles(*KEEPERS)])
    async def create(self, actor: CurrentActor, request: Request) -> Template | Redirect:
        """Registers a sponsor."""

        async def create(data: dict) -> Any:
            form = Form(data)
            values = _sponsor_input(form)
            form.check()
            return await service.create_sponsor(actor, values)

        async def again(again: Again) -> Template:
            return Template(
                template_name="sponsors/list.html",
                context={
                    "sponsors": await service.list_sponsors(actor),
                    "q": "",
                    "can_keep": True,
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

    @post("/{sponsor_id:int}/pledges", operation_id="addPledgePage", guards=[roles(*KEEPERS)])
    async def add_pledge(
        self, actor: CurrentActor, sponsor_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Records a pledge of the sponsor (for one commune or province-wide)."""
        sponsor = await service.get_sponsor(actor, sponsor_id)

        async def pledge(data: dict) -> None:
            form = Form(data)
            values = service.PledgeInput(
                sponsor_id=sponsor.id,
                amount=form.money("amount", required=True),
                houses=form.integer("houses", min=0) or 0,
                pledged_on=form.date("pledged_on", required=True),
                commune_id=form.integer("commune_id"),
                note=form.text("note", max_length=2000),
            )
            form.check()
            await service.create_pledge(actor, values)

        async def again(again: Again) -> Template:
            return await _detail(
                actor, sponsor.id, again.status, form=again.values, **_errors(again)
            )

        return await save_form(request, actor, pledge, f"/sponsors/{sponsor.id}", again)


class SponsorsApi(Controller):
    path = "/api/v1"
    tags = ["sponsors"]
    guards = [roles(*STAFF)]

    @get("/sponsors", operation_id="listSponsors")
    async def list_sponsors(self, actor: CurrentActor, q: FromQuery[str] = "") -> list[SponsorOut]:
        """The sponsor registry (search by name without accents with q)."""
        return [sponsor_out(s) for s in await service.list_sponsors(actor, q)]

    @post("/sponsors", operation_id="createSponsor", guards=[roles(*KEEPERS)])
    async def create_sponsor(self, actor: CurrentActor, data: JSONBody[SponsorIn]) -> SponsorOut:
        """Registers a sponsor."""
        sponsor = await service.create_sponsor(
            actor,
            service.SponsorInput(
                name=data.name,
                kind=data.kind,
                contact_person=data.contact_person,
                phone=data.phone,
                email=data.email,
            ),
        )
        return sponsor_out(sponsor)

    @get("/sponsors/{sponsor_id:int}", operation_id="getSponsor")
    async def get_sponsor(self, actor: CurrentActor, sponsor_id: FromPath[int]) -> SponsorOut:
        """One sponsor."""
        return sponsor_out(await service.get_sponsor(actor, sponsor_id))

    @get("/pledges", operation_id="listPledges")
    async def list_pledges(
        self,
        actor: CurrentActor,
        sponsor_id: FromQuery[int | None] = None,
        commune_id: FromQuery[int | None] = None,
    ) -> list[PledgeOut]:
        """Pledges, by sponsor or commune."""
        return [pledge_out(p) for p in await service.list_pledges(actor, sponsor_id, commune_id)]

    @post("/pledges", operation_id="createPledge", guards=[roles(*KEEPERS)])
    async def create_pledge(self, actor: CurrentActor, data: JSONBody[PledgeIn]) -> PledgeOut:
        """Records a pledge."""
        pledge = await service.create_pledge(
            actor,
            service.PledgeInput(
                sponsor_id=data.sponsor_id,
                amount=data.amount,
                houses=data.houses,
                pledged_on=data.pledged_on,
                commune_id=data.commune_id,
                note=data.note,
            ),
        )
        return pledge_out(pledge)


ROUTES: list = [SponsorsViews, SponsorsApi]
