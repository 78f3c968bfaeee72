"""HTML pages for places: the home page listing the communes."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.params import Parameter
from litestar.response import Template

from relief.core.actor import CurrentActor
from relief.core.i18n import gettext
from relief.places import service


class PlacesViews(Controller):
    path = "/"
    tags = ["places"]
    include_in_schema = False

    @get("/", operation_id="home")
    async def home(
        self,
        actor: CurrentActor,
        province: Annotated[str | None, Parameter(pattern=r"^\d{2}$")] = None,
    ) -> Template:
        """The communes of a province, the 13 north-eastern ones first: the actor's own
        province, or the one picked among those it reads (`?province=19`)."""
        shown, provinces = await service.home_province(actor, province)
        communes = await service.list_province_communes(actor, shown)
        focus = [c for c in communes if c.is_focus]
        others = [c for c in communes if not c.is_focus]
        city = shown.name.startswith("Thành phố")  # the library names a city with its kind
        context = {
            "province": shown.name if city else gettext("{name} province", name=shown.name),
            "code": shown.code,
            "provinces": provinces,
            "focus": focus,
            "others": others,
            "total": len(communes),
        }
        return Template(template_name="places/home.html", context=context)
