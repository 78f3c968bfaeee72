"""The printed household list: the list's filters, every match (not one page), on A4."""

from __future__ import annotations

from dataclasses import dataclass

from litestar import Controller, Request, get
from litestar.response import Template
from tortoise.query_utils import Prefetch

from relief.core.actor import Actor, CurrentActor
from relief.core.formatting import local_today
from relief.core.guards import requires
from relief.core.permissions import Can, can
from relief.core.scope import scoped
from relief.households.models import DamageAssessment, Household
from relief.households.search import SORTS, HouseholdFilter, _search, filtered
from relief.places.models import Commune, Hamlet

MAX_PRINTED = 2000  # a hamlet holds a few hundred households; a commune a few thousand


@dataclass
class PrintedList:
    commune: Commune | None
    hamlet: Hamlet | None
    items: list[Household]
    total: int  # matches; more than len(items) when the list was cut at MAX_PRINTED


async def printed_list(actor: Actor, f: HouseholdFilter) -> PrintedList:
    """Every household matching the filters, for one commune (a hamlet's, or the officer's)."""
    hamlet = None
    if f.hamlet_id:
        hamlet = await scoped(actor, Hamlet).get_or_none(id=f.hamlet_id).select_related("commune")
    if hamlet and not can(actor).read_commune(hamlet.commune_id):
        hamlet = None  # another commune's hamlet: the officer's own list instead
    commune = hamlet.commune if hamlet else None
    if commune is None and can(actor).read_one_commune:
        commune = await Commune.get_or_none(id=actor.commune_id)
    if commune is None:  # a list to sign belongs to one commune: choose a hamlet first
        return PrintedList(None, None, [], 0)
    qs = filtered(actor, f).filter(commune_id=commune.id)
    if f.q:
        qs, _ = await _search(actor, qs, f.q, can(actor).see_any_contacts, commune.id)
    total = await qs.count()
    items = (
        await qs.order_by(*SORTS[f.sort])
        .limit(MAX_PRINTED)
        .select_related("hamlet")
        .prefetch_related(Prefetch("damage_assessments", queryset=scoped(actor, DamageAssessment)))
    )
    return PrintedList(commune, hamlet, list(items), total)


class PrintedListViews(Controller):
    path = "/households/print"
    tags = ["households"]
    guards = [requires(Can.read_records)]
    include_in_schema = False

    @get("/", operation_id="printedHouseholdList")
    async def page(self, actor: CurrentActor, request: Request) -> Template:
        """The household list with the filters applied, laid out to print and sign."""
        f = HouseholdFilter.from_query(request.query_params)
        return Template(
            "households/print.html",
            context={
                "p": await printed_list(actor, f),
                "f": f,
                "query": f.query_string(),
                "today": local_today(),
                "max_printed": MAX_PRINTED,
            },
        )
