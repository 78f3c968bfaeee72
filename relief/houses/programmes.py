"""Programmes: support norms and completion rules per programme and kind of works, kept in the
`programme_rule` table that the administrator edits (defaults and sources: docs/domain.md)."""

from __future__ import annotations

from typing import Any

from relief.core import versions
from relief.core.actor import Actor
from relief.core.errors import Forbidden, Invalid, NotFound
from relief.core.i18n import gettext
from relief.core.permissions import can
from relief.core.records import errors_of
from relief.houses.models import (
    DEFAULT_FIRST_TRANCHE_PERCENT,
    HouseCase,
    HouseKind,
    ProgrammeRule,
)
from relief.houses.records import PROGRAMME_RULE, RuleIn

ENTITY = "programme_rule"
EDITABLE = PROGRAMME_RULE.audited
TOO_SMALL = (
    "Under the rule of {programme}, a new house for a household of {members} needs at least "
    "{minimum} m² (source: {source})."
)
NOT_HARD = (
    "Under the rule of {programme}, a new house needs a hard foundation, a hard frame and a "
    "hard roof (“3 cứng”) (source: {source})."
)


async def list_rules() -> list[ProgrammeRule]:
    return list(await ProgrammeRule.all().order_by("campaign_group", "programme", "kind"))


async def rule_for(programme: Any, kind: Any) -> ProgrammeRule | None:
    return await ProgrammeRule.get_or_none(programme=programme, kind=kind)


async def first_tranche_percent(case: HouseCase) -> int:
    """The share of the support paid as the first tranche for this case's programme and kind
    (the rest at completion); 70 % where the programme has no rule."""
    rule = await rule_for(case.programme, case.kind)
    return DEFAULT_FIRST_TRANCHE_PERCENT if rule is None else rule.first_tranche_percent


def minimum_area(rule: ProgrammeRule, members: int) -> int | None:
    """The floor area a finished new build needs; a one-person household may have its own."""
    if members == 1 and rule.min_area_one_person_m2 is not None:
        return rule.min_area_one_person_m2
    return rule.min_area_m2


async def rule_problems(case: HouseCase, members: int) -> list[str]:
    """The programme rule's objections to completing `case` (translated, with the source)."""
    if case.kind is not HouseKind.NEW_BUILD:
        return []
    rule = await rule_for(case.programme, case.kind)
    if rule is None:
        return []
    from relief.houses.labels import PROGRAMMES

    params = {
        "programme": gettext(PROGRAMMES.get(case.programme, case.programme.value)),
        "source": rule.source or "–",
        "members": members,
    }
    problems = []
    minimum = minimum_area(rule, members)
    if minimum is not None and (case.area_m2 is None or case.area_m2 < minimum):
        problems.append(gettext(TOO_SMALL).format(minimum=minimum, **params))
    if rule.three_hard and not (case.hard_foundation and case.hard_frame and case.hard_roof):
        problems.append(gettext(NOT_HARD).format(**params))
    return problems


def rule_values(rule: ProgrammeRule) -> dict[str, Any]:
    """The edit form's values of a stored rule."""
    return PROGRAMME_RULE.form_values(rule)


async def update_rule(actor: Actor, rule_id: int, patch: RuleIn) -> ProgrammeRule:
    """The administrator corrects a norm or a rule read at `patch.version` (the fields sent
    over those stored); the old values stay in the audit trail."""
    if not can(actor).edit_programmes:
        raise Forbidden()
    rule = await ProgrammeRule.get_or_none(id=rule_id)
    if rule is None:
        raise NotFound("No such programme rule.")
    if "version" in (noted := errors_of(patch)):
        raise Invalid({"version": noted["version"]})
    base_version = versions.required(patch.version)
    await versions.check(actor, rule, base_version, entity=ENTITY, audited=EDITABLE)
    data = PROGRAMME_RULE.validate(PROGRAMME_RULE.merge(rule, patch))
    return await versions.save(
        actor,
        rule,
        base_version,
        {**PROGRAMME_RULE.values(data), "confirmed": True},
        entity=ENTITY,
        audited=EDITABLE,
    )
