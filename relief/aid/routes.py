"""The route handlers of this area, registered by relief.app."""

from relief.aid.api import GiftsApi, VisitsApi
from relief.aid.batch_views import VisitBatchViews
from relief.aid.views import GiftViews, VisitViews

ROUTES: list = [VisitViews, VisitBatchViews, GiftViews, VisitsApi, GiftsApi]
