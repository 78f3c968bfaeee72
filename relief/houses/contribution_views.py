"""Pages that correct a contribution: delete it with a reason, or give it another sponsor."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from relief.core.actor import CurrentActor
from relief.core.forms import Form
from relief.core.guards import requires
from relief.core.pages import Again, save_form
from relief.core.permissions import Can
from relief.houses import contribution_fixes as fixes
from relief.houses.funding import get_contribution
from relief.houses.views import _error_context, case_page


def _again(actor, house_id: int, contribution_id: int):
    async def again(again: Again) -> Template:
        ctx = _error_context(again)
        errors = ctx.pop("errors", {})
        return await case_page(
            actor,
            house_id,
            again.status,
            focus="money",
            row_errors={contribution_id: errors},
            **ctx,
        )

    return again


class ContributionFixViews(Controller):
    path = "/contributions/{contribution_id:int}"
    tags = ["houses"]
    include_in_schema = False
    guards = [requires(Can.write_records)]

    @post("/delete", operation_id="deleteContributionPage")
    async def delete(
        self, actor: CurrentActor, contribution_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Deletes a contribution booked by mistake (the reason is kept in the audit trail)."""
        house_id = (await get_contribution(actor, contribution_id)).house_case_id

        async def delete(data: dict[str, Any]) -> None:
            form = Form(data)
            reason, version = form.text("reason", max_length=500), form.integer("version")
            await fixes.delete_contribution(actor, contribution_id, reason, version)

        done = f"/houses/{house_id}#money"
        return await save_form(
            request, actor, delete, done, _again(actor, house_id, contribution_id)
        )

    @post("/sponsor", operation_id="reassignContributionPage")
    async def reassign(
        self, actor: CurrentActor, contribution_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Gives the contribution to the sponsor who really made it."""
        house_id = (await get_contribution(actor, contribution_id)).house_case_id

        async def reassign(data: dict[str, Any]) -> None:
            form = Form(data)
            await fixes.reassign_contribution(
                actor,
                contribution_id,
                form.integer("sponsor_id"),
                form.text("reason", max_length=500),
                form.integer("version"),
            )

        done = f"/houses/{house_id}#money"
        return await save_form(
            request, actor, reassign, done, _again(actor, house_id, contribution_id)
        )
