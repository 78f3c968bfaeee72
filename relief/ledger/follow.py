"""Follow my gift: where a donation went, as anyone may read it (no login).

From a receipt's verification page or a line of the public statement, a donor follows their
gift: the allocations that name it (or, when it joined the fund's pooled money, what that
fund allocated), each to a house case shown by its code, hamlet and the family's initials
(as the public books show it) with its stages' dates and the photos the commune marked
public, or to an aid visit by its commune, date and number of households; goods to the
commune that holds them and how many households received some. Never a family's name, ID
number, phone or birth year: what this page may show is decided here only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tortoise.functions import Count, Sum

from relief.aid.models import AidGiven, AidVisit, GoodsStock
from relief.aid.stock import key_of
from relief.core.errors import NotFound
from relief.households.models import Household
from relief.houses.models import HouseCase, Photo, Stage
from relief.houses.portal import short_name
from relief.ledger.goods import StockLine, lines
from relief.ledger.models import Allocation, Campaign, Channel, Donation, Fund
from relief.places.models import Commune, Hamlet

SHOWN = 20  # houses or visits listed of a pooled fund
PHOTOS_PER_HOUSE = 3
# The dates of a house's way, in order: each stage and the column that dates it.
STAGE_DATES = (
    (Stage.PROPOSED, "proposed_on"),
    (Stage.APPROVED, "approved_on"),
    (Stage.STARTED, "started_on"),
    (Stage.FOUNDATION_DONE, "foundation_done_on"),
    (Stage.THIRTY_PERCENT_DONE, "thirty_percent_done_on"),
    (Stage.COMPLETED, "completed_on"),
    (Stage.HANDED_OVER, "handed_over_on"),
)


@dataclass
class FollowedHouse:
    code: str
    hamlet: str
    initials: str
    stage: str
    amount: int
    dates: list[tuple[str, date]] = field(default_factory=list)
    photo_ids: list[int] = field(default_factory=list)


@dataclass
class FollowedVisit:
    commune: str
    visited_on: date
    households: int
    amount: int


@dataclass
class Follow:
    donation: Donation
    fund: Fund
    commune: Commune | None
    campaign: Campaign | None
    reversed: bool
    # True: allocations name this gift; False: it joined the fund's pooled money (what that
    # paid for, the allocations naming no gift, is shown as the fund's).
    named: bool = False
    houses: list[FollowedHouse] = field(default_factory=list)
    visits: list[FollowedVisit] = field(default_factory=list)
    houses_total: int = 0
    visits_total: int = 0
    allocated: int = 0
    goods: StockLine | None = None

    @property
    def in_kind(self) -> bool:
        return self.donation.channel is Channel.GOODS and self.donation.quantity is not None


async def _live(qs, limit: int | None = None) -> list[Allocation]:
    """The allocations of a query that stand (not reversals, not reversed), latest first."""
    qs = qs.filter(reverses_id=None, amount__gt=0).order_by("-allocated_on", "-id")
    rows = list(await (qs.limit(limit) if limit else qs))
    reversed_ids = set(
        await Allocation.filter(reverses_id__in=[a.id for a in rows]).values_list(
            "reverses_id", flat=True
        )
    )
    return [a for a in rows if a.id not in reversed_ids]


async def _houses(allocations: list[Allocation]) -> list[FollowedHouse]:
    amounts: dict[int, int] = {}
    for a in allocations:
        if a.house_case_id:
            amounts[a.house_case_id] = amounts.get(a.house_case_id, 0) + int(a.amount)
    ids = list(amounts)[:SHOWN]
    cases = {c.id: c for c in await HouseCase.filter(id__in=ids)}
    hamlets = dict(
        await Hamlet.filter(id__in={c.hamlet_id for c in cases.values()}).values_list("id", "name")
    )
    heads = dict(
        await Household.filter(id__in={c.household_id for c in cases.values()}).values_list(
            "id", "head_name"
        )
    )
    photos: dict[int, list[int]] = {}
    for pid, case_id in (
        await Photo.filter(house_case_id__in=ids, is_public=True)
        .order_by("-id")
        .values_list("id", "house_case_id")
    ):
        if len(photos.setdefault(case_id, [])) < PHOTOS_PER_HOUSE:
            photos[case_id].append(pid)
    out = []
    for case_id in ids:
        case = cases.get(case_id)
        if case is None:
            continue
        out.append(
            FollowedHouse(
                code=case.code,
                hamlet=hamlets.get(case.hamlet_id, ""),
                initials=short_name(heads.get(case.household_id, "")),
                stage=case.stage.value,
                amount=amounts[case_id],
                dates=[
                    (stage.value, getattr(case, column))
                    for stage, column in STAGE_DATES
                    if getattr(case, column)
                ],
                photo_ids=photos.get(case_id, []),
            )
        )
    return out


async def _visits(allocations: list[Allocation]) -> list[FollowedVisit]:
    amounts: dict[int, int] = {}
    for a in allocations:
        if a.aid_visit_id:
            amounts[a.aid_visit_id] = amounts.get(a.aid_visit_id, 0) + int(a.amount)
    ids = list(amounts)[:SHOWN]
    visits = {v.id: v for v in await AidVisit.filter(id__in=ids).select_related("commune")}
    counts = dict(
        await AidGiven.filter(visit_id__in=ids)
        .group_by("visit_id")
        .annotate(n=Count("id"))
        .values_list("visit_id", "n")
    )
    return [
        FollowedVisit(
            commune=visits[v].commune.name,
            visited_on=visits[v].visited_on,
            households=int(counts.get(v, 0)),
            amount=amounts[v],
        )
        for v in ids
        if v in visits
    ]


async def follow(donation_id: int) -> Follow:
    """Where a gift went (a reversal has no page of its own: its gift's page says so)."""
    donation = await Donation.get_or_none(id=donation_id, reverses_id=None)
    if donation is None:
        raise NotFound()
    fund = await Fund.get(id=donation.fund_id)
    found = Follow(
        donation=donation,
        fund=fund,
        commune=await Commune.get_or_none(id=donation.commune_id) if donation.commune_id else None,
        campaign=await Campaign.get_or_none(id=donation.campaign_id)
        if donation.campaign_id
        else None,
        reversed=await Donation.exists(reverses_id=donation.id),
    )
    if found.reversed:
        return found
    if found.in_kind:
        row = await GoodsStock.get_or_none(
            commune_id=donation.commune_id, key=key_of(donation.goods, donation.unit)
        )
        if row is not None:
            found.goods = (await lines(GoodsStock.filter(id=row.id)))[0]
    allocations = await _live(Allocation.filter(donation_id=donation.id))
    found.named = bool(allocations)
    found.houses_total = len({a.house_case_id for a in allocations if a.house_case_id})
    found.visits_total = len({a.aid_visit_id for a in allocations if a.aid_visit_id})
    found.allocated = sum(int(a.amount) for a in allocations)
    if not allocations and not found.in_kind:
        # Pooled: what the fund's money that no allocation traces to a gift paid for (the
        # money traced to other gifts is theirs), the latest listed, the totals counted.
        pooled = Allocation.filter(fund_id=fund.id, donation_id=None)
        net = await pooled.annotate(s=Sum("amount")).values("s")
        found.allocated = int(net[0]["s"] or 0) if net else 0
        live = pooled.filter(reverses_id=None, amount__gt=0)
        found.houses_total = len(
            set(
                await live.filter(house_case_id__not_isnull=True).values_list(
                    "house_case_id", flat=True
                )
            )
        )
        found.visits_total = len(
            set(
                await live.filter(aid_visit_id__not_isnull=True).values_list(
                    "aid_visit_id", flat=True
                )
            )
        )
        allocations = await _live(pooled, limit=SHOWN * 3)
    found.houses = await _houses(allocations)
    found.visits = await _visits(allocations)
    return found
