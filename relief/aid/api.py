"""JSON API of aid visits and the aid each household received (same services as the pages)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, delete, get, patch, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_201_CREATED

from relief.accounts.auth import STAFF_ROLES, WRITER_ROLES, CurrentActor, roles
from relief.aid import service
from relief.aid.schemas import GiftOut, VisitOut, VisitPage, gift_out, visit_out
from relief.core.errors import Invalid
from relief.households.schemas import plain_form

STAFF = roles(*STAFF_ROLES)
WRITERS = roles(*WRITER_ROLES)


def body(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise Invalid({"body": "Send a JSON object."})
    raw = plain_form(data)
    if "gifts" in data:
        gifts = data["gifts"]
        raw["gifts"] = (
            [plain_form(g) if isinstance(g, dict) else {} for g in gifts]
            if isinstance(gifts, list)
            else gifts
        )
    return raw


async def _full(actor, visit) -> VisitOut:
    gifts, totals = await service.visit_gifts(actor, visit)
    return visit_out(visit, totals, [gift_out(g, service.gift_version(g)) for g in gifts])


class VisitsApi(Controller):
    path = "/api/v1/visits"
    tags = ["aid"]
    guards = [STAFF]

    @get("/", operation_id="listVisits")
    async def list_visits(self, actor: CurrentActor, request: Request) -> VisitPage:
        """Visits, newest first, each with its totals; `page` for the next ones."""
        raw_page = request.query_params.get("page", "1")
        page = int(raw_page) if raw_page.isdigit() and len(raw_page) < 7 else 1
        visits, page, pages = await service.list_visits(actor, page)
        items = [
            visit_out(
                v,
                {
                    "households": v.households or 0,
                    "cash": v.cash_total or 0,
                    "goods_value": v.goods_total or 0,
                    "total": (v.cash_total or 0) + (v.goods_total or 0),
                },
            )
            for v in visits
        ]
        return VisitPage(items=items, page=page, pages=pages)

    @post("/", operation_id="createVisit", guards=[WRITERS], status_code=HTTP_201_CREATED)
    async def create_visit(self, actor: CurrentActor, data: JSONBody[Any]) -> VisitOut:
        """Records a visit; `gifts` may list households with cash, goods and goods_value."""
        return await _full(actor, await service.create_visit(actor, body(data)))

    @get("/{visit_id:int}", operation_id="getVisit")
    async def get_visit(self, actor: CurrentActor, visit_id: FromPath[int]) -> VisitOut:
        """One visit with its households and totals."""
        return await _full(actor, await service.get_visit(actor, visit_id))

    @patch("/{visit_id:int}", operation_id="updateVisit", guards=[WRITERS])
    async def update_visit(
        self, actor: CurrentActor, visit_id: FromPath[int], data: JSONBody[Any]
    ) -> VisitOut:
        """Changes the fields sent; `version` must be the one read (409 if it is stale)."""
        visit = await service.update_visit(actor, visit_id, body(data), partial=True)
        return await _full(actor, visit)

    @post(
        "/{visit_id:int}/gifts",
        operation_id="addVisitHousehold",
        guards=[WRITERS],
        status_code=HTTP_201_CREATED,
    )
    async def add_gift(
        self, actor: CurrentActor, visit_id: FromPath[int], data: JSONBody[Any]
    ) -> GiftOut:
        """Adds a household of the visit's commune with what it received."""
        row = await service.add_gift(actor, visit_id, body(data))
        row = await service.get_gift(actor, row.id)
        return gift_out(row, service.gift_version(row))


class GiftsApi(Controller):
    path = "/api/v1/aid-given"
    tags = ["aid"]
    guards = [STAFF]

    @get("/{gift_id:int}", operation_id="getAidGiven")
    async def get_gift(self, actor: CurrentActor, gift_id: FromPath[int]) -> GiftOut:
        """What one household received in one visit."""
        row = await service.get_gift(actor, gift_id)
        return gift_out(row, service.gift_version(row))

    @patch("/{gift_id:int}", operation_id="updateAidGiven", guards=[WRITERS])
    async def update_gift(
        self, actor: CurrentActor, gift_id: FromPath[int], data: JSONBody[Any]
    ) -> GiftOut:
        """Corrects the amounts; `version` must be the one read (409 if it is stale)."""
        row = await service.update_gift(actor, gift_id, body(data))
        return gift_out(row, service.gift_version(row))

    @delete("/{gift_id:int}", operation_id="deleteAidGiven", guards=[WRITERS], status_code=200)
    async def delete_gift(
        self, actor: CurrentActor, gift_id: FromPath[int], version: FromQuery[str] = ""
    ) -> dict[str, int]:
        """Takes the household out of the visit; `?version=` must be the one read."""
        visit = await service.remove_gift(actor, gift_id, {"version": version})
        return {"visit_id": visit.id}
