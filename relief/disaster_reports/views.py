"""HTML pages and JSON API of the quick report: a commune's versions, the province's sum."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Response, Template

from relief.core.actor import Actor, CurrentActor
from relief.core.errors import Invalid
from relief.core.formatting import LOCAL_TZ
from relief.core.guards import requires
from relief.core.pages import save_form
from relief.core.permissions import Can
from relief.disaster_reports import service
from relief.disaster_reports.models import DisasterReport
from relief.disaster_reports.records import REPORT, ReportIn
from relief.disaster_reports.table import GROUPS, class_grid, value
from relief.disaster_reports.xlsx import as_of_words, to_xlsx
from relief.households.labels import HOUSE_CLASSES
from relief.households.models import Disaster
from relief.places.models import Commune

STAFF = requires(Can.read_records)
PROVINCE = requires(Can.manage_disasters)
WRITERS = requires(Can.write_records)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(content: bytes, name: str) -> Response:
    return Response(
        content,
        media_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
    )


def _labels() -> dict[str, Any]:
    return {
        "groups": GROUPS,
        "class_labels": [*HOUSE_CLASSES.values(), "Not known"],
        "value": value,
        "as_of_words": as_of_words,
        "class_grid": class_grid,
    }


def _commune_column(report: DisasterReport) -> list[tuple[str, dict, dict]]:
    return [(report.commune.name, report.households, report.figures)]


def _report(raw: dict[str, Any], commune: Commune, disaster: Disaster) -> ReportIn:
    """The posted form as a report of the commune and the disaster of the page."""
    return REPORT.form({**raw, "commune_code": commune.code, "disaster_id": str(disaster.id)})


class DisasterReportViews(Controller):
    path = "/"
    guards = [STAFF]
    include_in_schema = False

    @get("/disasters/{disaster_id:int}/reports/{commune_code:str}", operation_id="quickReportForm")
    async def form(
        self, actor: CurrentActor, disaster_id: FromPath[int], commune_code: FromPath[str]
    ) -> Template:
        """Today's sums of the households and the form for the commune's own figures."""
        commune, disaster = await _places(actor, commune_code, disaster_id)
        return await _form_page(actor, commune, disaster, {}, {})

    @post(
        "/disasters/{disaster_id:int}/reports/{commune_code:str}",
        operation_id="quickReportSave",
        guards=[WRITERS],
    )
    async def save(
        self,
        actor: CurrentActor,
        disaster_id: FromPath[int],
        commune_code: FromPath[str],
        request: Request,
    ) -> Template | Redirect:
        """Saves a new version of the report; earlier versions stay as they were."""
        commune, disaster = await _places(actor, commune_code, disaster_id)
        return await save_form(
            request,
            actor,
            lambda raw: service.save_report(actor, _report(raw, commune, disaster)),
            lambda report: f"/disaster-reports/{report.id}",
            lambda again: _form_page(
                actor, commune, disaster, again.values, again.errors, again.status
            ),
        )

    @get("/disaster-reports/{report_id:int}", operation_id="quickReportPage")
    async def show(self, actor: CurrentActor, report_id: FromPath[int]) -> Template:
        """One saved version, as it was saved."""
        report = await service.get_report(actor, report_id)
        others = await service.versions(actor, report.commune_id, report.disaster_id)
        context = {"report": report, "others": others, **_labels()}
        return Template("disaster_reports/report.html", context=context)

    @get("/disaster-reports/{report_id:int}/xlsx", operation_id="quickReportXlsx")
    async def xlsx(self, actor: CurrentActor, report_id: FromPath[int]) -> Response:
        """The version as an XLSX sheet in the circular's layout."""
        report = await service.get_report(actor, report_id)
        content = to_xlsx(
            f"{_kind(report.commune)} {report.commune.name}",
            "",
            report.disaster.name,
            report.as_of,
            _commune_column(report),
        )
        return _xlsx(content, f"bao-cao-nhanh-{report.commune.code}-{report.number}")

    @get(
        "/disasters/{disaster_id:int}/province-report",
        operation_id="provinceQuickReport",
        guards=[PROVINCE],
    )
    async def province(
        self, actor: CurrentActor, disaster_id: FromPath[int], request: Request
    ) -> Template:
        """The communes' reports at one moment, side by side and added up."""
        disaster = await service.disaster_for(disaster_id)
        moments = await service.report_moments(disaster.id)
        as_of = _moment(request.query_params.get("as_of"), moments)
        total = await service.province_sum(actor, disaster, as_of) if as_of else None
        context = {"disaster": disaster, "moments": moments, "total": total, **_labels()}
        return Template("disaster_reports/province.html", context=context)

    @get(
        "/disasters/{disaster_id:int}/province-report/xlsx",
        operation_id="provinceQuickReportXlsx",
        guards=[PROVINCE],
    )
    async def province_xlsx(
        self, actor: CurrentActor, disaster_id: FromPath[int], request: Request
    ) -> Response:
        """The province's sum with one column per commune, in the circular's layout."""
        disaster = await service.disaster_for(disaster_id)
        moments = await service.report_moments(disaster.id)
        as_of = _moment(request.query_params.get("as_of"), moments)
        if as_of is None:
            raise Invalid({"as_of": "No commune has reported for this disaster yet."})
        total = await service.province_sum(actor, disaster, as_of)
        from relief.core.i18n import gettext

        columns = [(gettext("Province total"), total.households, total.figures)]
        columns += [(r.commune.name, r.households, r.figures) for r in total.reports]
        content = to_xlsx(gettext("Province total"), "", disaster.name, as_of, columns)
        stamp = as_of.astimezone(LOCAL_TZ).strftime("%Y%m%d-%H")
        return _xlsx(content, f"bao-cao-nhanh-tinh-{stamp}")


def _kind(commune: Commune) -> str:
    from relief.places.labels import commune_kind_word

    return commune_kind_word(commune)


def _moment(text: str | None, moments: list[datetime]) -> datetime | None:
    """The chosen moment (ISO), or the newest one reported."""
    if text:
        try:
            chosen = datetime.fromisoformat(text)
        except ValueError:
            chosen = None
        if chosen is not None:
            return chosen if chosen.tzinfo else chosen.replace(tzinfo=LOCAL_TZ)
    return moments[0] if moments else None


async def _places(actor: Actor, commune_code: str, disaster_id: int) -> tuple[Commune, Disaster]:
    return await service.commune_for(actor, commune_code), await service.disaster_for(disaster_id)


async def _form_page(
    actor: Actor,
    commune: Commune,
    disaster: Disaster,
    raw: dict,
    errors: dict,
    status: int = 200,
) -> Template:
    versions = await service.versions(actor, commune.id, disaster.id)
    as_of = service.default_as_of()
    households = await service.household_sums(commune.id, disaster.id, as_of)
    values = dict(raw) or dict(versions[0].figures if versions else {})
    values.setdefault("as_of_date", as_of.date().isoformat())
    values.setdefault("as_of_hour", str(service.REPORT_HOUR))
    context = {
        "commune": commune,
        "disaster": disaster,
        "households": households,
        "values": values,
        "errors": errors,
        "versions": versions,
        **_labels(),
    }
    return Template("disaster_reports/form.html", context=context, status_code=status)
