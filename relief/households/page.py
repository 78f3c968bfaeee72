"""Everything about one household for its page: damage, aid, house cases, history."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tortoise.expressions import Q
from tortoise.query_utils import Prefetch

from relief.core.actor import Actor
from relief.core.models import AuditEntry
from relief.core.scope import scoped
from relief.core.sections import Section, sections
from relief.households.damage import ENTITY as DAMAGE_ENTITY
from relief.households.models import DamageAssessment, Disaster, Household
from relief.households.registers import DatedFact, dated_facts
from relief.households.service import ENTITY, get_household


@dataclass
class HouseholdPage:
    household: Household
    assessments: list[DamageAssessment]
    unassessed: list[Disaster]  # disasters this household has no assessment for yet
    gifts: list[Any]
    aid_totals: dict[str, int]
    house_cases: list[Any]
    history: list[AuditEntry]
    sections: list[Section] = field(default_factory=list)
    # What the commune's year lists say of it, each with the day the list was imported.
    registers: list[DatedFact] = field(default_factory=list)


async def household_page(actor: Actor, household_id: int) -> HouseholdPage:
    household = await get_household(actor, household_id)
    assessments = list(
        await scoped(actor, DamageAssessment)
        .filter(household_id=household.id)
        .select_related("disaster")
        .order_by("-assessed_on", "-id")
    )
    done = {a.disaster_id for a in assessments}
    disasters = await scoped(actor, Disaster).order_by("-starts_on", "-id")
    # Aid and house cases live in areas above this one: read through the reverse relations.
    gifts_qs = scoped(actor, household.aid_received.all())
    gifts = list(await gifts_qs.select_related("visit").order_by("-visit__visited_on", "-id"))
    cases_qs = scoped(actor, household.house_cases.all())
    fields_map = cases_qs.model._meta.fields_map
    events_model = fields_map["stage_events"].related_model
    photos_model = fields_map["photos"].related_model
    house_cases = list(
        await cases_qs.prefetch_related(
            Prefetch("stage_events", queryset=scoped(actor, events_model).order_by("on", "id")),
            Prefetch("photos", queryset=scoped(actor, photos_model).order_by("uploaded_at")),
        ).order_by("-id")
    )
    history = list(
        await scoped(actor, AuditEntry)
        .filter(
            Q(entity=ENTITY, entity_id=str(household.id))
            | Q(entity=DAMAGE_ENTITY, entity_id__in=[str(a.id) for a in assessments])
        )
        .order_by("-id")
        .limit(50)
    )
    # What the areas above add (each programme's verdict on the household: relief.houses).
    added = await sections("household", actor, household)
    return HouseholdPage(
        household=household,
        assessments=assessments,
        unassessed=[d for d in disasters if d.id not in done],
        gifts=gifts,
        aid_totals={  # every gift is listed: the totals are added up from the list
            "visits": len(gifts),
            "cash": sum(g.cash or 0 for g in gifts),
            "goods_value": sum(g.goods_value or 0 for g in gifts),
        },
        house_cases=house_cases,
        history=history,
        sections=added,
        registers=await dated_facts(actor, household),
    )
