"""The ledger's JSON API: books, donations, allocations and reversing entries."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from litestar import Controller, get, post
from litestar.params import FromPath, FromQuery, QueryParameter

from relief.core.actor import CurrentActor
from relief.core.api import CREATE, READ, UPDATE, Body, Page, PageNo, PerPage, decode
from relief.core.guards import requires
from relief.core.paging import paginate
from relief.core.permissions import Can
from relief.ledger import books, service
from relief.ledger.records import ALLOCATION, DONATION, AllocationIn, DonationIn
from relief.ledger.schemas import (
    AllocationOut,
    BooksOut,
    DonationOut,
    ReverseIn,
    allocation_out,
    donation_out,
    line_out,
)
from relief.ledger.views import _commune_of
from relief.places.models import Commune

READERS = requires(Can.read_ledger)
KEEPERS = requires(Can.keep_ledger)
CommuneCode = Annotated[
    str | None,
    QueryParameter(name="commune", description="GSO code of a commune; none: the province"),
]


async def _commune_id(actor, code: str | None) -> int | None:
    commune = await Commune.get_or_none(code=code[:10]) if code else None
    return _commune_of(actor, commune.id if commune else None)


class LedgerApi(Controller):
    path = "/api/v1/ledger"
    tags = ["ledger"]
    guards = [READERS]

    @get("/books", operation_id="ledgerBooks", responses=READ)
    async def get_books(
        self,
        actor: CurrentActor,
        commune: CommuneCode = None,
        date_from: FromQuery[date | None] = None,
        date_to: FromQuery[date | None] = None,
    ) -> BooksOut:
        """Received, allocated, spent and balance per fund for a period (thu – chi – tồn)."""
        commune_id = await _commune_id(actor, commune)
        result = await books.commune_books(actor, commune_id, date_from, date_to)
        return BooksOut(
            date_from=date_from,
            date_to=date_to,
            funds=[line_out(line) for line in result.lines],
            total=line_out(result.total),
        )

    @get("/donations", operation_id="listDonations", responses=READ)
    async def list_donations(
        self,
        actor: CurrentActor,
        commune: CommuneCode = None,
        date_from: FromQuery[date | None] = None,
        date_to: FromQuery[date | None] = None,
        page: PageNo = 1,
        per_page: PerPage = 50,
    ) -> Page[DonationOut]:
        """Donations received by a commune's funds (or the province's own), newest first."""
        commune_id = await _commune_id(actor, commune)
        qs = books.donations_query(actor, commune_id, date_from, date_to)
        found = await paginate(qs, page, per_page)
        return Page(
            items=[donation_out(d) for d in found.items],
            total=found.total,
            page=found.page,
            pages=found.pages,
        )

    @post("/donations", operation_id="recordDonation", guards=[KEEPERS], responses=CREATE)
    async def record_donation(self, actor: CurrentActor, data: Body[DonationIn]) -> DonationOut:
        """Records money or goods received; a gift to a house is allocated to it at once."""
        donation = await service.record_donation(actor, DONATION.body(data))
        return donation_out(donation)

    @post(
        "/donations/{donation_id:int}/reverse",
        operation_id="reverseDonation",
        guards=[KEEPERS],
        responses=UPDATE,
    )
    async def reverse_donation(
        self, actor: CurrentActor, donation_id: FromPath[int], data: Body[ReverseIn]
    ) -> DonationOut:
        """Cancels a donation by a reversing entry dated today."""
        await service.get_donation(actor, donation_id)
        reason = decode(ReverseIn, data).reason
        return donation_out(await service.reverse(actor, "donation", donation_id, reason))

    @get("/allocations", operation_id="listAllocations", responses=READ)
    async def list_allocations(
        self,
        actor: CurrentActor,
        commune: CommuneCode = None,
        page: PageNo = 1,
        per_page: PerPage = 50,
    ) -> Page[AllocationOut]:
        """Allocations to house cases and aid visits, newest first."""
        commune_id = await _commune_id(actor, commune)
        found = await books.allocations(actor, commune_id, page, per_page)
        return Page(
            items=[allocation_out(a) for a in found.items],
            total=found.total,
            page=found.page,
            pages=found.pages,
        )

    @post("/allocations", operation_id="allocate", guards=[KEEPERS], responses=CREATE)
    async def allocate(self, actor: CurrentActor, data: Body[AllocationIn]) -> AllocationOut:
        """Allocates money of a fund to a house case or an aid visit, by a decision."""
        allocation = await service.allocate(actor, ALLOCATION.body(data))
        return allocation_out(allocation)

    @post(
        "/allocations/{allocation_id:int}/reverse",
        operation_id="reverseAllocation",
        guards=[KEEPERS],
        responses=UPDATE,
    )
    async def reverse_allocation(
        self, actor: CurrentActor, allocation_id: FromPath[int], data: Body[ReverseIn]
    ) -> AllocationOut:
        """Cancels an allocation not yet spent by a reversing entry dated today."""
        await service.get_allocation(actor, allocation_id)
        reason = decode(ReverseIn, data).reason
        return allocation_out(await service.reverse(actor, "allocation", allocation_id, reason))
