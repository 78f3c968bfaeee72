"""The route handlers of this area, registered by relief.app."""

from relief.reports.api import ReportsApi
from relief.reports.campaign_views import CampaignWeekViews
from relief.reports.national_views import NationalViews
from relief.reports.notice_views import NoticeViews
from relief.reports.views import ReportViews

ROUTES: list = [ReportViews, NationalViews, NoticeViews, CampaignWeekViews, ReportsApi]
