"""The route handlers of this area, registered by relief.app."""

from relief.households.api import DamageApi, DisastersApi, HouseholdsApi
from relief.households.damage_views import DamageViews, DisasterViews
from relief.households.printed import PrintedListViews
from relief.households.views import HouseholdViews

ROUTES: list = [
    HouseholdViews,
    PrintedListViews,
    DamageViews,
    DisasterViews,
    HouseholdsApi,
    DisastersApi,
    DamageApi,
]
