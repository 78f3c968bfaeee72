"""JSON API of households, disasters and damage assessments (same services as the pages)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, delete, get, patch, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from relief.accounts.auth import MANAGER_ROLES, STAFF_ROLES, WRITER_ROLES, CurrentActor, roles
from relief.core.errors import Invalid
from relief.households import damage, disasters, service
from relief.households.schemas import (
    AssessmentOut,
    DisasterOut,
    HouseholdOut,
    HouseholdPage,
    assessment_out,
    disaster_out,
    household_out,
    plain_form,
)
from relief.households.search import HouseholdFilter, search_households

STAFF = roles(*STAFF_ROLES)
WRITERS = roles(*WRITER_ROLES)
MANAGERS = roles(*MANAGER_ROLES)


def body(data: Any) -> dict[str, Any]:
    """The JSON object sent, as form values; anything but an object is refused field-less."""
    if not isinstance(data, dict):
        raise Invalid({"body": "Send a JSON object."})
    return plain_form(data)


class HouseholdsApi(Controller):
    path = "/api/v1/households"
    tags = ["households"]
    guards = [STAFF]

    @get("/", operation_id="listHouseholds")
    async def list_households(self, actor: CurrentActor, request: Request) -> HouseholdPage:
        """Households with the list's filters (hamlet, level, poverty, flag, relocation,
        house_case, archived), search `q` (name without accents, ID number, phone), sort, page."""
        results = await search_households(actor, HouseholdFilter.from_query(request.query_params))
        return HouseholdPage(
            items=[household_out(h) for h in results.items],
            total=results.total,
            page=results.page,
            pages=results.pages,
        )

    @post("/", operation_id="createHousehold", guards=[WRITERS], status_code=HTTP_201_CREATED)
    async def create_household(self, actor: CurrentActor, data: JSONBody[Any]) -> HouseholdOut:
        """Creates a household; a likely duplicate needs confirm_duplicate and duplicate_reason."""
        return household_out(await service.create_household(actor, body(data)))

    @get("/{household_id:int}", operation_id="getHousehold")
    async def get_household(self, actor: CurrentActor, household_id: FromPath[int]) -> HouseholdOut:
        """One household."""
        return household_out(await service.get_household(actor, household_id))

    @patch("/{household_id:int}", operation_id="updateHousehold", guards=[WRITERS])
    async def update_household(
        self, actor: CurrentActor, household_id: FromPath[int], data: JSONBody[Any]
    ) -> HouseholdOut:
        """Changes the fields sent; `version` must be the one read (409 if it is stale)."""
        raw = body(data)
        return household_out(await service.update_household(actor, household_id, raw, partial=True))

    @post("/{household_id:int}/archive", operation_id="archiveHousehold", guards=[WRITERS])
    async def archive_household(
        self, actor: CurrentActor, household_id: FromPath[int], data: JSONBody[Any]
    ) -> HouseholdOut:
        """Archives a household (never deleted): needs `version` and a `reason`."""
        raw = body(data)
        return household_out(await service.set_archived(actor, household_id, raw, archived=True))

    @post("/{household_id:int}/restore", operation_id="restoreHousehold", guards=[WRITERS])
    async def restore_household(
        self, actor: CurrentActor, household_id: FromPath[int], data: JSONBody[Any]
    ) -> HouseholdOut:
        """Brings an archived household back to the lists; needs `version`."""
        raw = body(data)
        return household_out(await service.set_archived(actor, household_id, raw, archived=False))


class DisastersApi(Controller):
    path = "/api/v1/disasters"
    tags = ["disasters"]
    guards = [STAFF]

    @get("/", operation_id="listDisasters")
    async def list_disasters(self, actor: CurrentActor) -> list[DisasterOut]:
        """Every disaster, the latest first."""
        found = await disasters.list_disasters(actor)
        return [disaster_out(d, disasters.version_of(d)) for d in found]

    @post("/", operation_id="createDisaster", guards=[MANAGERS], status_code=HTTP_201_CREATED)
    async def create_disaster(self, actor: CurrentActor, data: JSONBody[Any]) -> DisasterOut:
        """Creates a disaster (province and administrators)."""
        d = await disasters.create_disaster(actor, body(data))
        return disaster_out(d, disasters.version_of(d))

    @get("/{disaster_id:int}", operation_id="getDisaster")
    async def get_disaster(self, actor: CurrentActor, disaster_id: FromPath[int]) -> DisasterOut:
        """One disaster."""
        d = await disasters.get_disaster(actor, disaster_id)
        return disaster_out(d, disasters.version_of(d))

    @patch("/{disaster_id:int}", operation_id="updateDisaster", guards=[MANAGERS])
    async def update_disaster(
        self, actor: CurrentActor, disaster_id: FromPath[int], data: JSONBody[Any]
    ) -> DisasterOut:
        """Changes the fields sent; `version` must be the one read (409 if it is stale)."""
        d = await disasters.update_disaster(actor, disaster_id, body(data), partial=True)
        return disaster_out(d, disasters.version_of(d))

    @delete(
        "/{disaster_id:int}",
        operation_id="deleteDisaster",
        guards=[MANAGERS],
        status_code=HTTP_204_NO_CONTENT,
    )
    async def delete_disaster(self, actor: CurrentActor, disaster_id: FromPath[int]) -> None:
        """Deletes a disaster nothing refers to (409 otherwise)."""
        await disasters.delete_disaster(actor, disaster_id)


class DamageApi(Controller):
    path = "/api/v1/damage-assessments"
    tags = ["damage"]
    guards = [STAFF]

    @get("/", operation_id="listDamageAssessments")
    async def list_assessments(self, actor: CurrentActor, request: Request) -> list[AssessmentOut]:
        """Assessments, optionally of one `household_id` or one `disaster_id`."""

        def number(name: str) -> int | None:
            value = request.query_params.get(name, "")
            return int(value) if value.isdigit() and len(value) < 10 else None

        found = await damage.list_assessments(actor, number("household_id"), number("disaster_id"))
        return [assessment_out(a) for a in found]

    @post("/", operation_id="createDamageAssessment", guards=[WRITERS], status_code=201)
    async def create_assessment(self, actor: CurrentActor, data: JSONBody[Any]) -> AssessmentOut:
        """Assesses a household's damage for a disaster (one per household and disaster)."""
        return assessment_out(await damage.create_assessment_for(actor, body(data)))

    @get("/{assessment_id:int}", operation_id="getDamageAssessment")
    async def get_assessment(
        self, actor: CurrentActor, assessment_id: FromPath[int]
    ) -> AssessmentOut:
        """One assessment."""
        return assessment_out(await damage.get_assessment(actor, assessment_id))

    @patch("/{assessment_id:int}", operation_id="updateDamageAssessment", guards=[WRITERS])
    async def update_assessment(
        self, actor: CurrentActor, assessment_id: FromPath[int], data: JSONBody[Any]
    ) -> AssessmentOut:
        """Corrects an assessment; `version` must be the one read (409 if it is stale)."""
        found = await damage.update_assessment(actor, assessment_id, body(data), partial=True)
        return assessment_out(found)
