"""The page that adds many households, of any hamlets of the commune, to a visit in one save."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from relief.aid import batch
from relief.core.actor import Actor, CurrentActor
from relief.core.forms import read_form
from relief.core.guards import requires
from relief.core.pages import Again, save_form
from relief.core.permissions import Can

FIND = "find"  # the search button's name: the posted form searches again, keeping the ticks


def _id(raw: Any) -> int | None:
    text = str(raw or "").strip()
    return int(text) if text.isdigit() and len(text) < 10 else None


def _ticked(values: dict[str, Any]) -> list[str]:
    sent = values.get("household_ids") or []
    return [str(v) for v in (sent if isinstance(sent, list) else [sent]) if v]


async def _page(
    actor: Actor, visit_id: int, values: dict[str, Any], status: int = 200, **extra: Any
) -> Template:
    """The search's households and the chosen ones (ticked), with the amounts typed so far."""
    ticked = _ticked(values)
    found = await batch.find_households(
        actor,
        visit_id,
        _id(values.get("hamlet_id")),
        str(values.get("q") or "")[:100],
        everyone=bool(values.get("everyone")),
        chosen_ids=[i for i in map(_id, ticked) if i is not None],
    )
    context = {
        "b": found,
        "form": values,
        "errors": {},
        "ticked": set(ticked),
        "prefix": batch.row_prefix,
    }
    context.update(extra)
    return Template("aid/visit_batch.html", context=context, status_code=status)


class VisitBatchViews(Controller):
    path = "/visits/{visit_id:int}/batch"
    tags = ["aid"]
    guards = [requires(Can.write_records)]
    include_in_schema = False

    @get("/", operation_id="visitBatchForm")
    async def form(
        self,
        actor: CurrentActor,
        visit_id: FromPath[int],
        hamlet_id: FromQuery[str | None] = None,
        q: FromQuery[str] = "",
        everyone: FromQuery[str] = "",
    ) -> Template:
        """The commune's affected households to tick (or any, by hamlet or name), with one
        amount for all."""
        return await _page(
            actor, visit_id, {"hamlet_id": hamlet_id, "q": q[:100], "everyone": everyone}
        )

    @post("/", operation_id="visitBatchSave")
    async def save(
        self, actor: CurrentActor, visit_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Searches again keeping what is ticked (the search button), or adds every ticked
        household in one transaction, or shows each row's error."""
        values = await read_form(request)
        if values.get(FIND):
            return await _page(actor, visit_id, values)

        async def add(data: dict[str, Any]) -> list:
            return await batch.add_gifts(actor, visit_id, data)

        async def again(again: Again) -> Template:
            return await _page(actor, visit_id, again.values, again.status, errors=again.errors)

        return await save_form(
            request, actor, add, f"/visits/{visit_id}?saved=1#households", again, data=values
        )
