"""The route handlers of this area, registered by relief.app."""

from relief.imports.views import ImportViews

ROUTES: list = [ImportViews]
