"""Access rules of the households, disasters and damage routes."""

from tests.access import (
    ADMIN_PROVINCE,
    IN_ONE_COMMUNE,
    STAFF,
    THAN_SA,
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


# The commune's year lists. The matrix's world has none: a list of each kind of 2025 is made
# for Thần Sa (in scope) and for another commune (out of scope), each with a row matched to a
# household of its commune and a row that matched none.
YEAR = 2025


async def year_lists(in_scope: bool):
    """The poverty list and the register of 2025 in force of Thần Sa, or of another commune."""
    from datetime import UTC, datetime

    from relief.households.models import (
        Household,
        MatchKind,
        MeritKind,
        PovertyStatus,
        RegisterEntry,
        RegisterKind,
        RegisterList,
        RegisterStatus,
    )
    from relief.places.models import Commune

    communes = Commune.filter(code=THAN_SA) if in_scope else Commune.exclude(code=THAN_SA)
    commune = await communes.filter(households__id__isnull=False).order_by("id").first()
    if commune is None:
        commune = await communes.order_by("id").first()
    made = []
    for kind in RegisterKind:
        found = await RegisterList.get_or_none(
            commune_id=commune.id, kind=kind, year=YEAR, status=RegisterStatus.CURRENT
        )
        if found is None:
            found = await RegisterList.create(
                commune_id=commune.id,
                kind=kind,
                year=YEAR,
                status=RegisterStatus.CURRENT,
                file_name="danh-sach.xlsx",
                file_kind="xlsx",
                checksum="1" * 64,
                rows=2,
                matched=1,
                unmatched=1,
                confirmed_at=datetime.now(UTC),
            )
            household = await Household.filter(commune_id=commune.id).order_by("id").first()
            poverty = kind is RegisterKind.POVERTY
            common = {
                "register_list_id": found.id,
                "commune_id": commune.id,
                "kind": kind,
                "year": YEAR,
                "poverty_status": PovertyStatus.POOR if poverty else None,
                "merit_kind": None if poverty else MeritKind.WAR_INVALID,
            }
            if household is not None:
                await RegisterEntry.create(
                    **common,
                    row=6,
                    household_id=household.id,
                    match=MatchKind.ID_NUMBER,
                    name=household.head_name,
                    name_key=household.head_name_key,
                )
            await RegisterEntry.create(
                **common, row=7, match=MatchKind.NONE, name="Đặng Thị Không Có", name_key="x"
            )
        made.append(found)
    return made


async def register_year(role: str, in_scope: bool) -> int | None:
    """2025, with the lists of that year in force (the commune's code says whose)."""
    if in_scope or role in IN_ONE_COMMUNE:
        await year_lists(True)
    return YEAR


async def row_id(role: str, in_scope: bool) -> int | None:
    """A row of Thần Sa's list that matched no household (out of scope: another commune's)."""
    from relief.households.models import RegisterEntry

    if not in_scope and role not in IN_ONE_COMMUNE:
        return None
    lists = await year_lists(in_scope)
    found = await RegisterEntry.filter(register_list_id=lists[0].id, household_id=None).first()
    return found.id if found else None


R = "/registers/{commune_code:str}"
RULES.update(
    {
        ("GET", R): Rule(STAFF, scoped=True),
        ("GET", R + "/poverty/{register_year:int}"): Rule(STAFF, scoped=True),
        ("GET", R + "/merit/{register_year:int}"): Rule(STAFF, scoped=True),
        # The matrix's empty form names neither a household nor a reason.
        ("POST", "/registers/rows/{row_id:int}/answer"): Rule(WRITERS, scoped=True),
        ("GET", "/api/v1" + R + "/poverty/{register_year:int}"): Rule(STAFF, scoped=True),
        ("GET", "/api/v1" + R + "/merit/{register_year:int}"): Rule(STAFF, scoped=True),
    }
)
RESOLVERS.update({"register_year": register_year, "row_id": row_id})
