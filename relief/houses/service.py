"""House cases: opening one for a household, reading and correcting them, through the scope."""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass, field
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.functions import Max
from tortoise.transactions import in_transaction

from relief.core import audit, versions
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.formatting import local_today
from relief.core.i18n import gettext
from relief.core.permissions import can
from relief.core.records import errors_of
from relief.core.scope import scoped
from relief.core.text import fold
from relief.households.models import Disaster, Household
from relief.houses import eligibility
from relief.houses.codes import code_prefix, house_code
from relief.houses.models import HouseCase, HouseKind, Programme, Stage, StageEvent
from relief.houses.records import HOUSE_CASE, CaseIn, CasePatch
from relief.places.models import Commune

ENTITY = "house_case"
CASE_FIELDS = ["code", *HOUSE_CASE.audited]
CLOSED = (Stage.HANDED_OVER, Stage.CANCELLED)
ALREADY_OPEN = (
    "This household already has an open house case: hand it over or cancel it before "
    "opening another."
)
ONE_PROGRAMME = (
    "This house already has support from {programme} (case {code}): one house is supported by "
    "one programme."
)
PAGE_SIZE = 50
_CODE_ATTEMPTS = 20
CaseInput = CaseIn  # the write of a case (relief.houses.records)


@dataclass
class CaseFilter:
    commune_id: int | None = None
    hamlet_id: int | None = None
    stage: Stage | None = None
    programme: Programme | None = None
    kind: HouseKind | None = None
    sponsor_id: int | None = None
    q: str = ""
    page: int = 1
    commune_code: str | None = None
    per_page: int = PAGE_SIZE


@dataclass
class CasePage:
    rows: list[HouseCase]
    total: int
    page: int
    pages: int
    filters: CaseFilter = field(default_factory=CaseFilter)


async def open_case_of(household_id: int) -> HouseCase | None:
    """The household's case that is neither handed over nor cancelled (at most one)."""
    return await HouseCase.filter(household_id=household_id).exclude(stage__in=CLOSED).first()


def _already_open(existing: HouseCase, programme: Programme | None = None) -> Conflict:
    """The household's open case in the way; under another programme, the rule it breaks is
    "one house, one programme" (docs/domain.md, "Eligibility")."""
    details = {"house_id": existing.id, "code": existing.code, "url": f"/houses/{existing.id}"}
    if programme is not None and existing.programme is not programme:
        from relief.houses.labels import label

        message = gettext(ONE_PROGRAMME, programme=label(existing.programme), code=existing.code)
        return Conflict(message, details={**details, "programme": existing.programme.value})
    return Conflict(ALREADY_OPEN, details=details)


async def _supported_that_year(household_id: int, programme: Programme, year: int) -> None:
    """A house handed over this programme year under another programme is the same house:
    refused too."""
    other = (
        await HouseCase.filter(
            household_id=household_id, stage=Stage.HANDED_OVER, programme_year=year
        )
        .exclude(programme=programme)
        .first()
    )
    if other is not None:
        raise _already_open(other, programme)


async def _check_disaster(disaster_id: int | None, errors: dict[str, str]) -> None:
    if "disaster_id" in errors or disaster_id is None:
        return
    if not await Disaster.exists(id=disaster_id):
        errors["disaster_id"] = "No such disaster."


async def open_case(actor: Actor, data: CaseIn) -> HouseCase:
    """Opens a case for a household, with the next code of its commune for the year."""
    data, errors = HOUSE_CASE.check(data)
    household = None
    if "household_id" not in errors:
        household = await scoped(actor, Household).get_or_none(id=data.household_id)
        if household is None:
            errors["household_id"] = "No such household."
    await _check_disaster(data.disaster_id, errors)
    if errors:
        raise Invalid(errors)
    proposed_on = data.proposed_on or local_today()
    values = HOUSE_CASE.values(data)
    del values["household_id"], values["proposed_on"]
    assert household is not None
    if not can(actor).write_commune(household.commune_id):
        raise Forbidden()
    if household.archived_at is not None:
        raise Conflict("This household is archived.")
    existing = await open_case_of(household.id)
    if existing is not None:
        raise _already_open(existing, data.programme)
    if values["programme_year"] is None:
        values["programme_year"] = proposed_on.year
    await _supported_that_year(household.id, data.programme, values["programme_year"])
    verdict, override = await eligibility.override_for_case(
        household, data.programme, values["programme_year"], data.disaster_id
    )
    commune = await Commune.get(id=household.commune_id)
    prefix = await code_prefix(commune)
    year = proposed_on.year
    for attempt in range(_CODE_ATTEMPTS):
        try:
            async with in_transaction():
                row = (
                    await HouseCase.filter(commune_id=commune.id, year=year)
                    .annotate(last=Max("seq"))
                    .values("last")
                )
                seq = (row[0]["last"] if row and row[0]["last"] else 0) + 1
                case = await HouseCase.create(
                    code=house_code(prefix, year, seq),
                    year=year,
                    seq=seq,
                    household_id=household.id,
                    commune_id=household.commune_id,
                    hamlet_id=household.hamlet_id,
                    stage=Stage.PROPOSED,
                    stage_on=proposed_on,
                    proposed_on=proposed_on,
                    **values,
                )
                await StageEvent.create(
                    house_case=case,
                    commune_id=case.commune_id,
                    from_stage=None,
                    to_stage=Stage.PROPOSED,
                    on=proposed_on,
                    by_id=actor.user_id,
                )
                await audit.record(
                    actor,
                    "create",
                    "house_case",
                    case.id,
                    commune_id=case.commune_id,
                    after=audit.snapshot(case, CASE_FIELDS),
                )
                if override is not None:
                    await eligibility.use_override(
                        actor, override, case.id, case.commune_id, verdict
                    )
            return case
        except IntegrityError:
            # Another officer opened a case for this household a moment ago (the database
            # allows one open case per household) ...
            existing = await open_case_of(household.id)
            if existing is not None:
                raise _already_open(existing) from None
            # ... or another officer took this sequence number at the same moment: try the next one,
            # after a short random pause so that the racers do not collide again.
            await asyncio.sleep(random.uniform(0, 0.01 * (attempt + 1)))
    raise Conflict("Could not give the case a code: please try again.")


async def update_case(actor: Actor, house_id: int, patch: CasePatch) -> HouseCase:
    """Corrects the details of an open case read at `patch.version` (not its stage, which
    only moves by the machine): the fields sent over those stored, checked as a whole."""
    case = await get_case(actor, house_id)
    if not can(actor).write_commune(case.commune_id):
        raise Forbidden()
    if "version" in (noted := errors_of(patch)):
        raise Invalid({"version": noted["version"]})
    base_version = versions.required(patch.version)
    await versions.check(actor, case, base_version, entity=ENTITY, audited=CASE_FIELDS)
    if case.stage in CLOSED:
        raise Conflict("This case is closed: it can no longer be changed.")
    data, errors = HOUSE_CASE.check(HOUSE_CASE.merge(case, patch))
    values = HOUSE_CASE.values(data)
    del values["household_id"], values["proposed_on"]  # fixed when the case was opened
    if values["programme_year"] is None:
        values["programme_year"] = case.programme_year
    await _check_disaster(data.disaster_id, errors)
    if (
        values["kind"]
        and values["kind"] is not case.kind
        and case.stage
        not in (
            Stage.PROPOSED,
            Stage.APPROVED,
            Stage.STARTED,
        )
    ):
        errors["kind"] = "The kind of works cannot change once construction has passed its start."
    if (
        case.stage is Stage.COMPLETED
        and case.kind is HouseKind.NEW_BUILD
        and not case.rule_override_reason
        and values["programme"] is not None
    ):
        from relief.houses.programmes import rule_problems

        changed = HouseCase(**{**{f: getattr(case, f) for f in ("id", "kind")}, **values})
        members = (await Household.get(id=case.household_id)).members
        for problem in await rule_problems(changed, members):
            errors.setdefault("area_m2", problem)
    if errors:
        raise Invalid(errors)
    then = await _programme_change(actor, case, values)
    return await versions.save(
        actor,
        case,
        base_version,
        values,
        entity=ENTITY,
        audited=CASE_FIELDS,
        then=then,
        reload=lambda: get_case(actor, case.id),
    )


async def _programme_change(actor: Actor, case: HouseCase, values: dict) -> Any:
    """A case moved to another programme must be admitted by it too (or by an approved
    override, used in the same transaction): the rules cannot be walked around by an edit."""
    programme = values.get("programme")
    if programme is None or programme is case.programme:
        return None
    household = await Household.get(id=case.household_id)
    year = values.get("programme_year") or case.programme_year or case.year
    verdict, override = await eligibility.override_for_case(
        household, programme, year, values.get("disaster_id")
    )
    if override is None:
        return None

    async def use(_: HouseCase) -> None:
        await eligibility.use_override(actor, override, case.id, case.commune_id, verdict)

    return use


# The records a case is read with (its page); a stage move reads only those its answer names.
RELATED = ("household", "commune", "hamlet", "disaster", "handover")
NAMED = ("household", "commune", "hamlet")


async def get_case(actor: Actor, house_id: int, related: tuple[str, ...] = RELATED) -> HouseCase:
    case = await scoped(actor, HouseCase).select_related(*related).get_or_none(id=house_id)
    if case is None:
        raise NotFound("No such house case.")
    return case


def _filtered(actor: Actor, f: CaseFilter):
    qs = scoped(actor, HouseCase)
    if f.commune_id is not None:
        qs = qs.filter(commune_id=f.commune_id)
    if f.commune_code is not None:
        qs = qs.filter(commune__code=f.commune_code)
    if f.hamlet_id is not None:
        qs = qs.filter(hamlet_id=f.hamlet_id)
    if f.stage is not None:
        qs = qs.filter(stage=f.stage)
    if f.programme is not None:
        qs = qs.filter(programme=f.programme)
    if f.kind is not None:
        qs = qs.filter(kind=f.kind)
    if f.sponsor_id is not None:
        qs = qs.filter(contributions__sponsor_id=f.sponsor_id).distinct()
    if f.q.strip():
        key = fold(f.q)
        code = f.q.strip().upper()
        from tortoise.expressions import Q

        qs = qs.filter(Q(household__head_name_key__contains=key) | Q(code__contains=code))
    return qs


async def list_cases(actor: Actor, f: CaseFilter) -> CasePage:
    qs = _filtered(actor, f)
    total = await qs.count()
    pages = max(1, -(-total // f.per_page))
    page = min(max(1, f.page), pages)
    rows = (
        await qs.select_related("household", "commune", "hamlet")
        .order_by("-year", "-commune_id", "-seq")  # all descending: one index scan
        .offset((page - 1) * f.per_page)
        .limit(f.per_page)
    )
    return CasePage(rows=list(rows), total=total, page=page, pages=pages, filters=f)


async def stage_history(actor: Actor, house_id: int) -> list[StageEvent]:
    case = await get_case(actor, house_id)
    return list(await StageEvent.filter(house_case_id=case.id).order_by("id"))


async def households_without_case(
    actor: Actor, q: str = "", limit: int = 30, include_id: int | None = None
) -> list[Household]:
    """Households the actor may open a case for (none open yet), for the form's choice list.

    `include_id` (the household already chosen on the form) is in the list whatever the search.
    """
    qs = scoped(actor, Household).filter(archived_at=None).select_related("hamlet", "commune")
    taken = await HouseCase.exclude(stage=Stage.CANCELLED).values_list("household_id", flat=True)
    qs = qs.exclude(id__in=taken)
    found = qs.filter(head_name_key__contains=fold(q)) if q.strip() else qs
    rows = list(await found.order_by("commune_id", "head_name_key").limit(limit))
    if include_id is not None and all(h.id != include_id for h in rows):
        rows = list(await qs.filter(id=include_id)) + rows
    return rows
