"""The route handlers of the ledger (pages, public pages and API), registered by relief.app."""

from __future__ import annotations

from relief.ledger.api import LedgerApi
from relief.ledger.bank_views import BankViews, PublicCampaignViews
from relief.ledger.campaign_views import CampaignViews, ReceiptViews
from relief.ledger.front_views import FrontReportViews
from relief.ledger.goods_views import FollowViews, GoodsViews
from relief.ledger.public_views import PublicStatementApi, PublicViews
from relief.ledger.views import LedgerViews, PhotoPublicityViews, SponsorMoneyViews

ROUTES: list = [
    CampaignViews,
    ReceiptViews,
    FrontReportViews,
    LedgerViews,
    PhotoPublicityViews,
    SponsorMoneyViews,
    PublicViews,
    PublicStatementApi,
    LedgerApi,
    GoodsViews,
    FollowViews,
    BankViews,
    PublicCampaignViews,
]
