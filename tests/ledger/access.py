"""Access rules of the ledger: staff read the books, admins and Front officers keep them,
sponsors read their own money, everyone reads the public pages."""

from tests.access import EVERYONE, IN_ONE_COMMUNE, KEEPERS, SPONSOR, STAFF, THAN_SA, Rule

WRITERS = frozenset({"admin", "commune"})


async def _donation_id(role: str, in_scope: bool) -> int | None:
    from relief.ledger.models import Donation

    reversed_ids = Donation.exclude(reverses_id=None).values_list("reverses_id", flat=True)
    qs = Donation.filter(amount__gt=0).exclude(id__in=list(await reversed_ids))
    if role in IN_ONE_COMMUNE:
        # Out of scope: the province's own donations (no commune) are not a commune's books.
        qs = qs.filter(commune__code=THAN_SA) if in_scope else qs.filter(commune_id=None)
    elif not in_scope:
        return None
    found = await qs.order_by("id").first()
    return found.id if found else None


async def _allocation_id(role: str, in_scope: bool) -> int | None:
    """A live allocation; for a commune's Front one of its own commune's funds (one of the
    province's fund, though spent in the commune, is the province Front's: see FUND_LEVELS)."""
    from relief.ledger.models import Allocation

    reversed_ids = Allocation.exclude(reverses_id=None).values_list("reverses_id", flat=True)
    qs = Allocation.filter(amount__gt=0).exclude(id__in=list(await reversed_ids))
    if role in IN_ONE_COMMUNE:
        qs = (
            qs.filter(commune__code=THAN_SA, fund__commune__code=THAN_SA)
            if in_scope
            else qs.exclude(commune__code=THAN_SA)
        )
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
    # The forms that write the books, each on its own page linked from the books.
    ("GET", "/ledger/donations/new"): Rule(KEEPERS),
    ("GET", "/ledger/allocations/new"): Rule(KEEPERS),
    ("GET", "/ledger/close"): Rule(KEEPERS),
    ("POST", "/ledger/allocations"): Rule(KEEPERS),
    ("GET", "/ledger/donations/{donation_id:int}/reverse"): Rule(KEEPERS, scoped=True),
    # Another commune's allocation answers 404 to a commune's Front (FUND_LEVELS, below).
    ("GET", "/ledger/allocations/{allocation_id:int}/reverse"): Rule(KEEPERS),
    ("POST", "/ledger/donations/{donation_id:int}/reverse"): Rule(KEEPERS),
    ("POST", "/ledger/allocations/{allocation_id:int}/reverse"): Rule(KEEPERS),
    ("POST", "/ledger/close"): Rule(KEEPERS),
    ("GET", "/portal/money"): Rule(SPONSOR),
    ("GET", "/ledger/campaigns"): Rule(STAFF),
    # Campaigns are the province Front's: Thần Sa's Front officer is refused.
    ("POST", "/ledger/campaigns"): Rule(KEEPERS, answers={"admin": 422, "front": 403}),
    ("GET", "/ledger/campaigns/{campaign_id:int}"): Rule(STAFF),
    ("POST", "/ledger/campaigns/{campaign_id:int}"): Rule(
        KEEPERS, answers={"admin": 422, "front": 403}
    ),
    ("GET", "/ledger/donations/{donation_id:int}/receipt"): Rule(STAFF, scoped=True),
    ("GET", "/public/receipts/{receipt_token:str}"): PUBLIC,
    ("GET", "/public/sao-ke"): PUBLIC,
    ("GET", "/public/campaigns/{closed_campaign_id:int}/report"): PUBLIC,
    ("GET", "/ledger/campaigns/{campaign_id:int}/report"): Rule(STAFF),
    ("POST", "/ledger/campaigns/{campaign_id:int}/close"): Rule(
        KEEPERS, answers={"admin": 422, "front": 403}
    ),
    ("POST", "/ledger/photos/{photo_id:int}/public"): Rule(WRITERS, scoped=True, answers=303),
    ("GET", "/public"): PUBLIC,
    ("GET", "/public/{commune_code:str}"): PUBLIC,
    ("GET", "/public/statement"): PUBLIC,
    ("GET", "/api/v1/public/statement"): PUBLIC,
    ("GET", "/public/{commune_code:str}/statement"): PUBLIC,
    ("GET", "/public/photos/{public_photo_id:int}"): PUBLIC,
    # The Front's report to the higher Front: the matrix's empty form lacks the month or the
    # version (422); only the province's Front answers (Thần Sa's Front is refused).
    ("GET", "/ledger/front-reports"): Rule(STAFF),
    ("POST", "/ledger/front-reports"): Rule(KEEPERS),
    # Another commune's report answers 404 (tests/ledger/test_front_reports.py).
    ("GET", "/ledger/front-reports/{front_report_id:int}"): Rule(STAFF),
    ("POST", "/ledger/front-reports/{front_report_id:int}/receive"): Rule(
        KEEPERS, answers={"admin": 422, "front": 403}
    ),
    ("POST", "/ledger/front-reports/{front_report_id:int}/return"): Rule(
        KEEPERS, answers={"admin": 422, "front": 403}
    ),
    ("GET", "/api/v1/ledger/books"): Rule(STAFF),
    ("GET", "/api/v1/ledger/donations"): Rule(STAFF),
    ("POST", "/api/v1/ledger/donations"): Rule(KEEPERS),
    ("POST", "/api/v1/ledger/donations/{donation_id:int}/reverse"): Rule(KEEPERS),
    ("GET", "/api/v1/ledger/allocations"): Rule(STAFF),
    ("POST", "/api/v1/ledger/allocations"): Rule(KEEPERS),
    ("POST", "/api/v1/ledger/allocations/{allocation_id:int}/reverse"): Rule(KEEPERS),
}


async def _campaign_id(role: str, in_scope: bool) -> int | None:
    from relief.ledger.models import Campaign

    found = await Campaign.all().order_by("-starts_on").first()
    return found.id if found else None


async def _closed_campaign_id(role: str, in_scope: bool) -> int | None:
    from relief.ledger.models import Campaign

    found = await Campaign.filter(closed_on__not_isnull=True).order_by("-starts_on").first()
    return found.id if found else None


async def _receipt_token(role: str, in_scope: bool) -> str | None:
    from relief.ledger.models import Donation

    found = await Donation.filter(receipt_token__not_isnull=True).order_by("id").first()
    return found.receipt_token if found else None


async def _front_report_id(role: str, in_scope: bool) -> int | None:
    """Thần Sa's report (the demo's)."""
    from relief.ledger.models import FrontReport

    found = await FrontReport.filter(commune__code=THAN_SA).order_by("id").first()
    return found.id if found else None


RESOLVERS = {
    "front_report_id": _front_report_id,
    "campaign_id": _campaign_id,
    "closed_campaign_id": _closed_campaign_id,
    "receipt_token": _receipt_token,
    "donation_id": _donation_id,
    "allocation_id": _allocation_id,
    "public_photo_id": _public_photo_id,
}


# Money of a fund moves only by the Front of the fund's level (tests/ledger/test_fund_levels.py
# walks this on both databases): who, doing what, on which fund -> the one status answered.
# "front" is Thần Sa's Front officer, "province_front" the province's; "own" is Thần Sa's fund,
# "province" the province's fund (its money allocated to a house of Thần Sa), "other" the fund
# of another commune. Allocating posts the page form; reversing opens the confirmation page
# (GET) and posts it with a reason.
FUND_LEVELS = {
    ("front", "allocate", "own"): 303,
    ("front", "allocate", "province"): 403,
    ("front", "allocate", "other"): 403,
    ("front", "confirm_reversal", "province"): 403,
    ("front", "reverse", "own"): 303,
    ("front", "reverse", "province"): 403,
    ("front", "reverse", "other"): 404,  # another commune's books are not the officer's to see
    ("province_front", "allocate", "province"): 303,
    ("province_front", "allocate", "own"): 403,
    ("province_front", "reverse", "own"): 403,
    ("province_front", "reverse", "province"): 303,
}


# Goods as goods (relief.ledger.goods_views): staff read the stock, a commune's staff their
# commune's; anyone follows a gift from its receipt or its statement line.
async def _followed_donation_id(role: str, in_scope: bool) -> int | None:
    """A donation of the demo's goods (rice received into Thần Sa's stock)."""
    from relief.ledger.models import Donation

    found = await Donation.filter(reference="PNK-2025-031").first()
    return found.id if found else None


RULES[("GET", "/ledger/goods")] = Rule(STAFF)
RULES[("GET", "/public/gifts/{followed_donation_id:int}")] = PUBLIC
RESOLVERS["followed_donation_id"] = _followed_donation_id
# Bank statements: only the Front of the fund's level imports and reconciles them. The
# matrix's statement is the demo's, of the province's fund: Thần Sa's Front is refused (403);
# another commune's statement answers 404 (tests/ledger/test_bank.py, on both databases).
RULES.update(
    {
        ("GET", "/ledger/bank"): Rule(KEEPERS),
        ("POST", "/ledger/bank"): Rule(KEEPERS),
        ("GET", "/ledger/bank/{statement_id:int}"): Rule(KEEPERS, answers={"front": 403}),
        ("POST", "/ledger/bank/{statement_id:int}"): Rule(
            KEEPERS, answers={"admin": 422, "front": 403}
        ),
        ("GET", "/public/campaigns/{campaign_id:int}"): PUBLIC,
    }
)


async def _statement_id(role: str, in_scope: bool) -> int | None:
    from relief.ledger.models import BankStatement

    # The demo's VietinBank statement, whose proposals wait for the officer (its form).
    found = await BankStatement.filter(commune_id=None).order_by("-id").first()
    return found.id if found else None


RESOLVERS["statement_id"] = _statement_id
