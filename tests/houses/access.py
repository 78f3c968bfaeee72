"""Access rules of the houses routes: cases, money, photos, handovers, the sponsor portal."""

from tests.access import (
    EVERYONE,
    IN_ONE_COMMUNE,
    SPONSOR,
    SPONSOR_NAME,
    STAFF,
    THAN_SA,
    Rule,
    commune_scoped_id,
    house_id,
)

WRITERS = frozenset({"admin", "commune"})
SEE_PHOTOS = EVERYONE


async def _photo_id(role: str, in_scope: bool) -> int | None:
    """A photo of a house in the role's scope, or of one outside it."""
    from relief.houses.models import HouseCase, Photo

    qs = Photo.all()
    if role == "sponsor":
        funded = await HouseCase.filter(contributions__sponsor__name=SPONSOR_NAME).values_list(
            "id", flat=True
        )
        qs = (
            qs.filter(house_case_id__in=funded)
            if in_scope
            else qs.exclude(house_case_id__in=funded)
        )
    elif role in IN_ONE_COMMUNE:
        qs = qs.filter(commune__code=THAN_SA) if in_scope else qs.exclude(commune__code=THAN_SA)
    elif not in_scope:
        return None
    found = await qs.order_by("id").first()
    return found.id if found else None


async def _handover_id(role: str, in_scope: bool) -> int | None:
    from relief.houses.models import Handover

    return await commune_scoped_id(Handover, role, in_scope)


async def _contribution_id(role: str, in_scope: bool) -> int | None:
    from relief.houses.models import Contribution

    return await commune_scoped_id(Contribution, role, in_scope)


RULES = {
    ("GET", "/houses"): Rule(STAFF),
    ("GET", "/houses/new"): Rule(WRITERS),
    ("POST", "/houses/new"): Rule(WRITERS),
    ("GET", "/houses/{house_id:int}"): Rule(STAFF, scoped=True),
    ("GET", "/houses/{house_id:int}/edit"): Rule(WRITERS, scoped=True),
    ("POST", "/houses/{house_id:int}/edit"): Rule(WRITERS, scoped=True),
    ("POST", "/houses/{house_id:int}/stage"): Rule(WRITERS, scoped=True),
    ("POST", "/houses/{house_id:int}/contributions"): Rule(WRITERS, scoped=True),
    ("POST", "/houses/{house_id:int}/photos"): Rule(WRITERS, scoped=True),
    ("GET", "/houses/{house_id:int}/minutes"): Rule(STAFF, scoped=True),
    ("GET", "/houses/{house_id:int}/stage-minutes/{stage:str}"): Rule(STAFF, scoped=True),
    ("POST", "/houses/{house_id:int}/stage-minutes/{stage:str}"): Rule(WRITERS, scoped=True),
    ("POST", "/contributions/{contribution_id:int}"): Rule(WRITERS, scoped=True),
    ("POST", "/contributions/{contribution_id:int}/delete"): Rule(WRITERS, scoped=True),
    ("POST", "/contributions/{contribution_id:int}/sponsor"): Rule(WRITERS, scoped=True),
    ("GET", "/photos/{photo_id:int}"): Rule(SEE_PHOTOS, scoped=True),
    ("GET", "/handovers"): Rule(STAFF),
    ("GET", "/handovers/new"): Rule(WRITERS),
    ("POST", "/handovers/new"): Rule(WRITERS),
    ("GET", "/handovers/{handover_id:int}"): Rule(STAFF, scoped=True),
    ("GET", "/portal"): Rule(SPONSOR),
    ("GET", "/portal/houses/{house_id:int}"): Rule(SPONSOR, scoped=True),
    ("GET", "/api/v1/houses"): Rule(STAFF),
    ("POST", "/api/v1/houses"): Rule(WRITERS),
    ("GET", "/api/v1/houses/{house_id:int}"): Rule(STAFF, scoped=True),
    ("POST", "/api/v1/houses/{house_id:int}/stage"): Rule(WRITERS, scoped=True),
    ("GET", "/api/v1/houses/{house_id:int}/funding"): Rule(STAFF, scoped=True),
    ("GET", "/api/v1/houses/{house_id:int}/contributions"): Rule(STAFF, scoped=True),
    ("POST", "/api/v1/houses/{house_id:int}/contributions"): Rule(WRITERS, scoped=True),
    ("PATCH", "/api/v1/contributions/{contribution_id:int}"): Rule(WRITERS, scoped=True),
    ("POST", "/api/v1/contributions/{contribution_id:int}/delete"): Rule(WRITERS, scoped=True),
    ("POST", "/api/v1/contributions/{contribution_id:int}/sponsor"): Rule(WRITERS, scoped=True),
    ("GET", "/api/v1/houses/{house_id:int}/photos"): Rule(STAFF, scoped=True),
    ("POST", "/api/v1/houses/{house_id:int}/photos"): Rule(WRITERS, scoped=True),
    ("GET", "/api/v1/photos/{photo_id:int}"): Rule(SEE_PHOTOS, scoped=True),
    ("GET", "/api/v1/handovers"): Rule(STAFF),
    ("POST", "/api/v1/handovers"): Rule(WRITERS),
    ("GET", "/api/v1/handovers/{handover_id:int}"): Rule(STAFF, scoped=True),
    ("GET", "/api/v1/portal/houses"): Rule(SPONSOR),
    ("GET", "/api/v1/portal/houses/{house_id:int}"): Rule(SPONSOR, scoped=True),
}


async def _stage(role: str, in_scope: bool) -> str:
    return "completed"


RESOLVERS = {
    "stage": _stage,
    "house_id": house_id,
    "photo_id": _photo_id,
    "handover_id": _handover_id,
    "contribution_id": _contribution_id,
}


async def _rule_id(role: str, in_scope: bool) -> int | None:
    from relief.houses.models import ProgrammeRule

    return (await ProgrammeRule.first()).id


RULES.update(
    {
        ("GET", "/programmes"): Rule(STAFF),
        ("GET", "/programmes/{rule_id:int}/edit"): Rule(frozenset({"admin"})),
        ("POST", "/programmes/{rule_id:int}/edit"): Rule(frozenset({"admin"})),
        ("GET", "/api/v1/programme-rules"): Rule(STAFF),
        ("PATCH", "/api/v1/programme-rules/{rule_id:int}"): Rule(frozenset({"admin"})),
    }
)
RESOLVERS["rule_id"] = _rule_id
