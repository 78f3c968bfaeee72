"""JSON API of the sponsor registry and pledges (same services as the pages)."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.params import FromPath, FromQuery

from relief.accounts.auth import MANAGER_ROLES, STAFF_ROLES, CurrentActor, roles
from relief.core.api import CREATE, READ, READ_ONE, Body, decode
from relief.sponsors import service
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


class SponsorsApi(Controller):
    path = "/api/v1"
    tags = ["sponsors"]
    guards = [roles(*STAFF)]

    @get("/sponsors", operation_id="listSponsors", responses=READ)
    async def list_sponsors(self, actor: CurrentActor, q: FromQuery[str] = "") -> list[SponsorOut]:
        """The sponsor registry (search by name without accents with q)."""
        return [sponsor_out(s) for s in await service.list_sponsors(actor, q)]

    @post("/sponsors", operation_id="createSponsor", guards=[roles(*KEEPERS)], responses=CREATE)
    async def create_sponsor(self, actor: CurrentActor, data: Body[SponsorIn]) -> SponsorOut:
        """Registers a sponsor."""
        data = decode(SponsorIn, data)
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

    @get("/sponsors/{sponsor_id:int}", operation_id="getSponsor", responses=READ_ONE)
    async def get_sponsor(self, actor: CurrentActor, sponsor_id: FromPath[int]) -> SponsorOut:
        """One sponsor."""
        return sponsor_out(await service.get_sponsor(actor, sponsor_id))

    @get("/pledges", operation_id="listPledges", responses=READ)
    async def list_pledges(
        self,
        actor: CurrentActor,
        sponsor_id: FromQuery[int | None] = None,
        commune_id: FromQuery[int | None] = None,
    ) -> list[PledgeOut]:
        """Pledges, by sponsor or commune."""
        return [pledge_out(p) for p in await service.list_pledges(actor, sponsor_id, commune_id)]

    @post("/pledges", operation_id="createPledge", guards=[roles(*KEEPERS)], responses=CREATE)
    async def create_pledge(self, actor: CurrentActor, data: Body[PledgeIn]) -> PledgeOut:
        """Records a pledge."""
        data = decode(PledgeIn, data)
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
