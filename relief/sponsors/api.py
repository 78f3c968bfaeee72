"""JSON API of the sponsor registry and pledges (same services as the pages)."""

from __future__ import annotations

from litestar import Controller, get, patch, post
from litestar.params import FromPath

from relief.core.actor import CurrentActor
from relief.core.api import (
    CREATE,
    READ,
    READ_ONE,
    UPDATE,
    Body,
    Page,
    PageNo,
    PerPage,
    QueryId,
    Search,
)
from relief.core.guards import requires
from relief.core.permissions import Can
from relief.sponsors import service
from relief.sponsors.records import PLEDGE, SPONSOR, PledgeIn, SponsorIn, SponsorPatch
from relief.sponsors.schemas import PledgeOut, SponsorOut, pledge_out, sponsor_out


class SponsorsApi(Controller):
    path = "/api/v1"
    tags = ["sponsors"]
    guards = [requires(Can.read_records)]

    @get("/sponsors", operation_id="listSponsors", responses=READ)
    async def list_sponsors(
        self, actor: CurrentActor, q: Search = "", page: PageNo = 1, per_page: PerPage = 50
    ) -> Page[SponsorOut]:
        """The sponsor registry (`q`: a name typed without accents)."""
        found = await service.sponsors_page(actor, q, page, per_page)
        return Page(
            items=[sponsor_out(s) for s in found.items],
            total=found.total,
            page=found.page,
            pages=found.pages,
        )

    @post(
        "/sponsors",
        operation_id="createSponsor",
        guards=[requires(Can.manage_sponsors)],
        responses=CREATE,
    )
    async def create_sponsor(self, actor: CurrentActor, data: Body[SponsorIn]) -> SponsorOut:
        """Registers a sponsor."""
        sponsor = await service.create_sponsor(actor, SPONSOR.body(data))
        return sponsor_out(sponsor)

    @get("/sponsors/{sponsor_id:int}", operation_id="getSponsor", responses=READ_ONE)
    async def get_sponsor(self, actor: CurrentActor, sponsor_id: FromPath[int]) -> SponsorOut:
        """One sponsor."""
        return sponsor_out(await service.get_sponsor(actor, sponsor_id))

    @patch(
        "/sponsors/{sponsor_id:int}",
        operation_id="updateSponsor",
        guards=[requires(Can.manage_sponsors)],
        responses=UPDATE,
    )
    async def update_sponsor(
        self, actor: CurrentActor, sponsor_id: FromPath[int], data: Body[SponsorPatch]
    ) -> SponsorOut:
        """Corrects the fields sent; `version` must be the one read (409 if it is stale)."""
        await service.get_sponsor(actor, sponsor_id)
        fresh = await service.update_sponsor(actor, sponsor_id, SPONSOR.body_patch(data))
        return sponsor_out(fresh)

    @get("/pledges", operation_id="listPledges", responses=READ)
    async def list_pledges(
        self,
        actor: CurrentActor,
        sponsor_id: QueryId = None,
        commune_id: QueryId = None,
        page: PageNo = 1,
        per_page: PerPage = 50,
    ) -> Page[PledgeOut]:
        """Pledges, the latest first, by sponsor or commune."""
        found = await service.pledges_page(actor, sponsor_id, commune_id, page, per_page)
        return Page(
            items=[pledge_out(p) for p in found.items],
            total=found.total,
            page=found.page,
            pages=found.pages,
        )

    @post(
        "/pledges",
        operation_id="createPledge",
        guards=[requires(Can.manage_sponsors)],
        responses=CREATE,
    )
    async def create_pledge(self, actor: CurrentActor, data: Body[PledgeIn]) -> PledgeOut:
        """Records a pledge."""
        pledge = await service.create_pledge(actor, PLEDGE.body(data))
        return pledge_out(pledge)
