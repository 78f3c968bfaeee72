"""The public books of a commune and of the province: no login, nothing that names a family.

What a public page may show is decided here and only here: money per fund and period, houses
by stage with hamlet and initials (as the sponsor portal shows them), the handover photos the
commune marked public, and the donors who consented to be named. Never an ID number, phone,
birth year or a household's full name.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from tortoise.expressions import Q
from tortoise.functions import Sum

from relief.core.errors import NotFound
from relief.core.formatting import local_today
from relief.core.paging import Paged
from relief.households.models import Household
from relief.houses.models import HouseCase, Photo, Stage
from relief.houses.portal import short_name
from relief.ledger import goods, kept, statement_totals
from relief.ledger.books import FUND_ORDER, FundLine
from relief.ledger.campaigns import campaign_end, campaign_year, current_campaign
from relief.ledger.models import (
    Campaign,
    Channel,
    Donation,
    DonorTotal,
    FundLevel,
    HouseTally,
    ProvinceDonor,
)
from relief.places.models import Commune, Hamlet

CACHE_SECONDS = 60  # public pages are read far more than the books change
# The latest houses completed a commune's page lists (their number is the kept count's).
HOUSES_SHOWN = 25
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
    # The campaign the page opened on (None: a year asked for, or no campaign), and the
    # campaigns a reader may choose instead.
    campaign: Campaign | None = None
    campaigns: list[Campaign] = field(default_factory=list)
    # Goods as goods: received, given out, left, households reached (relief.ledger.goods).
    goods: list = field(default_factory=list)

    @property
    def completed(self) -> int:
        return self.by_stage.get(Stage.COMPLETED.value, 0) + self.handed_over

    @property
    def handed_over(self) -> int:
        return self.by_stage.get(Stage.HANDED_OVER.value, 0)


_cache: dict[tuple, tuple[float, PublicPage]] = {}


async def public_page(
    code: str | None, year: int | None = None, campaign_id: int | None = None
) -> PublicPage:
    """A commune's public books (by GSO code), or the province's when code is None; cached.
    Without a year: the campaign asked for, else the current one (relief.ledger.campaigns), in
    the year of its period with money; without any campaign, the latest year with money (the
    typhoon's books stay open in January)."""
    key = (code, year, campaign_id, local_today())
    hit = _cache.get(key)
    if hit and time.monotonic() - hit[0] < CACHE_SECONDS:
        return hit[1]
    page = await _build(code, year, campaign_id)
    if len(_cache) > 500:
        _cache.clear()
    _cache[key] = (time.monotonic(), page)
    return page


def forget_cache() -> None:
    """Drops the cached pages (after a ledger write in this process, and in tests)."""
    _cache.clear()


async def opening(
    commune_id: int | None,
    year: int | None,
    campaign_id: int | None,
    known: list[Campaign] | None = None,
) -> tuple[Campaign | None, int]:
    """The campaign and year a page of books opens on: the year asked for (no campaign);
    else the campaign asked for or the current one, in its year with money; else the latest
    year with money, else the clock's. `known`: every campaign, already read."""
    today = local_today()
    if year is not None:
        return None, year
    campaign = None
    if campaign_id is not None:
        if known is not None:
            campaign = next((c for c in known if c.id == campaign_id), None)
        else:
            campaign = await Campaign.get_or_none(id=campaign_id)
        if campaign is None:
            raise NotFound()
    else:
        campaign = await current_campaign(today, known)
    if campaign is not None:
        return campaign, await campaign_year(campaign, commune_id, today)
    return None, await kept.latest_year(commune_id) or today.year


CAMPAIGNS_OFFERED = 20


async def campaign_choices() -> list[Campaign]:
    """The campaigns a page of books offers to open on, the latest first."""
    return list(await Campaign.all().order_by("-starts_on", "-id").limit(CAMPAIGNS_OFFERED))


async def _build(code: str | None, year: int | None, campaign_id: int | None) -> PublicPage:
    """The page from kept figures only (relief.ledger.kept for the money, the kept summary
    figures for the houses), plus the few rows it lists: its houses, photos and donors."""
    commune = None
    if code is not None:
        commune = await Commune.get_or_none(code=code)
        if commune is None:
            raise NotFound()
    commune_id = commune.id if commune else None
    campaign, year = await opening(commune_id, year, campaign_id)
    funds, months = await _money(commune_id, year)
    by_commune = await _stages(commune_id)
    by_stage: dict[str, int] = {}
    for stages in by_commune.values():
        for stage, n in stages.items():
            by_stage[stage] = by_stage.get(stage, 0) + n
    page = PublicPage(
        as_of=local_today(),
        year=year,
        commune=commune,
        funds=funds,
        months=months,
        by_stage=by_stage,
        houses_total=sum(by_stage.values()),
        campaign=campaign,
        campaigns=await campaign_choices(),
    )
    page.donors = await _donors(commune_id)
    page.goods = await goods.public_lines(commune_id)
    if commune is not None:
        page.houses = await _houses(commune.id)
        page.photo_ids = list(
            await Photo.filter(commune_id=commune.id, is_public=True)  # type: ignore[arg-type]  # flat=True: values, not tuples
            .order_by("-id")
            .limit(12)
            .values_list("id", flat=True)
        )
    else:
        page.communes = await _commune_rows(year, by_commune)
    return page


def _add(line: FundLine, row: dict, in_period: bool) -> None:
    received, allocated, spent = int(row["r"] or 0), int(row["a"] or 0), int(row["s"] or 0)
    line.received_to_date += received
    line.allocated_to_date += allocated
    line.spent_to_date += spent
    if in_period:
        line.received += received
        line.allocated += allocated
        line.spent += spent


async def _money(
    commune_id: int | None, year: int
) -> tuple[dict[FundLevel, FundLine], list[tuple[int, FundLine]]]:
    """Per fund level, the year and up to its end; and month by month, all levels together
    (each month's balance up to the month's end), as relief.ledger.books counts them."""
    rows = await kept.by_level_and_month(commune_id, year)
    levels: dict[FundLevel, FundLine] = {}
    months = [(m, FundLine(0, FundLevel.COMMUNE, None)) for m in range(1, 13)]
    for row in rows:
        level = FundLevel(row["level"])
        line = levels.setdefault(level, FundLine(0, level, commune_id))
        _add(line, row, row["year"] == year)
        for month, total in months:
            if (row["year"], row["month"]) <= (year, month):
                _add(total, row, (row["year"], row["month"]) == (year, month))
    return dict(sorted(levels.items(), key=lambda kv: FUND_ORDER[kv[0]])), months


async def _stages(commune_id: int | None) -> dict[int, dict[str, int]]:
    """House cases per commune and stage, kept (relief.ledger.kept)."""
    qs = HouseTally.all() if commune_id is None else HouseTally.filter(commune_id=commune_id)
    out: dict[int, dict[str, int]] = {}
    for c, stage, n in await qs.values_list("commune_id", "stage", "cases"):
        out.setdefault(c, {})[stage] = n
    return out


async def _houses(commune_id: int) -> list[PublicHouse]:
    """The latest completed houses, read in the order of the index of the commune's completed
    houses by day (migration 0050) to the page's end, not every completed house sorted; their
    hamlets' and households' names are read for the rows shown only."""
    rows = (
        await HouseCase.filter(
            commune_id=commune_id, stage__in=[Stage.COMPLETED, Stage.HANDED_OVER]
        )
        .order_by("-completed_on", "-id")
        .limit(HOUSES_SHOWN)
        .values(
            "code",
            "hamlet_id",
            "household_id",
            "stage",
            "completed_on",
            "handed_over_on",
        )
    )
    hamlets = dict(
        await Hamlet.filter(id__in={r["hamlet_id"] for r in rows}).values_list("id", "name")
    )
    heads = dict(
        await Household.filter(id__in={r["household_id"] for r in rows}).values_list(
            "id", "head_name"
        )
    )
    return [
        PublicHouse(
            code=row["code"],
            hamlet=hamlets.get(row["hamlet_id"], ""),
            initials=short_name(heads.get(row["household_id"], "")),
            stage=row["stage"].value if hasattr(row["stage"], "value") else row["stage"],
            completed_on=row["completed_on"],
            handed_over_on=row["handed_over_on"],
        )
        for row in rows
    ]


async def _donors(commune_id: int | None) -> list[PublicDonor]:
    """Donors who consented to be named, with their kept totals, largest first; the rest are
    one anonymous line."""
    if commune_id is None:  # the province-wide totals, kept as such
        return [
            PublicDonor(name=name, total=total)
            for name, total in await ProvinceDonor.filter(total__gt=0)
            .order_by("-total", "donor_key")
            .limit(DONORS_SHOWN)
            .values_list("donor_name", "total")
        ]
    qs = DonorTotal.filter(commune_id=commune_id)
    top = (
        await qs.group_by("donor_key")
        .annotate(sum=Sum("total"))
        .filter(sum__gt=0)
        .order_by("-sum", "donor_key")
        .limit(DONORS_SHOWN)
        .values_list("donor_key", "sum")
    )
    names = dict(
        await qs.filter(donor_key__in=[key for key, _ in top]).values_list(
            "donor_key", "donor_name"
        )
    )
    return [PublicDonor(name=names.get(key, ""), total=int(total)) for key, total in top]


async def _commune_rows(year: int, stages: dict[int, dict[str, int]]) -> list[PublicCommuneRow]:
    """The province page: each commune's own books and houses side by side."""
    money = await kept.by_commune(year)
    ids = set(money) | set(stages)
    communes = await Commune.filter(id__in=ids).order_by("-is_focus", "name_key")
    rows = []
    for c in communes:
        sums = money.get(c.id)
        counts = stages.get(c.id, {})
        handed = counts.get(Stage.HANDED_OVER.value, 0)
        rows.append(
            PublicCommuneRow(
                code=c.code,
                name=c.name,
                received=sums["year"].received if sums else 0,
                spent=sums["year"].spent if sums else 0,
                balance=sums["to_date"].received - sums["to_date"].spent if sums else 0,
                houses=sum(counts.values()),
                completed=counts.get(Stage.COMPLETED.value, 0) + handed,
                handed_over=handed,
            )
        )
    return rows


@dataclass
class StatementFile:
    """The statement (sao kê) as a file: its funds, campaign (or year), period, lines (date,
    receipt number, bank reference, donor as consented, channel, fund, goods as goods with
    their quantity and unit, amount) and total."""

    commune: Commune | None
    campaign: Campaign | None
    date_from: date
    date_to: date
    rows: list[dict]

    @property
    def total(self) -> int:
        return sum(row["amount"] for row in self.rows)


async def statement(
    code: str | None, year: int | None = None, campaign_id: int | None = None
) -> StatementFile:
    """The statement of donations received by a commune's funds (or the province's own): of
    the year asked for, else of the campaign asked for or the current one (as the open books
    open), else of the latest year with money."""
    commune = None
    if code is not None:
        commune = await Commune.get_or_none(code=code)
        if commune is None:
            raise NotFound()
    commune_id = commune.id if commune else None
    campaign, shown_year = await opening(commune_id, year, campaign_id)
    qs = Donation.filter(commune_id=commune_id)
    if campaign is not None:
        qs = qs.filter(campaign_id=campaign.id)
        date_from, date_to = campaign.starts_on, campaign_end(campaign, local_today())
    else:
        date_from, date_to = date(shown_year, 1, 1), date(shown_year, 12, 31)
        qs = qs.filter(received_on__gte=date_from, received_on__lte=date_to)
    rows = await qs.order_by("received_on", "id").values(
        "received_on",
        "receipt_number",
        "reference",
        "donor_name",
        "named_publicly",
        "channel",
        "goods",
        "quantity",
        "unit",
        "amount",
        "fund__level",
    )
    return StatementFile(
        commune=commune,
        campaign=campaign,
        date_from=date_from,
        date_to=date_to,
        rows=[
            {
                "received_on": row["received_on"],
                "receipt_number": row["receipt_number"] or "",
                "reference": row["reference"] or "",
                "donor": row["donor_name"] if row["named_publicly"] else None,
                "channel": row["channel"],
                "level": row["fund__level"],
                "goods": row["goods"] or "",
                "quantity": row["quantity"],
                "unit": row["unit"] or "",
                "amount": int(row["amount"]),
            }
            for row in rows
        ],
    )


@dataclass
class StatementPage:
    """The public statement (sao kê) of one campaign (or year) and one set of funds: its
    title, period, lines (receipt number, bank reference, goods as goods) and total."""

    commune: Commune | None
    campaign: Campaign | None
    campaigns: list[Campaign]
    date_from: date
    date_to: date
    query: str
    lines: Paged
    total: int  # of every line of the statement, whatever the search or page
    count: int


STATEMENT_PAGE = 100
# What a line of the statement shows (its fund's level named as a field of its own).
STATEMENT_SHOWN = (
    "id", "received_on", "receipt_number", "reference", "donor_name", "named_publicly",
    "channel", "goods", "quantity", "unit", "amount", "reverses_id", "fund__level",
)  # fmt: skip


@dataclass
class StatementLine:
    """A line of the statement on screen, as read (no model: nothing else of the row)."""

    id: int
    received_on: date
    receipt_number: str
    reference: str
    donor_name: str
    named_publicly: bool
    channel: Channel
    goods: str
    quantity: Decimal | None
    unit: str
    amount: int
    reverses_id: int | None
    fund__level: FundLevel


async def statement_page(
    code: str | None, campaign_id: int | None, query: str, page: int
) -> StatementPage:
    """The statement a donor searches for their gift: by receipt number or bank reference.
    Its lines and total are kept (relief.ledger.statement_totals), its page read in the order
    of an index ((commune, campaign or day, id)) to the page's end: the cost of a page does
    not grow with the statement (the pages further on read their offset)."""
    commune = None
    if code:
        commune = await Commune.get_or_none(code=code)
        if commune is None:
            raise NotFound()
    commune_id = commune.id if commune else None
    qs = Donation.filter(commune_id=commune_id)
    today = local_today()
    campaigns = list(await Campaign.all().order_by("-starts_on", "-id"))
    if campaign_id:
        campaign = next((c for c in campaigns if c.id == campaign_id), None)
    else:
        campaign = await current_campaign(today, campaigns)
    if campaign is not None:
        qs = qs.filter(campaign_id=campaign.id)
        date_from, date_to = campaign.starts_on, campaign.closed_on or campaign.ends_on or today
        count, total = await statement_totals.read(commune_id, campaign.id, None)
    else:
        year = await kept.latest_year(commune_id) or today.year
        date_from, date_to = date(year, 1, 1), date(year, 12, 31)
        qs = qs.filter(received_on__gte=date_from, received_on__lte=date_to)
        count, total = await statement_totals.read(commune_id, None, year)
    text = " ".join(query.split())[:60]
    if text:  # a search reads the statement's references (an infix: no index serves)
        qs = qs.filter(Q(receipt_number__icontains=text) | Q(reference__icontains=text))
        matched = await qs.count()
    else:
        matched = count
    pages = max(1, math.ceil(matched / STATEMENT_PAGE))
    page = max(1, min(page, pages))
    # The lines as values of the fields shown (models of 100 rows cost more than their SQL).
    items = [
        StatementLine(**row)
        for row in await qs.order_by("received_on", "id")
        .offset((page - 1) * STATEMENT_PAGE)
        .limit(STATEMENT_PAGE)
        .values(*STATEMENT_SHOWN)
    ]
    return StatementPage(
        commune=commune,
        campaign=campaign,
        campaigns=campaigns,
        date_from=date_from,
        date_to=date_to,
        query=text,
        lines=Paged(items=items, total=matched, page=page, pages=pages),
        total=total,
        count=count,
    )
