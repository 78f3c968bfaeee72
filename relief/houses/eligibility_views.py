"""Eligibility on the household page and through the API: each programme's verdict and why,
the overrides asked for (with their written reason) and a commune manager's approval."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import msgspec
from litestar import Controller, Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from relief.core.actor import Actor, CurrentActor
from relief.core.api import CREATE, READ_ONE, UPDATE, Body
from relief.core.guards import requires
from relief.core.pages import Again, save_form
from relief.core.permissions import Can
from relief.core.scope import scoped
from relief.core.sections import Section
from relief.households.models import Household
from relief.houses import eligibility
from relief.houses.labels import label
from relief.houses.models import EligibilityOverride
from relief.houses.records import ELIGIBILITY_OVERRIDE, OverrideIn

if TYPE_CHECKING:
    from relief.households.page import HouseholdPage

STAFF = requires(Can.read_records)
WRITERS = requires(Can.write_records)
APPROVERS = requires(Can.approves_overrides)


async def household_section(actor: Actor, page: HouseholdPage) -> Section:
    """The household page's section: each programme, admitted or not and by which facts (read
    from what the page read: its assessments and the commune's lists), and the overrides."""
    household = page.household
    overrides = await eligibility.page_overrides(actor, household.id)
    return Section(
        "houses/_eligibility.html",
        {
            "verdicts": eligibility.page_verdicts(page, overrides),
            "overrides": overrides,
            "household": household,
        },
    )


class EligibilityViews(Controller):
    path = "/"
    include_in_schema = False

    @post(
        "/households/{household_id:int}/eligibility-overrides",
        operation_id="askOverridePage",
        guards=[WRITERS],
    )
    async def ask(
        self, actor: CurrentActor, household_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Asks a commune manager to approve opening a case the programme refuses."""
        household = await scoped(actor, Household).get_or_none(id=household_id)
        if household is None:
            from relief.core.errors import NotFound

            raise NotFound("No such household.")

        async def ask(values: dict[str, Any]) -> EligibilityOverride:
            data = ELIGIBILITY_OVERRIDE.form({**values, "household_id": str(household_id)})
            return await eligibility.request_override(actor, data)

        async def again(again: Again) -> Template:
            from relief.households.page import household_page

            data = await household_page(actor, household_id)
            context = {
                "p": data,
                "h": data.household,
                "override_errors": again.errors,
                "override_form": again.values,
            }
            return Template("households/page.html", context=context, status_code=again.status)

        return await save_form(
            request, actor, ask, f"/households/{household_id}#eligibility", again
        )

    @post(
        "/eligibility-overrides/{override_id:int}/approve",
        operation_id="approveOverridePage",
        guards=[APPROVERS],
    )
    async def approve(
        self, actor: CurrentActor, override_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """A commune manager approves an override (another account than the one that asked)."""
        override = await eligibility.get_override(actor, override_id)
        where = f"/households/{override.household_id}#eligibility"

        async def approve(values: dict[str, Any]) -> EligibilityOverride:
            return await eligibility.approve_override(actor, override_id, values.get("version"))

        async def again(again: Again) -> Template:
            from relief.households.page import household_page

            data = await household_page(actor, override.household_id)
            context = {"p": data, "h": data.household, "override_problem": again.message}
            return Template("households/page.html", context=context, status_code=again.status)

        return await save_form(request, actor, approve, where, again)


class FactOut(msgspec.Struct):
    programme: str
    programme_label: str
    eligible: bool
    rule: str  # the rule's name, in the request's language
    facts: list[str]  # what meets the rule, or what misses it
    source_url: str
    override_id: int | None  # an approved override not used yet


class OverrideOut(msgspec.Struct):
    id: int
    household_id: int
    programme: str
    programme_label: str
    reason: str
    requested_by_id: int | None
    requested_at: datetime
    approved_by_id: int | None
    approved_at: datetime | None
    house_id: int | None
    version: int


class ApproveIn(msgspec.Struct):
    """The approval of an override read at `version`."""

    version: int


def override_out(o: EligibilityOverride) -> OverrideOut:
    return OverrideOut(
        id=o.id,
        household_id=o.household_id,
        programme=o.programme.value,
        programme_label=label(o.programme),
        reason=o.reason,
        requested_by_id=o.requested_by_id,
        requested_at=o.requested_at,
        approved_by_id=o.approved_by_id,
        approved_at=o.approved_at,
        house_id=o.house_case_id,
        version=o.version,
    )


class EligibilityApi(Controller):
    path = "/api/v1"
    tags = ["houses"]

    @get(
        "/households/{household_id:int}/eligibility",
        operation_id="householdEligibility",
        guards=[STAFF],
        responses=READ_ONE,
    )
    async def verdicts(self, actor: CurrentActor, household_id: FromPath[int]) -> list[FactOut]:
        """Each programme's verdict on the household this year, and the facts behind it."""
        household = await scoped(actor, Household).get_or_none(id=household_id)
        if household is None:
            from relief.core.errors import NotFound

            raise NotFound("No such household.")
        return [
            FactOut(
                programme=v.programme.value,
                programme_label=label(v.programme),
                eligible=v.eligible,
                rule=v.rule,
                facts=v.facts,
                source_url=eligibility.source_url(v.programme),
                override_id=v.override.id if v.override else None,
            )
            for v in await eligibility.verdicts_of(actor, household)
        ]

    @post(
        "/eligibility-overrides",
        operation_id="askOverride",
        guards=[WRITERS],
        responses=CREATE,
    )
    async def ask(self, actor: CurrentActor, data: Body[OverrideIn]) -> OverrideOut:
        """Asks to open a case the programme's conditions refuse, with the written reason; it
        waits for a commune manager's approval."""
        made = await eligibility.request_override(actor, ELIGIBILITY_OVERRIDE.body(data))
        return override_out(made)

    @get(
        "/eligibility-overrides/{override_id:int}",
        operation_id="getOverride",
        guards=[STAFF],
        responses=READ_ONE,
    )
    async def get_one(self, actor: CurrentActor, override_id: FromPath[int]) -> OverrideOut:
        """One override: asked by whom, approved by whom, the case it opened."""
        return override_out(await eligibility.get_override(actor, override_id))

    @post(
        "/eligibility-overrides/{override_id:int}/approve",
        operation_id="approveOverride",
        status_code=200,
        guards=[APPROVERS],
        responses=UPDATE,
    )
    async def approve(
        self, actor: CurrentActor, override_id: FromPath[int], data: Body[ApproveIn]
    ) -> OverrideOut:
        """A commune manager (another account than the one that asked) approves."""
        from relief.core.api import decode

        await eligibility.get_override(actor, override_id)
        body = decode(ApproveIn, data)
        return override_out(await eligibility.approve_override(actor, override_id, body.version))
