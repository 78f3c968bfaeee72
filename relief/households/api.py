"""JSON API of households, disasters and damage assessments (same services as the pages)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from litestar import Controller, delete, get, patch, post
from litestar.params import FromPath, FromQuery
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

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
    set_fields,
)
from relief.core.guards import requires
from relief.core.permissions import Can
from relief.households import damage, disasters, service
from relief.households.models import DamageBand, PovertyStatus
from relief.households.records import (
    DAMAGE,
    DISASTER,
    HOUSEHOLD,
    AssessmentIn,
    AssessmentPatch,
    DisasterIn,
    DisasterPatch,
    HouseholdIn,
    HouseholdPatch,
)
from relief.households.schemas import (
    FLAG_NAMES,
    ArchiveIn,
    AssessmentOut,
    DisasterOut,
    HouseholdOut,
    HouseholdPage,
    RestoreIn,
    assessment_out,
    disaster_out,
    household_out,
)
from relief.households.search import PAGE_SIZE, SORTS, HouseholdFilter, search_households

if TYPE_CHECKING:  # the choices are made at run time, from the tuples: strings to a checker
    Flag = str
    Sort = str
else:
    Flag = Literal[FLAG_NAMES]
    Sort = Literal[tuple(SORTS)]
STAFF = requires(Can.read_records)
WRITERS = requires(Can.write_records)
MANAGERS = requires(Can.manage_disasters)


class HouseholdsApi(Controller):
    path = "/api/v1/households"
    tags = ["households"]
    guards = [STAFF]

    @get("/", operation_id="listHouseholds", responses=READ)
    async def list_households(
        self,
        actor: CurrentActor,
        q: Search = "",
        commune: CommuneCode = None,
        hamlet: QueryId = None,
        band: FromQuery[DamageBand | None] = None,
        poverty: FromQuery[PovertyStatus | None] = None,
        flag: FromQuery[list[Flag] | None] = None,
        relocation: FromQuery[bool] = False,
        house_case: FromQuery[bool | None] = None,
        archived: FromQuery[bool] = False,
        sort: FromQuery[Sort] = "name",
        page: PageNo = 1,
        per_page: PerPage = PAGE_SIZE,
    ) -> HouseholdPage:
        """Households in the caller's scope: `q` finds a name typed without accents, an ID
        number or a phone; the filters are those of the list page."""
        f = HouseholdFilter(
            q=q.strip(),
            commune_code=commune,
            hamlet_id=hamlet,
            band=band,
            poverty=poverty,
            flags=list(flag or []),
            relocation=relocation,
            house_case=house_case,
            archived=archived,
            sort=sort,
            page=page,
            per_page=per_page,
        )
        results = await search_households(actor, f)
        return HouseholdPage(
            items=[household_out(h, actor) for h in results.items],
            total=results.total,
            page=results.page,
            pages=results.pages,
            more=results.more,
        )

    @post(
        "/",
        operation_id="createHousehold",
        guards=[WRITERS],
        status_code=HTTP_201_CREATED,
        responses=CREATE,
    )
    async def create_household(self, actor: CurrentActor, data: Body[HouseholdIn]) -> HouseholdOut:
        """Creates a household; a likely duplicate needs confirm_duplicate and duplicate_reason."""
        household = await service.create_household(actor, HOUSEHOLD.body(data))
        return household_out(household, actor)

    @get("/{household_id:int}", operation_id="getHousehold", responses=READ_ONE)
    async def get_household(self, actor: CurrentActor, household_id: FromPath[int]) -> HouseholdOut:
        """One household."""
        return household_out(await service.get_household(actor, household_id), actor)

    @patch(
        "/{household_id:int}", operation_id="updateHousehold", guards=[WRITERS], responses=UPDATE
    )
    async def update_household(
        self, actor: CurrentActor, household_id: FromPath[int], data: Body[HouseholdPatch]
    ) -> HouseholdOut:
        """Changes the fields sent; `version` must be the one read (409 if it is stale)."""
        await service.get_household(actor, household_id)
        patch = HOUSEHOLD.body_patch(data)
        return household_out(await service.update_household(actor, household_id, patch), actor)

    @post(
        "/{household_id:int}/archive",
        operation_id="archiveHousehold",
        guards=[WRITERS],
        responses=UPDATE,
    )
    async def archive_household(
        self, actor: CurrentActor, household_id: FromPath[int], data: Body[ArchiveIn]
    ) -> HouseholdOut:
        """Archives a household (never deleted): needs `version` and a `reason`."""
        await service.get_household(actor, household_id)
        raw = set_fields(decode(ArchiveIn, data))
        return household_out(
            await service.set_archived(actor, household_id, raw, archived=True), actor
        )

    @post(
        "/{household_id:int}/restore",
        operation_id="restoreHousehold",
        guards=[WRITERS],
        responses=UPDATE,
    )
    async def restore_household(
        self, actor: CurrentActor, household_id: FromPath[int], data: Body[RestoreIn]
    ) -> HouseholdOut:
        """Brings an archived household back to the lists; needs `version`."""
        await service.get_household(actor, household_id)
        raw = set_fields(decode(RestoreIn, data))
        return household_out(
            await service.set_archived(actor, household_id, raw, archived=False), actor
        )


class DisastersApi(Controller):
    path = "/api/v1/disasters"
    tags = ["disasters"]
    guards = [STAFF]

    @get("/", operation_id="listDisasters", responses=READ)
    async def list_disasters(
        self, actor: CurrentActor, page: PageNo = 1, per_page: PerPage = 50
    ) -> Page[DisasterOut]:
        """Disasters, the latest first."""
        found = await disasters.disasters_page(actor, page, per_page)
        return Page(
            items=[disaster_out(d) for d in found.items],
            total=found.total,
            page=found.page,
            pages=found.pages,
        )

    @post(
        "/",
        operation_id="createDisaster",
        guards=[MANAGERS],
        status_code=HTTP_201_CREATED,
        responses=CREATE,
    )
    async def create_disaster(self, actor: CurrentActor, data: Body[DisasterIn]) -> DisasterOut:
        """Creates a disaster (province and administrators)."""
        d = await disasters.create_disaster(actor, DISASTER.body(data))
        return disaster_out(d)

    @get("/{disaster_id:int}", operation_id="getDisaster", responses=READ_ONE)
    async def get_disaster(self, actor: CurrentActor, disaster_id: FromPath[int]) -> DisasterOut:
        """One disaster."""
        d = await disasters.get_disaster(actor, disaster_id)
        return disaster_out(d)

    @patch("/{disaster_id:int}", operation_id="updateDisaster", guards=[MANAGERS], responses=UPDATE)
    async def update_disaster(
        self, actor: CurrentActor, disaster_id: FromPath[int], data: Body[DisasterPatch]
    ) -> DisasterOut:
        """Changes the fields sent; `version` must be the one read (409 if it is stale)."""
        await disasters.get_disaster(actor, disaster_id)
        d = await disasters.update_disaster(actor, disaster_id, DISASTER.body_patch(data))
        return disaster_out(d)

    @delete(
        "/{disaster_id:int}",
        operation_id="deleteDisaster",
        guards=[MANAGERS],
        status_code=HTTP_204_NO_CONTENT,
        responses=UPDATE,
    )
    async def delete_disaster(self, actor: CurrentActor, disaster_id: FromPath[int]) -> None:
        """Deletes a disaster nothing refers to (409 otherwise)."""
        await disasters.delete_disaster(actor, disaster_id)


class DamageApi(Controller):
    path = "/api/v1/damage-assessments"
    tags = ["damage"]
    guards = [STAFF]

    @get("/", operation_id="listDamageAssessments", responses=READ)
    async def list_assessments(
        self,
        actor: CurrentActor,
        household_id: QueryId = None,
        disaster_id: QueryId = None,
        commune: CommuneCode = None,
        page: PageNo = 1,
        per_page: PerPage = 50,
    ) -> Page[AssessmentOut]:
        """Assessments in the caller's scope, the latest first."""
        found = await damage.list_assessments(
            actor, household_id, disaster_id, commune, page, per_page
        )
        return Page(
            items=[assessment_out(a) for a in found.items],
            total=found.total,
            page=found.page,
            pages=found.pages,
        )

    @post(
        "/",
        operation_id="createDamageAssessment",
        guards=[WRITERS],
        status_code=201,
        responses=CREATE,
    )
    async def create_assessment(
        self, actor: CurrentActor, data: Body[AssessmentIn]
    ) -> AssessmentOut:
        """Assesses a household's damage for a disaster (one per household and disaster)."""
        return assessment_out(await damage.create_assessment(actor, DAMAGE.body(data)))

    @get("/{assessment_id:int}", operation_id="getDamageAssessment", responses=READ_ONE)
    async def get_assessment(
        self, actor: CurrentActor, assessment_id: FromPath[int]
    ) -> AssessmentOut:
        """One assessment."""
        return assessment_out(await damage.get_assessment(actor, assessment_id))

    @patch(
        "/{assessment_id:int}",
        operation_id="updateDamageAssessment",
        guards=[WRITERS],
        responses=UPDATE,
    )
    async def update_assessment(
        self, actor: CurrentActor, assessment_id: FromPath[int], data: Body[AssessmentPatch]
    ) -> AssessmentOut:
        """Corrects an assessment; `version` must be the one read (409 if it is stale)."""
        await damage.get_assessment(actor, assessment_id)
        patch = DAMAGE.body_patch(data)
        found = await damage.update_assessment(actor, assessment_id, patch)
        return assessment_out(found)
