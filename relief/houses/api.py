"""JSON API for house cases, contributions, photos, handovers and the sponsor portal."""

from __future__ import annotations

from litestar import Controller, Request, get, patch, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath, FromQuery
from litestar.response import File
from litestar.status_codes import HTTP_204_NO_CONTENT

from relief.core.actor import CurrentActor
from relief.core.api import (
    CREATE,
    READ,
    READ_ONE,
    UPDATE,
    Body,
    CommuneCode,
    Page,
    PageNo,
    PerPage,
    QueryId,
    Search,
    decode,
    multipart,
)
from relief.core.errors import Invalid
from relief.core.forms import parse_date
from relief.core.guards import requires
from relief.core.permissions import Can
from relief.houses import (
    contribution_fixes,
    funding,
    handovers,
    photos,
    portal,
    service,
    stages,
)
from relief.houses.models import HouseKind, Programme, Stage
from relief.houses.records import (
    CONTRIBUTION,
    HANDOVER,
    HOUSE_CASE,
    CaseIn,
    ContributionIn,
    ContributionPatch,
    HandoverIn,
)
from relief.houses.schemas import (
    ContributionFix,
    ContributionOut,
    FundingOut,
    HandoverOut,
    HouseOut,
    HousePage,
    PhotoIn,
    PhotoOut,
    StageIn,
    contribution_out,
    funding_out,
    handover_out,
    house_out,
    photo_out,
)

UPLOAD_LIMIT = 12 * 1024 * 1024  # the 10 MB photo plus the rest of the form


def _choice(enum, value: str | None, name: str):
    if not value:
        return None
    try:
        return enum(value)
    except ValueError:
        raise Invalid({name: "Choose one of the options."}) from None


async def photo_file(actor, photo_id: FromPath[int], size: str | None, media_dir) -> File:
    """A photo's file at the asked size for an actor whose scope includes its house (else 404);
    never stored by the browser (the public page's photos are served by `relief.ledger`)."""
    photo, path, size = await photos.photo_file_path(actor, photo_id, size, media_dir)
    return File(
        path,
        media_type="image/jpeg" if size else photo.content_type,
        content_disposition_type="inline",
        filename=path.name,
        # Never kept by the browser: a shared phone shows no private photo after logout.
        headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"},
    )


class HousesApi(Controller):
    path = "/api/v1"
    tags = ["houses"]

    @get("/houses", operation_id="listHouses", guards=[requires(Can.read_records)], responses=READ)
    async def list_houses(
        self,
        actor: CurrentActor,
        commune: CommuneCode = None,
        commune_id: QueryId = None,
        hamlet_id: QueryId = None,
        stage: FromQuery[Stage | None] = None,
        programme: FromQuery[str | None] = None,
        kind: FromQuery[HouseKind | None] = None,
        sponsor_id: QueryId = None,
        q: Search = "",
        page: PageNo = 1,
        per_page: PerPage = service.PAGE_SIZE,
    ) -> HousePage:
        """House cases in the caller's scope: `q` finds a code or a head's name."""
        f = service.CaseFilter(
            commune_id=commune_id,
            commune_code=commune,
            hamlet_id=hamlet_id,
            stage=stage,
            programme=_choice(Programme, programme, "programme"),
            kind=kind,
            sponsor_id=sponsor_id,
            q=q,
            page=page,
            per_page=per_page,
        )
        result = await service.list_cases(actor, f)
        return HousePage(
            total=result.total,
            page=result.page,
            pages=result.pages,
            items=[house_out(c) for c in result.rows],
        )

    @post(
        "/houses", operation_id="openHouse", guards=[requires(Can.write_records)], responses=CREATE
    )
    async def open_house(self, actor: CurrentActor, data: Body[CaseIn]) -> HouseOut:
        """Opens a house case for a household; the code is given by the commune's sequence."""
        case = await service.open_case(actor, HOUSE_CASE.body(data))
        return house_out(await service.get_case(actor, case.id))

    @get(
        "/houses/{house_id:int}",
        operation_id="getHouse",
        guards=[requires(Can.read_records)],
        responses=READ_ONE,
    )
    async def get_house(self, actor: CurrentActor, house_id: FromPath[int]) -> HouseOut:
        """One house case."""
        return house_out(await service.get_case(actor, house_id))

    @post(
        "/houses/{house_id:int}/stage",
        operation_id="moveHouseStage",
        status_code=200,
        guards=[requires(Can.write_records)],
        responses=UPDATE,
    )
    async def move(
        self, actor: CurrentActor, house_id: FromPath[int], data: Body[StageIn]
    ) -> HouseOut:
        """Moves a case to another stage, if the stage machine allows it."""
        try:
            data = decode(StageIn, data)
        except Invalid:
            await service.get_case(actor, house_id)  # no such case: 404 before the body's 422
            raise
        case = await stages.move_stage(
            actor, house_id, data.to, data.on, data.reason, data.version, override=data.override
        )
        return house_out(case)

    @get(
        "/houses/{house_id:int}/funding",
        operation_id="getHouseFunding",
        guards=[requires(Can.read_records)],
        responses=READ_ONE,
    )
    async def get_funding(self, actor: CurrentActor, house_id: FromPath[int]) -> FundingOut:
        """A case's money by source: the support and its two tranches (the programme's
        shares), apart from the family's own money and loans."""
        return funding_out(house_id, await funding.funding_of(actor, house_id))

    @get(
        "/houses/{house_id:int}/contributions",
        operation_id="listContributions",
        guards=[requires(Can.read_records)],
        responses=READ_ONE,
    )
    async def list_contributions(
        self, actor: CurrentActor, house_id: FromPath[int]
    ) -> list[ContributionOut]:
        """The contributions to one case."""
        return [contribution_out(c) for c in await funding.list_contributions(actor, house_id)]

    @post(
        "/houses/{house_id:int}/contributions",
        operation_id="addContribution",
        guards=[requires(Can.write_records)],
        responses=UPDATE,
    )
    async def add_contribution(
        self, actor: CurrentActor, house_id: FromPath[int], data: Body[ContributionIn]
    ) -> ContributionOut:
        """Adds a contribution (pledged, and what is disbursed of it) to a case."""
        await service.get_case(actor, house_id)
        c = await funding.add_contribution(actor, house_id, CONTRIBUTION.body(data))
        return contribution_out(await funding.get_contribution(actor, c.id))

    @patch(
        "/contributions/{contribution_id:int}",
        operation_id="updateContribution",
        guards=[requires(Can.write_records)],
        responses=UPDATE,
    )
    async def update_contribution(
        self, actor: CurrentActor, contribution_id: FromPath[int], data: Body[ContributionPatch]
    ) -> ContributionOut:
        """Records a disbursement or corrects a pledge, within the tranche rule."""
        await funding.get_contribution(actor, contribution_id)
        patch = CONTRIBUTION.body_patch(data)
        c = await funding.update_contribution(actor, contribution_id, patch)
        return contribution_out(c)

    @post(
        "/contributions/{contribution_id:int}/delete",
        operation_id="deleteContribution",
        guards=[requires(Can.write_records)],
        status_code=HTTP_204_NO_CONTENT,
        responses=UPDATE,
    )
    async def delete_contribution(
        self, actor: CurrentActor, contribution_id: FromPath[int], data: Body[ContributionFix]
    ) -> None:
        """Deletes a contribution booked by mistake: needs a `reason` (audited), `version`."""
        await funding.get_contribution(actor, contribution_id)
        fix = decode(ContributionFix, data)
        await contribution_fixes.delete_contribution(
            actor, contribution_id, fix.reason, fix.version
        )

    @post(
        "/contributions/{contribution_id:int}/sponsor",
        operation_id="reassignContribution",
        guards=[requires(Can.write_records)],
        responses=UPDATE,
    )
    async def reassign_contribution(
        self, actor: CurrentActor, contribution_id: FromPath[int], data: Body[ContributionFix]
    ) -> ContributionOut:
        """Gives a contribution to another sponsor: needs `sponsor_id`, a `reason`, `version`."""
        await funding.get_contribution(actor, contribution_id)
        fix = decode(ContributionFix, data)
        c = await contribution_fixes.reassign_contribution(
            actor, contribution_id, fix.sponsor_id, fix.reason, fix.version
        )
        return contribution_out(c)

    @get(
        "/houses/{house_id:int}/photos",
        operation_id="listPhotos",
        guards=[requires(Can.read_records)],
        responses=READ_ONE,
    )
    async def list_photos(self, actor: CurrentActor, house_id: FromPath[int]) -> list[PhotoOut]:
        """The photos of one case."""
        return [photo_out(p) for p in await photos.list_photos(actor, house_id)]

    @post(
        "/houses/{house_id:int}/photos",
        operation_id="uploadPhoto",
        guards=[requires(Can.write_records)],
        request_max_body_size=UPLOAD_LIMIT,
        operation_class=multipart(PhotoIn),
        responses=UPDATE,
    )
    async def upload_photo(
        self, actor: CurrentActor, house_id: FromPath[int], request: Request
    ) -> PhotoOut:
        """Uploads a photo (multipart: file, stage, caption, taken_on)."""
        await service.get_case(actor, house_id)
        form = await request.form()
        upload = form.get("file")
        raw = await upload.read() if isinstance(upload, UploadFile) else b""
        taken = form.get("taken_on")
        try:
            taken_on = parse_date(taken) if isinstance(taken, str) and taken.strip() else None
        except ValueError as exc:
            raise Invalid({"taken_on": str(exc)}) from None
        photo = await photos.add_photo(
            actor,
            house_id,
            raw,
            request.app.state.settings.media_dir,
            stage=form.get("stage") if isinstance(form.get("stage"), str) else None,
            caption=caption if isinstance(caption := form.get("caption"), str) else "",
            taken_on=taken_on,
        )
        return photo_out(photo)

    @get(
        "/photos/{photo_id:int}",
        operation_id="getPhotoFile",
        guards=[requires(Can.read_records, Can.use_portal)],
        responses=READ_ONE,
    )
    async def photo(
        self,
        actor: CurrentActor,
        photo_id: FromPath[int],
        request: Request,
        size: FromQuery[str | None] = None,
    ) -> File:
        """The photo's file (size=display for the smaller copy), for users who can see its house."""
        return await photo_file(actor, photo_id, size, request.app.state.settings.media_dir)

    @get(
        "/handovers",
        operation_id="listHandovers",
        guards=[requires(Can.read_records)],
        responses=READ,
    )
    async def list_handovers(
        self,
        actor: CurrentActor,
        commune: CommuneCode = None,
        commune_id: QueryId = None,
        page: PageNo = 1,
        per_page: PerPage = 50,
    ) -> Page[HandoverOut]:
        """Handover ceremonies in the caller's scope, the latest first."""
        found = await handovers.handovers_page(actor, commune_id, commune, page, per_page)
        items = [
            handover_out(h, [c.id for c in await handovers.houses_of(actor, h)])
            for h in found.items
        ]
        return Page(items=items, total=found.total, page=found.page, pages=found.pages)

    @post(
        "/handovers",
        operation_id="recordHandover",
        guards=[requires(Can.write_records)],
        responses=CREATE,
    )
    async def record_handover(self, actor: CurrentActor, data: Body[HandoverIn]) -> HandoverOut:
        """Records a handover: every house in it moves to handed over, or none does."""
        h = await handovers.create_handover(actor, HANDOVER.body(data))
        return handover_out(h, [c.id for c in await handovers.houses_of(actor, h)])

    @get(
        "/handovers/{handover_id:int}",
        operation_id="getHandover",
        guards=[requires(Can.read_records)],
        responses=READ_ONE,
    )
    async def get_handover(self, actor: CurrentActor, handover_id: FromPath[int]) -> HandoverOut:
        """One handover with its houses and sponsors."""
        h = await handovers.get_handover(actor, handover_id)
        return handover_out(h, [c.id for c in await handovers.houses_of(actor, h)])


class PortalApi(Controller):
    path = "/api/v1/portal"
    tags = ["portal"]
    guards = [requires(Can.use_portal)]

    @get("/houses", operation_id="portalHouses", responses=READ)
    async def houses(
        self,
        actor: CurrentActor,
        commune_id: FromQuery[int | None] = None,
        stage: FromQuery[str | None] = None,
    ) -> portal.PortalPage:
        """The sponsor's own houses, pseudonymised, with its totals."""
        f = portal.PortalFilter(commune_id=commune_id, stage=_choice(Stage, stage, "stage"))
        return await portal.portal_page(actor, f)

    @get("/houses/{house_id:int}", operation_id="portalHouse", responses=READ_ONE)
    async def house(self, actor: CurrentActor, house_id: FromPath[int]) -> portal.SponsorHouse:
        """One of the sponsor's houses, pseudonymised."""
        return await portal.portal_house(actor, house_id)
