"""JSON API of the summaries: the same figures as the pages and the Excel files."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.params import FromPath, FromQuery

from relief.core.actor import CurrentActor
from relief.core.api import READ, READ_ONE
from relief.core.guards import requires
from relief.core.permissions import Can
from relief.places.models import Commune
from relief.reports import service
from relief.reports.service import Summary
from relief.reports.views import parse_filters


def _filters_out(summary: Summary) -> dict[str, Any]:
    f = summary.filters
    return {
        "disaster_id": f.disaster_id,
        "programme": f.programme,
        "date_from": f.date_from.isoformat() if f.date_from else None,
        "date_to": f.date_to.isoformat() if f.date_to else None,
    }


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
    ) -> dict[str, Any]:
        """Indicators per commune and for the province, as of today."""
        summary = await service.province_summary(
            actor,
            parse_filters(disaster, programme, date_from, date_to),
            late_after_days=request.app.state.settings.late_after_days,
            all_communes=all,
        )
        return {
            "as_of": summary.as_of.isoformat(),
            "filters": _filters_out(summary),
            "communes": [
                {"code": c.code, "name": c.name, **r.ind.as_dict()}
                for r in summary.rows
                if isinstance(c := r.place, Commune)  # every row of the province's is a commune
            ],
            "total": summary.total.as_dict(),
        }

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
    ) -> dict[str, Any]:
        """Indicators per hamlet and for the commune, as of today."""
        summary = await service.commune_summary(
            actor,
            commune_code,
            parse_filters(disaster, programme, date_from, date_to),
            late_after_days=request.app.state.settings.late_after_days,
        )
        assert summary.commune is not None  # a commune's summary
        return {
            "as_of": summary.as_of.isoformat(),
            "filters": _filters_out(summary),
            "commune": {"code": summary.commune.code, "name": summary.commune.name},
            "hamlets": [
                {"name": r.place.name if r.place else None, **r.ind.as_dict()} for r in summary.rows
            ],
            "total": summary.total.as_dict(),
            "houses_by_group": [
                {"campaign_group": group, "kind": kind, **ind.as_dict()["houses"]}
                for (group, kind), ind in sorted(summary.by_group.items())
            ],
            "late_houses": [
                {"code": c.code, "stage": c.stage.value, "started_on": c.started_on.isoformat()}
                for c in summary.late_cases
            ],
        }
