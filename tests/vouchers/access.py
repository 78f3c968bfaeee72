"""Access rules of the vouchers and the settlement: staff read them (an officer of a commune
only its own), the commune's officers and admins write them. The matrix's vouchers are made
here (one in Thần Sa, one elsewhere) when the demo has none; its rounds are the beneficiary
lists the lists' rules take (Thần Sa's round in posting), which cannot be settled yet (409)."""

from __future__ import annotations

from tests.access import IN_ONE_COMMUNE, STAFF, THAN_SA, Rule

WRITERS = frozenset({"admin", "commune"})


async def _voucher_of(code: str, other: bool) -> int | None:
    from relief.core.formatting import local_today
    from relief.houses.models import HouseCase
    from relief.vouchers.models import Voucher

    qs = Voucher.exclude(commune__code=code) if other else Voucher.filter(commune__code=code)
    found = await qs.order_by("id").first()
    if found is not None:
        return found.id
    cases = HouseCase.exclude(commune__code=code) if other else HouseCase.filter(commune__code=code)
    case = await cases.order_by("id").first()
    if case is None:
        return None
    today = local_today()
    made = await Voucher.create(
        house_case_id=case.id,
        commune_id=case.commune_id,
        tranche="first",
        amount=1_000_000,
        year=today.year,
        seq=900_000 + case.id,
        number=f"PC-TEST-{case.id}",
        paid_on=today,
        paid_by="Thủ quỹ",
        receiver_name="Chủ hộ",
    )
    return made.id


async def _voucher_id(role: str, in_scope: bool) -> int | None:
    if role in IN_ONE_COMMUNE:
        return await _voucher_of(THAN_SA, other=not in_scope)
    return await _voucher_of(THAN_SA, other=False) if in_scope else None


SCOPED_READ = Rule(STAFF, scoped=True)
NOT_NOW = Rule(WRITERS, scoped=True, answers=409)  # a list not decided is not a round to settle
RULES = {
    ("POST", "/houses/{house_id:int}/vouchers"): Rule(WRITERS, scoped=True),
    ("GET", "/vouchers/{voucher_id:int}"): SCOPED_READ,
    ("POST", "/vouchers/{voucher_id:int}"): Rule(WRITERS, scoped=True),
    ("GET", "/vouchers"): Rule(STAFF),
    ("GET", "/settlements"): Rule(STAFF),
    ("GET", "/rounds"): Rule(STAFF),
    ("GET", "/settlements/{list_id:int}"): SCOPED_READ,
    ("GET", "/settlements/{list_id:int}/print"): SCOPED_READ,
    ("GET", "/settlements/{list_id:int}/xlsx"): SCOPED_READ,
    ("POST", "/settlements/{list_id:int}/gaps"): NOT_NOW,
    ("POST", "/settlements/{list_id:int}/close"): NOT_NOW,
}


async def _gap_id(role: str, in_scope: bool) -> int | None:
    """A gap's reason on the matrix's draft list of the commune (a draft cannot be settled:
    its gaps cannot change, 409)."""
    from relief.houses.models import HouseCase
    from relief.vouchers.models import SettlementGap
    from tests.beneficiaries.access import _code, _list_of

    code = _code(role, in_scope)
    if code is None:
        return None
    blist = await _list_of(code)
    found = await SettlementGap.filter(beneficiary_list_id=blist.id).first()
    if found is not None:
        return found.id
    case = await HouseCase.filter(commune_id=blist.commune_id).first() or await HouseCase.first()
    made = await SettlementGap.create(
        beneficiary_list_id=blist.id,
        house_case_id=case.id,
        commune_id=blist.commune_id,
        item="handover_minutes",
        reason="Chưa bàn giao",
    )
    return made.id


RULES.update(
    {
        ("GET", "/api/v1/houses/{house_id:int}/vouchers"): SCOPED_READ,
        ("POST", "/api/v1/houses/{house_id:int}/vouchers"): Rule(WRITERS, scoped=True),
        ("GET", "/api/v1/vouchers/{voucher_id:int}"): SCOPED_READ,
        ("PATCH", "/api/v1/vouchers/{voucher_id:int}"): Rule(WRITERS, scoped=True),
        ("GET", "/api/v1/lists/{list_id:int}/vouchers"): SCOPED_READ,
        ("GET", "/api/v1/houses/{house_id:int}/dossier"): SCOPED_READ,
        ("GET", "/api/v1/settlements/{list_id:int}"): SCOPED_READ,
        ("POST", "/api/v1/settlements/{list_id:int}/gaps"): NOT_NOW,
        ("PATCH", "/api/v1/settlements/gaps/{gap_id:int}"): NOT_NOW,
        ("POST", "/api/v1/settlements/{list_id:int}/close"): NOT_NOW,
    }
)
RESOLVERS = {"voucher_id": _voucher_id, "gap_id": _gap_id}
