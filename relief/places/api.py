"""JSON API for places."""

from __future__ import annotations

from litestar import Controller, get

from relief.accounts.auth import CurrentActor
from relief.places import service
from relief.places.schemas import CommuneOut, commune_out


class PlacesApi(Controller):
    path = "/api/v1/communes"
    tags = ["places"]

    @get("/", operation_id="listCommunes")
    async def list_communes(self, actor: CurrentActor) -> list[CommuneOut]:
        """The province's communes and wards with their codes, kinds and former units."""
        return [commune_out(c) for c in await service.list_communes(actor)]
