"""Public pages (no login): a commune's and the province's books, houses and donors."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, Request, get
from litestar.datastructures import CacheControlHeader
from litestar.params import FromPath, FromQuery, QueryParameter
from litestar.response import File, Response, Template

from relief.core.api import READ_ONE, PageNo
from relief.core.errors import DomainError, NotFound
from relief.core.formatting import day, local_today
from relief.core.i18n import gettext
from relief.core.labels import label
from relief.core.web import MAX_ID
from relief.houses.models import Photo
from relief.houses.photos import file_path
from relief.ledger import public, statement_file
from relief.ledger.campaign_views import public_receipt_context, report_page
from relief.ledger.models import Campaign
from relief.ledger.schemas import StatementLineOut, StatementOut

# Anyone may cache a public page for a few minutes: it names no one and changes slowly.
PUBLIC_CACHE = CacheControlHeader(public=True, max_age=300)
# A photo the commune marked public: any cache may keep it for an hour (one made private
# again goes from them soon). Private photos are never stored (relief.houses.api).
PUBLIC_PHOTO_CACHE = CacheControlHeader(public=True, max_age=3600)
MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",  # the charset (utf-8) is added once, by the framework
}


def _year(value: int | None) -> int | None:
    return value if value is not None and 2000 <= value <= 2100 else None


def _campaign(value: int | None) -> int | None:
    return value if value is not None and 0 < value <= MAX_ID else None


async def _statement_file(
    code: str | None, year: int | None, campaign: int | None, fmt: str, name: str
) -> Response:
    """The statement (sao kê) as a file: of the year or campaign asked for, else of the one the
    open books open on; titled, with its period, references and total."""
    found = await public.statement(code, _year(year), _campaign(campaign))
    stamp = gettext("As of {date}").format(date=day(local_today()))
    if fmt == "xlsx":
        content = statement_file.to_xlsx(found, stamp)
    else:
        content = statement_file.to_csv(found)
    which = found.campaign.code if found.campaign else str(found.date_from.year)
    return Response(
        content,
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="sao-ke-{name}-{which}.{fmt}"'},
    )


class PublicViews(Controller):
    path = "/public"
    tags = ["public"]
    include_in_schema = False
    cache_control = PUBLIC_CACHE

    @get("/", operation_id="publicProvincePage")
    async def province(
        self,
        request: Request,
        year: FromQuery[int | None] = None,
        campaign: FromQuery[int | None] = None,
    ) -> Template:
        """The province's open books: every fund, every commune, houses and named donors; on
        the current campaign unless a campaign or year is chosen."""
        page = await public.public_page(None, _year(year), _campaign(campaign))
        return Template("public/province.html", context=_context(page))

    @get("/{commune_code:str}", operation_id="publicCommunePage")
    async def commune(
        self,
        commune_code: FromPath[str],
        year: FromQuery[int | None] = None,
        campaign: FromQuery[int | None] = None,
    ) -> Template:
        """A commune's open books: money received, spent and left, houses, named donors; on
        the current campaign unless a campaign or year is chosen."""
        page = await public.public_page(commune_code[:10], _year(year), _campaign(campaign))
        return Template("public/commune.html", context=_context(page))

    @get("/statement", operation_id="publicProvinceStatement")
    async def province_statement(
        self,
        fmt: FromQuery[str] = "xlsx",
        year: FromQuery[int | None] = None,
        campaign: FromQuery[int | None] = None,
    ) -> Response:
        """The statement (sao kê) of donations received by the province's own funds."""
        if fmt not in MEDIA_TYPES:
            raise DomainError("Unknown file format: choose xlsx or csv.")
        return await _statement_file(None, year, campaign, fmt, "tinh")

    @get("/{commune_code:str}/statement", operation_id="publicCommuneStatement")
    async def commune_statement(
        self,
        commune_code: FromPath[str],
        fmt: FromQuery[str] = "xlsx",
        year: FromQuery[int | None] = None,
        campaign: FromQuery[int | None] = None,
    ) -> Response:
        """The statement (sao kê) of donations received by a commune's funds."""
        if fmt not in MEDIA_TYPES:
            raise DomainError("Unknown file format: choose xlsx or csv.")
        return await _statement_file(commune_code[:10], year, campaign, fmt, commune_code[:10])

    @get("/sao-ke", operation_id="publicStatementPage")
    async def statement_page(
        self,
        commune: FromQuery[str] = "",
        campaign: FromQuery[int | None] = None,
        q: FromQuery[str] = "",
        page: FromQuery[int] = 1,
    ) -> Template:
        """The statement (sao kê) on screen: a campaign's donations with their receipt numbers
        and bank references, goods as goods, its title, period and total; a donor finds their
        gift by its reference."""
        found = await public.statement_page(
            commune[:10] or None,
            campaign if campaign and 0 < campaign <= MAX_ID else None,
            q,
            max(1, min(page, 100_000)),
        )
        return Template(
            "public/statement.html",
            context={"s": found, "today": local_today(), "anonymous": public.ANONYMOUS_DONOR},
        )

    @get("/campaigns/{closed_campaign_id:int}/report", operation_id="publicCampaignReport")
    async def campaign_report(self, closed_campaign_id: FromPath[int]) -> Template:
        """A closed campaign's final report, published (a campaign still open has none)."""
        found = await Campaign.get_or_none(id=closed_campaign_id, closed_on__not_isnull=True)
        if found is None:
            raise NotFound()
        return await report_page(found, public=True)

    @get("/receipts/{receipt_token:str}", operation_id="publicReceipt")
    async def receipt(self, receipt_token: FromPath[str]) -> Template:
        """Verifies a receipt (its QR code opens this page): amount, date, fund, campaign; the
        donor's name only with the donor's consent."""
        return Template("public/receipt.html", context=await public_receipt_context(receipt_token))

    @get(
        "/photos/{public_photo_id:int}",
        operation_id="publicPhoto",
        cache_control=PUBLIC_PHOTO_CACHE,
    )
    async def photo(self, request: Request, public_photo_id: FromPath[int]) -> File:
        """A handover photo the commune marked public (the display copy, EXIF stripped)."""
        found = await Photo.get_or_none(id=public_photo_id, is_public=True)
        if found is None:
            raise NotFound()
        path = file_path(request.app.state.settings.media_dir, found, "display")
        if not path.exists():
            raise NotFound()
        return File(path=path, media_type="image/jpeg", content_disposition_type="inline")


class PublicStatementApi(Controller):
    """The public statement as JSON: no login, and nothing the public page does not show."""

    path = "/api/v1/public"
    tags = ["public"]
    cache_control = PUBLIC_CACHE

    @get("/statement", operation_id="publicStatement", responses=READ_ONE)
    async def statement(
        self,
        commune: Annotated[
            str | None,
            QueryParameter(
                min_length=5, max_length=5, description="A commune's GSO code; none: the province."
            ),
        ] = None,
        campaign: Annotated[
            int | None,
            QueryParameter(ge=1, le=MAX_ID, description="The campaign; none: the current one."),
        ] = None,
        q: Annotated[
            str, QueryParameter(max_length=60, description="A receipt number or bank reference.")
        ] = "",
        page: PageNo = 1,
    ) -> StatementOut:
        """The statement (sao kê) of donations received, a page of 100 lines: date, receipt
        number, bank reference, the donor as consented (otherwise anonymous), channel, fund,
        goods as goods, amount; the same lines, privacy and search as `/public/sao-ke`."""
        found = await public.statement_page(commune, campaign, q, page)
        anonymous = gettext(public.ANONYMOUS_DONOR)
        return StatementOut(
            commune=found.commune.code if found.commune else None,
            campaign_id=found.campaign.id if found.campaign else None,
            campaign=found.campaign.name if found.campaign else None,
            date_from=found.date_from,
            date_to=found.date_to,
            query=found.query,
            count=found.count,
            total=found.total,
            items=[
                StatementLineOut(
                    id=d.id,
                    received_on=d.received_on,
                    receipt_number=d.receipt_number,
                    reference=d.reference,
                    donor=d.donor_name if d.named_publicly and d.donor_name else anonymous,
                    channel=d.channel.value,
                    channel_label=label(d.channel),
                    fund_level=d.fund__level.value,
                    goods=d.goods,
                    quantity=f"{d.quantity.normalize():f}" if d.quantity is not None else None,
                    unit=d.unit,
                    amount=d.amount,
                    reversal=d.reverses_id is not None,
                )
                for d in found.lines.items
            ],
            matched=found.lines.total,
            page=found.lines.page,
            pages=found.lines.pages,
        )


def _context(page: public.PublicPage) -> dict:
    return {
        "page": page,
        "today": page.as_of,
        "anonymous": public.ANONYMOUS_DONOR,
    }
