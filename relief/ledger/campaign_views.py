"""Campaign pages (the province Front keeps them, staff read them) and donations' receipts:
the printable receipt (A4 or A5) with its QR code, and the public page the code opens."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import segno
from litestar import Controller, Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from relief.core.actor import Actor, CurrentActor
from relief.core.errors import NotFound
from relief.core.formatting import local_today
from relief.core.guards import requires
from relief.core.pages import Again, save_form
from relief.core.permissions import Can
from relief.core.scope import scoped
from relief.ledger import campaigns, service, vietqr
from relief.ledger.campaigns import MAX_ACCOUNTS
from relief.ledger.models import Campaign, Donation, Fund
from relief.ledger.records import CAMPAIGN
from relief.places.models import Commune

READERS = requires(Can.read_ledger)
KEEPERS = requires(Can.keep_ledger)
PAPERS = ("a4", "a5")


def _form_values(campaign: Campaign) -> dict[str, Any]:
    values: dict[str, Any] = {**CAMPAIGN.form_values(campaign), "version": campaign.version}
    for n, account in enumerate(campaign.accounts or [], start=1):
        for key in ("bank", "number", "holder"):
            values[f"{key}_{n}"] = account.get(key, "")
    return values


async def _list_page(
    status: int = 200, values: dict | None = None, errors: dict | None = None, problem=None
) -> Template:
    context = {
        "campaigns": await Campaign.all().order_by("-starts_on", "-id"),
        "current": await campaigns.current_campaign(local_today()),
        "values": values or {"starts_on": local_today()},
        "errors": errors or {},
        "problem": problem,
        "accounts": range(1, MAX_ACCOUNTS + 1),
        "today": local_today(),
    }
    return Template("ledger/campaigns.html", context=context, status_code=status)


async def _campaign_page(
    actor: Actor,
    campaign_id: int,
    status: int = 200,
    values: dict | None = None,
    errors: dict | None = None,
    problem=None,
) -> Template:
    campaign = await campaigns.get_campaign(campaign_id)
    # A campaign is one register for every province; its receipts listed are the actor's.
    received = (
        await scoped(actor, Donation)
        .filter(campaign_id=campaign.id)
        .order_by("-received_on", "-id")
        .limit(50)
        .values("id", "received_on", "receipt_number", "amount", "donor_name", "reverses_id")
    )
    context = {
        "campaign": campaign,
        "received": received,
        "values": values or _form_values(campaign),
        "errors": errors or {},
        "problem": problem,
        "accounts": range(1, MAX_ACCOUNTS + 1),
        "today": local_today(),
    }
    return Template("ledger/campaign.html", context=context, status_code=status)


class CampaignViews(Controller):
    path = "/ledger/campaigns"
    tags = ["ledger"]
    include_in_schema = False
    guards = [READERS]

    @get("/", operation_id="campaignsPage")
    async def index(self) -> Template:
        """The campaigns (đợt vận động), the current one first, and a form to call a new one."""
        return await _list_page()

    @post("/", operation_id="createCampaignPage", guards=[KEEPERS])
    async def create(self, actor: CurrentActor, request: Request) -> Template | Redirect:
        """Records a campaign: its call, period, receiving accounts and support levels."""

        async def again(failed: Again) -> Template:
            return await _list_page(failed.status, failed.values, failed.errors, failed.problem)

        return await save_form(
            request,
            actor,
            lambda values: campaigns.create_campaign(actor, values),
            lambda made: f"/ledger/campaigns/{made.id}",
            again,
        )

    @get("/{campaign_id:int}", operation_id="campaignPage")
    async def campaign(self, actor: CurrentActor, campaign_id: FromPath[int]) -> Template:
        """A campaign: its call, accounts, levels, its receipts so far, and its edit form."""
        return await _campaign_page(actor, campaign_id)

    @post("/{campaign_id:int}", operation_id="updateCampaignPage", guards=[KEEPERS])
    async def update(
        self, actor: CurrentActor, campaign_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Corrects a campaign (its code stays once receipts carry it)."""
        await campaigns.get_campaign(campaign_id)

        async def again(failed: Again) -> Template:
            return await _campaign_page(
                actor, campaign_id, failed.status, failed.values, failed.errors, failed.problem
            )

        return await save_form(
            request,
            actor,
            lambda values: campaigns.update_campaign(actor, campaign_id, values),
            f"/ledger/campaigns/{campaign_id}",
            again,
        )

    @post("/{campaign_id:int}/close", operation_id="closeCampaignPage", guards=[KEEPERS])
    async def close(
        self, actor: CurrentActor, campaign_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Closes a campaign and keeps its final report (with a confirmation box)."""
        await campaigns.get_campaign(campaign_id)

        async def again(failed: Again) -> Template:
            return await _campaign_page(
                actor, campaign_id, failed.status, None, failed.errors, failed.problem
            )

        return await save_form(
            request,
            actor,
            lambda values: campaigns.close_campaign(actor, campaign_id, values),
            f"/ledger/campaigns/{campaign_id}/report",
            again,
        )

    @get("/{campaign_id:int}/report", operation_id="campaignReportPage")
    async def report(self, campaign_id: FromPath[int]) -> Template:
        """The campaign's final report (received, allocated, spent, balance per fund; goods),
        to print on A4: as kept at closing, or to date while it is open."""
        return await report_page(await campaigns.get_campaign(campaign_id), public=False)


async def report_page(campaign: Campaign, public: bool) -> Template:
    """The final report of a closed campaign (kept), or of an open one to date."""
    kept = campaign.final_report or await campaigns.final_report(
        campaign, campaign.closed_on or local_today()
    )
    # Dates and quantities are kept as text in the report: read back for the page's filters.
    report = {
        **kept,
        "date_from": date.fromisoformat(kept["date_from"]),
        "date_to": date.fromisoformat(kept["date_to"]),
        "goods": [
            {
                **g,
                "received_on": date.fromisoformat(g["received_on"]),
                "quantity": Decimal(g["quantity"]) if g["quantity"] else None,
            }
            for g in kept.get("goods", [])
        ],
        "goods_out": [
            {**g, **{k: Decimal(g[k]) for k in ("received", "distributed", "left")}}
            for g in kept.get("goods_out", [])
        ],
    }
    context = {
        "campaign": campaign,
        "report": report,
        # Closed: kept at closing, or (a campaign closed before reports were kept, as the
        # demo's earlier one) counted from the books up to its closing day.
        "final": campaign.closed_on is not None,
        "public": public,
        "today": local_today(),
    }
    return Template("ledger/campaign_report.html", context=context)


def verify_url(request: Request, token: str) -> str:
    """The absolute address of a receipt's public verification page (what its QR code holds)."""
    return f"{str(request.base_url).rstrip('/')}/public/receipts/{token}"


def qr_svg(url: str) -> str:
    """The QR code of an address, as an inline SVG image named for screen readers."""
    return segno.make(url, error="m").svg_inline(scale=3, title="QR", border=2)


async def _receipt_context(donation: Donation) -> dict[str, Any]:
    fund = await Fund.get(id=donation.fund_id)
    commune = await Commune.get_or_none(id=donation.commune_id) if donation.commune_id else None
    campaign = await Campaign.get_or_none(id=donation.campaign_id) if donation.campaign_id else None
    reversed_ = await Donation.exists(reverses_id=donation.id)
    return {
        "d": donation,
        "fund": fund,
        "commune": commune,
        "campaign": campaign,
        "reversed": reversed_,
        # The campaign's first receiving account, with its VietQR code (to give again).
        "codes": vietqr.campaign_codes(campaign)[:1] if campaign and not campaign.closed_on else [],
    }


class ReceiptViews(Controller):
    path = "/ledger/donations"
    tags = ["ledger"]
    include_in_schema = False
    guards = [READERS]

    @get("/{donation_id:int}/receipt", operation_id="donationReceiptPage")
    async def receipt(
        self,
        actor: CurrentActor,
        request: Request,
        donation_id: FromPath[int],
        paper: FromQuery[str] = "a4",
    ) -> Template:
        """A donation's receipt and thank-you letter, to print on A4 or A5, with a QR code
        that opens its public verification page."""
        donation = await service.get_donation(actor, donation_id)
        if not donation.receipt_token:
            raise NotFound("This donation has no receipt: it belongs to no campaign.")
        url = verify_url(request, donation.receipt_token)
        context = {
            **await _receipt_context(donation),
            "paper": paper if paper in PAPERS else "a4",
            "verify_url": url,
            "qr": qr_svg(url),
            "today": local_today(),
        }
        return Template("ledger/receipt.html", context=context)


async def public_receipt_context(token: str) -> dict[str, Any]:
    """What the public verification page shows: amount, date, fund, campaign; the donor's name
    only when the donor agreed to be named."""
    donation = await campaigns.by_token(token)
    return {**await _receipt_context(donation), "today": local_today()}
