"""Who a programme supports: each programme's conditions as rules over a household's facts,
declared once below (their sources: docs/domain.md, "Eligibility"), and the overrides that let
the commune open a case the rules refuse (a written reason, then a commune manager's approval).

A programme admits a household when every condition of one of its groups holds. Each condition
reads the household's dated facts (the poor or near-poor list's year, the commune's registers
of people with revolutionary service and martyrs' families, social protection, especially hard
circumstances) and its damage assessments (of the case's disaster when the case names one), and
says in the officer's language which fact meets it or misses it. The poor and near-poor list
and the register are the commune's lists imported for the year when there are some
(relief.households.registers), else the household's own fields. What the sources leave open is
a setting (`RELIEF_POVERTY_LIST_YEARS`, `RELIEF_UNINHABITABLE_BANDS`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from tortoise.transactions import in_transaction

from relief.accounts.models import User
from relief.core import audit, versions
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.formatting import local_today
from relief.core.i18n import gettext
from relief.core.labels import label
from relief.core.permissions import can
from relief.core.rows import columns, made
from relief.core.scope import in_scope, numbered, scoped
from relief.core.text import fold
from relief.households.models import DamageAssessment, DamageBand, Household, PovertyStatus
from relief.households.registers import (
    PovertyFact,
    RegisterFact,
    household_lists,
    poverty_of,
    register_of,
)
from relief.houses.models import EligibilityOverride, Programme
from relief.houses.records import ELIGIBILITY_OVERRIDE, OverrideIn
from relief.settings import active

if TYPE_CHECKING:
    from relief.households.page import HouseholdPage

ENTITY = "eligibility_override"
OVERRIDE_FIELDS = [*ELIGIBILITY_OVERRIDE.audited, "approved_by_id", "approved_at"]
NOT_ELIGIBLE = "The household does not meet the conditions of {programme} ({rule}): {missing}."
AWAITS_APPROVAL = (
    "An override for this household and programme was asked for and awaits the approval of a "
    "commune manager."
)
NO_OVERRIDE_NEEDED = "This household meets the programme's conditions: no override is needed."
OWN_APPROVAL = "An override is approved by another account than the one that asked for it."
ALREADY_APPROVED = "This override is already approved."
USED = "This override has already opened a house case."
STALE_LIST = "On the poor or near-poor list of {year}, which no longer counts for {programme_year}"


@dataclass(frozen=True)
class Facts:
    """What the rules read of one household, for one programme year."""

    household: Household
    year: int  # the programme year judged
    damage: list[DamageAssessment]  # of the case's disaster when it names one, else all
    list_years: int = 2  # a poverty list counts for its year and the years after, this many
    uninhabitable: tuple[str, ...] = (DamageBand.VERY_HEAVY.value,)
    # The commune's imported lists, when one counts for the year: they, not the household's
    # own fields, then say whether it is poor or near-poor and who of it is on the register.
    poverty: PovertyFact | None = None
    register: RegisterFact | None = None


@dataclass(frozen=True)
class Fact:
    met: bool
    text: str  # translated: the household's fact that meets (or misses) the condition


@dataclass(frozen=True)
class Condition:
    code: str
    label: str  # English message id: what the rule asks (the programmes page lists it)
    check: Callable[[Facts], Fact]


# The conditions ---------------------------------------------------------------------------


NOT_LISTED = "Not on the poor or near-poor list of {year}"
ON_REGISTER = {
    "revolutionary_service": "Person with revolutionary service on the register of {year}",
    "martyr_family": "Martyr's family on the register of {year}",
}
OFF_REGISTER = {
    "revolutionary_service": "Not on the register of people with revolutionary service of {year}",
    "martyr_family": "Not a martyr's family on the register of {year}",
}


def _listed(f: Facts) -> Fact:
    if f.poverty is not None:  # the commune's list of that year, imported
        if f.poverty.status is PovertyStatus.POOR:
            return Fact(True, gettext("Poor household on the list of {year}", year=f.poverty.year))
        if f.poverty.status is PovertyStatus.NEAR_POOR:
            text = "Near-poor household on the list of {year}"
            return Fact(True, gettext(text, year=f.poverty.year))
        return Fact(False, gettext(NOT_LISTED, year=f.poverty.year))
    h = f.household
    years = [f.year - n for n in range(f.list_years)]
    status = {PovertyStatus.POOR: "Poor", PovertyStatus.NEAR_POOR: "Near-poor"}.get(
        h.poverty_status
    )
    if status is None:
        return Fact(False, gettext("Not on the poor or near-poor list"))
    if h.poverty_year is None:
        return Fact(False, gettext("Poor or near-poor, but the list's year is not recorded"))
    if h.poverty_year not in years:
        return Fact(
            False,
            gettext(STALE_LIST, year=h.poverty_year, programme_year=f.year),
        )
    text = (
        "Poor household on the list of {year}"
        if status == "Poor"
        else ("Near-poor household on the list of {year}")
    )
    return Fact(True, gettext(text, year=h.poverty_year))


def _flag(name: str, yes: str, no: str) -> Callable[[Facts], Fact]:
    def check(f: Facts) -> Fact:
        if f.register is not None and name in ON_REGISTER:  # the commune's register, imported
            held = f.register.flags[name]
            text = ON_REGISTER[name] if held else OFF_REGISTER[name]
            return Fact(held, gettext(text, year=f.register.year))
        held = bool(getattr(f.household, name))
        return Fact(held, gettext(yes if held else no))

    return check


def _hardship(f: Facts) -> Fact:
    """Decree 20's "poor, near-poor or hardship household"."""
    listed = _listed(f)
    if listed.met:
        return listed
    for name, text in (
        ("social_protection", "Social-protection beneficiary"),
        ("especially_hard", "Especially hard circumstances"),
    ):
        if getattr(f.household, name):
            return Fact(True, gettext(text))
    return Fact(False, gettext("Neither poor, near-poor nor in hardship"))


def _damage(f: Facts, bands: tuple[str, ...], met: str, missed: str) -> Fact:
    for a in f.damage:
        band = a.band.value if isinstance(a.band, DamageBand) else str(a.band)
        if band in bands:
            return Fact(True, gettext(met, band=label(a.band), disaster=a.disaster.name))
    return Fact(False, gettext(missed))


def _house_lost(f: Facts) -> Fact:
    return _damage(
        f,
        (DamageBand.TOTAL.value,),
        "House collapsed, swept away or totally damaged ({band}, {disaster})",
        "No assessment of a house collapsed, swept away or totally damaged",
    )


def _uninhabitable(f: Facts) -> Fact:
    return _damage(
        f,
        f.uninhabitable,
        "House damaged so that it cannot be lived in ({band}, {disaster})",
        "No assessment of a house damaged so that it cannot be lived in",
    )


def _relocated(f: Facts) -> Fact:
    for a in f.damage:
        if a.relocated:
            return Fact(True, gettext("Relocated urgently ({disaster})", disaster=a.disaster.name))
    return Fact(False, gettext("Not relocated urgently"))


def _ethnic_minority(f: Facts) -> Fact:
    ethnicity = (f.household.ethnicity or "").strip()
    if ethnicity and fold(ethnicity) != "kinh":
        return Fact(True, gettext("Ethnic minority ({ethnicity})", ethnicity=ethnicity))
    return Fact(False, gettext("Not recorded as an ethnic minority"))


LISTED = Condition("poor_or_near_poor", "Poor or near-poor on the year's list", _listed)
HARDSHIP = Condition("hardship", "Poor, near-poor or in hardship", _hardship)
REVOLUTIONARY = Condition(
    "revolutionary_service",
    "Person with revolutionary service (the commune's register)",
    _flag(
        "revolutionary_service",
        "Person with revolutionary service (the commune's register)",
        "Not on the register of people with revolutionary service",
    ),
)
MARTYR = Condition(
    "martyr_family",
    "Martyr's family",
    _flag("martyr_family", "Martyr's family", "Not a martyr's family"),
)
PROTECTED = Condition(
    "social_protection",
    "Social-protection beneficiary",
    _flag(
        "social_protection", "Social-protection beneficiary", "Not a social-protection beneficiary"
    ),
)
HARD = Condition(
    "especially_hard",
    "Especially hard circumstances",
    _flag(
        "especially_hard", "Especially hard circumstances", "Not in especially hard circumstances"
    ),
)
HOUSE_LOST = Condition("house_lost", "House collapsed or swept away", _house_lost)
UNINHABITABLE = Condition("uninhabitable", "House no longer habitable", _uninhabitable)
RELOCATED = Condition("relocated", "Relocated urgently by a competent decision", _relocated)
ETHNIC = Condition("ethnic_minority", "Ethnic minority", _ethnic_minority)


@dataclass(frozen=True)
class Rules:
    """A programme's conditions: it admits a household when every condition of one group holds."""

    rule: str  # English message id naming the rule and its source (docs/domain.md)
    groups: tuple[tuple[Condition, ...], ...]


# The one table of who each programme supports (sources: docs/domain.md, "Eligibility").
ELIGIBILITY: dict[Programme, Rules] = {
    Programme.DISASTER_RECOVERY: Rules(
        "Decree 20/2021/NĐ-CP, Art. 15",
        ((HARDSHIP, HOUSE_LOST), (HARDSHIP, UNINHABITABLE), (RELOCATED,)),
    ),
    Programme.REVOLUTIONARY_SERVICE: Rules(
        "Decision 21/2024/QĐ-TTg: people with revolutionary service and martyrs' families",
        ((REVOLUTIONARY,), (MARTYR,)),
    ),
    Programme.NTP_POVERTY: Rules(
        "National target programme for sustainable poverty reduction: the year's list",
        ((LISTED,),),
    ),
    Programme.NTP_ETHNIC: Rules(
        "National target programme for ethnic-minority and mountainous areas: poor and "
        "near-poor ethnic-minority households",
        ((LISTED, ETHNIC),),
    ),
    Programme.TEMPORARY_HOUSE: Rules(
        "Campaign to eliminate temporary houses (Directive 42/CT-TTg): the year's list",
        ((LISTED,),),
    ),
    Programme.GREAT_SOLIDARITY: Rules(
        "The Fatherland Front's priority groups for Great Solidarity Houses",
        (
            (LISTED,),
            (REVOLUTIONARY,),
            (MARTYR,),
            (PROTECTED,),
            (HARD,),
            (HOUSE_LOST,),
            (UNINHABITABLE,),
            (RELOCATED,),
        ),
    ),
}


def source_url(programme: Programme) -> str:
    """The programme's conditions and their source on the programmes page."""
    return f"/programmes#eligibility-{programme.value}"


@dataclass
class Verdict:
    programme: Programme
    eligible: bool
    rule: str  # translated
    facts: list[str]  # translated: what meets the rule, or what misses it
    source_url: str
    override: EligibilityOverride | None = None  # approved and not used yet

    @property
    def reason(self) -> str:
        """The refusal, in the request's language, naming the rule."""
        return gettext(
            NOT_ELIGIBLE,
            programme=label(self.programme),
            rule=self.rule,
            missing="; ".join(self.facts),
        )


def judge(facts: Facts, programme: Programme) -> Verdict:
    """Whether the rules of `programme` admit the household, and why (no database)."""
    rules = ELIGIBILITY[programme]
    missing: list[str] = []
    for group in rules.groups:
        found = [c.check(facts) for c in group]
        if all(f.met for f in found):
            return Verdict(programme, True, gettext(rules.rule), [f.text for f in found], "")
        missing += [f.text for f in found if not f.met and f.text not in missing]
    return Verdict(programme, False, gettext(rules.rule), missing, source_url(programme))


def _settings() -> tuple[int, tuple[str, ...]]:
    settings = active()
    if settings is None:
        return 2, (DamageBand.VERY_HEAVY.value,)
    return settings.poverty_list_years, settings.uninhabitable_bands


async def facts_of(household: Household, year: int, disaster_id: int | None = None) -> Facts:
    damage = DamageAssessment.filter(household_id=household.id).select_related("disaster")
    if disaster_id is not None:
        damage = damage.filter(disaster_id=disaster_id)
    list_years, uninhabitable = _settings()
    lists = await household_lists(None, household)
    return Facts(
        household=household,
        year=year,
        damage=list(await damage.order_by("-assessed_on", "-id")),
        list_years=list_years,
        uninhabitable=uninhabitable,
        poverty=poverty_of(lists, year, list_years),
        register=register_of(lists, year),
    )


def page_verdicts(page: HouseholdPage, overrides: list[EligibilityOverride]) -> list[Verdict]:
    """`verdicts_of` from what the household page read: its assessments, the commune's lists
    and the household's overrides (latest first, as `page_overrides` reads them)."""
    list_years, uninhabitable = _settings()
    year = local_today().year
    facts = Facts(
        household=page.household,
        year=year,
        damage=page.assessments,
        list_years=list_years,
        uninhabitable=uninhabitable,
        poverty=poverty_of(page.lists, year, list_years),
        register=register_of(page.lists, year),
    )
    approved = {
        o.programme: o
        for o in sorted(overrides, key=lambda o: o.id)
        if o.approved_by_id is not None and o.house_case_id is None
    }
    return _judged(facts, approved)


def _judged(facts: Facts, approved: dict[Programme, EligibilityOverride]) -> list[Verdict]:
    verdicts = []
    for programme in ELIGIBILITY:
        verdict = judge(facts, programme)
        verdict.override = None if verdict.eligible else approved.get(programme)
        verdicts.append(verdict)
    return verdicts


async def verdicts_of(actor: Actor, household: Household) -> list[Verdict]:
    """Every programme's verdict on the household for this year, with any approved override
    not used yet (the household page)."""
    facts = await facts_of(household, local_today().year)
    approved = {
        o.programme: o
        for o in await scoped(actor, EligibilityOverride).filter(
            household_id=household.id, approved_by_id__isnull=False, house_case_id=None
        )
    }
    return _judged(facts, approved)


async def override_for_case(
    household: Household, programme: Programme, year: int, disaster_id: int | None
) -> tuple[Verdict, EligibilityOverride | None]:
    """Raises the refusal (422, field `programme`) when the programme does not admit the
    household and no approved override lets the case open; else the override to use."""
    verdict = judge(await facts_of(household, year, disaster_id), programme)
    if verdict.eligible:
        return verdict, None
    overrides = EligibilityOverride.filter(
        household_id=household.id, programme=programme, house_case_id=None
    )
    approved = await overrides.filter(approved_by_id__isnull=False).order_by("id").first()
    if approved is not None:
        return verdict, approved
    message = verdict.reason
    if await overrides.exists():
        message = f"{message} {gettext(AWAITS_APPROVAL)}"
    raise Invalid({"programme": message})


async def use_override(
    actor: Actor, override: EligibilityOverride, case_id: int, commune_id: int, verdict: Verdict
) -> None:
    """Marks the override used by the case (inside the case's transaction, on the version
    read: used once), audited with what the rule said, who asked and who approved."""
    if override.house_case_id is not None:
        raise Conflict(USED)
    await versions.save(  # a stale version: another case took it a moment ago
        actor,
        override,
        override.version,
        {"house_case_id": case_id},
        entity=ENTITY,
        audited=["house_case_id"],
        action="use",
        commune_id=commune_id,
    )
    await audit.record(
        actor,
        "override_eligibility",
        "house_case",
        case_id,
        commune_id=commune_id,
        after={
            "programme": override.programme.value,
            "override_id": override.id,
            "requested_by_id": override.requested_by_id,
            "approved_by_id": override.approved_by_id,
            "not_met": verdict.facts,
        },
        reason=override.reason,
    )


# Overrides ------------------------------------------------------------------------------


async def get_override(actor: Actor, override_id: int) -> EligibilityOverride:
    found = await scoped(actor, EligibilityOverride).get_or_none(id=override_id)
    if found is None:
        raise NotFound("No such override.")
    return found


async def request_override(actor: Actor, data: OverrideIn) -> EligibilityOverride:
    """The officer asks to open a case the programme's conditions refuse, with the written
    reason; it waits for a commune manager's approval."""
    data, errors = ELIGIBILITY_OVERRIDE.check(data)
    household = None
    if "household_id" not in errors:
        household = await scoped(actor, Household).get_or_none(id=data.household_id)
        if household is None:
            errors["household_id"] = "No such household."
    if errors:
        raise Invalid(errors)
    assert household is not None
    if not can(actor).write_commune(household.commune_id):
        raise Forbidden()
    verdict = judge(await facts_of(household, local_today().year), data.programme)
    if verdict.eligible:
        raise Invalid({"programme": NO_OVERRIDE_NEEDED})
    async with in_transaction():
        override = await EligibilityOverride.create(
            commune_id=household.commune_id,
            requested_by_id=actor.user_id,
            **ELIGIBILITY_OVERRIDE.values(data),
        )
        await audit.record(
            actor,
            "create",
            ENTITY,
            override.id,
            commune_id=household.commune_id,
            after={**audit.snapshot(override, ELIGIBILITY_OVERRIDE.audited)},
        )
    return override


async def approve_override(
    actor: Actor, override_id: int, version: int | str | None
) -> EligibilityOverride:
    """A commune manager (another account than the one that asked) approves the override."""
    override = await get_override(actor, override_id)
    if not can(actor).approve_overrides(override.commune_id):
        raise Forbidden("Only a commune manager approves an override.")
    base_version = versions.required(version)
    await versions.check(actor, override, base_version, entity=ENTITY, audited=OVERRIDE_FIELDS)
    if override.requested_by_id is not None and override.requested_by_id == actor.user_id:
        raise Forbidden(OWN_APPROVAL)
    if override.approved_by_id is not None:
        raise Conflict(ALREADY_APPROVED)
    return await versions.save(
        actor,
        override,
        base_version,
        {"approved_by_id": actor.user_id, "approved_at": datetime.now(UTC)},
        entity=ENTITY,
        audited=OVERRIDE_FIELDS,
        action="approve",
        commune_id=override.commune_id,
    )


async def page_overrides(actor: Actor, household_id: int) -> list[EligibilityOverride]:
    """The household's overrides, latest first, for its page, by one plain statement (issue
    29): each with the name of who approved it, the one thing of a user the page shows."""
    scope, values = in_scope(actor, EligibilityOverride, "o")
    sql = (
        f'SELECT {columns(EligibilityOverride, "o")}, u.id AS "u__id", '
        'u.username AS "u__username", u.full_name AS "u__full_name" '
        'FROM "eligibility_override" o LEFT JOIN "user" u ON u.id = o.approved_by_id '
        f"WHERE o.household_id = ? AND {scope} ORDER BY o.id DESC"
    )
    db = EligibilityOverride._meta.db
    found = []
    for row in await db.execute_query_dict(
        numbered(sql, db.capabilities.dialect), [household_id, *values]
    ):
        override = made(EligibilityOverride, row)
        assert override is not None
        override.approved_by = made(User, row, "u__")
        found.append(override)
    return found
