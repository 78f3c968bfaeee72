"""Input and output shapes of the houses API (staff); the sponsor's shapes live in portal.py,
the writes of the records (`CaseIn`, `ContributionIn` …) in records.py."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import msgspec
from litestar.datastructures import UploadFile

from relief.houses.labels import label
from relief.houses.models import Contribution, Handover, HouseCase, Photo
from relief.houses.stages import progress

if TYPE_CHECKING:
    from relief.houses.funding import Funding

Text = Annotated[str, msgspec.Meta(max_length=4000)]


class StageIn(msgspec.Struct):
    """A move of a case to another stage, made on the `version` read."""

    to: str
    on: date
    version: int
    reason: Text | None = None
    override: bool = False  # complete against the programme's rule, with the reason


class PhotoIn(msgspec.Struct):
    """A photo of a case at a stage (multipart form); `taken_on` as dd/mm/yyyy or yyyy-mm-dd."""

    file: UploadFile
    stage: str | None = None
    caption: str = ""
    taken_on: str | None = None


class ContributionFix(msgspec.Struct):
    """A correction of a contribution read at `version`, with its reason."""

    version: int
    reason: str = ""
    sponsor_id: int | None = None


class HouseOut(msgspec.Struct):
    id: int
    code: str
    household_id: int
    head_name: str
    commune: str
    hamlet: str
    programme: str
    programme_label: str
    programme_year: int | None
    disaster_id: int | None
    kind: str
    kind_label: str
    area_m2: float | None
    hard_foundation: bool
    hard_frame: bool
    hard_roof: bool
    estimated_cost: int
    stage: str
    stage_label: str  # the label of each code, in the request's language
    stage_on: date
    paused_from: str | None
    proposed_on: date
    approved_on: date | None
    started_on: date | None
    foundation_done_on: date | None
    thirty_percent_done_on: date | None
    completed_on: date | None
    handed_over_on: date | None
    cancelled_on: date | None
    cancel_reason: str | None
    handover_id: int | None
    steps_done: int
    steps_total: int
    version: int


class ContributionOut(msgspec.Struct):
    id: int
    house_id: int
    source: str
    source_label: str
    sponsor_id: int | None
    sponsor: str | None
    amount_pledged: int
    amount_disbursed: int
    tranche: str
    tranche_label: str
    labour_days: int
    note: str
    version: int


class SourceOut(msgspec.Struct):
    source: str
    source_label: str
    is_support: bool  # counted in the support that the tranches share
    pledged: int
    disbursed: int
    labour_days: int


class FundingOut(msgspec.Struct):
    """A case's money: the support (state budget, Fund for the Poor, sponsors) and its two
    tranches, apart from the family's own money and loans, which no tranche shares."""

    house_id: int
    estimated_cost: int
    pledged: int
    disbursed: int
    support: int
    support_disbursed: int
    own: int
    first_tranche_percent: int
    first_tranche: int
    second_tranche: int
    gap: int
    labour_days: int
    by_source: list[SourceOut]


class PhotoOut(msgspec.Struct):
    id: int
    house_id: int
    stage: str
    stage_label: str
    content_type: str
    width: int
    height: int
    size_bytes: int
    caption: str
    taken_on: date | None
    url: str
    display_url: str


class HandoverOut(msgspec.Struct):
    id: int
    commune_id: int
    hamlet_id: int | None
    held_on: date
    place: str
    organisers: str
    notes: str
    sponsor_ids: list[int]
    house_ids: list[int]


class HousePage(msgspec.Struct):
    total: int
    page: int
    pages: int
    items: list[HouseOut]


def house_out(c: HouseCase) -> HouseOut:
    done, total = progress(c)
    return HouseOut(
        id=c.id,
        code=c.code,
        household_id=c.household_id,
        head_name=c.household.head_name,
        commune=c.commune.name,
        hamlet=c.hamlet.name,
        programme=c.programme.value,
        programme_label=label(c.programme),
        programme_year=c.programme_year,
        disaster_id=c.disaster_id,
        kind=c.kind.value,
        kind_label=label(c.kind),
        area_m2=float(c.area_m2) if c.area_m2 is not None else None,
        hard_foundation=c.hard_foundation,
        hard_frame=c.hard_frame,
        hard_roof=c.hard_roof,
        estimated_cost=c.estimated_cost,
        stage=c.stage.value,
        stage_label=label(c.stage),
        stage_on=c.stage_on,
        paused_from=c.paused_from.value if c.paused_from else None,
        proposed_on=c.proposed_on,
        approved_on=c.approved_on,
        started_on=c.started_on,
        foundation_done_on=c.foundation_done_on,
        thirty_percent_done_on=c.thirty_percent_done_on,
        completed_on=c.completed_on,
        handed_over_on=c.handed_over_on,
        cancelled_on=c.cancelled_on,
        cancel_reason=c.cancel_reason,
        handover_id=c.handover_id,
        steps_done=done,
        steps_total=total,
        version=c.version,
    )


def contribution_out(c: Contribution) -> ContributionOut:
    sponsor = c.sponsor if c.sponsor_id else None
    return ContributionOut(
        id=c.id,
        house_id=c.house_case_id,
        source=c.source.value,
        source_label=label(c.source),
        sponsor_id=c.sponsor_id,
        sponsor=sponsor.name if sponsor else None,
        amount_pledged=c.amount_pledged,
        amount_disbursed=c.amount_disbursed,
        tranche=c.tranche.value,
        tranche_label=label(c.tranche),
        labour_days=c.labour_days,
        note=c.note,
        version=c.version,
    )


def funding_out(house_id: int, f: Funding) -> FundingOut:
    return FundingOut(
        house_id=house_id,
        estimated_cost=f.estimated_cost,
        pledged=f.pledged,
        disbursed=f.disbursed,
        support=f.support,
        support_disbursed=f.support_disbursed,
        own=f.own,
        first_tranche_percent=f.first_percent,
        first_tranche=f.first_tranche,
        second_tranche=f.second_tranche,
        gap=f.gap,
        labour_days=f.labour_days,
        by_source=[
            SourceOut(
                source=s.source.value,
                source_label=label(s.source),
                is_support=s.is_support,
                pledged=s.pledged,
                disbursed=s.disbursed,
                labour_days=s.labour_days,
            )
            for s in f.by_source
        ],
    )


def photo_out(p: Photo) -> PhotoOut:
    return PhotoOut(
        id=p.id,
        house_id=p.house_case_id,
        stage=p.stage.value,
        stage_label=label(p.stage),
        content_type=p.content_type,
        width=p.width,
        height=p.height,
        size_bytes=p.size_bytes,
        caption=p.caption,
        taken_on=p.taken_on,
        url=f"/api/v1/photos/{p.id}",
        display_url=f"/api/v1/photos/{p.id}?size=display",
    )


def handover_out(h: Handover, house_ids: list[int]) -> HandoverOut:
    return HandoverOut(
        id=h.id,
        commune_id=h.commune_id,
        hamlet_id=h.hamlet_id,
        held_on=h.held_on,
        place=h.place,
        organisers=h.organisers,
        notes=h.notes,
        sponsor_ids=[s.id for s in h.sponsors],
        house_ids=house_ids,
    )
