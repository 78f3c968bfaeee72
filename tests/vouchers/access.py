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
RESOLVERS = {"voucher_id": _voucher_id}
