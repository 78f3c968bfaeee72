"""Pages of the housing campaign's weekly report: a commune's weeks and its submission, one
week's snapshot with the province's answer, and the province's list of weeks submitted."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Response, Template

from relief.core.actor import Actor, CurrentActor
from relief.core.errors import Invalid
from relief.core.formatting import local_today
from relief.core.guards import requires
from relief.core.i18n import current_language
from relief.core.pages import Again, save_form
from relief.core.permissions import Can, can
from relief.places.models import Commune
from relief.reports import campaign, campaign_papers
from relief.reports.labels import CAMPAIGN_GROUPS, KINDS, SOURCES, WEEK_STATES
from relief.reports.models import CampaignWeek

STAFF = requires(Can.read_records)
PROVINCE = requires(Can.manage_disasters)
WRITERS = requires(Can.write_records)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _words() -> dict[str, Any]:
    return {
        "groups": CAMPAIGN_GROUPS,
        "kinds": KINDS,
        "sources": SOURCES,
        "week_states": WEEK_STATES,
        "rows": campaign.rows,
        "national": campaign.NATIONAL,
    }


OTHER_WEEK = "This page showed another week: read this week's figures again, then submit."


async def _submit(actor: Actor, commune: Commune, raw: dict[str, Any]) -> CampaignWeek:
    """Submits the week the page showed (its `week_start`), no other."""
    if str(raw.get("week_start", "")) != campaign.week_of(local_today()).isoformat():
        raise Invalid({"week_start": OTHER_WEEK})
    return await campaign.submit(actor, commune)


def _version(raw: dict[str, Any]) -> int | None:
    text = str(raw.get("version", "")).strip()
    return int(text) if text.isdigit() and len(text) < 10 else None


class CampaignWeekViews(Controller):
    path = "/"
    guards = [STAFF]
    include_in_schema = False

    @get("/communes/{commune_code:str}/campaign-weeks", operation_id="campaignWeeks")
    async def weeks(self, actor: CurrentActor, commune_code: FromPath[str]) -> Template:
        """This week's figures counted now, with the change since the week submitted before,
        and every week the commune has submitted."""
        commune = await campaign.commune_for(actor, commune_code)
        return await _weeks_page(actor, commune)

    @post(
        "/communes/{commune_code:str}/campaign-weeks",
        operation_id="campaignWeekSubmit",
        guards=[WRITERS],
    )
    async def submit(
        self, actor: CurrentActor, commune_code: FromPath[str], request: Request
    ) -> Template | Redirect:
        """The commune submits this week's figures: locked as they are now."""
        commune = await campaign.commune_for(actor, commune_code)
        return await save_form(
            request,
            actor,
            lambda raw: _submit(actor, commune, raw),
            lambda week: f"/campaign-weeks/{week.id}",
            lambda again: _weeks_page(actor, commune, again),
        )

    @get("/campaign-weeks", operation_id="campaignWeeksProvince", guards=[PROVINCE])
    async def province(self, actor: CurrentActor) -> Template:
        """The weeks the communes have submitted, with their state."""
        found = await campaign.submitted(actor)
        return Template("reports/campaign_list.html", context={"weeks": found, **_words()})

    @get("/campaign-weeks/{week_id:int}", operation_id="campaignWeek")
    async def show(self, actor: CurrentActor, week_id: FromPath[int]) -> Template:
        """One week as it was submitted, with the province's answer."""
        return await _week_page(actor, await campaign.get(actor, week_id))

    @post(
        "/campaign-weeks/{week_id:int}/accept",
        operation_id="campaignWeekAccept",
        guards=[PROVINCE],
    )
    async def accept(
        self, actor: CurrentActor, week_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """The province accepts the week: it never changes again."""
        return await _answer(actor, week_id, request, accept=True)

    @post(
        "/campaign-weeks/{week_id:int}/return",
        operation_id="campaignWeekReturn",
        guards=[PROVINCE],
    )
    async def give_back(
        self, actor: CurrentActor, week_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """The province returns the week to the commune, saying why."""
        return await _answer(actor, week_id, request, accept=False)

    @get("/campaign-weeks/{week_id:int}/print", operation_id="campaignWeekPaper")
    async def paper(self, actor: CurrentActor, week_id: FromPath[int]) -> Template:
        """The week on A4 in the administrative layout."""
        week = await campaign.get(actor, week_id)
        context = {"w": week, **campaign_papers.paper_words(week), **_words()}
        return Template("reports/campaign_week_paper.html", context=context)

    @get("/campaign-weeks/{week_id:int}/xlsx", operation_id="campaignWeekXlsx")
    async def xlsx(self, actor: CurrentActor, week_id: FromPath[int]) -> Response:
        """The week as an XLSX paper, on A4."""
        week = await campaign.get(actor, week_id)
        token = current_language.set("vi")  # a paper to sign and file: in Vietnamese
        try:
            content = campaign_papers.week_xlsx(week)
        finally:
            current_language.reset(token)
        name = f"bao-cao-tuan-{week.commune.code}-{week.week_start.isoformat()}"
        return Response(
            content,
            media_type=XLSX,
            headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
        )


async def _answer(
    actor: Actor, week_id: int, request: Request, *, accept: bool
) -> Template | Redirect:
    """Accepts or returns (with the comment posted) the week; on an error, its page again."""
    week = await campaign.get(actor, week_id)
    return await save_form(
        request,
        actor,
        lambda raw: campaign.answer(
            actor, week_id, _version(raw), accept, str(raw.get("return_comment", ""))
        ),
        lambda done: f"/campaign-weeks/{done.id}",
        lambda again: _week_page(actor, week, again),
    )


def _page(name: str, context: dict[str, Any], again: Again | None) -> Template:
    """A campaign page, with the form's errors and values when it is shown again."""
    context = {
        **context,
        "problem": again.problem if again else None,
        "errors": again.errors if again else {},
        "values": again.values if again else {},
        **_words(),
    }
    return Template(name, context=context, status_code=again.status if again else 200)


async def _weeks_page(actor: Actor, commune: Commune, again: Again | None = None) -> Template:
    week = campaign.week_of(local_today())
    figures = await campaign.count(actor, commune)
    weeks = await campaign.weeks_of(actor, commune)
    before = next((w.figures for w in weeks if w.week_start < week), {})
    context = {
        "commune": commune,
        "week": week,
        "figures": figures,
        "change": campaign.difference(figures, before),
        "weeks": weeks,
        "may_submit": can(actor).write_commune(commune.id),
    }
    return _page("reports/campaign_weeks.html", context, again)


async def _week_page(actor: Actor, week: CampaignWeek, again: Again | None = None) -> Template:
    may_answer = week.state == campaign.SUBMITTED and can(actor).manage_disasters
    return _page("reports/campaign_week.html", {"w": week, "may_answer": may_answer}, again)
