"""Everything about one household for its page: damage, aid, house cases, history.

Read by plain statements, each joining what the page shows together (the household with its
hamlet and commune; the disasters with its assessments; its gifts with their visits; its house
cases with their stage events; their photos; its history) with the scope's own condition on
each table (`relief.core.scope.in_scope`), the rows made into the models the template reads
(`relief.core.rows`): fifteen statements through the query builder cost the page more than
their SQL (issue 29). The commune's year lists are read once, for the page's lines and the
programmes' eligibility (a section, relief.houses, given this page).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tortoise.models import Model

from relief.core.actor import Actor
from relief.core.errors import NotFound
from relief.core.models import AuditEntry
from relief.core.rows import columns, made
from relief.core.scope import in_scope, numbered
from relief.core.sections import Section, sections
from relief.households.damage import ENTITY as DAMAGE_ENTITY
from relief.households.models import DamageAssessment, Disaster, Household
from relief.households.registers import DatedFact, HouseholdLists, dated_facts, household_lists
from relief.households.service import ENTITY
from relief.places.models import Commune, Hamlet

HISTORY = 50  # entries shown


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
    # The lists themselves and its rows on them (the eligibility section reads them too).
    lists: HouseholdLists = field(default_factory=lambda: HouseholdLists([], {}))


async def _rows(sql: str, values: list[Any]) -> list[dict[str, Any]]:
    db = Household._meta.db
    return await db.execute_query_dict(numbered(sql, db.capabilities.dialect), values)


def _related(model: type[Model], name: str) -> type[Model]:
    """A model of an area above this one, found through the relation (not imported)."""
    return model._meta.fields_map[name].related_model  # type: ignore[attr-defined]


def _table(model: type[Model]) -> str:
    return f'"{model._meta.db_table}"'


async def _household(actor: Actor, household_id: int) -> Household:
    scope, values = in_scope(actor, Household, "h")
    sql = (
        f"SELECT {columns(Household, 'h')}, {columns(Hamlet, 'hm', 'hm__')}, "
        f'{columns(Commune, "c", "c__")} FROM "household" h '
        'JOIN "hamlet" hm ON hm.id = h.hamlet_id JOIN "commune" c ON c.id = h.commune_id '
        f"WHERE h.id = ? AND {scope}"
    )
    found = await _rows(sql, [household_id, *values])
    if not found:
        raise NotFound("No such household.")
    row = found[0]
    household = made(Household, row)
    assert household is not None
    household.hamlet = made(Hamlet, row, "hm__")  # type: ignore[assignment]
    household.commune = made(Commune, row, "c__")  # type: ignore[assignment]
    return household


async def _damage(
    actor: Actor, household: Household
) -> tuple[list[DamageAssessment], list[Disaster]]:
    """Every disaster with this household's assessment of it, if any: its assessments (latest
    first) and the disasters it has none for (latest first)."""
    d_scope, d_values = in_scope(actor, Disaster, "d")
    a_scope, a_values = in_scope(actor, DamageAssessment, "a")
    sql = (
        f"SELECT {columns(Disaster, 'd', 'd__')}, {columns(DamageAssessment, 'a', 'a__')} "
        'FROM "disaster" d LEFT JOIN "damage_assessment" a ON a.disaster_id = d.id '
        f"AND a.household_id = ? AND {a_scope} WHERE {d_scope}"
    )
    assessments, unassessed = [], []
    for row in await _rows(sql, [household.id, *a_values, *d_values]):
        disaster = made(Disaster, row, "d__")
        assessment = made(DamageAssessment, row, "a__")
        if assessment is None:
            unassessed.append(disaster)
        else:
            assessment.disaster = disaster  # type: ignore[assignment]
            assessments.append(assessment)
    assessments.sort(key=lambda a: (a.assessed_on, a.id), reverse=True)
    unassessed.sort(key=lambda d: (d.starts_on, d.id), reverse=True)  # type: ignore[union-attr]
    return assessments, unassessed  # type: ignore[return-value]


async def _gifts(actor: Actor, household: Household) -> list[Any]:
    gift = _related(Household, "aid_received")
    visit = _related(gift, "visit")
    scope, values = in_scope(actor, gift, "g")
    sql = (
        f"SELECT {columns(gift, 'g')}, {columns(visit, 'v', 'v__')} FROM {_table(gift)} g "
        f"LEFT JOIN {_table(visit)} v ON v.id = g.visit_id WHERE g.household_id = ? AND {scope} "
        "ORDER BY v.visited_on DESC, g.id DESC"
    )
    gifts = []
    for row in await _rows(sql, [household.id, *values]):
        given = made(gift, row)
        given.visit = made(visit, row, "v__")  # type: ignore[union-attr]
        gifts.append(given)
    return gifts


async def _house_cases(actor: Actor, household: Household) -> list[Any]:
    """Its house cases (latest first), each with its stage events and its photos in order."""
    case = _related(Household, "house_cases")
    event, photo = _related(case, "stage_events"), _related(case, "photos")
    c_scope, c_values = in_scope(actor, case, "c")
    e_scope, e_values = in_scope(actor, event, "e")
    sql = (
        f"SELECT {columns(case, 'c')}, {columns(event, 'e', 'e__')} FROM {_table(case)} c "
        f"LEFT JOIN {_table(event)} e ON e.house_case_id = c.id AND {e_scope} "
        f'WHERE c.household_id = ? AND {c_scope} ORDER BY c.id DESC, e."on", e.id'
    )
    cases: dict[int, Any] = {}
    events: dict[int, list[Any]] = {}
    photos: dict[int, list[Any]] = {}
    for row in await _rows(sql, [*e_values, household.id, *c_values]):
        if row["id"] not in cases:
            cases[row["id"]] = made(case, row)
            events[row["id"]], photos[row["id"]] = [], []
        if (e := made(event, row, "e__")) is not None:
            events[row["id"]].append(e)
    if cases:
        p_scope, p_values = in_scope(actor, photo, "p")
        marks = ", ".join("?" * len(cases))
        sql = (
            f"SELECT {columns(photo, 'p')} FROM {_table(photo)} p "
            f"WHERE p.house_case_id IN ({marks}) AND {p_scope} ORDER BY p.uploaded_at, p.id"
        )
        for row in await _rows(sql, [*cases, *p_values]):
            photos[row["house_case_id"]].append(made(photo, row))
    for case_id, found in cases.items():
        # As a prefetch leaves them: the template reads `c.stage_events` and `c.photos`.
        found.stage_events._set_result_for_query(events[case_id])
        found.photos._set_result_for_query(photos[case_id])
    return list(cases.values())


async def _history(
    actor: Actor, household: Household, assessments: list[DamageAssessment]
) -> list[AuditEntry]:
    scope, values = in_scope(actor, AuditEntry, "e")
    damage = [str(a.id) for a in assessments]
    either = "(e.entity = ? AND e.entity_id = ?)"
    params: list[Any] = [ENTITY, str(household.id)]
    if damage:
        either += f" OR (e.entity = ? AND e.entity_id IN ({', '.join('?' * len(damage))}))"
        params += [DAMAGE_ENTITY, *damage]
    sql = (
        f'SELECT {columns(AuditEntry, "e")} FROM "audit_entry" e WHERE ({either}) AND {scope} '
        f"ORDER BY e.id DESC LIMIT {HISTORY}"
    )
    return [made(AuditEntry, row) for row in await _rows(sql, [*params, *values])]  # type: ignore[misc]


async def household_page(actor: Actor, household_id: int) -> HouseholdPage:
    household = await _household(actor, household_id)
    assessments, unassessed = await _damage(actor, household)
    gifts = await _gifts(actor, household)
    lists = await household_lists(actor, household)
    page = HouseholdPage(
        household=household,
        assessments=assessments,
        unassessed=unassessed,
        gifts=gifts,
        aid_totals={  # every gift is listed: the totals are added up from the list
            "visits": len(gifts),
            "cash": sum(g.cash or 0 for g in gifts),
            "goods_value": sum(g.goods_value or 0 for g in gifts),
        },
        house_cases=await _house_cases(actor, household),
        history=await _history(actor, household, assessments),
        registers=dated_facts(lists, household.commune.code),
        lists=lists,
    )
    # What the areas above add (each programme's verdict on the household: relief.houses),
    # given the page read so far.
    page.sections = await sections("household", actor, page)
    return page
