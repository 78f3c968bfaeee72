"""Pages: the province dashboard and the commune summary, with charts and exports."""

from __future__ import annotations

from litestar import Controller, Request, get
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Response, Template
from markupsafe import Markup

from relief.core import audit
from relief.core.actor import Actor, CurrentActor
from relief.core.errors import Invalid, NotFound
from relief.core.formatting import day, local_today
from relief.core.forms import parse_date
from relief.core.guards import requires
from relief.core.i18n import gettext
from relief.core.permissions import Can, can
from relief.core.scope import scoped
from relief.core.sections import sections
from relief.core.sheets import Column, Table, to_csv, to_xlsx
from relief.households.labels import DAMAGE_BANDS
from relief.households.models import Disaster
from relief.places.models import Commune, Province
from relief.reports import charts, figures, labels, lists, service
from relief.reports.exports import export_columns, indicator_columns, indicator_values
from relief.reports.figures import DASHBOARD, EXPORT
from relief.reports.indicators import Filters
from relief.reports.service import Summary

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",  # the charset (utf-8) is added once, by the framework
}


def parse_filters(
    disaster: int | None, programme: str | None, date_from: str | None, date_to: str | None
) -> Filters:
    """The filters every summary takes; a bad value is a 422 with its field named."""
    errors: dict[str, str] = {}
    days = {}
    for name, raw in (("date_from", date_from), ("date_to", date_to)):
        try:
            days[name] = parse_date(raw) if raw else None
        except ValueError as exc:
            errors[name] = str(exc)
    if programme and programme not in {p.value for p in labels.PROGRAMMES}:
        errors["programme"] = "Choose one of the options."
    if (start := days.get("date_from")) and (end := days.get("date_to")) and start > end:
        errors["date_to"] = "The end date is before the start date."
    if errors:
        raise Invalid(errors)
    return Filters(disaster_id=disaster or None, programme=programme or None, **days)


async def filter_choices() -> dict:
    """The dashboards' filter options: disasters (newest first) and programmes."""
    disasters = await Disaster.all().order_by("-starts_on")
    return {
        "disasters": [(d.id, d.name) for d in disasters],
        "programmes": labels.PROGRAMMES.options(),
        "damage_bands": DAMAGE_BANDS,
    }


THAI_NGUYEN = "19"
# The late houses the commune page lists (the longest started): a page that does not grow with
# the commune; its workbook lists more (queries.LATE_LISTED).
LATE_SHOWN = 25


async def _province_name(actor: Actor) -> str:
    """The unit of a province-wide export: the actor's province (Thái Nguyên for the whole
    database of one province, as before), or the country for the national roles."""
    province_id = can(actor).home_province
    if province_id is not None:
        found = await scoped(actor, Province).get_or_none(id=province_id)
        if found is not None and found.code != THAI_NGUYEN:
            city = found.name.startswith("Thành phố")  # the library names a city with its kind
            return found.name if city else gettext("{name} province", name=found.name)
    elif can(actor).read_every_province and await Province.all().count() > 1:
        return gettext("Viet Nam")
    return gettext("Thái Nguyên province")


async def _scope(actor: Actor, commune: str | None) -> Commune | None:
    """The place an export is of: the commune asked for, else the actor's own (an officer of
    a commune sees only it), else None: the province."""
    if commune:
        return await scoped(actor, Commune).get_or_none(code=commune)
    if actor.commune_id is not None:
        return await Commune.get_or_none(id=actor.commune_id)
    return None


def _scope_name(place: Commune | None, commune: str | None) -> str:
    """The place's part of a file name: its code, or "tinh" for the whole province."""
    return place.code if place else (commune or "tinh")


def _stamp(summary: Summary) -> str:
    return gettext("As of {date}").format(date=day(summary.as_of))


def _file(content: bytes, fmt: str, name: str) -> Response:
    return Response(
        content,
        media_type=FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )


async def _export(
    actor: Actor,
    what: str,
    fmt: str,
    tables: list[Table],
    stamp: str,
    name: str,
    commune_id: int | None = None,
    unit: str = "",
) -> Response:
    if fmt not in FORMATS:
        raise NotFound()
    content = to_xlsx(tables, stamp, unit) if fmt == "xlsx" else to_csv(tables[0], stamp, unit)
    await audit.record(
        actor,
        "export",
        what,
        commune_id=commune_id,
        after={"format": fmt, "rows": sum(len(t.rows) for t in tables)},
    )
    return _file(content, fmt, name)


class ReportViews(Controller):
    path = "/reports"
    tags = ["reports"]
    guards = [requires(Can.read_records)]
    include_in_schema = False

    @get("/", operation_id="provinceDashboard")
    async def dashboard(
        self,
        request: Request,
        actor: CurrentActor,
        disaster: FromQuery[int | None] = None,
        programme: FromQuery[str | None] = None,
        date_from: FromQuery[str | None] = None,
        date_to: FromQuery[str | None] = None,
        all: FromQuery[bool] = False,
        sort: FromQuery[str] = "",
        desc: FromQuery[bool] = False,
    ) -> Template | Redirect:
        """The province's state on one screen: one row per commune, totals, charts."""
        if can(actor).read_one_commune:
            commune = await Commune.get(id=actor.commune_id)
            query = request.url.query
            return Redirect(
                f"/reports/communes/{commune.code}" + (f"?{query}" if query else ""),
                status_code=303,
            )
        filters = parse_filters(disaster, programme, date_from, date_to)
        summary = await service.province_summary(
            actor,
            filters,
            late_after_days=request.app.state.settings.late_after_days,
            all_communes=all,
            sort=sort,
            descending=desc,
        )
        return Template(
            "reports/province.html",
            context={
                "s": summary,
                "all": all,
                "sort": sort,
                "desc": desc,
                "figures": figures.shown_in(DASHBOARD),
                "stage_chart": Markup(charts.houses_by_stage(summary.rows)),
                "week_chart": Markup(
                    charts.handovers_per_week(service.weeks(summary.handovers_per_day))
                ),
                "sections": await sections("province_dashboard", actor, None),
                **await filter_choices(),
            },
        )

    @get("/communes/{commune_code:str}", operation_id="communeSummary")
    async def commune(
        self,
        request: Request,
        actor: CurrentActor,
        commune_code: FromPath[str],
        disaster: FromQuery[int | None] = None,
        programme: FromQuery[str | None] = None,
        date_from: FromQuery[str | None] = None,
        date_to: FromQuery[str | None] = None,
    ) -> Template:
        """Every indicator of one commune, per hamlet, with its late houses."""
        filters = parse_filters(disaster, programme, date_from, date_to)
        summary = await service.commune_summary(
            actor,
            commune_code,
            filters,
            late_after_days=request.app.state.settings.late_after_days,
            late_listed=LATE_SHOWN,
        )
        return Template(
            "reports/commune.html",
            context={
                "s": summary,
                "stage_chart": Markup(charts.houses_by_stage(summary.rows)),
                "week_chart": Markup(
                    charts.handovers_per_week(service.weeks(summary.handovers_per_day))
                ),
                "late_after_days": request.app.state.settings.late_after_days,
                # Its aid and houses tables: those families' figures of the exports.
                "aid_figures": _family(figures.AID),
                "house_figures": _family(figures.HOUSES),
                "sections": await sections("commune_summary", actor, summary.commune),
                **await filter_choices(),
            },
        )

    @get("/export/province/{fmt:str}", operation_id="exportProvince")
    async def export_province(
        self,
        request: Request,
        actor: CurrentActor,
        fmt: FromPath[str],
        disaster: FromQuery[int | None] = None,
        programme: FromQuery[str | None] = None,
        date_from: FromQuery[str | None] = None,
        date_to: FromQuery[str | None] = None,
        all: FromQuery[bool] = False,
    ) -> Response:
        """The province table as XLSX or CSV."""
        filters = parse_filters(disaster, programme, date_from, date_to)
        summary = await service.province_summary(
            actor,
            filters,
            late_after_days=request.app.state.settings.late_after_days,
            all_communes=all,
        )
        table = _place_table("Communes", "Commune", summary)
        return await _export(
            actor,
            "province_summary",
            fmt,
            [table],
            _stamp(summary),
            f"tong-hop-tinh-{summary.as_of.isoformat()}",
        )

    @get("/communes/{commune_code:str}/export/{fmt:str}", operation_id="exportCommune")
    async def export_commune(
        self,
        request: Request,
        actor: CurrentActor,
        commune_code: FromPath[str],
        fmt: FromPath[str],
        disaster: FromQuery[int | None] = None,
        programme: FromQuery[str | None] = None,
        date_from: FromQuery[str | None] = None,
        date_to: FromQuery[str | None] = None,
    ) -> Response:
        """A commune summary as XLSX (a sheet per table) or CSV (the hamlet table)."""
        filters = parse_filters(disaster, programme, date_from, date_to)
        summary = await service.commune_summary(
            actor, commune_code, filters, late_after_days=request.app.state.settings.late_after_days
        )
        assert summary.commune is not None  # a commune's summary
        tables = [
            _place_table("Hamlets", "Hamlet", summary),
            _houses_table("By programme", "Programme", labels.PROGRAMMES, summary.by_programme),
            _houses_table(
                "By campaign group", "Campaign group", labels.CAMPAIGN_GROUPS, summary.by_group
            ),
            _late_table(summary),
        ]
        return await _export(
            actor,
            "commune_summary",
            fmt,
            tables,
            _stamp(summary),
            f"tong-hop-{commune_code}-{summary.as_of.isoformat()}",
            commune_id=summary.commune.id,
        )

    @get("/export/households/{fmt:str}", operation_id="exportHouseholds")
    async def export_households(
        self,
        actor: CurrentActor,
        fmt: FromPath[str],
        commune: FromQuery[str | None] = None,
        disaster: FromQuery[int | None] = None,
    ) -> Response:
        """The household list (ID numbers and phones only for those who serve them)."""
        table = await lists.household_table(actor, commune, disaster)
        stamp = gettext("As of {date}").format(date=_today_text())
        place = await _scope(actor, commune)
        return await _export(
            actor,
            "household_list",
            fmt,
            [table],
            stamp,
            f"ho-gia-dinh-{_scope_name(place, commune)}-{local_today().isoformat()}",
            commune_id=actor.commune_id,
            unit=place.name if place else await _province_name(actor),
        )

    @get("/export/houses/{fmt:str}", operation_id="exportHouses")
    async def export_houses(
        self, actor: CurrentActor, fmt: FromPath[str], commune: FromQuery[str | None] = None
    ) -> Response:
        """The house list with stages, dates and money."""
        table = await lists.house_table(actor, commune)
        stamp = gettext("As of {date}").format(date=_today_text())
        place = await _scope(actor, commune)
        return await _export(
            actor,
            "house_list",
            fmt,
            [table],
            stamp,
            f"nha-o-{_scope_name(place, commune)}",
            commune_id=actor.commune_id,
        )


def _family(family: str) -> list[figures.Figure]:
    return [f for f in figures.shown_in(EXPORT) if f.family == family and f.split is None]


def _today_text() -> str:
    return day(local_today())


def _place_table(title: str, place_header: str, summary: Summary) -> Table:
    columns = [Column(place_header), *indicator_columns()]
    rows = [
        [row.place.name if row.place else gettext("Unknown hamlet"), *indicator_values(row.ind)]
        for row in summary.rows
    ]
    rows.append([gettext("Total"), *indicator_values(summary.total)])
    return Table(title, columns, rows)


def _houses_table(title: str, first: str, named, split: dict) -> Table:
    """Houses by a (group or programme, kind) split: the kept house figures of the exports
    (and their shares), from the catalogue; `late` is counted per place, not per split."""
    shown = [
        f
        for f in figures.shown_in(EXPORT)
        if f.family == figures.HOUSES and (f.kept or f.ratio) and f.split is None
    ]
    columns = [Column(first), Column("Kind"), *(c for f in shown for c in export_columns(f))]
    rows = [
        [named.label(key), labels.KINDS.label(kind), *(f.value(ind) for f in shown)]
        for (key, kind), ind in sorted(split.items())
    ]
    return Table(title, columns, rows)


def _late_table(summary: Summary) -> Table:
    columns = [
        Column("House code"),
        Column("Hamlet"),
        Column("Head of household"),
        Column("Stage"),
        Column("Started", "date"),
    ]
    rows = [
        [
            c.code,
            c.hamlet_name,
            c.head_name,
            labels.STAGES.label(c.stage),
            c.started_on,
        ]
        for c in summary.late_cases
    ]
    return Table("Late houses", columns, rows)
