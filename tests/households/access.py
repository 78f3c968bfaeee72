"""Access rules of the households, disasters and damage routes."""

from tests.access import (
    ADMIN_PROVINCE,
    IN_ONE_COMMUNE,
    STAFF,
    Rule,
    commune_scoped_id,
    household_id,
)

WRITERS = frozenset({"admin", "commune"})


async def disaster_id(role: str, in_scope: bool) -> int | None:
    """Disasters are province-wide: every staff role has them in scope (a route that is scoped
    by the commune in its path, as the quick report is, gets the disaster either way)."""
    from relief.households.models import Disaster

    if not in_scope and role not in IN_ONE_COMMUNE:
        return None
    found = await Disaster.all().order_by("id").first()
    return found.id if found else None


async def assessment_id(role: str, in_scope: bool) -> int | None:
    from relief.households.models import DamageAssessment

    return await commune_scoped_id(DamageAssessment, role, in_scope)


H = "/households/{household_id:int}"
A = "/api/v1/households"
RULES = {
    ("GET", "/households"): Rule(STAFF),
    ("GET", "/households/print"): Rule(STAFF),
    ("GET", "/households/new"): Rule(WRITERS),
    ("POST", "/households/new"): Rule(WRITERS),
    ("GET", H): Rule(STAFF, scoped=True),
    ("GET", H + "/edit"): Rule(WRITERS, scoped=True),
    ("POST", H + "/edit"): Rule(WRITERS, scoped=True),
    ("POST", H + "/archive"): Rule(WRITERS, scoped=True),
    ("POST", H + "/restore"): Rule(WRITERS, scoped=True),
    ("GET", H + "/damage"): Rule(WRITERS, scoped=True),
    ("POST", H + "/damage"): Rule(WRITERS, scoped=True),
    ("GET", "/damage/{assessment_id:int}/edit"): Rule(WRITERS, scoped=True),
    ("POST", "/damage/{assessment_id:int}/edit"): Rule(WRITERS, scoped=True),
    ("GET", "/disasters"): Rule(STAFF),
    ("GET", "/disasters/new"): Rule(ADMIN_PROVINCE),
    ("POST", "/disasters/new"): Rule(ADMIN_PROVINCE),
    ("GET", "/disasters/{disaster_id:int}"): Rule(STAFF),
    ("GET", "/disasters/{disaster_id:int}/edit"): Rule(ADMIN_PROVINCE),
    ("POST", "/disasters/{disaster_id:int}/edit"): Rule(ADMIN_PROVINCE),
    # The demo's disaster has damage, visits and houses: it is never deleted.
    ("POST", "/disasters/{disaster_id:int}/delete"): Rule(ADMIN_PROVINCE, answers=409),
    ("GET", A): Rule(STAFF),
    ("POST", A): Rule(WRITERS),
    ("GET", A + "/{household_id:int}"): Rule(STAFF, scoped=True),
    ("PATCH", A + "/{household_id:int}"): Rule(WRITERS, scoped=True),
    ("POST", A + "/{household_id:int}/archive"): Rule(WRITERS, scoped=True),
    ("POST", A + "/{household_id:int}/restore"): Rule(WRITERS, scoped=True),
    ("GET", "/api/v1/disasters"): Rule(STAFF),
    ("POST", "/api/v1/disasters"): Rule(ADMIN_PROVINCE),
    ("GET", "/api/v1/disasters/{disaster_id:int}"): Rule(STAFF),
    ("PATCH", "/api/v1/disasters/{disaster_id:int}"): Rule(ADMIN_PROVINCE),
    ("DELETE", "/api/v1/disasters/{disaster_id:int}"): Rule(ADMIN_PROVINCE, answers=409),
    ("GET", "/api/v1/damage-assessments"): Rule(STAFF),
    ("POST", "/api/v1/damage-assessments"): Rule(WRITERS),
    ("GET", "/api/v1/damage-assessments/{assessment_id:int}"): Rule(STAFF, scoped=True),
    ("PATCH", "/api/v1/damage-assessments/{assessment_id:int}"): Rule(WRITERS, scoped=True),
}
RESOLVERS = {
    "household_id": household_id,
    "disaster_id": disaster_id,
    "assessment_id": assessment_id,
}
