"""The page that adds many households of a hamlet to a visit in one save."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from relief.accounts.auth import WRITER_ROLES, CurrentActor, roles
from relief.aid import batch
from relief.core.errors import Invalid
from relief.core.forms import read_form
from relief.core.scope import Actor


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
    guards = [roles(*WRITER_ROLES)]
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
        raw = await read_form(request)
        try:
            await batch.add_gifts(actor, visit_id, raw)
        except Invalid as exc:
            ids = raw.get("household_ids") or []
            return await _page(
                actor,
                visit_id,
                _hamlet(raw.get("hamlet_id")),
                str(raw.get("q") or "")[:100],
                422,
                form=raw,
                errors=exc.field_errors,
                ticked={str(i) for i in (ids if isinstance(ids, list) else [ids])},
            )
        return Redirect(f"/visits/{visit_id}?saved=1#households", status_code=303)
