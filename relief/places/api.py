"""JSON API for places: communes and their hamlets, with the ids other writes refer to."""

from __future__ import annotations

from litestar import Controller, get
from litestar.params import FromPath

from relief.core.actor import CurrentActor
from relief.core.api import READ, READ_ONE
from relief.places import service
from relief.places.schemas import CommuneOut, HamletOut, commune_out, hamlet_out


class PlacesApi(Controller):
    path = "/api/v1/communes"
    tags = ["places"]

    @get("/", operation_id="listCommunes", responses=READ)
    async def list_communes(self, actor: CurrentActor) -> list[CommuneOut]:
        """The province's communes and wards with their ids, codes, kinds and former units."""
        return [commune_out(c) for c in await service.list_communes(actor)]

    @get("/{commune_code:str}/hamlets", operation_id="listHamlets", responses=READ_ONE)
    async def list_hamlets(
        self, actor: CurrentActor, commune_code: FromPath[str]
    ) -> list[HamletOut]:
        """The hamlets of a commune (by its GSO code) with their ids, for `hamlet_id`."""
        commune = await service.get_commune(actor, commune_code)
        return [hamlet_out(h) for h in await service.list_hamlets(actor, commune.id)]
