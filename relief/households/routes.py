"""The route handlers of this area, registered by relief.app."""

from relief.households.api import DamageApi, DisastersApi, HouseholdsApi
from relief.households.damage_views import DamageViews, DisasterViews
from relief.households.printed import PrintedListViews
from relief.households.register_api import RegistersApi
from relief.households.register_views import RegisterViews
from relief.households.views import HouseholdViews

ROUTES: list = [
    HouseholdViews,
    PrintedListViews,
    DamageViews,
    DisasterViews,
    RegisterViews,
    HouseholdsApi,
    DisastersApi,
    DamageApi,
    RegistersApi,
]
