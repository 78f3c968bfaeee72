"""The route handlers of the beneficiary lists (pages, papers, the public complaint form, the
JSON API), registered by relief.app."""

from __future__ import annotations

from relief.beneficiaries.api import ListsApi
from relief.beneficiaries.public_views import PublicComplaintViews
from relief.beneficiaries.views import ListViews

ROUTES: list = [ListViews, PublicComplaintViews, ListsApi]
