"""The ledger's pages: a commune's or the province's books, and recording entries."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from relief.core.actor import Actor, CurrentActor
from relief.core.errors import Forbidden, Invalid, NotFound
from relief.core.formatting import local_today
from relief.core.forms import Form, read_form
from relief.core.guards import requires
from relief.core.pages import Again, save_form
from relief.core.permissions import Can, can
from relief.core.scope import scoped
from relief.core.web import MAX_ID
from relief.houses.models import HouseCase, Stage
from relief.ledger import books, campaigns, public, service
from relief.ledger.models import Campaign, Channel, Fund, FundLevel
from relief.ledger.records import ALLOCATION, DONATION
from relief.places.models import Commune
from relief.sponsors.models import Sponsor
from relief.sponsors.service import sponsors_page

READERS = requires(Can.read_ledger)
LIST_PAGE = 25  # entries of each list on one page of the ledger
KEEPERS = requires(Can.keep_ledger)


def _commune_of(actor: Actor, requested: int | None) -> int | None:
    """A commune-bound actor reads its own commune; others the one asked for (None: province)."""
    home = can(actor).home_commune
    return home if home is not None else requested


async def _opening(
    year: int | None,
    commune_id: int | None,
    campaign_id: int | None,
    known: list[Campaign] | None = None,
) -> tuple[Campaign | None, int]:
    """The campaign and year the books open on (relief.ledger.public.opening)."""
    return await public.opening(
        commune_id,
        year if year is not None and 2000 <= year <= 2100 else None,
        campaign_id if campaign_id is not None and 0 < campaign_id <= MAX_ID else None,
        known,
    )


async def case_by_code(actor: Actor, values: dict, name: str = "house_case_id") -> dict:
    """A form names a house case by its code (TS-2025-0015): the values with its id instead."""
    text = str(values.get(name) or "").strip().upper()
    if not text:
        return values
    case = await scoped(actor, HouseCase).get_or_none(code=text)
    if case is None:
        raise Invalid({name: "No house case has this code."})
    return {**values, name: str(case.id)}


async def _page(
    actor: Actor,
    commune_id: int | None,
    year: int,
    page: int = 1,
    campaign: Campaign | None = None,
    saved: str = "",
    known: list[Campaign] | None = None,
) -> Template:
    """The books: a reading page (the forms that write them are pages of their own)."""
    commune = await _commune(actor, commune_id)
    # The books from the kept figures: a commune's funds one by one, the province's by level.
    funds = await _funds(actor, commune_id)
    if commune_id is None:
        period = await books.kept_books_by_level(actor, funds, year)
    else:
        period = await books.kept_books(funds, year)
    # The lists, a page at a time (the newest first, uncounted): the province's run to tens
    # of thousands of entries. Each row carries its fund's commune: who may reverse it.
    donations, allocations = await books.listed_entries(
        actor, commune_id, page, LIST_PAGE, [f.id for f in funds] if commune_id is None else None
    )
    keeper = can(actor)
    context = {
        "campaign": campaign,  # the campaign the books opened on (None: a year chosen)
        "campaigns": known[: public.CAMPAIGNS_OFFERED]
        if known is not None
        else await public.campaign_choices(),
        "commune": commune,
        "year": year,
        "books": period,
        "may_keep": keeper.keep_ledger_of(commune_id),
        "keeps_funds": any(keeper.keep_fund(f.commune_id) for f in funds),
        # The live entries this actor may reverse (the Front of each one's fund's level).
        "reversible": {
            kind: {
                e["id"]
                for e in listed.items
                if e["amount"] > 0 and keeper.keep_fund(e["fund__commune_id"])
            }
            for kind, listed in (("donation", donations), ("allocation", allocations))
        },
        # As objects: a template reads an attribute of an object at once, of a dict only
        # after failing to (two lists of 25 rows of ten fields).
        "donations": [SimpleNamespace(**row) for row in donations.items],
        "allocations": [SimpleNamespace(**row) for row in allocations.items],
        "older": donations.older or allocations.older,  # an older page follows
        "page": page,
        "saved": saved if saved in SAVED else "",
        "today": local_today(),
    }
    return Template("ledger/books.html", context=context)


async def _commune(actor: Actor, commune_id: int | None) -> Commune | None:
    """The commune whose books a page shows (None: the province's); another province's
    commune is not found."""
    if commune_id is None:
        return None
    commune = await scoped(actor, Commune).get_or_none(id=commune_id)
    if commune is None:
        raise NotFound()
    return commune


# What the books say after a form saved (?saved=…).
SAVED = {"donation", "allocation", "reversal", "closed"}
SPONSORS_FOUND = 20  # sponsors a search offers on the donation form


async def _funds(actor: Actor, commune_id: int | None) -> list[Fund]:
    """The funds of a page of books: a commune's own, or the province's (and, to the national
    roles, the central fund) in their order."""
    if commune_id is not None:
        return await books.funds_of(commune_id)
    return sorted(
        await scoped(actor, Fund).filter(commune_id=None), key=lambda f: books.FUND_ORDER[f.level]
    )


def _donation_levels(actor: Actor, commune_id: int | None) -> list[FundLevel]:
    """The funds a donation form offers: a commune's and its gifts straight to houses; the
    province's; the central fund only to an actor bound to no province (a province's Front
    records its own province's money)."""
    if commune_id is not None:
        return [FundLevel.COMMUNE, FundLevel.HOUSE]
    if can(actor).province_bound:
        return [FundLevel.PROVINCE]
    return [FundLevel.PROVINCE, FundLevel.CENTRAL]


async def _form_page(
    actor: Actor,
    commune_id: int | None,
    form: str,
    status: int = 200,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    problem: str | None = None,
    q: str = "",
) -> Template:
    """A form that writes the books, on its own page: a donation, an allocation, a month
    closed. The sponsor of a donation is found by a search (accent-free), not from a list."""
    commune = await _commune(actor, commune_id)
    today = local_today()
    context: dict[str, Any] = {
        "form": form,
        "commune": commune,
        "values": values or {},
        "errors": errors or {},
        "problem": problem,
        "today": today,
        "case_codes": [],
        "q": q,
    }
    if form in ("allocation", "close"):
        funds = await _funds(actor, commune_id)
        context["own_funds"] = [f for f in funds if can(actor).keep_fund(f.commune_id)]
    if form == "donation":
        chosen = str(context["values"].get("sponsor_id") or "")
        found = (await sponsors_page(actor, q[:100], 1, SPONSORS_FOUND)).items if q.strip() else []
        if chosen.isdigit() and int(chosen) <= MAX_ID and all(s.id != int(chosen) for s in found):
            found = [*await scoped(actor, Sponsor).filter(id=int(chosen)), *found]
        context.update(
            sponsor_options=[(s.id, s.name) for s in found],
            levels=_donation_levels(actor, commune_id),
            channels=list(Channel),
            commune_options=[]
            if commune_id
            else await scoped(actor, Commune)
            .order_by("-is_focus", "name_key")
            .values_list("id", "name"),
        )
    if form in ("donation", "allocation") and commune_id is not None:
        context["case_codes"] = list(
            await scoped(actor, HouseCase)
            .filter(commune_id=commune_id)
            .exclude(stage=Stage.CANCELLED)
            .order_by("code")
            .limit(300)
            .values_list("code", flat=True)
        )
    return Template("ledger/entry_form.html", context=context, status_code=status)


def _back(commune_id: int | None, saved: str, anchor: str = "") -> str:
    """The books again after a form saved, saying what was saved."""
    query = []
    if commune_id is not None:
        query.append(f"commune_id={commune_id}")
    query.append(f"saved={saved}")
    suffix = ("?" + "&".join(query)) if query else ""
    return f"/ledger{suffix}{anchor}"


class LedgerViews(Controller):
    path = "/ledger"
    tags = ["ledger"]
    include_in_schema = False
    guards = [READERS]

    @get("/", operation_id="ledgerPage")
    async def index(
        self,
        actor: CurrentActor,
        commune_id: FromQuery[int | None] = None,
        year: FromQuery[int | None] = None,
        page: FromQuery[int] = 1,
        campaign: FromQuery[int | None] = None,
        saved: FromQuery[str] = "",
    ) -> Template:
        """The books of a commune (or of the province): received, allocated, spent, balance;
        the entries listed a page at a time; on the current campaign's year unless a campaign
        or year is chosen. The forms that write them are linked from it."""
        commune = _commune_of(actor, commune_id)
        known = await campaigns.all_campaigns()  # read once: the opening and the choice
        shown, shown_year = await _opening(year, commune, campaign, known)
        return await _page(
            actor,
            commune,
            shown_year,
            page=max(1, min(page, 100_000)),
            campaign=shown,
            saved=saved,
            known=known,
        )

    @get("/donations/new", operation_id="donationFormPage", guards=[KEEPERS])
    async def donation_form(
        self,
        actor: CurrentActor,
        commune_id: FromQuery[int | None] = None,
        q: FromQuery[str] = "",
    ) -> Template:
        """The form that records a donation; `q` finds a registered sponsor by name."""
        commune = _commune_of(actor, commune_id)
        if not can(actor).keep_ledger_of(commune):
            raise Forbidden()
        return await _form_page(actor, commune, "donation", q=q, values=_today_values())

    @get("/allocations/new", operation_id="allocationFormPage", guards=[KEEPERS])
    async def allocation_form(
        self, actor: CurrentActor, commune_id: FromQuery[int | None] = None
    ) -> Template:
        """The form that allocates money of a fund the actor keeps."""
        return await _form_page(
            actor, _commune_of(actor, commune_id), "allocation", values=_today_values()
        )

    @get("/close", operation_id="closeLedgerMonthFormPage", guards=[KEEPERS])
    async def close_form(
        self, actor: CurrentActor, commune_id: FromQuery[int | None] = None
    ) -> Template:
        """The form that closes a month of a fund the actor keeps."""
        return await _form_page(actor, _commune_of(actor, commune_id), "close")

    @post("/donations", operation_id="recordDonationPage", guards=[KEEPERS])
    async def record_donation(self, actor: CurrentActor, request: Request) -> Template | Redirect:
        """Records money or goods received."""
        data = await read_form(request)
        commune_id = _commune_of(actor, Form(data).integer("commune_id", min=1, max=MAX_ID))

        async def save(values: dict) -> Any:
            # The commune of the page (a commune officer's own), whatever the form says.
            raw = {**values, "commune_id": "" if commune_id is None else str(commune_id)}
            raw = await case_by_code(actor, raw)
            return await service.record_donation(actor, DONATION.form(raw))

        return await save_form(
            request,
            actor,
            save,
            _back(commune_id, "donation", "#donations"),
            _again(actor, commune_id, "donation"),
            data=data,
        )

    @post("/allocations", operation_id="allocatePage", guards=[KEEPERS])
    async def allocate(self, actor: CurrentActor, request: Request) -> Template | Redirect:
        """Allocates money of a fund to a house case or an aid visit."""
        data = await read_form(request)
        commune_id = _commune_of(actor, Form(data).integer("commune_id", min=1, max=MAX_ID))

        async def save(values: dict) -> Any:
            return await service.allocate(actor, ALLOCATION.form(await case_by_code(actor, values)))

        return await save_form(
            request,
            actor,
            save,
            _back(commune_id, "allocation", "#allocations"),
            _again(actor, commune_id, "allocation"),
            data=data,
        )

    @get(
        "/donations/{donation_id:int}/reverse",
        operation_id="confirmDonationReversalPage",
        guards=[KEEPERS],
    )
    async def confirm_donation_reversal(
        self, actor: CurrentActor, donation_id: FromPath[int]
    ) -> Template:
        """Asks to confirm a donation's reversal, showing what it cancels, with its reason."""
        return await _confirm(actor, "donation", donation_id)

    @get(
        "/allocations/{allocation_id:int}/reverse",
        operation_id="confirmAllocationReversalPage",
        guards=[KEEPERS],
    )
    async def confirm_allocation_reversal(
        self, actor: CurrentActor, allocation_id: FromPath[int]
    ) -> Template:
        """Asks to confirm an allocation's reversal, showing what it cancels, with its reason."""
        return await _confirm(actor, "allocation", allocation_id)

    @post(
        "/donations/{donation_id:int}/reverse",
        operation_id="reverseDonationPage",
        guards=[KEEPERS],
    )
    async def reverse_donation(
        self, actor: CurrentActor, donation_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Cancels a donation by a reversing entry (with a reason)."""
        donation = await service.get_donation(actor, donation_id)
        return await save_form(
            request,
            actor,
            lambda values: service.reverse(
                actor, "donation", donation_id, Form(values).raw("reason")
            ),
            _back(donation.commune_id, "reversal", "#donations"),
            _confirm_again(actor, "donation", donation_id),
        )

    @post(
        "/allocations/{allocation_id:int}/reverse",
        operation_id="reverseAllocationPage",
        guards=[KEEPERS],
    )
    async def reverse_allocation(
        self, actor: CurrentActor, allocation_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Cancels an allocation not yet spent by a reversing entry (with a reason)."""
        allocation = await service.get_allocation(actor, allocation_id)
        return await save_form(
            request,
            actor,
            lambda values: service.reverse(
                actor, "allocation", allocation_id, Form(values).raw("reason")
            ),
            _back(allocation.commune_id, "reversal", "#allocations"),
            _confirm_again(actor, "allocation", allocation_id),
        )

    @post("/close", operation_id="closeLedgerMonthPage", guards=[KEEPERS])
    async def close_month(self, actor: CurrentActor, request: Request) -> Template | Redirect:
        """Closes a month of a fund's books."""
        data = await read_form(request)
        fund_id = Form(data).integer("fund_id", min=1, max=MAX_ID)
        fund = await scoped(actor, Fund).get_or_none(id=fund_id) if fund_id else None
        commune_id = fund.commune_id if fund else _commune_of(actor, None)

        async def save(values: dict) -> Any:
            form = Form(values)
            form.integer("fund_id", required=True, min=1, max=MAX_ID)
            year_text, _, month_text = form.raw("month").partition("-")
            if not (year_text.isdigit() and month_text.isdigit()):
                form.errors["month"] = "Choose a month."
            form.check()
            assert fund_id is not None  # required: form.check() refused it
            return await service.close_month(actor, fund_id, int(year_text), int(month_text))

        return await save_form(
            request,
            actor,
            save,
            _back(commune_id, "closed"),
            _again(actor, commune_id, "close"),
            data=data,
        )


async def _confirm(
    actor: Actor,
    entity: str,
    entry_id: int,
    status: int = 200,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    problem: str | None = None,
) -> Template:
    entry = await service.reversible(actor, entity, entry_id)
    fund = await Fund.get(id=entry.fund_id)
    case_code = None
    if entry.house_case_id is not None:
        case_code = (
            await HouseCase.filter(id=entry.house_case_id).first().values_list("code", flat=True)
        )
    context = {
        "entity": entity,
        "entry": entry,
        "fund": fund,
        "case_code": case_code,
        "commune": await Commune.get_or_none(id=entry.commune_id) if entry.commune_id else None,
        "values": values or {},
        "errors": errors or {},
        "problem": problem,
        "today": local_today(),
    }
    return Template("ledger/reverse.html", context=context, status_code=status)


def _confirm_again(actor: Actor, entity: str, entry_id: int):
    """The confirmation page again, with the reason's message."""

    async def again(failed: Again) -> Template:
        return await _confirm(
            actor,
            entity,
            entry_id,
            failed.status,
            values=failed.values,
            errors=failed.errors,
            problem=failed.problem,
        )

    return again


def _again(actor: Actor, commune_id: int | None, form: str):
    """The form's page again, filled in with its messages."""

    async def again(failed: Again) -> Template:
        return await _form_page(
            actor,
            commune_id,
            form,
            failed.status,
            values=failed.values,
            errors=failed.errors,
            problem=failed.problem,
        )

    return again


def _today_values() -> dict[str, Any]:
    today = local_today()
    return {"received_on": today, "allocated_on": today, "decision_date": today}


class PhotoPublicityViews(Controller):
    path = "/ledger/photos"
    tags = ["ledger"]
    include_in_schema = False
    guards = [requires(Can.write_records)]

    @post("/{photo_id:int}/public", operation_id="photoPublicityPage")
    async def set_public(
        self, actor: CurrentActor, photo_id: FromPath[int], request: Request
    ) -> Redirect:
        """Shows a house's photo on the commune's public page (public=1), or takes it off."""
        form = Form(await read_form(request))
        photo = await service.set_photo_public(actor, photo_id, form.boolean("public"))
        return Redirect(f"/houses/{photo.house_case_id}#photos", status_code=303)


class SponsorMoneyViews(Controller):
    path = "/portal/money"
    tags = ["ledger"]
    include_in_schema = False
    guards = [requires(Can.use_portal)]

    @get("/", operation_id="sponsorMoneyPage")
    async def money(self, actor: CurrentActor) -> Template:
        """The sponsor's pledge, money received and money spent per house."""
        result = await books.sponsor_reconciliation(actor, actor.sponsor_id or 0)
        return Template("ledger/sponsor.html", context={"r": result, "today": local_today()})
