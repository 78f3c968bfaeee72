"""House cases (hồ sơ hỗ trợ nhà ở) and what hangs on them."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from relief.core.scope import ScopeRule

if TYPE_CHECKING:
    from relief.accounts.models import User
    from relief.households.models import Disaster, Household
    from relief.places.models import Commune, Hamlet
    from relief.sponsors.models import Sponsor


class Programme(StrEnum):
    GREAT_SOLIDARITY = "great_solidarity"  # the Fatherland Front's Great Solidarity Houses
    TEMPORARY_HOUSE = "temporary_house"  # the emulation movement to eliminate temporary houses
    REVOLUTIONARY_SERVICE = "revolutionary_service"
    DISASTER_RECOVERY = "disaster_recovery"  # Decree 20/2021 Art. 15
    NTP_POVERTY = "ntp_poverty"  # national target programme: sustainable poverty reduction
    NTP_ETHNIC = "ntp_ethnic"  # national target programme: ethnic-minority, mountainous areas


class CampaignGroup(StrEnum):
    """The groups the campaign reports in, plus the two programmes reported beside them."""

    REVOLUTIONARY_SERVICE = "revolutionary_service"
    NATIONAL_TARGET = "national_target"
    EMULATION = "emulation"
    GREAT_SOLIDARITY = "great_solidarity"
    DISASTER_RECOVERY = "disaster_recovery"


class NormKind(StrEnum):
    NEW_BUILD = "new_build"
    REPAIR = "repair"
    RELOCATION = "relocation"  # emergency relocation (Decree 20/2021 Art. 15)


class HouseKind(StrEnum):
    NEW_BUILD = "new_build"
    REPAIR = "repair"


class Stage(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    STARTED = "started"
    FOUNDATION_DONE = "foundation_done"
    THIRTY_PERCENT_DONE = "thirty_percent_done"
    COMPLETED = "completed"
    HANDED_OVER = "handed_over"
    PAUSED = "paused"
    CANCELLED = "cancelled"


class FundingSource(StrEnum):
    STATE_BUDGET = "state_budget"
    FUND_FOR_THE_POOR = "fund_for_the_poor"
    SPONSOR = "sponsor"
    HOUSEHOLD = "household"
    POLICY_BANK_LOAN = "policy_bank_loan"
    LABOUR_DAYS = "labour_days"


# The support: money given to the family for its house (the state's programme budget, the
# Fatherland Front's Fund for the Poor, sponsors). The tranches are shares of it, never of the
# family's own money nor of a policy-bank loan the family repays (docs/domain.md, "Support and
# tranches"); labour is counted in workdays.
SUPPORT_SOURCES = frozenset(
    {FundingSource.STATE_BUDGET, FundingSource.FUND_FOR_THE_POOR, FundingSource.SPONSOR}
)
DEFAULT_FIRST_TRANCHE_PERCENT = 70  # of the support, until the programme's rule says otherwise


class Tranche(StrEnum):
    FIRST = "first"  # up to 70%: at foundation done (new build) or 30% done (repair)
    FINAL = "final"  # the last 30%: at completion
    WHOLE = "whole"


# Sponsors reach a house only through their own contributions to it.
_SPONSOR_OF_CASE = "house_case__contributions__sponsor_id"


class HouseCase(Model):
    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=20, unique=True)  # e.g. TS-2025-0012
    year = fields.SmallIntField()
    seq = fields.IntField()
    household: fields.ForeignKeyRelation[Household] = fields.ForeignKeyField(
        "models.Household", related_name="house_cases", on_delete=fields.RESTRICT
    )
    household_id: int
    commune: fields.ForeignKeyRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name="house_cases", on_delete=fields.RESTRICT
    )
    commune_id: int
    hamlet: fields.ForeignKeyRelation[Hamlet] = fields.ForeignKeyField(
        "models.Hamlet", related_name=False, on_delete=fields.RESTRICT
    )
    hamlet_id: int
    disaster: fields.ForeignKeyNullableRelation[Disaster] = fields.ForeignKeyField(
        "models.Disaster", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    disaster_id: int | None
    handover: fields.ForeignKeyNullableRelation[Handover] = fields.ForeignKeyField(
        "models.Handover", related_name="house_cases", null=True, on_delete=fields.RESTRICT
    )
    handover_id: int | None
    programme = fields.CharEnumField(Programme, max_length=24)
    # The programme's budget year, which may differ from the year the case was proposed.
    programme_year = fields.SmallIntField(null=True)
    kind = fields.CharEnumField(HouseKind, max_length=10)
    area_m2 = fields.DecimalField(max_digits=7, decimal_places=2, null=True)
    hard_foundation = fields.BooleanField(default=False)
    hard_frame = fields.BooleanField(default=False)
    hard_roof = fields.BooleanField(default=False)
    estimated_cost = fields.BigIntField(default=0)  # whole đồng
    stage = fields.CharEnumField(Stage, max_length=20, default=Stage.PROPOSED)
    stage_on = fields.DateField()  # date of the current stage
    paused_from = fields.CharEnumField(Stage, max_length=20, null=True)
    proposed_on = fields.DateField()
    approved_on = fields.DateField(null=True)
    # The commune People's Committee's decision that approved the case (a beneficiary list's,
    # relief.beneficiaries): a case reaches "approved" only through one.
    approval_decision: fields.ForeignKeyNullableRelation[Model] = fields.ForeignKeyField(
        "models.Decision", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    approval_decision_id: int | None
    started_on = fields.DateField(null=True)
    foundation_done_on = fields.DateField(null=True)
    thirty_percent_done_on = fields.DateField(null=True)
    completed_on = fields.DateField(null=True)
    handed_over_on = fields.DateField(null=True)
    cancelled_on = fields.DateField(null=True)
    cancel_reason = fields.TextField(null=True)
    # Completed although the programme's rule said no: the written reason of who overrode it.
    rule_override_reason = fields.TextField(null=True)
    notes = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    version = fields.IntField(default=1)

    scope_rule = ScopeRule(commune="commune_id", sponsor="contributions__sponsor_id")

    class Meta:
        table = "house_case"
        constraints = (
            CheckConstraint(check="estimated_cost >= 0", name="ck_house_case_cost_not_negative"),
        )
        unique_together = (("commune", "year", "seq"),)
        indexes = (
            ("commune_id", "programme", "kind", "stage"),
            ("commune_id", "hamlet_id", "stage"),
            ("stage", "started_on"),
            ("commune_id", "stage", "started_on"),  # the summaries' GROUP BY, in order
            ("household_id",),  # a household's page finds its case
            ("year", "commune_id", "seq"),  # the house list's order
            ("commune_id", "stage", "handed_over_on"),  # handovers per week
            ("disaster_id", "commune_id", "programme", "kind", "stage"),  # one disaster's houses
            # The public page's latest completed houses, read backward to its page's end
            # (migration 0050).
            ("commune_id", "completed_on", "id"),
        )

    def __str__(self) -> str:
        return self.code

    @classmethod
    async def follow_household(cls, ids: list[int], commune_id: int, hamlet_id: int) -> None:
        """The household moved (relief.households.follow): its cases go with it. In another
        commune a case takes that commune's next number for its year, and keeps its code,
        which is printed on papers already signed."""
        for case_id, old_commune, year in await cls.filter(id__in=ids).values_list(
            "id", "commune_id", "year"
        ):
            values: dict = {"commune_id": commune_id, "hamlet_id": hamlet_id}
            if old_commune != commune_id:
                taken = cls.filter(commune_id=commune_id, year=year).order_by("-seq")
                last = await taken.first()
                values["seq"] = (last.seq if last else 0) + 1
            await cls.filter(id=case_id).update(**values)


class ProgrammeRule(Model):
    """Support norm and completion rule of a programme for a kind of works, editable by the
    administrator; the defaults and their sources are loaded by migration 0015."""

    id = fields.IntField(primary_key=True)
    programme = fields.CharEnumField(Programme, max_length=24)
    kind = fields.CharEnumField(NormKind, max_length=12)
    campaign_group = fields.CharEnumField(CampaignGroup, max_length=24)
    support_amount = fields.BigIntField(default=0)  # whole đồng per household
    min_area_m2 = fields.SmallIntField(null=True)  # a finished new build at least this big
    min_area_one_person_m2 = fields.SmallIntField(null=True)  # for a one-person household
    three_hard = fields.BooleanField(default=False)  # "3 cứng" required to complete
    # The first tranche, as a share of the support (the rest is paid at completion).
    first_tranche_percent = fields.SmallIntField(
        default=DEFAULT_FIRST_TRANCHE_PERCENT, db_default=DEFAULT_FIRST_TRANCHE_PERCENT
    )
    source = fields.TextField(default="")
    confirmed = fields.BooleanField(default=False)  # False: the source is not confirmed yet
    updated_at = fields.DatetimeField(auto_now=True)
    version = fields.IntField(default=1)

    scope_rule = ScopeRule(registry=True)

    class Meta:
        table = "programme_rule"
        unique_together = (("programme", "kind"),)


class EligibilityOverride(Model):
    """A case opened for a household that its programme's conditions do not admit: the
    officer's written reason, then a commune manager's approval (another account, holding
    `Can.approve_overrides`); the case it was used for once opened (docs/domain.md)."""

    id = fields.IntField(primary_key=True)
    household: fields.ForeignKeyRelation[Household] = fields.ForeignKeyField(
        "models.Household", related_name=False, on_delete=fields.RESTRICT
    )
    household_id: int
    commune: fields.ForeignKeyRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, on_delete=fields.RESTRICT
    )
    commune_id: int
    programme = fields.CharEnumField(Programme, max_length=24)
    reason = fields.TextField()
    requested_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    requested_by_id: int | None
    requested_at = fields.DatetimeField(auto_now_add=True)
    approved_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    approved_by_id: int | None
    approved_at = fields.DatetimeField(null=True)
    house_case: fields.ForeignKeyNullableRelation[HouseCase] = fields.ForeignKeyField(
        "models.HouseCase", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    house_case_id: int | None
    version = fields.IntField(default=1)

    scope_rule = ScopeRule(commune="commune_id")

    class Meta:
        table = "eligibility_override"
        indexes = (("household_id", "programme"),)


class StageEvent(Model):
    """Append-only history of stage moves."""

    id = fields.IntField(primary_key=True)
    house_case: fields.ForeignKeyRelation[HouseCase] = fields.ForeignKeyField(
        "models.HouseCase", related_name="stage_events", on_delete=fields.RESTRICT
    )
    house_case_id: int
    commune: fields.ForeignKeyRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, on_delete=fields.RESTRICT
    )
    commune_id: int
    from_stage = fields.CharEnumField(Stage, max_length=20, null=True)
    to_stage = fields.CharEnumField(Stage, max_length=20)
    on = fields.DateField()
    by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    by_id: int | None
    at = fields.DatetimeField(auto_now_add=True)
    reason = fields.TextField(null=True)
    # The stage-completion minutes (Circular 01/2022/TT-BXD, Appendix III) that confirm a
    # foundation, 30 % or completion move: their number and the date they were signed.
    minutes_number = fields.CharField(max_length=40, null=True)
    minutes_on = fields.DateField(null=True)
    version = fields.IntField(default=1, db_default=1)  # of the minutes, the only edit

    scope_rule = ScopeRule(commune="commune_id", sponsor=_SPONSOR_OF_CASE)

    class Meta:
        table = "stage_event"
        indexes = (
            ("commune_id", "to_stage", "on"),
            ("house_case_id",),  # a house's history, on its page
        )


class Contribution(Model):
    id = fields.IntField(primary_key=True)
    house_case: fields.ForeignKeyRelation[HouseCase] = fields.ForeignKeyField(
        "models.HouseCase", related_name="contributions", on_delete=fields.RESTRICT
    )
    house_case_id: int
    commune: fields.ForeignKeyRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, on_delete=fields.RESTRICT
    )
    commune_id: int
    source = fields.CharEnumField(FundingSource, max_length=20)
    sponsor: fields.ForeignKeyNullableRelation[Sponsor] = fields.ForeignKeyField(
        "models.Sponsor", related_name="contributions", null=True, on_delete=fields.RESTRICT
    )
    sponsor_id: int | None
    amount_pledged = fields.BigIntField(default=0)  # whole đồng
    amount_disbursed = fields.BigIntField(default=0)
    tranche = fields.CharEnumField(Tranche, max_length=8, default=Tranche.WHOLE)
    labour_days = fields.IntField(default=0)
    note = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    version = fields.IntField(default=1)

    scope_rule = ScopeRule(commune="commune_id", sponsor="sponsor_id")

    class Meta:
        table = "contribution"
        constraints = (
            CheckConstraint(
                check="amount_disbursed >= 0 AND amount_disbursed <= amount_pledged",
                name="ck_contribution_disbursed_within_pledged",
            ),
        )
        indexes = (
            ("commune_id", "source", "amount_pledged", "amount_disbursed"),
            ("sponsor_id", "house_case_id"),
            # A house's money, a hamlet's recount, one disaster's or programme's money: read
            # from the index alone.
            ("house_case_id", "commune_id", "source", "amount_pledged", "amount_disbursed"),
        )


class Photo(Model):
    id = fields.IntField(primary_key=True)
    house_case: fields.ForeignKeyRelation[HouseCase] = fields.ForeignKeyField(
        "models.HouseCase", related_name="photos", on_delete=fields.RESTRICT
    )
    house_case_id: int
    commune: fields.ForeignKeyRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, on_delete=fields.RESTRICT
    )
    commune_id: int
    stage = fields.CharEnumField(Stage, max_length=20)
    checksum = fields.CharField(max_length=64, db_index=True)  # sha256 of the stored file
    content_type = fields.CharField(max_length=20)
    width = fields.IntField()
    height = fields.IntField()
    size_bytes = fields.IntField()
    caption = fields.CharField(max_length=255, default="")
    is_public = fields.BooleanField(default=False, db_default=False)  # on the public page
    taken_on = fields.DateField(null=True)
    uploaded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    uploaded_by_id: int | None
    uploaded_at = fields.DatetimeField(auto_now_add=True)

    scope_rule = ScopeRule(commune="commune_id", sponsor=_SPONSOR_OF_CASE)

    class Meta:
        table = "photo"
        indexes = (("house_case_id", "stage"),)


class Handover(Model):
    """A handover ceremony (lễ bàn giao) at which completed houses are handed over."""

    id = fields.IntField(primary_key=True)
    commune: fields.ForeignKeyRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name="handovers", on_delete=fields.RESTRICT
    )
    commune_id: int
    hamlet: fields.ForeignKeyNullableRelation[Hamlet] = fields.ForeignKeyField(
        "models.Hamlet", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    hamlet_id: int | None
    held_on = fields.DateField()
    place = fields.CharField(max_length=255, default="")
    organisers = fields.TextField(default="")
    sponsors: fields.ManyToManyRelation[Sponsor] = fields.ManyToManyField(
        "models.Sponsor", related_name="handovers", through="handover_sponsor"
    )
    notes = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    scope_rule = ScopeRule(commune="commune_id", sponsor="house_cases__contributions__sponsor_id")

    class Meta:
        table = "handover"
        indexes = (("commune_id", "held_on"),)
