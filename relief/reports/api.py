"""JSON API of the summaries: the same figures as the pages and the Excel files."""

from __future__ import annotations

from litestar import Controller, Request, get
from litestar.params import FromPath, FromQuery

from relief.core.actor import CurrentActor
from relief.core.api import READ, READ_ONE
from relief.core.guards import requires
from relief.core.permissions import Can
from relief.places.models import Commune
from relief.reports import service
from relief.reports.figures import HOUSES
from relief.reports.schemas import (
    SHAPES,
    CommuneFigures,
    CommuneSummaryOut,
    HamletFigures,
    HousesByGroup,
    LateHouseOut,
    Place,
    PlaceFigures,
    ProvinceSummaryOut,
    SummaryFilters,
)
from relief.reports.views import parse_filters


class ReportsApi(Controller):
    path = "/api/v1"
    tags = ["reports"]
    guards = [requires(Can.read_records)]

    @get("/summary", operation_id="provinceSummary", responses=READ)
    async def province(
        self,
        request: Request,
        actor: CurrentActor,
        disaster: FromQuery[int | None] = None,
        programme: FromQuery[str | None] = None,
        date_from: FromQuery[str | None] = None,
        date_to: FromQuery[str | None] = None,
        all: FromQuery[bool] = False,
    ) -> ProvinceSummaryOut:
        """Indicators per commune and for the province, as of today."""
        summary = await service.province_summary(
            actor,
            parse_filters(disaster, programme, date_from, date_to),
            late_after_days=request.app.state.settings.late_after_days,
            all_communes=all,
        )
        return ProvinceSummaryOut(
            as_of=summary.as_of,
            filters=SummaryFilters.of(summary.filters),
            communes=[
                CommuneFigures(code=c.code, name=c.name, **SHAPES.values(r.ind))
                for r in summary.rows
                if isinstance(c := r.place, Commune)  # every row of the province's is a commune
            ],
            total=PlaceFigures(**SHAPES.values(summary.total)),
        )

    @get(
        "/communes/{commune_code:str}/summary", operation_id="communeSummaryApi", responses=READ_ONE
    )
    async def commune(
        self,
        request: Request,
        actor: CurrentActor,
        commune_code: FromPath[str],
        disaster: FromQuery[int | None] = None,
        programme: FromQuery[str | None] = None,
        date_from: FromQuery[str | None] = None,
        date_to: FromQuery[str | None] = None,
    ) -> CommuneSummaryOut:
        """Indicators per hamlet and for the commune, as of today."""
        summary = await service.commune_summary(
            actor,
            commune_code,
            parse_filters(disaster, programme, date_from, date_to),
            late_after_days=request.app.state.settings.late_after_days,
        )
        commune = summary.commune
        assert commune is not None  # a commune's summary
        return CommuneSummaryOut(
            as_of=summary.as_of,
            filters=SummaryFilters.of(summary.filters),
            commune=Place(commune.code, commune.name),
            hamlets=[
                HamletFigures(name=r.place.name if r.place else None, **SHAPES.values(r.ind))
                for r in summary.rows
            ],
            total=PlaceFigures(**SHAPES.values(summary.total)),
            houses_by_group=[
                HousesByGroup(campaign_group=group, kind=kind, **SHAPES.group_values(HOUSES, ind))
                for (group, kind), ind in sorted(summary.by_group.items())
            ],
            late_houses=[
                LateHouseOut(c.code, c.stage.value, c.started_on) for c in summary.late_cases
            ],
        )
