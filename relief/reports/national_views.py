"""Pages: the national dashboard (every province) and a province's communes, for the national
roles; each row links one level down (province -> commune -> hamlet, on the commune summary)."""

from __future__ import annotations

import math

from litestar import Controller, Request, get
from litestar.params import FromPath, FromQuery
from litestar.response import Template

from relief.core.actor import CurrentActor
from relief.core.guards import requires
from relief.core.permissions import Can
from relief.reports import figures, national
from relief.reports.figures import DASHBOARD
from relief.reports.views import filter_choices, parse_filters

PER_PAGE = 40  # communes on one page of a province


class NationalViews(Controller):
    path = "/national"
    tags = ["reports"]
    guards = [requires(Can.read_national)]
    include_in_schema = False

    @get("/", operation_id="nationalDashboard")
    async def dashboard(
        self,
        request: Request,
        actor: CurrentActor,
        disaster: FromQuery[int | None] = None,
        programme: FromQuery[str | None] = None,
        date_from: FromQuery[str | None] = None,
        date_to: FromQuery[str | None] = None,
    ) -> Template:
        """The country on one screen: one row per province, with the country's totals."""
        filters = parse_filters(disaster, programme, date_from, date_to)
        summary = await national.country(
            actor, filters, late_after_days=request.app.state.settings.late_after_days
        )
        return Template(
            "reports/national.html",
            context={
                "s": summary,
                "figures": figures.shown_in(DASHBOARD),
                **await filter_choices(),
            },
        )

    @get("/provinces/{province_code:str}", operation_id="nationalProvince")
    async def province(
        self,
        request: Request,
        actor: CurrentActor,
        province_code: FromPath[str],
        disaster: FromQuery[int | None] = None,
        programme: FromQuery[str | None] = None,
        date_from: FromQuery[str | None] = None,
        date_to: FromQuery[str | None] = None,
        page: FromQuery[int] = 1,
    ) -> Template:
        """Every commune of one province, each linking to its summary by hamlet (the
        province's total over all of them; the rows 40 a page, so a phone gets a light page)."""
        filters = parse_filters(disaster, programme, date_from, date_to)
        found, summary = await national.province(
            actor,
            province_code,
            filters,
            late_after_days=request.app.state.settings.late_after_days,
        )
        pages = max(1, math.ceil(len(summary.rows) / PER_PAGE))
        page = max(1, min(page, pages))
        return Template(
            "reports/national_province.html",
            context={
                "province": found,
                "s": summary,
                "rows": summary.rows[(page - 1) * PER_PAGE : page * PER_PAGE],
                "page": page,
                "pages": pages,
                "figures": figures.shown_in(DASHBOARD),
                **await filter_choices(),
            },
        )
