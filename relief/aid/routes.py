"""The route handlers of this area, registered by relief.app."""

from relief.aid.api import GiftsApi, VisitsApi
from relief.aid.batch_views import VisitBatchViews
from relief.aid.receipt_views import ReceiptViews
from relief.aid.views import GiftViews, VisitViews

ROUTES: list = [VisitViews, VisitBatchViews, GiftViews, ReceiptViews, VisitsApi, GiftsApi]
