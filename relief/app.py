"""The Litestar application: wiring of settings, database, templates and every area's routes."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import import_module

from jinja2 import FileSystemBytecodeCache
from litestar import Litestar, Request, get
from litestar.config.compression import CompressionConfig
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import CacheControlHeader, State
from litestar.di import Provide
from litestar.exceptions import HTTPException
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.params import FromPath, FromQuery
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Redirect, Response
from litestar.static_files import create_static_files_router
from litestar.template import TemplateConfig
from tortoise.exceptions import ValidationError as TortoiseValidationError

from relief import PACKAGE_DIR, PROJECT_ROOT
from relief.accounts import passwords
from relief.accounts.auth import authentication_middleware
from relief.accounts.rescue import form_rescue_middleware
from relief.accounts.routes import ROUTES as ACCOUNTS_ROUTES
from relief.aid.routes import ROUTES as AID_ROUTES
from relief.beneficiaries.routes import ROUTES as BENEFICIARIES_ROUTES
from relief.core import sections, workers
from relief.core.actor import provide_actor
from relief.core.api import BodySchemaPlugin, body_decoder, is_body_type
from relief.core.bodies import MAX_BODY_BYTES, reject_deep_json
from relief.core.errors import DomainError
from relief.core.headers import add_security_headers
from relief.core.labels import template_helpers as label_helpers
from relief.core.once import idempotency_middleware
from relief.core.query import drop_empty_query_values, reject_impossible_numbers
from relief.core.web import (
    LANG_COOKIE,
    domain_error_handler,
    http_error_handler,
    internal_error_handler,
    invalid_value_handler,
    language_middleware,
    safe_next,
    template_filters,
    template_globals,
)
from relief.db import close_db, connection, init_db
from relief.disaster_reports.routes import ROUTES as DISASTER_REPORT_ROUTES
from relief.disaster_reports.views import commune_section as quick_reports_of_a_commune
from relief.disaster_reports.views import dashboard_section as quick_reports_of_the_province
from relief.disaster_reports.views import disaster_section as quick_reports_of_a_disaster
from relief.households.routes import ROUTES as HOUSEHOLDS_ROUTES
from relief.houses.eligibility_views import household_section as eligibility_of_a_household
from relief.houses.routes import ROUTES as HOUSES_ROUTES
from relief.imports.routes import ROUTES as IMPORTS_ROUTES
from relief.ledger.routes import ROUTES as LEDGER_ROUTES
from relief.offline.views import ROUTES as OFFLINE_ROUTES
from relief.places.api import PlacesApi
from relief.places.labels import FILTERS as PLACE_FILTERS
from relief.places.views import PlacesViews
from relief.reports import kept as kept_figures
from relief.reports.figure_cells import damage_cells, figure_cells
from relief.reports.routes import ROUTES as REPORTS_ROUTES
from relief.settings import LANGUAGES, Settings, activate
from relief.sponsors.routes import ROUTES as SPONSORS_ROUTES
from relief.vouchers.routes import ROUTES as VOUCHERS_ROUTES
from relief.vouchers.views import house_section as vouchers_of_a_house

# Each area registers the words of its codes (enumerations, audited records) in its labels
# module; all are loaded before the first page, so the audit page knows every kind of record.
for _area in (
    "accounts",
    "aid",
    "beneficiaries",
    "disaster_reports",
    "households",
    "houses",
    "imports",
    "ledger",
    "places",
    "reports",
    "sponsors",
    "vouchers",
):
    import_module(f"relief.{_area}.labels")


@get("/healthz", operation_id="health", tags=["system"])
async def healthz() -> Response:
    """Answers 200 when the database answers, 503 otherwise."""
    try:
        await connection().execute_query("SELECT 1")
    except Exception:  # any database failure means "not healthy"
        return Response({"status": "unavailable"}, status_code=503)
    return Response({"status": "ok"})


@get("/lang/{code:str}", operation_id="switchLanguage", include_in_schema=False)
async def switch_language(code: FromPath[str], next: FromQuery[str | None] = None) -> Redirect:
    """Switches the interface language (a cookie) and goes back where the user was."""
    response = Redirect(safe_next(next), status_code=303)
    if code in LANGUAGES:
        response.set_cookie(
            LANG_COOKIE, code, max_age=365 * 24 * 3600, httponly=True, samesite="lax"
        )
    return response


def _engine_callback(engine: JinjaTemplateEngine) -> None:
    env = engine.engine
    env.globals.update(template_globals())
    env.filters.update(template_filters())
    env.filters.update(PLACE_FILTERS)
    env.filters.update(label_helpers()["filters"])
    env.globals.update(label_helpers()["globals"])
    env.globals["figure_cells_html"] = figure_cells
    env.globals["damage_cells_html"] = damage_cells
    env.trim_blocks = True
    env.lstrip_blocks = True
    # Compiled templates are kept on disk (Jinja's private folder in the system's temporary
    # directory, keyed by each template's path and source): compiling the 67 templates costs
    # about 1.7 s of CPU in every new process, a new worker of a served app included.
    env.bytecode_cache = FileSystemBytecodeCache()


async def _before_request(request: Request) -> None:
    """Before every handler: impossible numbers in the path or query, over-nested JSON bodies."""
    await reject_impossible_numbers(request)
    await reject_deep_json(request)


def register_sections() -> None:
    """What an area adds to a page of an area below it (relief.core.sections), in one place:
    the household page shows each programme's verdict on the household; the house page its
    tranches, vouchers and settlement dossier; the disaster's page, the commune summary and
    the province dashboard the quick reports (their links, and what is due today)."""
    sections.register("household", eligibility_of_a_household)
    sections.register("house", vouchers_of_a_house)
    sections.register("disaster", quick_reports_of_a_disaster)
    sections.register("commune_summary", quick_reports_of_a_commune)
    sections.register("province_dashboard", quick_reports_of_the_province)


def create_app(settings: Settings | None = None) -> Litestar:
    settings = settings or Settings.from_env()
    register_sections()
    activate(settings)
    passwords.use_profile(settings.password_profile)

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        await init_db(app.state.settings.database_url)  # the settings the handlers read
        try:
            # Kept figures counted with definitions other than this code's are rebuilt before
            # the first request (one row read when they are the same; `relief serve` has
            # already done it while migrating).
            await kept_figures.rebuild_if_changed()
            yield
        finally:
            await asyncio.to_thread(workers.shutdown)  # the file readers, if any started
            await close_db()

    return Litestar(
        route_handlers=[
            healthz,
            switch_language,
            PlacesViews,
            PlacesApi,
            *ACCOUNTS_ROUTES,
            *HOUSEHOLDS_ROUTES,
            *IMPORTS_ROUTES,
            *AID_ROUTES,
            *SPONSORS_ROUTES,
            *HOUSES_ROUTES,
            *BENEFICIARIES_ROUTES,
            *VOUCHERS_ROUTES,
            *REPORTS_ROUTES,
            *LEDGER_ROUTES,
            *DISASTER_REPORT_ROUTES,
            *OFFLINE_ROUTES,
            create_static_files_router(
                path="/static",
                directories=[PACKAGE_DIR / "static"],
                cache_control=CacheControlHeader(max_age=86400, public=True),
                include_in_schema=False,
                send_as_attachment=False,
            ),
        ],
        dependencies={"actor": Provide(provide_actor)},
        # API bodies are kept as sent and decoded by their handler (relief.core.api).
        type_decoders=[(is_body_type, body_decoder)],
        plugins=[BodySchemaPlugin()],
        before_request=_before_request,
        request_max_body_size=MAX_BODY_BYTES,  # uploads raise it on their own routes
        before_send=[add_security_headers],
        lifespan=[lifespan],
        middleware=[
            drop_empty_query_values,
            language_middleware(settings.default_language),
            form_rescue_middleware(
                settings.session_idle_minutes, settings.https, settings.secret_key
            ),
            authentication_middleware(settings.session_idle_minutes),
            idempotency_middleware,
        ],
        # Forms carry a signed token; the API authenticates by bearer token only (no cookie),
        # so it needs none.
        csrf_config=CSRFConfig(
            secret=settings.secret_key,
            cookie_name="relief_csrf",
            cookie_secure=settings.https,
            cookie_httponly=True,
            cookie_samesite="lax",
            exclude=["/api/"],
        ),
        template_config=TemplateConfig(
            directory=PROJECT_ROOT / "templates",
            engine=JinjaTemplateEngine,
            engine_callback=_engine_callback,
        ),
        exception_handlers={
            DomainError: domain_error_handler,
            HTTPException: http_error_handler,
            TortoiseValidationError: invalid_value_handler,
            Exception: internal_error_handler,
        },
        compression_config=CompressionConfig(backend="gzip", minimum_size=500),
        openapi_config=OpenAPIConfig(
            title="Relief API",
            version="1",
            path="/schema",
            # JSON only: the interactive renderers load scripts from a CDN.
            render_plugins=[JsonRenderPlugin(path=["/", "/openapi.json"])],
        ),
        state=State({"settings": settings}),
        opt={"default_language": settings.default_language},
        debug=settings.debug,
    )
