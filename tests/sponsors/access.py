"""Access rules of the sponsor registry: staff read it, admins and province officers keep it."""

from tests.access import ADMIN_PROVINCE, STAFF, Rule


async def _sponsor_id(role: str, in_scope: bool) -> int | None:
    from relief.sponsors.models import Sponsor

    if not in_scope:
        return None  # the registry is read whole by the staff; sponsors do not reach it
    found = await Sponsor.all().order_by("id").first()
    return found.id if found else None


RULES = {
    ("GET", "/sponsors"): Rule(STAFF),
    ("POST", "/sponsors"): Rule(ADMIN_PROVINCE),
    ("GET", "/sponsors/{sponsor_id:int}"): Rule(STAFF),
    ("GET", "/sponsors/{sponsor_id:int}/edit"): Rule(ADMIN_PROVINCE),
    ("POST", "/sponsors/{sponsor_id:int}/edit"): Rule(ADMIN_PROVINCE),
    ("POST", "/sponsors/{sponsor_id:int}/pledges"): Rule(ADMIN_PROVINCE),
    ("GET", "/api/v1/sponsors"): Rule(STAFF),
    ("POST", "/api/v1/sponsors"): Rule(ADMIN_PROVINCE),
    ("GET", "/api/v1/sponsors/{sponsor_id:int}"): Rule(STAFF),
    ("PATCH", "/api/v1/sponsors/{sponsor_id:int}"): Rule(ADMIN_PROVINCE),
    ("GET", "/api/v1/pledges"): Rule(STAFF),
    ("POST", "/api/v1/pledges"): Rule(ADMIN_PROVINCE),
}
RESOLVERS = {"sponsor_id": _sponsor_id}
