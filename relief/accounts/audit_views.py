"""The audit page: who did what, filtered; each role sees its part of the trail."""

from __future__ import annotations

from contextlib import suppress

from litestar import Controller, get
from litestar.params import FromQuery
from litestar.response import Template

from relief.accounts.login import AlreadySummarised, summarise_failed_logins
from relief.core import audit
from relief.core.actor import CurrentActor
from relief.core.forms import parse_date
from relief.core.guards import requires
from relief.core.labels import ACTIONS, RECORDS
from relief.core.permissions import Can


def _choices(codes) -> list[tuple[str, str]]:
    """A filter's choices, in the alphabetical order of their translated labels."""
    return sorted(codes.options(), key=lambda pair: pair[1].casefold())


def _day(value: str | None):
    try:
        return parse_date(value) if value else None
    except ValueError:
        return None


class AuditViews(Controller):
    path = "/audit"
    tags = ["accounts"]
    guards = [requires(Can.read_records)]
    include_in_schema = False

    @get("/", operation_id="auditPage")
    async def audit_page(
        self,
        actor: CurrentActor,
        user: FromQuery[str] = "",
        entity: FromQuery[str] = "",
        action: FromQuery[str] = "",
        date_from: FromQuery[str] = "",
        date_to: FromQuery[str] = "",
        page: FromQuery[int] = 1,
    ) -> Template:
        """Audit entries, newest first, filtered by user, entity, action and dates."""
        with suppress(AlreadySummarised):  # failed logins of unknown names, summed up
            await summarise_failed_logins()
        entries, total = await audit.search(
            actor,
            username=user,
            entity=entity,
            action=action,
            date_from=_day(date_from),
            date_to=_day(date_to),
            page=page,
        )
        filters = {
            "user": user,
            "entity": entity,
            "action": action,
            "date_from": date_from,
            "date_to": date_to,
        }
        query = "&".join(f"{k}={v}" for k, v in filters.items() if v)
        return Template(
            "accounts/audit.html",
            context={
                "entries": entries,
                "total": total,
                "page": max(page, 1),
                "pages": max(1, -(-total // audit.PAGE_SIZE)),
                "filters": filters,
                "record_options": _choices(RECORDS),
                "action_options": _choices(ACTIONS),
                "base_url": f"/audit?{query}&" if query else "/audit?",
            },
        )
