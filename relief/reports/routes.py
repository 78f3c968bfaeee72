"""The route handlers of this area, registered by relief.app."""

from relief.reports.api import ReportsApi
from relief.reports.views import ReportViews

ROUTES: list = [ReportViews, ReportsApi]
