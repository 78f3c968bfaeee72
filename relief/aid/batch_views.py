"""The page that adds many households of a hamlet to a visit in one save."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from relief.aid import batch
from relief.core.actor import Actor, CurrentActor
from relief.core.guards import requires
from relief.core.pages import Again, save_form
from relief.core.permissions import Can


def _hamlet(raw: Any) -> int | None:
    text = str(raw or "").strip()
    return int(text) if text.isdigit() and len(text) < 10 else None


async def _page(
    actor: Actor, visit_id: int, hamlet_id: int | None, q: str, status: int = 200, **extra: Any
) -> Template:
    found = await batch.affected_households(actor, visit_id, hamlet_id, q)
    context = {"b": found, "form": {}, "errors": {}, "ticked": set(), "prefix": batch.row_prefix}
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
    ) -> Template:
        """A hamlet's affected households to tick, with one amount for all."""
        return await _page(actor, visit_id, _hamlet(hamlet_id), q[:100])

    @post("/", operation_id="visitBatchSave")
    async def save(
        self, actor: CurrentActor, visit_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Adds every ticked household in one transaction, or shows each row's error."""

        async def add(data: dict[str, Any]) -> list:
            return await batch.add_gifts(actor, visit_id, data)

        async def again(again: Again) -> Template:
            ids = again.values.get("household_ids") or []
            return await _page(
                actor,
                visit_id,
                _hamlet(again.values.get("hamlet_id")),
                str(again.values.get("q") or "")[:100],
                again.status,
                form=again.values,
                errors=again.errors,
                ticked={str(i) for i in (ids if isinstance(ids, list) else [ids])},
            )

        return await save_form(request, actor, add, f"/visits/{visit_id}?saved=1#households", again)
