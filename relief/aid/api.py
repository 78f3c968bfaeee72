"""JSON API of aid visits and the aid each household received (same services as the pages)."""

from __future__ import annotations

from litestar import Controller, delete, get, patch, post
from litestar.params import FromPath, FromQuery
from litestar.status_codes import HTTP_201_CREATED

from relief.aid import service
from relief.aid.records import GIFT, VISIT, GiftIn, GiftPatch, VisitIn, VisitPatch
from relief.aid.schemas import GiftOut, VisitOut, VisitPage, gift_out, visit_out
from relief.core.actor import CurrentActor
from relief.core.api import (
    CREATE,
    READ,
    READ_ONE,
    UPDATE,
    Body,
    CommuneCode,
    PageNo,
    PerPage,
)
from relief.core.guards import requires
from relief.core.permissions import Can

STAFF = requires(Can.read_records)
WRITERS = requires(Can.write_records)


async def _full(actor, visit) -> VisitOut:
    gifts, totals = await service.visit_gifts(actor, visit)
    return visit_out(visit, totals, [gift_out(g) for g in gifts])


class VisitsApi(Controller):
    path = "/api/v1/visits"
    tags = ["aid"]
    guards = [STAFF]

    @get("/", operation_id="listVisits", responses=READ)
    async def list_visits(
        self,
        actor: CurrentActor,
        commune: CommuneCode = None,
        page: PageNo = 1,
        per_page: PerPage = service.PAGE_SIZE,
    ) -> VisitPage:
        """Visits in the caller's scope, newest first, each with its totals."""
        found = await service.list_visits(actor, page, per_page, commune)
        items = [
            visit_out(
                v,
                {
                    "households": v.households or 0,  # type: ignore[attr-defined]  # annotated
                    "cash": v.cash_total or 0,  # type: ignore[attr-defined]  # annotated
                    "goods_value": v.goods_total or 0,  # type: ignore[attr-defined]  # annotated
                    "total": (v.cash_total or 0) + (v.goods_total or 0),  # type: ignore[attr-defined]
                },
            )
            for v in found.items
        ]
        return VisitPage(items=items, total=found.total, page=found.page, pages=found.pages)

    @post(
        "/",
        operation_id="createVisit",
        guards=[WRITERS],
        status_code=HTTP_201_CREATED,
        responses=CREATE,
    )
    async def create_visit(self, actor: CurrentActor, data: Body[VisitIn]) -> VisitOut:
        """Records a visit; `gifts` may list households with cash, goods and goods_value."""
        return await _full(actor, await service.create_visit(actor, VISIT.body(data)))

    @get("/{visit_id:int}", operation_id="getVisit", responses=READ_ONE)
    async def get_visit(self, actor: CurrentActor, visit_id: FromPath[int]) -> VisitOut:
        """One visit with its households and totals."""
        return await _full(actor, await service.get_visit(actor, visit_id))

    @patch("/{visit_id:int}", operation_id="updateVisit", guards=[WRITERS], responses=UPDATE)
    async def update_visit(
        self, actor: CurrentActor, visit_id: FromPath[int], data: Body[VisitPatch]
    ) -> VisitOut:
        """Changes the fields sent; `version` must be the one read (409 if it is stale)."""
        await service.get_visit(actor, visit_id)
        visit = await service.update_visit(actor, visit_id, VISIT.body_patch(data))
        return await _full(actor, visit)

    @post(
        "/{visit_id:int}/gifts",
        operation_id="addVisitHousehold",
        guards=[WRITERS],
        status_code=HTTP_201_CREATED,
        responses=UPDATE,
    )
    async def add_gift(
        self, actor: CurrentActor, visit_id: FromPath[int], data: Body[GiftIn]
    ) -> GiftOut:
        """Adds a household of the visit's commune with what it received."""
        await service.get_visit(actor, visit_id)
        row = await service.add_gift(actor, visit_id, GIFT.body(data))
        row = await service.get_gift(actor, row.id)
        return gift_out(row)


class GiftsApi(Controller):
    path = "/api/v1/aid-given"
    tags = ["aid"]
    guards = [STAFF]

    @get("/{gift_id:int}", operation_id="getAidGiven", responses=READ_ONE)
    async def get_gift(self, actor: CurrentActor, gift_id: FromPath[int]) -> GiftOut:
        """What one household received in one visit."""
        row = await service.get_gift(actor, gift_id)
        return gift_out(row)

    @patch("/{gift_id:int}", operation_id="updateAidGiven", guards=[WRITERS], responses=UPDATE)
    async def update_gift(
        self, actor: CurrentActor, gift_id: FromPath[int], data: Body[GiftPatch]
    ) -> GiftOut:
        """Corrects the amounts; `version` must be the one read (409 if it is stale)."""
        await service.get_gift(actor, gift_id)
        row = await service.update_gift(actor, gift_id, GIFT.body_patch(data))
        return gift_out(row)

    @delete(
        "/{gift_id:int}",
        operation_id="deleteAidGiven",
        guards=[WRITERS],
        status_code=200,
        responses=UPDATE,
    )
    async def delete_gift(
        self, actor: CurrentActor, gift_id: FromPath[int], version: FromQuery[str] = ""
    ) -> dict[str, int]:
        """Takes the household out of the visit; `?version=` must be the one read."""
        visit = await service.remove_gift(actor, gift_id, {"version": version})
        return {"visit_id": visit.id}
