"""The route handlers of this area, registered by relief.app."""

from relief.imports.register_views import RegisterImportViews
from relief.imports.views import ImportViews

ROUTES: list = [ImportViews, RegisterImportViews]
