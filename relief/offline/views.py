"""The service worker, the web app manifest, the offline page and the officer's cached list."""

from __future__ import annotations

from litestar import Controller, get
from litestar.datastructures import CacheControlHeader
from litestar.params import FromQuery
from litestar.response import Response, Template

from relief import PACKAGE_DIR
from relief.core.actor import CurrentActor
from relief.core.guards import requires
from relief.core.i18n import gettext
from relief.core.permissions import Can
from relief.offline import service

STATIC = PACKAGE_DIR / "static"
NO_STORE = CacheControlHeader(no_store=True)


class OfflineViews(Controller):
    path = "/"
    tags = ["offline"]
    include_in_schema = False

    @get("/sw.js", operation_id="serviceWorker", cache_control=CacheControlHeader(no_cache=True))
    async def service_worker(self) -> Response:
        """The service worker, served from the root so that it may control every page."""
        return Response(
            (STATIC / "sw.js").read_bytes(),
            media_type="text/javascript",  # Litestar adds the charset to text types
            headers={"Service-Worker-Allowed": "/"},
        )

    @get("/manifest.webmanifest", operation_id="webAppManifest")
    async def manifest(self) -> Response:
        """The web app manifest: Relief installs on a phone's home screen."""
        body = {
            "name": "Relief",
            "short_name": "Relief",
            "description": gettext("Relief: disaster relief and Great Solidarity Houses"),
            "lang": "vi",
            "start_url": "/",
            "scope": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#b3261e",
            "icons": [
                {"src": "/static/icon-192.png", "sizes": "192x192", "type": "image/png"},
                {"src": "/static/icon-512.png", "sizes": "512x512", "type": "image/png"},
            ],
        }
        return Response(body, media_type="application/manifest+json")

    @get("/offline", operation_id="offlinePage", guards=[requires(Can.work_offline)])
    async def page(self) -> Template:
        """Forms not yet sent (chưa gửi) and the commune's households, searchable offline."""
        return Template("offline/page.html", context={})

    @get(
        "/offline/households.json",
        operation_id="offlineHouseholds",
        guards=[requires(Can.work_offline)],
        cache_control=NO_STORE,
    )
    async def households(
        self, actor: CurrentActor, since: FromQuery[str | None] = None
    ) -> Response:
        """The officer's commune's households, for search and forms without a signal: all of
        them, or (`since`, the cursor of the last answer) those written since."""
        return Response(await service.offline_list(actor, since))


ROUTES: list = [OfflineViews]
