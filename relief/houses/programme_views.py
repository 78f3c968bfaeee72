"""The programmes' norms and rules: read by staff, corrected by the administrator (page, API)."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, Request, get, patch, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from relief.core.actor import CurrentActor
from relief.core.api import UPDATE, Body
from relief.core.guards import requires
from relief.core.pages import Again, conflict_rows, save_form
from relief.core.permissions import Can
from relief.houses import programmes
from relief.houses.models import ProgrammeRule
from relief.houses.records import PROGRAMME_RULE, RuleIn

STAFF = requires(Can.read_records)
ADMIN = requires(Can.edit_programmes)


def _labels() -> dict[str, Any]:
    return {}


class ProgrammeViews(Controller):
    path = "/programmes"
    guards = [STAFF]
    include_in_schema = False

    @get("/", operation_id="programmeRulesPage")
    async def index(self, actor: CurrentActor) -> Template:
        """Every programme's norms and completion rules, with their sources."""
        context = {"rules": await programmes.list_rules(), **_labels()}
        return Template("houses/programmes.html", context=context)

    @get("/{rule_id:int}/edit", operation_id="programmeRuleForm", guards=[ADMIN])
    async def edit(self, actor: CurrentActor, rule_id: FromPath[int]) -> Template:
        """The form to correct one norm or rule."""
        rule = await _rule(rule_id)
        values = programmes.rule_values(rule)
        context = {"rule": rule, "values": values, "errors": {}, **_labels()}
        return Template("houses/programme_form.html", context=context)

    @post("/{rule_id:int}/edit", operation_id="programmeRuleSave", guards=[ADMIN])
    async def save(
        self, actor: CurrentActor, rule_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Saves the correction (audited), or shows the form again with every error."""
        rule = await _rule(rule_id)

        async def again(again: Again) -> Template:
            context = {
                "rule": rule,
                "values": again.values,
                "errors": again.errors,
                "conflict": conflict_rows(again),
                "conflict_message": again.message,
                **_labels(),
            }
            return Template("houses/programme_form.html", context=context, status_code=again.status)

        return await save_form(
            request,
            actor,
            lambda raw: programmes.update_rule(actor, rule_id, PROGRAMME_RULE.form_patch(raw)),
            "/programmes",
            again,
        )


async def _rule(rule_id: int) -> ProgrammeRule:
    from relief.core.errors import NotFound

    rule = await ProgrammeRule.get_or_none(id=rule_id)
    if rule is None:
        raise NotFound("No such programme rule.")
    return rule


class RuleOut(msgspec.Struct):
    id: int
    programme: str
    kind: str
    campaign_group: str
    support_amount: int
    min_area_m2: int | None
    min_area_one_person_m2: int | None
    three_hard: bool
    first_tranche_percent: int
    source: str
    confirmed: bool
    version: int


def rule_out(r: ProgrammeRule) -> RuleOut:
    return RuleOut(
        id=r.id,
        programme=r.programme.value,
        kind=r.kind.value,
        campaign_group=r.campaign_group.value,
        support_amount=r.support_amount,
        min_area_m2=r.min_area_m2,
        min_area_one_person_m2=r.min_area_one_person_m2,
        three_hard=r.three_hard,
        first_tranche_percent=r.first_tranche_percent,
        source=r.source,
        confirmed=r.confirmed,
        version=r.version,
    )


class ProgrammeApi(Controller):
    path = "/api/v1/programme-rules"
    tags = ["programmes"]
    guards = [STAFF]

    @get("/", operation_id="listProgrammeRules")
    async def list_rules(self, actor: CurrentActor) -> list[RuleOut]:
        """Support norms and completion rules per programme and kind, with their sources."""
        return [rule_out(r) for r in await programmes.list_rules()]

    @patch("/{rule_id:int}", operation_id="updateProgrammeRule", guards=[ADMIN], responses=UPDATE)
    async def update(
        self, actor: CurrentActor, rule_id: FromPath[int], data: Body[RuleIn]
    ) -> RuleOut:
        """Corrects a rule (administrator); `version` must be the one read."""
        await _rule(rule_id)
        patch = PROGRAMME_RULE.body_patch(data)
        return rule_out(await programmes.update_rule(actor, rule_id, patch))
