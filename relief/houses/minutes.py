"""Pages of the stage-completion minutes of a house: print them, record their number and date."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from relief.core.actor import Actor, CurrentActor
from relief.core.forms import Form
from relief.core.guards import requires
from relief.core.pages import Again, conflict_rows, save_form
from relief.core.permissions import Can
from relief.houses import stage_minutes


class StageMinutesViews(Controller):
    path = "/houses/{house_id:int}/stage-minutes/{stage:str}"
    tags = ["houses"]
    guards = [requires(Can.read_records)]
    include_in_schema = False

    @get("/", operation_id="stageMinutesPage")
    async def page(
        self, actor: CurrentActor, request: Request, house_id: FromPath[int], stage: FromPath[str]
    ) -> Template:
        """The printable minutes confirming a stage (foundation, 30 %, completion) of a house."""
        return await _page(actor, house_id, stage, saved=bool(request.query_params.get("saved")))

    @post("/", operation_id="recordStageMinutesPage", guards=[requires(Can.write_records)])
    async def record(
        self, actor: CurrentActor, request: Request, house_id: FromPath[int], stage: FromPath[str]
    ) -> Template | Redirect:
        """Keeps the number and date of the signed minutes on the stage they confirm."""
        await stage_minutes.stage_minutes_of(actor, house_id, stage)  # 404 out of scope first

        async def record(values: dict) -> object:
            form = Form(values)
            number = form.text("minutes_number", required=True, max_length=40)
            on = form.date("minutes_on", required=True)
            form.check()
            return await stage_minutes.record_minutes(
                actor, house_id, stage, number, on, form.raw("version")
            )

        async def again(again: Again) -> Template:
            return await _page(
                actor,
                house_id,
                stage,
                errors=again.errors,
                form=again.values,
                status=again.status,
                conflict=conflict_rows(again) if again.stale else None,
                conflict_message=again.message,
                problem=None if again.stale else again.problem,
            )

        done = f"/houses/{house_id}/stage-minutes/{stage}?saved=1"
        return await save_form(request, actor, record, done, again)


async def _page(
    actor: Actor,
    house_id: int,
    stage: str,
    *,
    saved=False,
    errors=None,
    form=None,
    status: int = 200,
    **extra: Any,
) -> Template:
    m = await stage_minutes.stage_minutes_of(actor, house_id, stage)
    return Template(
        template_name="houses/stage_minutes.html",
        context={
            "m": m,
            "saved": saved,
            "errors": errors or {},
            "form": form
            or {
                "minutes_number": m.event.minutes_number or "",
                "minutes_on": (m.event.minutes_on or m.event.on).isoformat(),
                "version": str(m.event.version),
            },
            **extra,
        },
        status_code=status,
    )
