"""Factories for house cases, and small real images made with Pillow."""

from __future__ import annotations

import functools
import io
from datetime import date, timedelta
from typing import Any

from PIL import Image

from relief.beneficiaries.models import (
    BeneficiaryList,
    Decision,
    ListEntry,
    ListState,
    ReviewOutcome,
)
from relief.core.actor import SYSTEM, Actor
from relief.core.formatting import local_today
from relief.households.models import (
    DamageAssessment,
    DamageBand,
    Disaster,
    Household,
    PovertyStatus,
)
from relief.houses import eligibility, funding, service, stages
from relief.houses.models import Contribution, HouseCase, HouseKind, Photo, Programme, Stage
from relief.houses.records import ContributionPatch
from tests.factories import make_household

LONG_AGO = local_today() - timedelta(days=200)


# The same bytes every time: encoding a large WebP or PNG costs a tenth of a second.
@functools.cache
def image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (64, 48), exif: bool = False) -> bytes:
    img = Image.new("RGB", size, (180, 90, 40))
    out = io.BytesIO()
    kwargs: dict[str, Any] = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "PhoneMaker"  # Make
        data[0x8825] = {1: "N", 2: (21.0, 45.0, 0.0)}  # GPS IFD
        kwargs["exif"] = data.tobytes()
    img.save(out, format=fmt, **kwargs)
    return out.getvalue()


async def admitted(household: Household, programme: Programme, year: int) -> Household:
    """The household as its programme admits it: a household the rules refuse is put on the
    poor list of the programme year, or the register the programme asks for (the cases these
    factories open are of eligible households; tests/houses/test_eligibility.py tries the
    refusals)."""
    facts = await eligibility.facts_of(household, year)
    if eligibility.judge(facts, programme).eligible:
        return household
    values: dict[str, Any] = {"poverty_status": PovertyStatus.POOR, "poverty_year": year}
    if programme is Programme.REVOLUTIONARY_SERVICE:
        values = {"revolutionary_service": True}
    elif programme is Programme.NTP_ETHNIC:
        values["ethnicity"] = "Tày"
    elif programme is Programme.DISASTER_RECOVERY:
        values["especially_hard"] = True
    await Household.filter(id=household.id).update(**values)
    household = await Household.get(id=household.id)
    if (
        programme is Programme.DISASTER_RECOVERY
        and not eligibility.judge(await eligibility.facts_of(household, year), programme).eligible
    ):  # Decree 20/2021 Art. 15 asks for the house collapsed or swept away: assess it so
        disaster = await Disaster.create(name="Bão số 11 (Matmo)", starts_on=date(year, 10, 6))
        await DamageAssessment.create(
            household=household,
            disaster=disaster,
            commune_id=household.commune_id,
            hamlet_id=household.hamlet_id,
            band=DamageBand.TOTAL,
            collapsed=True,
            assessed_on=date(year, 10, 9),
        )
    return household


async def open_case(
    household: Household | None = None,
    kind: HouseKind = HouseKind.NEW_BUILD,
    on: date = LONG_AGO,
    **fields: Any,
) -> HouseCase:
    household = household or await make_household()
    programme = Programme(fields.get("programme", Programme.GREAT_SOLIDARITY))
    await admitted(household, programme, fields.get("programme_year") or on.year)
    values = dict(
        household_id=household.id,
        programme=Programme.GREAT_SOLIDARITY,
        kind=kind,
        area_m2="36",
        hard_foundation=True,
        hard_frame=True,
        hard_roof=True,
        estimated_cost=60_000_000,
        proposed_on=on,
    )
    values.update(fields)
    return await service.open_case(SYSTEM, service.CaseInput(**values))


async def add_photo_row(case: HouseCase, stage: Stage = Stage.COMPLETED) -> Photo:
    """A photo row without a file, for stage-machine tests that only need it to exist."""
    return await Photo.create(
        house_case=case,
        commune_id=case.commune_id,
        stage=stage,
        checksum=f"{case.id:064d}",
        content_type="image/jpeg",
        width=10,
        height=10,
        size_bytes=100,
    )


async def case_at(stage: Stage, kind: HouseKind = HouseKind.NEW_BUILD, **fields: Any) -> HouseCase:
    """A case walked through the machine to `stage` (a day per step, starting long ago)."""
    case = await open_case(kind=kind, **fields)
    path = stages.path_of(kind)
    on = LONG_AGO
    for step in path[1 : path.index(stage) + 1]:
        on = min(max(on + timedelta(days=1), case.stage_on), local_today())
        if step is Stage.COMPLETED:
            await add_photo_row(case)
        if step is Stage.HANDED_OVER:
            raise ValueError("hand over through a handover")
        if step is Stage.APPROVED:
            case = await approve(case, on)
        else:
            case = await move_stage(SYSTEM, case.id, step, on)
    return case


async def approve(case: HouseCase, on: date = LONG_AGO) -> HouseCase:
    """Approves a proposed case as a decision does: by the decision of a decided list that
    names its household if there is one (as the list's page approves a case opened since),
    else by a decided list of its own made here, signed `on`."""
    decision = await (
        Decision.filter(
            beneficiary_list__commune_id=case.commune_id,
            beneficiary_list__programme=case.programme,
            beneficiary_list__state=ListState.DECIDED,
            beneficiary_list__entries__household_id=case.household_id,
        )
        .order_by("-id")
        .first()
    )
    if decision is None:
        rounds = await BeneficiaryList.filter(
            commune_id=case.commune_id, programme=case.programme, year=on.year
        ).count()
        blist = await BeneficiaryList.create(
            commune_id=case.commune_id,
            programme=case.programme,
            year=on.year,
            round=rounds + 1,
            state=ListState.DECIDED,
            submitted_on=on,
        )
        await ListEntry.create(
            beneficiary_list=blist,
            household_id=case.household_id,
            hamlet_id=case.hamlet_id,
            review_outcome=ReviewOutcome.AGREED,
        )
        decision = await Decision.create(
            beneficiary_list=blist,
            number=f"{blist.id}/QĐ-UBND",
            signed_on=on,
            signer="Chủ tịch UBND xã",
        )
    return await stages.approve_by_decision(SYSTEM, case, decision.signed_on, decision.id)


async def move_stage(
    actor: Actor,
    house_id: int,
    to: Stage | str | None,
    on: date | None,
    reason: str | None = None,
    *,
    version: int | None = None,
    override: bool = False,
) -> HouseCase:
    """A stage move made on the case's current version (as a user who just read it)."""
    if version is None:
        version = (await HouseCase.get(id=house_id)).version
    return await stages.move_stage(actor, house_id, to, on, reason, version, override=override)


async def update_contribution(
    actor: Actor, contribution_id: int, pledged: int | None, disbursed: int | None
) -> Contribution:
    """Money recorded on a contribution at its current version."""
    version = (await Contribution.get(id=contribution_id)).version
    patch = ContributionPatch(version=version, amount_pledged=pledged, amount_disbursed=disbursed)
    return await funding.update_contribution(actor, contribution_id, patch)
