"""Campaigns (đợt vận động) and the receipts of the donations they receive.

A campaign is called by the province's Front (its call document), runs for a period, names the
accounts that receive transfers and publishes its support levels. A donation received in a
campaign's period (while it is open) belongs to it and gets a receipt: the next number of the
campaign's and the fund's sequence, taken under the fund's lock (and a unique index), and an
unguessable token that opens its public verification page (Decree 93/2021/NĐ-CP: what was
received is published; the donor is named only with consent).
"""

from __future__ import annotations

import secrets
from datetime import date

from tortoise.expressions import Q
from tortoise.functions import Max
from tortoise.transactions import in_transaction

from relief.core import audit, versions
from relief.core.actor import Actor
from relief.core.errors import Forbidden, Invalid, NotFound
from relief.core.formatting import local_today
from relief.core.forms import Form
from relief.core.permissions import can
from relief.ledger import kept
from relief.ledger.models import Campaign, Donation, Fund, FundLevel
from relief.ledger.records import CAMPAIGN
from relief.places.models import Commune, Province

MAX_ACCOUNTS = 3  # receiving accounts a campaign's form lists
CAMPAIGN_FIELDS = [*CAMPAIGN.audited, "accounts"]


def accounts_from(values: dict) -> tuple[list[dict[str, str]], dict[str, str]]:
    """The receiving accounts of a form (bank_1, number_1, holder_1 …), and their errors."""
    accounts, errors = [], {}
    for n in range(1, MAX_ACCOUNTS + 1):
        row = {
            k: " ".join(str(values.get(f"{k}_{n}") or "").split())[:120]
            for k in ("bank", "number", "holder")
        }
        if not any(row.values()):
            continue
        row["number"] = row["number"].replace(" ", "")
        if not row["bank"]:
            errors[f"bank_{n}"] = "Name the bank."
        if not row["number"].isdigit():
            errors[f"number_{n}"] = "An account number is digits only."
        if not row["holder"]:
            errors[f"holder_{n}"] = "Name the account holder."
        accounts.append(row)
    return accounts, errors


def _may_keep(actor: Actor) -> None:
    """Campaigns are the province Front's (and admins'): the call is the province's."""
    if not can(actor).keep_fund(None):
        raise Forbidden()


async def create_campaign(actor: Actor, values: dict) -> Campaign:
    _may_keep(actor)
    data, errors = CAMPAIGN.check(CAMPAIGN.form(values))
    accounts, account_errors = accounts_from(values)
    errors.update(account_errors)
    if "code" not in errors and await Campaign.exists(code=data.code):
        errors["code"] = "Another campaign has this code."
    if errors:
        raise Invalid(errors)
    async with in_transaction():
        campaign = await Campaign.create(**CAMPAIGN.values(data), accounts=accounts)
        await audit.record(
            actor,
            "create",
            "campaign",
            campaign.id,
            after=audit.snapshot(campaign, CAMPAIGN_FIELDS),
        )
    return campaign


async def update_campaign(actor: Actor, campaign_id: int, values: dict) -> Campaign:
    _may_keep(actor)
    campaign = await get_campaign(campaign_id)
    data, errors = CAMPAIGN.check(CAMPAIGN.form(values))
    accounts, account_errors = accounts_from(values)
    errors.update(account_errors)
    if "code" not in errors and await Campaign.exists(code=data.code, id__not=campaign.id):
        errors["code"] = "Another campaign has this code."
    if (
        "code" not in errors
        and data.code != campaign.code
        and await Donation.exists(campaign_id=campaign.id, receipt_seq__not_isnull=True)
    ):
        errors["code"] = "Receipts carry this code: it cannot change."
    form = Form(values)
    version = form.integer("version", min=1)
    if errors or version is None:
        raise Invalid(errors or {"version": "Reload the page."})
    return await versions.save(
        actor,
        campaign,
        version,
        {**CAMPAIGN.values(data), "accounts": accounts},
        entity="campaign",
        audited=CAMPAIGN_FIELDS,
    )


async def get_campaign(campaign_id: int) -> Campaign:
    found = await Campaign.get_or_none(id=campaign_id)
    if found is None:
        raise NotFound()
    return found


async def campaign_for(day: date) -> Campaign | None:
    """The open campaign whose period holds the day (the latest started, if several)."""
    return (
        await Campaign.filter(starts_on__lte=day, closed_on=None)
        .filter(Q(ends_on=None) | Q(ends_on__gte=day))
        .order_by("-starts_on", "-id")
        .first()
    )


async def all_campaigns() -> list[Campaign]:
    """Every campaign, the latest started first (one per call for donations: a few)."""
    return list(await Campaign.all().order_by("-starts_on", "-id"))


def holding(campaigns: list[Campaign], day: date) -> Campaign | None:
    """Of these campaigns (the latest started first), the open one whose period holds the
    day, as `campaign_for` finds it."""
    for campaign in campaigns:
        if (
            campaign.starts_on <= day
            and campaign.closed_on is None
            and (campaign.ends_on is None or campaign.ends_on >= day)
        ):
            return campaign
    return None


async def current_campaign(today: date, known: list[Campaign] | None = None) -> Campaign | None:
    """The campaign the ledger and the public pages open on: the open one whose period holds
    today, else the latest one that received money (a typhoon's campaign stays the one shown
    after New Year), else None (the pages then open on the latest year with money). `known`:
    every campaign, already read (`all_campaigns`)."""
    campaigns = await all_campaigns() if known is None else known
    found = holding(campaigns, today)
    if found is not None:
        return found
    # Each campaign's latest gift, read from the index (campaign, received_on, id): a few
    # campaigns, not every donation.
    latest: tuple | None = None
    for campaign in campaigns:
        last = (
            await Donation.filter(campaign_id=campaign.id)
            .order_by("-received_on", "-id")
            .first()
            .values_list("received_on", "id")
        )
        if last is not None and (latest is None or tuple(last) > latest[0]):
            latest = (tuple(last), campaign)
    return latest[1] if latest else None


def campaign_end(campaign: Campaign, today: date) -> date:
    """The last day of a campaign's period as it stands today (closed, planned end, or today)."""
    if campaign.closed_on is not None:
        return campaign.closed_on
    return max(campaign.starts_on, min(campaign.ends_on or today, today))


async def campaign_year(campaign: Campaign, commune_id: int | None, today: date) -> int:
    """The year of the books that shows a campaign: the latest of its period with money in
    these books, else the year its period ends (as it stands today)."""
    end = campaign_end(campaign, today)
    return (
        await kept.latest_year(commune_id, since=campaign.starts_on.year, upto=end.year) or end.year
    )


async def fund_tag(fund: Fund) -> str:
    """The fund's part of a receipt number: TW (central); else its province's code, then T
    (the province's fund) or its commune's code (N: a gift straight to a house), so that no two
    provinces' receipts share a number (19-T, 19-05725, 19-05725N). Receipts numbered before
    the province was carried (BL2025-T-00001) keep their numbers."""
    if fund.level is FundLevel.CENTRAL:
        return "TW"
    if fund.level is FundLevel.PROVINCE:
        province = await Province.filter(id=fund.province_id).first().values_list("code", flat=True)
        return f"{province}-T"
    row = await Commune.filter(id=fund.commune_id).first().values_list("code", "province__code")
    assert row is not None  # a commune's fund names its commune
    code, province = row
    return f"{province}-{code}{'N' if fund.level is FundLevel.HOUSE else ''}"


async def next_receipt(campaign: Campaign, fund: Fund) -> dict:
    """The next receipt of a campaign's and fund's sequence: to call with the fund locked."""
    top = (
        await Donation.filter(campaign_id=campaign.id, fund_id=fund.id)
        .annotate(m=Max("receipt_seq"))
        .values("m")
    )
    seq = int(top[0]["m"] or 0) + 1 if top else 1
    return {
        "campaign_id": campaign.id,
        "receipt_seq": seq,
        "receipt_number": f"{campaign.code}-{await fund_tag(fund)}-{seq:05d}",
        "receipt_token": secrets.token_urlsafe(12),
    }


async def by_token(token: str) -> Donation:
    """A receipt's donation by its public token (a reversed donation verifies as reversed)."""
    if not token or len(token) > 24:
        raise NotFound()
    found = await Donation.get_or_none(receipt_token=token)
    if found is None:
        raise NotFound()
    return found


# --- closing ---------------------------------------------------------------------------------


async def final_report(campaign: Campaign, date_to: date) -> dict:
    """Received, allocated, spent and balance per fund that took the campaign's money, over
    its period (from its start to `date_to`), with the goods received as goods."""
    from relief.ledger import books
    from relief.ledger import goods as goods_stock

    fund_ids = set(await Donation.filter(campaign_id=campaign.id).values_list("fund_id", flat=True))
    funds = sorted(
        await Fund.filter(id__in=fund_ids),
        key=lambda f: (books.FUND_ORDER[f.level], f.commune_id or 0),
    )
    names = dict(
        await Commune.filter(id__in={f.commune_id for f in funds if f.commune_id}).values_list(
            "id", "name"
        )
    )
    period = await books.books(funds, campaign.starts_on, date_to)
    lines = [
        {
            "level": line.level.value,
            "commune": names.get(line.commune_id or 0, ""),
            "received": line.received,
            "allocated": line.allocated,
            "spent": line.spent,
            "balance": line.balance,
        }
        for line in period.lines
    ]
    goods = [
        {
            "received_on": row["received_on"].isoformat(),
            "goods": row["goods"],
            "quantity": str(row["quantity"]) if row["quantity"] is not None else "",
            "unit": row["unit"],
            "amount": int(row["amount"]),
        }
        for row in await Donation.filter(campaign_id=campaign.id, goods__not="")
        .order_by("received_on", "id")
        .values("received_on", "goods", "quantity", "unit", "amount")
    ]
    total = period.total
    return {
        "date_from": campaign.starts_on.isoformat(),
        "date_to": date_to.isoformat(),
        "lines": lines,
        "total": {
            "received": total.received,
            "allocated": total.allocated,
            "spent": total.spent,
            "balance": total.balance,
        },
        "goods": goods,
        # Goods in and out, per commune and kind (relief.ledger.goods).
        "goods_out": await goods_stock.campaign_stock(campaign.id),
    }


async def close_campaign(actor: Actor, campaign_id: int, values: dict) -> Campaign:
    """Closes a campaign: no more donations join it; its final report is kept as it stands."""
    _may_keep(actor)
    campaign = await get_campaign(campaign_id)
    form = Form(values)
    version = form.integer("version", min=1)
    if not form.boolean("confirm"):
        form.errors["confirm"] = "Tick the box to confirm the closing."
    if version is None:
        form.errors.setdefault("confirm", "Reload the page.")
    if campaign.closed_on is not None:
        form.errors["confirm"] = "This campaign is already closed."
    form.check()
    assert version is not None
    today = local_today()
    report = await final_report(campaign, today)
    return await versions.save(
        actor,
        campaign,
        version,
        {"closed_on": today, "closed_by_id": actor.user_id, "final_report": report},
        entity="campaign",
        audited=["closed_on"],
        action="close",
    )
