"""The page of affected households a disaster's visits have not reached yet, per hamlet."""

from __future__ import annotations

from litestar import Controller, get
from litestar.params import FromQuery
from litestar.response import Template

from relief.aid import completeness
from relief.core.actor import CurrentActor
from relief.core.formatting import local_today
from relief.core.guards import requires
from relief.core.permissions import Can, can
from relief.households import disasters, display
from relief.households.service import visible_hamlets


class UnreachedViews(Controller):
    path = "/visits/unreached"
    tags = ["aid"]
    guards = [requires(Can.read_records)]
    include_in_schema = False

    @get("/", operation_id="unreachedHouseholdsPage")
    async def page(
        self,
        actor: CurrentActor,
        disaster: FromQuery[int | None] = None,
        hamlet: FromQuery[int | None] = None,
    ) -> Template:
        """Households of a hamlet assessed for a disaster that no visit for it has reached."""
        choices = await disasters.list_disasters(actor)
        disaster = disaster or (choices[0].id if choices else None)
        result = None
        if disaster and hamlet:
            result = await completeness.unreached(actor, disaster, hamlet)
        return Template(
            template_name="aid/unreached.html",
            context={
                "r": result,
                "disaster": disaster,
                "hamlet": hamlet,
                "disaster_options": [(str(d.id), d.name) for d in choices],
                "hamlet_options": display.hamlet_options(
                    await visible_hamlets(actor), not can(actor).read_one_commune
                ),
                "today": local_today(),
            },
        )
