"""The route handlers of this area, registered by relief.app."""

from relief.houses.api import HousesApi, PortalApi
from relief.houses.ceremony_views import HandoverViews, PortalViews
from relief.houses.contribution_views import ContributionFixViews
from relief.houses.eligibility_views import EligibilityApi, EligibilityViews
from relief.houses.minutes import StageMinutesViews
from relief.houses.programme_views import ProgrammeApi, ProgrammeViews
from relief.houses.views import HousesViews

ROUTES: list = [
    HousesViews,
    StageMinutesViews,
    HandoverViews,
    PortalViews,
    ContributionFixViews,
    HousesApi,
    PortalApi,
    ProgrammeViews,
    ProgrammeApi,
    EligibilityViews,
    EligibilityApi,
]
