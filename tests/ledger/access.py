"""Access rules of the ledger: staff read the books, admins and Front officers keep them,
sponsors read their own money, everyone reads the public pages."""

from tests.access import EVERYONE, IN_ONE_COMMUNE, KEEPERS, SPONSOR, STAFF, THAN_SA, Rule

WRITERS = frozenset({"admin", "commune"})


async def _donation_id(role: str, in_scope: bool) -> int | None:
    from relief.ledger.models import Donation

    qs = Donation.filter(amount__gt=0)
    if role in IN_ONE_COMMUNE:
        qs = qs.filter(commune__code=THAN_SA) if in_scope else qs.exclude(commune__code=THAN_SA)
    elif not in_scope:
        return None
    found = await qs.order_by("id").first()
    return found.id if found else None


async def _allocation_id(role: str, in_scope: bool) -> int | None:
    from relief.ledger.models import Allocation

    qs = Allocation.filter(amount__gt=0)
    if role in IN_ONE_COMMUNE:
        qs = qs.filter(commune__code=THAN_SA) if in_scope else qs.exclude(commune__code=THAN_SA)
    elif not in_scope:
        return None
    found = await qs.order_by("id").first()
    return found.id if found else None


async def _public_photo_id(role: str, in_scope: bool) -> int | None:
    from relief.houses.models import Photo

    found = await Photo.filter(is_public=True).order_by("id").first()
    return found.id if found else None


PUBLIC = Rule(EVERYONE, public=True)
RULES = {
    ("GET", "/ledger"): Rule(STAFF),
    ("POST", "/ledger/donations"): Rule(KEEPERS),
    ("POST", "/ledger/allocations"): Rule(KEEPERS),
    ("POST", "/ledger/donations/{donation_id:int}/reverse"): Rule(KEEPERS),
    ("POST", "/ledger/allocations/{allocation_id:int}/reverse"): Rule(KEEPERS),
    ("POST", "/ledger/close"): Rule(KEEPERS),
    ("GET", "/portal/money"): Rule(SPONSOR),
    ("POST", "/ledger/photos/{photo_id:int}/public"): Rule(WRITERS, scoped=True, answers=303),
    ("GET", "/public"): PUBLIC,
    ("GET", "/public/{commune_code:str}"): PUBLIC,
    ("GET", "/public/statement"): PUBLIC,
    ("GET", "/public/{commune_code:str}/statement"): PUBLIC,
    ("GET", "/public/photos/{public_photo_id:int}"): PUBLIC,
    ("GET", "/api/v1/ledger/books"): Rule(STAFF),
    ("GET", "/api/v1/ledger/donations"): Rule(STAFF),
    ("POST", "/api/v1/ledger/donations"): Rule(KEEPERS),
    ("POST", "/api/v1/ledger/donations/{donation_id:int}/reverse"): Rule(KEEPERS),
    ("GET", "/api/v1/ledger/allocations"): Rule(STAFF),
    ("POST", "/api/v1/ledger/allocations"): Rule(KEEPERS),
    ("POST", "/api/v1/ledger/allocations/{allocation_id:int}/reverse"): Rule(KEEPERS),
}
RESOLVERS = {
    "donation_id": _donation_id,
    "allocation_id": _allocation_id,
    "public_photo_id": _public_photo_id,
}
