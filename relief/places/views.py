"""HTML pages for places: the home page listing the communes."""

from __future__ import annotations

from litestar import Controller, get
from litestar.response import Template

from relief.core.actor import CurrentActor
from relief.places import service


class PlacesViews(Controller):
    path = "/"
    tags = ["places"]
    include_in_schema = False

    @get("/", operation_id="home")
    async def home(self, actor: CurrentActor) -> Template:
        """The communes of the province, the 13 north-eastern ones first."""
        communes = await service.list_communes(actor)
        focus = [c for c in communes if c.is_focus]
        others = [c for c in communes if not c.is_focus]
        return Template(
            template_name="places/home.html",
            context={"focus": focus, "others": others, "total": len(communes)},
        )
