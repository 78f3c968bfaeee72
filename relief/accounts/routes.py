"""The route handlers of this area, registered by relief.app."""

ROUTES: list = []
