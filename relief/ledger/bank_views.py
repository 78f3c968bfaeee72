"""Bank statements' pages (the Front of the fund's level imports and reconciles them) and the
public page of a campaign: how to give, each receiving account with its VietQR code."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.datastructures import CacheControlHeader, UploadFile
from litestar.exceptions import HTTPException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from relief.core.actor import CurrentActor
from relief.core.errors import Invalid, NotFound
from relief.core.formatting import local_today
from relief.core.guards import requires
from relief.core.pages import Again, save_form
from relief.core.permissions import Can
from relief.core.web import error_response, http_error_handler
from relief.ledger import bank, campaigns, vietqr
from relief.ledger.models import BankLineState, BankStatement, Campaign

KEEPERS = requires(Can.keep_ledger)
UPLOAD_LIMIT = bank.MAX_BYTES + 64 * 1024
PER_PAGE = 50
PROPOSALS_PER_PAGE = 20  # each with its form's fields: a page stays under 60 KB on a phone


async def _list_page(
    actor: Any, status: int = 200, values: dict | None = None, errors: dict | None = None
) -> Template:
    fund = await bank.fund_of(actor)
    current = await campaigns.current_campaign(local_today())
    context = {
        "statements": await bank.statements_of(actor),
        "fund": fund,
        "campaign": current,
        "codes": vietqr.campaign_codes(current) if current and fund.commune_id is None else [],
        "values": values or {},
        "errors": errors or {},
    }
    return Template("ledger/bank.html", context=context, status_code=status)


async def _statement_page(
    actor: Any,
    statement: BankStatement,
    state: str = "",
    page: int = 1,
    status: int = 200,
    values: dict | None = None,
    errors: dict | None = None,
    problem: str | None = None,
) -> Template:
    result = await bank.reconciliation(statement)
    if state not in {s.value for s in BankLineState}:
        # The proposals first (the work left), else the first kind of line it has.
        order = [BankLineState.PROPOSED, *BankLineState]
        state = next(
            (s.value for s in order if result.counts[s.value]["lines"]),
            BankLineState.PROPOSED.value,
        )
    total = result.counts[state]["lines"]
    per_page = PROPOSALS_PER_PAGE if state == BankLineState.PROPOSED.value else PER_PAGE
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    campaign = await Campaign.get_or_none(id=statement.campaign_id or 0)
    context = {
        "s": statement,
        "r": result,
        "campaign": campaign,
        "state": state,
        "states": [s.value for s in BankLineState],
        "lines": await bank.lines_of(statement, state, page, per_page),
        "page": page,
        "pages": pages,
        "values": values or {},
        "errors": errors or {},
        "problem": problem,
    }
    return Template("ledger/bank_statement.html", context=context, status_code=status)


def _too_large(request: Request, exc: HTTPException) -> Response:
    """A body over the limit gets the statement's own message; other errors the usual answer."""
    if exc.status_code == 413:
        return error_response(request, 413, bank.TOO_LARGE)
    return http_error_handler(request, exc)


class BankViews(Controller):
    path = "/ledger/bank"
    tags = ["ledger"]
    include_in_schema = False
    guards = [KEEPERS]

    @get("/", operation_id="bankStatementsPage")
    async def index(self, actor: CurrentActor) -> Template:
        """The statements of the fund's receiving accounts, and the form to import one."""
        return await _list_page(actor)

    @post(
        "/",
        operation_id="importBankStatement",
        request_max_body_size=UPLOAD_LIMIT,
        exception_handlers={HTTPException: _too_large},
    )
    async def upload(self, actor: CurrentActor, request: Request) -> Template | Redirect:
        """Reads a bank's statement (CSV or Excel, as the bank exports it): its credits matched
        to the donations in the books, the others proposed, the repeats flagged."""
        form = await request.form()
        upload = form.get("file")
        data = await upload.read() if isinstance(upload, UploadFile) else b""
        name = getattr(upload, "filename", "") or ""
        values = {k: v for k, v in form.items() if isinstance(v, str)}

        async def keep(values: dict[str, Any]) -> Any:
            if not data:
                raise Invalid({"file": bank.NO_FILE})
            return await bank.import_statement(actor, name, data, values)

        async def again(failed: Again) -> Template:
            return await _list_page(actor, failed.status, failed.values, failed.errors)

        return await save_form(
            request,
            actor,
            keep,
            lambda made: f"/ledger/bank/{made.id}",
            again,
            data=values,
            chunked=True,  # reading the file must not hold a transaction open
        )

    @get("/{statement_id:int}", operation_id="bankStatementPage")
    async def statement(
        self,
        actor: CurrentActor,
        statement_id: FromPath[int],
        show: FromQuery[str] = "",
        page: FromQuery[int] = 1,
    ) -> Template:
        """A statement's reconciliation: its lines matched, proposed, recorded, ignored,
        repeated and debits, with totals equal to the statement's; the proposals' form."""
        found = await bank.get_statement(actor, statement_id)
        return await _statement_page(actor, found, show, page)

    @post("/{statement_id:int}", operation_id="decideBankLines")
    async def decide(
        self, actor: CurrentActor, statement_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Confirms, edits or ignores proposed donations, in one transaction, each audited."""
        statement = await bank.get_statement(actor, statement_id)

        async def again(failed: Again) -> Template:
            return await _statement_page(
                actor,
                statement,
                BankLineState.PROPOSED.value,
                1,
                failed.status,
                failed.values,
                failed.errors,
                failed.message if failed.status == 409 else None,
            )

        return await save_form(
            request,
            actor,
            lambda values: bank.decide(actor, statement_id, values),
            f"/ledger/bank/{statement_id}",
            again,
        )


class PublicCampaignViews(Controller):
    path = "/public/campaigns"
    tags = ["public"]
    include_in_schema = False
    cache_control = CacheControlHeader(public=True, max_age=300)

    @get("/{campaign_id:int}", operation_id="publicCampaignPage")
    async def campaign(self, campaign_id: FromPath[int]) -> Template:
        """A campaign's call, period and support levels, and how to give: each receiving
        account with its VietQR code carrying the reference to write."""
        found = await Campaign.get_or_none(id=campaign_id)
        if found is None:
            raise NotFound()
        context = {
            "campaign": found,
            "codes": [] if found.closed_on else vietqr.campaign_codes(found),
            "today": local_today(),
        }
        return Template("public/campaign.html", context=context)
