"""The public books of a commune and of the province: no login, nothing that names a family.

What a public page may show is decided here and only here: money per fund and period, houses
by stage with hamlet and initials (as the sponsor portal shows them), the handover photos the
commune marked public, and the donors who consented to be named. Never an ID number, phone,
birth year or a household's full name.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date

from tortoise.functions import Count, Sum

from relief.core.errors import NotFound
from relief.core.formatting import local_today
from relief.houses.models import HouseCase, Photo, Stage
from relief.houses.portal import short_name
from relief.ledger.books import FundLine, books, by_month, funds_of, totals_by_level
from relief.ledger.models import Donation, FundLevel
from relief.places.models import Commune

CACHE_SECONDS = 60  # public pages are read far more than the books change
HOUSES_SHOWN = 100
DONORS_SHOWN = 50
ANONYMOUS_DONOR = "Anonymous donors"


@dataclass
class PublicHouse:
    code: str
    hamlet: str
    initials: str
    stage: str
    completed_on: date | None
    handed_over_on: date | None


@dataclass
class PublicDonor:
    name: str
    total: int


@dataclass
class PublicCommuneRow:
    code: str
    name: str
    received: int
    spent: int
    balance: int
    houses: int
    completed: int
    handed_over: int


@dataclass
class PublicPage:
    as_of: date
    year: int
    commune: Commune | None
    funds: dict[FundLevel, FundLine]
    months: list[tuple[int, FundLine]]
    by_stage: dict[str, int]
    houses_total: int
    houses: list[PublicHouse] = field(default_factory=list)
    donors: list[PublicDonor] = field(default_factory=list)
    photo_ids: list[int] = field(default_factory=list)
    communes: list[PublicCommuneRow] = field(default_factory=list)

    @property
    def completed(self) -> int:
        return self.by_stage.get(Stage.COMPLETED.value, 0) + self.handed_over

    @property
    def handed_over(self) -> int:
        return self.by_stage.get(Stage.HANDED_OVER.value, 0)


_cache: dict[tuple, tuple[float, PublicPage]] = {}


async def public_page(code: str | None, year: int | None = None) -> PublicPage:
    """A commune's public books (by GSO code), or the province's when code is None; cached."""
    year = year or local_today().year
    key = (code, year, local_today())
    hit = _cache.get(key)
    if hit and time.monotonic() - hit[0] < CACHE_SECONDS:
        return hit[1]
    page = await _build(code, year)
    if len(_cache) > 500:
        _cache.clear()
    _cache[key] = (time.monotonic(), page)
    return page


def forget_cache() -> None:
    """Drops the cached pages (after a ledger write in this process, and in tests)."""
    _cache.clear()


async def _build(code: str | None, year: int) -> PublicPage:
    commune = None
    if code is not None:
        commune = await Commune.get_or_none(code=code)
        if commune is None:
            raise NotFound()
    commune_id = commune.id if commune else None
    funds = await funds_of(commune_id)
    start, end = date(year, 1, 1), date(year, 12, 31)
    period = await books(funds, start, end)
    houses = HouseCase.all() if commune is None else HouseCase.filter(commune_id=commune.id)
    by_stage = {
        row["stage"].value if hasattr(row["stage"], "value") else row["stage"]: row["n"]
        for row in await houses.group_by("stage").annotate(n=Count("id")).values("stage", "n")
    }
    page = PublicPage(
        as_of=local_today(),
        year=year,
        commune=commune,
        funds=totals_by_level(period.lines),
        months=await by_month(funds, year),
        by_stage=by_stage,
        houses_total=sum(by_stage.values()),
    )
    page.donors = await _donors(commune_id)
    if commune is not None:
        page.houses = await _houses(commune.id)
        page.photo_ids = list(
            await Photo.filter(commune_id=commune.id, is_public=True)
            .order_by("-id")
            .limit(12)
            .values_list("id", flat=True)
        )
    else:
        page.communes = await _commune_rows(period.lines, start, end)
    return page


async def _houses(commune_id: int) -> list[PublicHouse]:
    rows = (
        await HouseCase.filter(
            commune_id=commune_id, stage__in=[Stage.COMPLETED, Stage.HANDED_OVER]
        )
        .order_by("-completed_on", "-id")
        .limit(HOUSES_SHOWN)
        .values(
            "code",
            "hamlet__name",
            "household__head_name",
            "stage",
            "completed_on",
            "handed_over_on",
        )
    )
    return [
        PublicHouse(
            code=row["code"],
            hamlet=row["hamlet__name"],
            initials=short_name(row["household__head_name"]),
            stage=row["stage"].value if hasattr(row["stage"], "value") else row["stage"],
            completed_on=row["completed_on"],
            handed_over_on=row["handed_over_on"],
        )
        for row in rows
    ]


async def _donors(commune_id: int | None) -> list[PublicDonor]:
    """Donors who consented to be named, with their totals; the rest are one anonymous line."""
    qs = Donation.all() if commune_id is None else Donation.filter(commune_id=commune_id)
    named = (
        await qs.filter(named_publicly=True)
        .group_by("donor_key")
        .annotate(total=Sum("amount"))
        .values("donor_key", "total")
    )
    names = dict(
        await qs.filter(named_publicly=True).order_by("id").values_list("donor_key", "donor_name")
    )
    donors = [
        PublicDonor(name=names.get(row["donor_key"], ""), total=int(row["total"] or 0))
        for row in named
        if int(row["total"] or 0) > 0
    ]
    donors.sort(key=lambda d: -d.total)
    return donors[:DONORS_SHOWN]


async def _commune_rows(lines: list[FundLine], start: date, end: date) -> list[PublicCommuneRow]:
    """The province page: each commune's own books and houses side by side."""
    money: dict[int, list[int]] = {}
    for line in lines:
        if line.commune_id is None:
            continue
        row = money.setdefault(line.commune_id, [0, 0, 0])
        row[0] += line.received
        row[1] += line.spent
        row[2] += line.balance
    counts: dict[int, dict[str, int]] = {}
    for row in (
        await HouseCase.all()
        .group_by("commune_id", "stage")
        .annotate(n=Count("id"))
        .values("commune_id", "stage", "n")
    ):
        stage = row["stage"].value if hasattr(row["stage"], "value") else row["stage"]
        counts.setdefault(row["commune_id"], {})[stage] = row["n"]
    ids = set(money) | set(counts)
    communes = await Commune.filter(id__in=ids).order_by("-is_focus", "name_key")
    rows = []
    for c in communes:
        received, spent, balance = money.get(c.id, [0, 0, 0])
        stages = counts.get(c.id, {})
        handed = stages.get(Stage.HANDED_OVER.value, 0)
        rows.append(
            PublicCommuneRow(
                code=c.code,
                name=c.name,
                received=received,
                spent=spent,
                balance=balance,
                houses=sum(stages.values()),
                completed=stages.get(Stage.COMPLETED.value, 0) + handed,
                handed_over=handed,
            )
        )
    return rows


async def statement(code: str | None, year: int) -> list[dict]:
    """The statement (sao kê) of donations received: date, donor as consented, channel, amount."""
    if code is None:
        qs = Donation.filter(commune_id=None)
    else:
        commune = await Commune.get_or_none(code=code)
        if commune is None:
            raise NotFound()
        qs = Donation.filter(commune_id=commune.id)
    rows = (
        await qs.filter(received_on__gte=date(year, 1, 1), received_on__lte=date(year, 12, 31))
        .order_by("received_on", "id")
        .values("received_on", "donor_name", "named_publicly", "channel", "amount", "fund__level")
    )
    return [
        {
            "received_on": row["received_on"],
            "donor": row["donor_name"] if row["named_publicly"] else None,
            "channel": row["channel"],
            "level": row["fund__level"],
            "amount": int(row["amount"]),
        }
        for row in rows
    ]
