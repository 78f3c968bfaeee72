"""Access rules of the aid visit routes."""

from tests.access import STAFF, Rule, commune_scoped_id

WRITERS = frozenset({"admin", "commune"})


async def visit_id(role: str, in_scope: bool) -> int | None:
    from relief.aid.models import AidVisit

    return await commune_scoped_id(AidVisit, role, in_scope)


async def gift_id(role: str, in_scope: bool) -> int | None:
    from relief.aid.models import AidGiven

    return await commune_scoped_id(AidGiven, role, in_scope)


V = "/visits/{visit_id:int}"
AV = "/api/v1/visits"
RULES = {
    ("GET", "/visits"): Rule(STAFF),
    ("GET", "/visits/new"): Rule(WRITERS),
    ("POST", "/visits/new"): Rule(WRITERS),
    ("GET", V): Rule(STAFF, scoped=True),
    ("GET", V + "/edit"): Rule(WRITERS, scoped=True),
    ("POST", V + "/edit"): Rule(WRITERS, scoped=True),
    ("POST", V + "/gifts"): Rule(WRITERS, scoped=True),
    ("GET", V + "/batch"): Rule(WRITERS, scoped=True),
    ("POST", V + "/batch"): Rule(WRITERS, scoped=True),
    ("GET", V + "/receipts"): Rule(STAFF, scoped=True),
    ("POST", V + "/receipts"): Rule(WRITERS, scoped=True),
    ("GET", V + "/receipts/xlsx"): Rule(STAFF, scoped=True),
    ("GET", "/visits/unreached"): Rule(STAFF),
    ("GET", "/gifts/{gift_id:int}/edit"): Rule(WRITERS, scoped=True),
    ("POST", "/gifts/{gift_id:int}/edit"): Rule(WRITERS, scoped=True),
    ("POST", "/gifts/{gift_id:int}/delete"): Rule(WRITERS, scoped=True),
    ("GET", AV): Rule(STAFF),
    ("POST", AV): Rule(WRITERS),
    ("GET", AV + "/{visit_id:int}"): Rule(STAFF, scoped=True),
    ("PATCH", AV + "/{visit_id:int}"): Rule(WRITERS, scoped=True),
    ("POST", AV + "/{visit_id:int}/gifts"): Rule(WRITERS, scoped=True),
    ("GET", "/api/v1/aid-given/{gift_id:int}"): Rule(STAFF, scoped=True),
    ("PATCH", "/api/v1/aid-given/{gift_id:int}"): Rule(WRITERS, scoped=True),
    ("DELETE", "/api/v1/aid-given/{gift_id:int}"): Rule(WRITERS, scoped=True),
}
RESOLVERS = {"visit_id": visit_id, "gift_id": gift_id}
