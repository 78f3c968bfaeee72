"""The page of a hamlet notice: choose the hamlet and period, print it for posting."""

from __future__ import annotations

from datetime import date

from litestar import Controller, get
from litestar.params import FromQuery
from litestar.response import Template

from relief.core.actor import CurrentActor
from relief.core.errors import Invalid
from relief.core.formatting import local_today
from relief.core.forms import parse_date
from relief.core.guards import requires
from relief.core.permissions import Can, can
from relief.households import display
from relief.households.service import visible_hamlets
from relief.reports import notices


def _day(raw: str | None, default: date, name: str, errors: dict[str, str]) -> date:
    if not raw:
        return default
    try:
        return parse_date(raw)
    except ValueError as exc:
        errors[name] = str(exc)
        return default


class NoticeViews(Controller):
    path = "/reports/notices"
    tags = ["reports"]
    guards = [requires(Can.read_records)]
    include_in_schema = False

    @get("/", operation_id="hamletNoticePage")
    async def page(
        self,
        actor: CurrentActor,
        hamlet: FromQuery[int | None] = None,
        date_from: FromQuery[str | None] = None,
        date_to: FromQuery[str | None] = None,
    ) -> Template:
        """The public notice of one hamlet's aid and house support over a period, to post."""
        today = local_today()
        errors: dict[str, str] = {}
        start = _day(date_from, date(today.year - 1, 1, 1), "date_from", errors)
        end = _day(date_to, today, "date_to", errors)
        notice = None
        if hamlet and not errors:
            try:
                notice = await notices.hamlet_notice(actor, hamlet, start, end)
            except Invalid as exc:
                errors = exc.field_errors
        hamlets = await visible_hamlets(actor)
        return Template(
            template_name="reports/notice.html",
            context={
                "notice": notice,
                "hamlet_options": display.hamlet_options(hamlets, not can(actor).read_one_commune),
                "hamlet": hamlet,
                "date_from": start,
                "date_to": end,
                "errors": errors,
                "today": today,
            },
            status_code=422 if errors else 200,
        )
