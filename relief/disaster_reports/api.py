"""JSON API of the quick reports (the same service as the pages)."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, Request, get, post
from litestar.params import FromPath
from litestar.status_codes import HTTP_201_CREATED

from relief.core.actor import CurrentActor
from relief.core.api import CREATE, UPDATE, Body
from relief.core.guards import requires
from relief.core.permissions import Can
from relief.disaster_reports import service
from relief.disaster_reports.models import DisasterReport
from relief.disaster_reports.records import (
    REPORT,
    RETURN,
    STEP,
    ReportIn,
    ReportReturn,
    ReportStep,
)
from relief.disaster_reports.table import LINES, value
from relief.disaster_reports.views import _moment


class ReportOut(msgspec.Struct):
    id: int
    commune_code: str
    disaster_id: int
    as_of: str
    number: int
    lines: dict[str, float]  # every line of the circular's table, by key
    households: dict[str, Any]
    figures: dict[str, str]
    texts: dict[str, str]  # the situation, response, needs and proposals, by key
    note: str
    url: str
    version: int  # the one to send with a step (send, receive, return)
    sent_at: str | None
    sent_by: str
    received_at: str | None
    received_by: str
    returned_at: str | None
    returned_by: str
    return_comment: str


class ProvinceOut(msgspec.Struct):
    disaster_id: int
    as_of: str | None
    communes: list[str]
    lines: dict[str, float]


def _lines(households: dict, figures: dict) -> dict[str, float]:
    return {key: float(value(households, figures, key)) for key in LINES}


def report_out(r: DisasterReport) -> ReportOut:
    return ReportOut(
        id=r.id,
        commune_code=r.commune.code,
        disaster_id=r.disaster_id,
        as_of=r.as_of.isoformat(),
        number=r.number,
        lines=_lines(r.households, r.figures),
        households=r.households,
        figures=r.figures,
        texts=r.texts,
        note=r.note,
        url=f"/disaster-reports/{r.id}",
        version=r.version,
        sent_at=r.sent_at.isoformat() if r.sent_at else None,
        sent_by=r.sent_by,
        received_at=r.received_at.isoformat() if r.received_at else None,
        received_by=r.received_by,
        returned_at=r.returned_at.isoformat() if r.returned_at else None,
        returned_by=r.returned_by,
        return_comment=r.return_comment,
    )


class DisasterReportsApi(Controller):
    path = "/api/v1"
    tags = ["disaster reports"]
    guards = [requires(Can.read_records)]

    @post(
        "/disaster-reports",
        operation_id="createDisasterReport",
        status_code=HTTP_201_CREATED,
        guards=[requires(Can.write_records)],
        responses=CREATE,
    )
    async def create(self, actor: CurrentActor, data: Body[ReportIn]) -> ReportOut:
        """Saves a new version of a commune's quick report (`commune_code`, `disaster_id`,
        `as_of_date`, `as_of_hour`, and the commune's figures by line key)."""
        report = await service.save_report(actor, REPORT.body(data))
        return report_out(await service.get_report(actor, report.id))

    @get("/disaster-reports/{report_id:int}", operation_id="getDisasterReport")
    async def get_one(self, actor: CurrentActor, report_id: FromPath[int]) -> ReportOut:
        """One saved version of a quick report."""
        return report_out(await service.get_report(actor, report_id))

    @post(
        "/disaster-reports/{report_id:int}/send",
        operation_id="sendDisasterReport",
        status_code=200,
        guards=[requires(Can.write_records)],
        responses=UPDATE,
    )
    async def send(
        self, actor: CurrentActor, report_id: FromPath[int], data: Body[ReportStep]
    ) -> ReportOut:
        """The commune sends the version read at `version` (409 if already sent or stale)."""
        await service.get_report(actor, report_id)
        return report_out(await service.send_report(actor, report_id, STEP.body_patch(data)))

    @post(
        "/disaster-reports/{report_id:int}/receive",
        operation_id="receiveDisasterReport",
        status_code=200,
        guards=[requires(Can.manage_disasters)],
        responses=UPDATE,
    )
    async def receive(
        self, actor: CurrentActor, report_id: FromPath[int], data: Body[ReportStep]
    ) -> ReportOut:
        """The province receives the sent version read at `version` (409 if not sent, already
        answered or stale)."""
        await service.get_report(actor, report_id)
        return report_out(await service.receive_report(actor, report_id, STEP.body_patch(data)))

    @post(
        "/disaster-reports/{report_id:int}/return",
        operation_id="returnDisasterReport",
        status_code=200,
        guards=[requires(Can.manage_disasters)],
        responses=UPDATE,
    )
    async def give_back(
        self, actor: CurrentActor, report_id: FromPath[int], data: Body[ReportReturn]
    ) -> ReportOut:
        """The province returns the sent version read at `version`, with `return_comment`
        (required: 422 without it; 409 if not sent, already answered or stale)."""
        await service.get_report(actor, report_id)
        answer = RETURN.body_patch(data)
        return report_out(await service.return_report(actor, report_id, answer))

    @get(
        "/disasters/{disaster_id:int}/province-report",
        operation_id="getProvinceDisasterReport",
        guards=[requires(Can.manage_disasters)],
    )
    async def province(
        self, actor: CurrentActor, disaster_id: FromPath[int], request: Request
    ) -> ProvinceOut:
        """The communes' latest versions at one moment (`as_of`, ISO; default the newest),
        added up."""
        disaster = await service.disaster_for(disaster_id)
        as_of = _moment(
            request.query_params.get("as_of"), await service.report_moments(disaster_id)
        )
        if as_of is None:
            return ProvinceOut(disaster_id, None, [], {})
        total = await service.province_sum(actor, disaster, as_of)
        return ProvinceOut(
            disaster_id=disaster_id,
            as_of=as_of.isoformat(),
            communes=[r.commune.code for r in total.reports],
            lines=_lines(total.households, total.figures),
        )
