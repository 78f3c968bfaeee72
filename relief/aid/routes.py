"""The route handlers of this area, registered by relief.app."""

from relief.aid.api import GiftsApi, VisitsApi
from relief.aid.batch_views import VisitBatchViews
from relief.aid.receipt_views import ReceiptViews
from relief.aid.unreached_views import UnreachedViews
from relief.aid.views import GiftViews, VisitViews

ROUTES: list = [
    UnreachedViews,
    VisitViews,
    VisitBatchViews,
    GiftViews,
    ReceiptViews,
    VisitsApi,
    GiftsApi,
]
