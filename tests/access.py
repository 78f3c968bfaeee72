"""The access matrix: what each role may do on every route, declared per area.

Every area's tests folder has an `access.py` with `RULES` (and, for path parameters of its
own, `RESOLVERS`). tests/accounts/test_access_matrix.py walks the app's route table and fails
for any route that no area declares, so a new route cannot skip the matrix.

The world the matrix runs in: the demo data, plus one user per role; the commune officer and
the Front officer of a commune are bound to Thần Sa (05725), the province officer to Thái Nguyên
and the sponsor user to "Báo Xây dựng"; the ministry's user is national.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

ROLES = ("admin", "province", "commune", "front", "sponsor", "ministry", "anonymous")
# Roles that read one commune only: its officer and its Fatherland Front officer (Thần Sa).
IN_ONE_COMMUNE = ("commune", "front")
# "ministry": a national role (a ministry's disaster office; the central Front's table is the
# same, tests/core/test_permissions.py): reads every province, writes nothing.
STAFF = frozenset({"admin", "province", "commune", "front", "ministry"})
EVERYONE = frozenset({"admin", "province", "commune", "front", "sponsor", "ministry"})
NATIONAL = frozenset({"admin", "ministry"})  # the national dashboard
KEEPERS = frozenset({"admin", "front"})  # who keep the ledger
ADMIN = frozenset({"admin"})
ADMIN_PROVINCE = frozenset({"admin", "province"})
SPONSOR = frozenset({"sponsor"})


@dataclass(frozen=True)
class Rule:
    """allowed: roles that get through the guards (others: 403; anonymous: 401 or the login).

    scoped: the path names a record; for a commune officer or a sponsor, a record outside
    their scope answers 404 (its existence is not revealed).
    public: anonymous users may use the route too.
    own: the path names another user's record; everyone but the admin gets 404.
    answers: what a role that gets through answers to the matrix's request (a GET without a
    query; a write with an empty form or JSON body): 200 to a GET and 422 to a write, unless
    the route answers otherwise, given here for every role or by role.
    """

    allowed: frozenset[str]
    scoped: bool = False
    public: bool = False
    own: bool = False  # the record belongs to another user: only the admin gets through
    answers: int | Mapping[str, int] | None = None

    def answer(self, method: str, role: str) -> int:
        """The one status a role that gets through is answered."""
        if isinstance(self.answers, int):
            return self.answers
        if self.answers and role in self.answers:
            return self.answers[role]
        return 200 if method == "GET" else 422


# A resolver gives the value of a path parameter for a role: in scope (True) or not (False).
# It returns None when the role has no such record outside its scope (admin, province).
Resolver = Callable[[str, bool], Awaitable[str | int | None]]


# Resolvers every area can use. In the matrix world the commune officer works in Thần Sa and
# the sponsor is "Báo Xây dựng"; "out of scope" is another commune's record, or a house the
# sponsor does not fund.
THAN_SA = "05725"
SPONSOR_NAME = "Báo Xây dựng"


async def household_id(role: str, in_scope: bool) -> int | None:
    from relief.households.models import Household

    qs = Household.all()
    if role == "sponsor":
        funded = Household.filter(house_cases__contributions__sponsor__name=SPONSOR_NAME)
        ids = await funded.values_list("id", flat=True)
        qs = qs.filter(id__in=ids) if in_scope else qs.exclude(id__in=ids)
    elif role in IN_ONE_COMMUNE:
        qs = qs.filter(commune__code=THAN_SA) if in_scope else qs.exclude(commune__code=THAN_SA)
    elif not in_scope:
        return None
    found = await qs.order_by("id").first()
    return found.id if found else None


async def house_id(role: str, in_scope: bool) -> int | None:
    from relief.houses.models import HouseCase

    qs = HouseCase.all()
    if role == "sponsor":
        ids = await HouseCase.filter(contributions__sponsor__name=SPONSOR_NAME).values_list(
            "id", flat=True
        )
        qs = qs.filter(id__in=ids) if in_scope else qs.exclude(id__in=ids)
    elif role in IN_ONE_COMMUNE:
        qs = qs.filter(commune__code=THAN_SA) if in_scope else qs.exclude(commune__code=THAN_SA)
    elif not in_scope:
        return None
    found = await qs.order_by("id").first()
    return found.id if found else None


async def commune_scoped_id(model, role: str, in_scope: bool) -> int | None:
    """For records sponsors never see: in scope is Thần Sa's for the commune officer."""
    qs = model.all()
    if role in IN_ONE_COMMUNE:
        qs = qs.filter(commune__code=THAN_SA) if in_scope else qs.exclude(commune__code=THAN_SA)
    elif not in_scope:
        return None
    found = await qs.order_by("id").first()
    return found.id if found else None


SECOND_PROVINCE = "20"  # Lạng Sơn
CAI_KINH = "06427"  # a commune of Lạng Sơn since July 2025 (the former Yên Vượng among others)


async def seed_second_province() -> None:
    """A second province with one commune and one hamlet: Lạng Sơn, xã Cai Kinh, thôn Na Hoa
    (codes of `vietnam-provinces`)."""
    from relief.core.text import fold
    from relief.places.models import Commune, CommuneKind, Hamlet, Province

    province, _ = await Province.get_or_create(code=SECOND_PROVINCE, defaults={"name": "Lạng Sơn"})
    commune, _ = await Commune.get_or_create(
        code=CAI_KINH,
        defaults={
            "province": province,
            "kind": CommuneKind.XA,
            "name": "Cai Kinh",
            "name_key": fold("Cai Kinh"),
        },
    )
    await Hamlet.get_or_create(
        commune=commune, name_key=fold("Na Hoa"), defaults={"name": "Na Hoa"}
    )
