"""The sponsor portal: a sponsor's houses, pseudonymised by construction.

`SponsorHouse` is the only shape a sponsor ever receives: it has no field for an ID number,
a phone or a birth year, so none can leak; the head of household is shortened ("Hoàng V. T.").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import msgspec
from tortoise.functions import Count, Sum

from relief.core.actor import Actor
from relief.core.errors import Forbidden, NotFound
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.houses.labels import label
from relief.houses.models import Contribution, HouseCase, Photo, Stage
from relief.houses.stages import path_of, progress


class StageDate(msgspec.Struct):
    stage: str
    stage_label: str
    on: date | None


class SponsorHouse(msgspec.Struct):
    id: int
    code: str
    commune: str
    hamlet: str
    head: str  # shortened: family name and initials
    programme: str
    programme_label: str
    kind: str
    kind_label: str
    stage: str
    stage_label: str
    stage_on: date
    stages: list[StageDate]
    steps_done: int
    steps_total: int
    pledged: int  # this sponsor's own contributions to the house
    disbursed: int
    handed_over_on: date | None
    photo_ids: list[int]


class PortalTotals(msgspec.Struct):
    houses: int
    handed_over: int
    pledged: int  # the sponsor's pledges to the Front (sponsor_commitment)
    contributed: int  # put on houses as the sponsor's contributions
    disbursed: int  # of those, paid out to the houses


class Commitment(msgspec.Struct):
    """What a sponsor has committed, one definition for every page (/portal, /portal/money):
    two figures named apart, never one "committed"."""

    pledged: int  # its pledges registered with the Front (cam kết tài trợ)
    contributed: int  # its contributions put on houses (đã góp cho nhà), whatever pledged them
    disbursed: int  # of those contributions, paid out to the houses


async def sponsor_commitment(sponsor_id: int) -> Commitment:
    """A sponsor's pledges, its contributions to houses and what was disbursed of them."""
    from relief.sponsors.models import Pledge

    pledged = await Pledge.filter(sponsor_id=sponsor_id).annotate(s=Sum("amount")).values("s")
    money = (
        await Contribution.filter(sponsor_id=sponsor_id)
        .annotate(p=Sum("amount_pledged"), d=Sum("amount_disbursed"))
        .values("p", "d")
    )
    m = money[0] if money else {}
    return Commitment(
        pledged=int(pledged[0]["s"] or 0) if pledged else 0,
        contributed=int(m.get("p") or 0),
        disbursed=int(m.get("d") or 0),
    )


class PortalPage(msgspec.Struct):
    sponsor: str
    totals: PortalTotals
    houses: list[SponsorHouse]


@dataclass
class PortalFilter:
    commune_id: int | None = None
    stage: Stage | None = None


def short_name(full: str) -> str:
    """ "Hoàng Văn Thắng" -> "Hoàng V. T.": enough to recognise a family, not to find a person."""
    parts = full.split()
    if len(parts) < 2:
        return (parts[0][0] + ".") if parts else ""
    return parts[0] + " " + " ".join(p[0].upper() + "." for p in parts[1:])


def _require_sponsor(actor: Actor) -> int:
    if not can(actor).use_portal:
        raise Forbidden()
    assert actor.sponsor_id is not None  # use_portal: a sponsor's user
    return actor.sponsor_id


def _houses_query(actor: Actor, f: PortalFilter):
    qs = scoped(actor, HouseCase)
    if f.commune_id is not None:
        qs = qs.filter(commune_id=f.commune_id)
    if f.stage is not None:
        qs = qs.filter(stage=f.stage)
    return qs


async def _shape(actor: Actor, cases: list[HouseCase]) -> list[SponsorHouse]:
    ids = [c.id for c in cases]
    money: dict[int, tuple[int, int]] = {}
    photos: dict[int, list[int]] = {}
    if ids:
        rows = (
            await scoped(actor, Contribution)
            .filter(house_case_id__in=ids)
            .annotate(p=Sum("amount_pledged"), d=Sum("amount_disbursed"))
            .group_by("house_case_id")
            .values("house_case_id", "p", "d")
        )
        money = {r["house_case_id"]: (int(r["p"] or 0), int(r["d"] or 0)) for r in rows}
        for pid, cid in (
            await scoped(actor, Photo)
            .filter(house_case_id__in=ids)
            .order_by("id")
            .values_list("id", "house_case_id")
        ):
            photos.setdefault(cid, []).append(pid)
    shaped = []
    for c in cases:
        done, total = progress(c)
        stages = [
            StageDate(stage=s.value, stage_label=label(s), on=getattr(c, f"{s.value}_on"))
            for s in path_of(c.kind)
        ]
        if c.stage is Stage.CANCELLED:
            stages.append(
                StageDate(stage="cancelled", stage_label=label(Stage.CANCELLED), on=c.cancelled_on)
            )
        pledged, disbursed = money.get(c.id, (0, 0))
        shaped.append(
            SponsorHouse(
                id=c.id,
                code=c.code,
                commune=c.commune.name,
                hamlet=c.hamlet.name,
                head=short_name(c.household.head_name),
                programme=c.programme.value,
                programme_label=label(c.programme),
                kind=c.kind.value,
                kind_label=label(c.kind),
                stage=c.stage.value,
                stage_label=label(c.stage),
                stage_on=c.stage_on,
                stages=stages,
                steps_done=done,
                steps_total=total,
                pledged=pledged,
                disbursed=disbursed,
                handed_over_on=c.handed_over_on,
                photo_ids=photos.get(c.id, []),
            )
        )
    return shaped


async def portal_page(actor: Actor, f: PortalFilter) -> PortalPage:
    """The sponsor's houses (filtered) with its totals over all of them."""
    from relief.sponsors.models import Sponsor

    sponsor_id = _require_sponsor(actor)
    sponsor = await Sponsor.get(id=sponsor_id)
    cases = (
        await _houses_query(actor, f)
        .select_related("household", "commune", "hamlet")
        .order_by("commune_id", "code")
    )
    houses = await _shape(actor, list(cases))
    counts = (
        await scoped(actor, HouseCase)
        .annotate(n=Count("id", distinct=True))
        .group_by("stage")
        .values("stage", "n")
    )
    commitment = await sponsor_commitment(sponsor_id)
    totals = PortalTotals(
        houses=sum(int(r["n"]) for r in counts),
        handed_over=sum(int(r["n"]) for r in counts if r["stage"] == Stage.HANDED_OVER.value),
        pledged=commitment.pledged,
        contributed=commitment.contributed,
        disbursed=commitment.disbursed,
    )
    return PortalPage(sponsor=sponsor.name, totals=totals, houses=houses)


async def portal_house(actor: Actor, house_id: int) -> SponsorHouse:
    _require_sponsor(actor)
    case = (
        await scoped(actor, HouseCase)
        .select_related("household", "commune", "hamlet")
        .get_or_none(id=house_id)
    )
    if case is None:
        raise NotFound("No such house case.")
    return (await _shape(actor, [case]))[0]


async def portal_communes(actor: Actor) -> list[tuple[int, str]]:
    """The communes where the sponsor has houses, for the filter."""
    _require_sponsor(actor)
    rows = await scoped(actor, HouseCase).values_list("commune_id", "commune__name")
    return sorted(set(rows), key=lambda r: r[1])
