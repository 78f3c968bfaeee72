"""The route handlers of this area, registered by relief.app."""

from relief.disaster_reports.api import DisasterReportsApi
from relief.disaster_reports.period_views import PeriodReportViews
from relief.disaster_reports.views import DisasterReportViews

ROUTES: list = [DisasterReportViews, PeriodReportViews, DisasterReportsApi]
