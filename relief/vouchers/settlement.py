"""Settlement (quyết toán): a house's dossier, and the settlement of a round.

A house's dossier is computed from the records, never ticked by hand: the People's
Committee's decision naming its household (a decided beneficiary list of its programme), the
signed minutes of its stages (their number on the stage events), its vouchers signed for by
the receiver, photos of each stage, the handover minutes. A round is a decided beneficiary
list (commune, programme, year, round): its houses are the cases of its programme opened for
the households the decision names. Its settlement report gives, per house, the support by
source, what vouchers paid and the balance; the round is closed once every house's dossier is
complete or each gap has its written reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from relief.beneficiaries.models import (
    BeneficiaryList,
    Decision,
    ListEntry,
    ListState,
    ReviewOutcome,
)
from relief.beneficiaries.service import get_list
from relief.core import audit, versions
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.i18n import gettext
from relief.core.labels import label
from relief.core.permissions import can
from relief.core.records import base_version, errors_of
from relief.core.scope import scoped
from relief.core.sheets import Column, Table, to_xlsx
from relief.houses.models import FundingSource, HouseCase, HouseKind, Photo, Stage, StageEvent
from relief.houses.service import get_case
from relief.vouchers.models import (
    DossierItem,
    SettlementClosing,
    SettlementGap,
    Voucher,
    VoucherTranche,
)
from relief.vouchers.records import CLOSING, GAP, ClosingIn, GapIn, GapPatch
from relief.vouchers.service import FIRST_STAGE, HousePayments, payments_of

NOT_DECIDED = "A round is settled once its list is decided by the People's Committee."
CLOSED = "This round's settlement is closed: it cannot change."
UNEXPLAINED = "The round cannot be closed: a house's dossier lacks an item with no reason given."
NOT_IN_ROUND = "This house is not one of the round's."
NOT_MISSING = "This item of the house's dossier is not missing."
GAP_FIELDS = GAP.audited
SUPPORT = (FundingSource.STATE_BUDGET, FundingSource.FUND_FOR_THE_POOR, FundingSource.SPONSOR)


@dataclass
class DossierLine:
    item: DossierItem
    present: bool
    detail: str = ""  # the paper's number and date, when present
    reason: str = ""  # why it is missing, when explained for the round
    gap: SettlementGap | None = None


@dataclass
class Dossier:
    case: HouseCase
    lines: list[DossierLine]
    decision: Decision | None = None  # the People's Committee's decision naming the household

    @property
    def missing(self) -> list[DossierLine]:
        return [line for line in self.lines if not line.present]

    @property
    def unexplained(self) -> list[DossierLine]:
        return [line for line in self.missing if not line.reason]

    @property
    def complete(self) -> bool:
        return not self.missing


def _day(on: date | None) -> str:
    return on.strftime("%d/%m/%Y") if on else ""


async def _decision_naming(case: HouseCase) -> Decision | None:
    """The decision that approved the case; for a case approved before decisions were
    recorded on it, the decision of a decided list of its commune and programme that names its
    household (the latest)."""
    if case.approval_decision_id is not None:
        return await Decision.get(id=case.approval_decision_id)
    entry = (
        await ListEntry.filter(
            household_id=case.household_id,
            beneficiary_list__commune_id=case.commune_id,
            beneficiary_list__programme=case.programme,
            beneficiary_list__state=ListState.DECIDED,
        )
        .exclude(review_outcome=ReviewOutcome.NOT_AGREED)
        .order_by("-beneficiary_list_id")
        .first()
    )
    if entry is None:
        return None
    return await Decision.get_or_none(beneficiary_list_id=entry.beneficiary_list_id)


async def dossier_of(
    case: HouseCase, gaps: dict[tuple[int, DossierItem], SettlementGap] | None = None
) -> Dossier:
    """What a house's settlement dossier holds and lacks (with the round's reasons, if any)."""
    minutes = {
        str(stage): (number, on)
        for stage, number, on in await StageEvent.filter(
            house_case_id=case.id, minutes_number__isnull=False
        )
        .order_by("id")
        .values_list("to_stage", "minutes_number", "minutes_on")
    }
    vouchers = {VoucherTranche(v.tranche): v for v in await Voucher.filter(house_case_id=case.id)}
    photographed = {
        str(s)
        for s in await Photo.filter(house_case_id=case.id)
        .distinct()
        .values_list("stage", flat=True)
    }
    return dossier_from(case, minutes, vouchers, photographed, await _decision_naming(case), gaps)


def dossier_from(
    case: HouseCase,
    minutes: dict[str, tuple[str, date | None]],
    vouchers: dict[VoucherTranche, Voucher],
    photographed: set[str],
    decision: Decision | None,
    gaps: dict[tuple[int, DossierItem], SettlementGap] | None = None,
) -> Dossier:
    """A house's dossier from what its records hold: the signed minutes by stage (number and
    date), its vouchers by tranche, the stages photographed, the decision naming its household
    and the round's reasons for what is missing (read for one house by `dossier_of`, for many
    at once by the rounds' overview)."""
    first = FIRST_STAGE[HouseKind(case.kind)]

    def stage_minutes(stage: Stage) -> tuple[bool, str]:
        found = minutes.get(stage.value)
        return (True, f"{found[0]} · {_day(found[1])}") if found else (False, "")

    def voucher(tranche: VoucherTranche) -> tuple[bool, str]:
        v = vouchers.get(tranche)
        if v is None:
            return False, ""
        return v.signed, f"{v.number} · {_day(v.paid_on)}"

    def photos(stage: Stage) -> tuple[bool, str]:
        return stage.value in photographed, ""

    checks = {
        DossierItem.DECISION: (
            (True, f"{decision.number} · {_day(decision.signed_on)}") if decision else (False, "")
        ),
        DossierItem.FIRST_MINUTES: stage_minutes(first),
        DossierItem.COMPLETION_MINUTES: stage_minutes(Stage.COMPLETED),
        DossierItem.FIRST_VOUCHER: voucher(VoucherTranche.FIRST),
        DossierItem.SECOND_VOUCHER: voucher(VoucherTranche.SECOND),
        DossierItem.STARTED_PHOTOS: photos(Stage.STARTED),
        DossierItem.FIRST_PHOTOS: photos(first),
        DossierItem.COMPLETED_PHOTOS: photos(Stage.COMPLETED),
        DossierItem.HANDOVER_MINUTES: (case.handover_id is not None, ""),
    }
    lines = []
    for item, (present, detail) in checks.items():
        gap = None if present or gaps is None else gaps.get((case.id, item))
        lines.append(DossierLine(item, present, detail, gap.reason if gap else "", gap))
    return Dossier(case, lines, decision)


async def house_dossier(actor: Actor, case: HouseCase) -> Dossier:
    """The dossier as the house page shows it (the gaps' reasons of its rounds included)."""
    gaps = {
        (g.house_case_id, DossierItem(g.item)): g
        for g in await scoped(actor, SettlementGap).filter(house_case_id=case.id)
    }
    return await dossier_of(case, gaps)


@dataclass
class HouseRow:
    payments: HousePayments
    dossier: Dossier

    def support(self, source: FundingSource) -> int:
        return next((s.pledged for s in self.payments.funding.by_source if s.source == source), 0)


@dataclass
class Round:
    blist: BeneficiaryList
    decision: Decision | None
    rows: list[HouseRow]
    gaps: list[SettlementGap]
    closing: SettlementClosing | None
    not_opened: int = 0  # households the decision names with no case of the programme yet
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def decided(self) -> bool:
        return self.blist.state == ListState.DECIDED

    @property
    def unexplained(self) -> list[tuple[HouseCase, DossierLine]]:
        return [(r.dossier.case, line) for r in self.rows for line in r.dossier.unexplained]

    @property
    def paid_period(self) -> tuple[date, date] | None:
        """The first and the last day a voucher of the round was paid (for the sign-for-receipt
        list of its vouchers), or None before any."""
        days = [t.voucher.paid_on for r in self.rows for t in r.payments.tranches if t.voucher]
        return (min(days), max(days)) if days else None


async def _named(blist: BeneficiaryList) -> set[int]:
    """The households the list names (all but those their hamlet did not agree to)."""
    rows = (
        await ListEntry.filter(beneficiary_list_id=blist.id)
        .exclude(review_outcome=ReviewOutcome.NOT_AGREED)
        .values_list("household_id", flat=True)
    )
    return {int(row) for row in rows}  # type: ignore[call-overload]


async def _cases(blist: BeneficiaryList, named: set[int]) -> list[HouseCase]:
    """The round's houses: once the list is decided, the cases of its programme (not
    cancelled) opened for the households it names."""
    if blist.state != ListState.DECIDED:
        return []
    return list(
        await HouseCase.filter(
            commune_id=blist.commune_id, programme=blist.programme, household_id__in=named
        )
        .exclude(stage=Stage.CANCELLED)
        .select_related("household", "hamlet")
        .order_by("hamlet__name", "household__head_name_key", "id")
    )


async def round_vouchers(actor: Actor, list_id: int) -> list[Voucher]:
    """The vouchers paid to the round's houses (none before the list is decided), by house
    and tranche."""
    blist = await get_list(actor, list_id)
    cases = await _cases(blist, await _named(blist))
    by_case = {case.id: i for i, case in enumerate(cases)}
    found = await scoped(actor, Voucher).filter(house_case_id__in=list(by_case))
    return sorted(found, key=lambda v: (by_case[v.house_case_id], v.tranche != "first"))


async def dossier_of_house(actor: Actor, house_id: int) -> Dossier:
    """A house's dossier (in the actor's scope, else 404), as its page shows it."""
    return await house_dossier(actor, await get_case(actor, house_id))


async def round_of(actor: Actor, list_id: int) -> Round:
    """A round's houses with their money and dossiers, its gaps' reasons and its closing."""
    blist = await get_list(actor, list_id)
    named = await _named(blist)
    decided = blist.state == ListState.DECIDED
    cases = await _cases(blist, named)
    gaps = list(await SettlementGap.filter(beneficiary_list_id=blist.id).order_by("id"))
    by_key = {(g.house_case_id, DossierItem(g.item)): g for g in gaps}
    rows = [
        HouseRow(await payments_of(actor, case.id), await dossier_of(case, by_key))
        for case in cases
    ]
    found = Round(
        blist=blist,
        decision=await Decision.get_or_none(beneficiary_list_id=blist.id),
        rows=rows,
        gaps=gaps,
        closing=await SettlementClosing.get_or_none(beneficiary_list_id=blist.id),
        not_opened=len(named - {c.household_id for c in cases}) if decided else 0,
    )
    found.totals = {s.value: sum(r.support(s) for r in rows) for s in SUPPORT}
    found.totals["support"] = sum(r.payments.funding.support for r in rows)
    found.totals["paid"] = sum(r.payments.paid for r in rows)
    found.totals["balance"] = sum(r.payments.balance for r in rows)
    return found


async def decided_rounds(actor: Actor) -> list[tuple[BeneficiaryList, bool]]:
    """The decided lists in the actor's scope, each with whether its settlement is closed."""
    lists = list(
        await scoped(actor, BeneficiaryList)
        .filter(state=ListState.DECIDED)
        .select_related("commune")
        .order_by("-year", "programme", "-round", "-id")
        .limit(500)
    )
    closed = set(
        await SettlementClosing.filter(beneficiary_list_id__in=[b.id for b in lists]).values_list(
            "beneficiary_list_id", flat=True
        )
    )
    return [(b, b.id in closed) for b in lists]


async def _writable_round(actor: Actor, list_id: int) -> Round:
    found = await round_of(actor, list_id)
    if not can(actor).write_commune(found.blist.commune_id):
        raise Forbidden()
    if not found.decided:
        raise Conflict(NOT_DECIDED)
    if found.closing is not None:
        raise Conflict(CLOSED)
    return found


async def explain_gap(actor: Actor, list_id: int, data: GapIn) -> SettlementGap:
    """Gives the written reason a house of the round lacks an item of its dossier."""
    found = await _writable_round(actor, list_id)
    data, errors = GAP.check(data)
    row = next((r for r in found.rows if r.dossier.case.id == data.house_case_id), None)
    if "house_case_id" not in errors and row is None:
        errors["house_case_id"] = NOT_IN_ROUND
    elif row is not None and "item" not in errors:
        line = next(x for x in row.dossier.lines if x.item == data.item)
        if line.present:
            errors["item"] = NOT_MISSING
        elif line.gap is not None:
            raise Conflict("This gap already has its reason: correct it instead.")
    if errors:
        raise Invalid(errors)
    try:
        async with in_transaction():
            gap = await SettlementGap.create(
                beneficiary_list_id=found.blist.id,
                commune_id=found.blist.commune_id,
                **GAP.values(data),
            )
            await audit.record(
                actor,
                "create",
                "settlement_gap",
                gap.id,
                commune_id=found.blist.commune_id,
                after={**audit.snapshot(gap, GAP_FIELDS), "beneficiary_list_id": found.blist.id},
            )
    except IntegrityError as exc:
        raise Conflict("This gap already has its reason: correct it instead.") from exc
    return gap


async def get_gap(actor: Actor, gap_id: int) -> SettlementGap:
    gap = await scoped(actor, SettlementGap).get_or_none(id=gap_id)
    if gap is None:
        raise NotFound("No such gap.")
    return gap


async def correct_gap(actor: Actor, gap_id: int, patch: GapPatch) -> SettlementGap:
    """The reason of a gap, read at `patch.version` (the round still open)."""
    gap = await get_gap(actor, gap_id)
    await _writable_round(actor, gap.beneficiary_list_id)
    version = base_version(patch)
    await versions.check(actor, gap, version, entity="settlement_gap", audited=GAP_FIELDS)
    data, errors = GAP.check(GAP.merge(gap, patch))
    errors.update(errors_of(patch))
    errors.pop("version", None)
    if errors:
        raise Invalid(errors)
    return await versions.save(
        actor,
        gap,
        version,
        {"reason": data.reason},
        entity="settlement_gap",
        audited=GAP_FIELDS,
        commune_id=gap.commune_id,
        also={"beneficiary_list_id": gap.beneficiary_list_id},
    )


async def close_round(actor: Actor, list_id: int, data: ClosingIn) -> SettlementClosing:
    """Closes a round's settlement once every house's dossier is complete or explained."""
    found = await _writable_round(actor, list_id)
    data, errors = CLOSING.check(data)
    if errors:
        raise Invalid(errors)
    if found.unexplained:
        raise Conflict(
            UNEXPLAINED,
            details={
                "gaps": [f"{case.code}: {label(line.item)}" for case, line in found.unexplained]
            },
        )
    try:
        async with in_transaction():
            closing = await SettlementClosing.create(
                beneficiary_list_id=found.blist.id,
                commune_id=found.blist.commune_id,
                **CLOSING.values(data),
            )
            await audit.record(
                actor,
                "create",
                "settlement_closing",
                closing.id,
                commune_id=found.blist.commune_id,
                after={
                    **audit.snapshot(closing, CLOSING.audited),
                    "beneficiary_list_id": found.blist.id,
                    "houses": len(found.rows),
                    "paid": found.totals["paid"],
                    "explained_gaps": len(found.gaps),
                },
            )
    except IntegrityError as exc:
        raise Conflict(CLOSED) from exc
    return closing


# The report as a spreadsheet.

REPORT_COLUMNS = [
    Column("House case"),
    Column("Head of household"),
    Column("Hamlet"),
    Column("State budget", "money"),
    Column("Fund for the Poor", "money"),
    Column("Sponsors", "money"),
    Column("Support in all", "money"),
    Column("Paid by vouchers", "money"),
    Column("Still to pay", "money"),
    Column("Dossier"),
]


def report_rows(found: Round) -> list[list[object]]:
    rows: list[list[object]] = []
    for r in found.rows:
        case, money = r.dossier.case, r.payments
        rows.append(
            [
                case.code,
                case.household.head_name,
                case.hamlet.name,
                *(r.support(s) for s in SUPPORT),
                money.funding.support,
                money.paid,
                money.balance,
                "" if r.dossier.complete else ", ".join(label(x.item) for x in r.dossier.missing),
            ]
        )
    t = found.totals
    rows.append(
        [
            gettext("Total"),
            "",
            "",
            *(t[s.value] for s in SUPPORT),
            t["support"],
            t["paid"],
            t["balance"],
            "",
        ]
    )
    return rows


def report_xlsx(found: Round, stamp: str, unit: str) -> bytes:
    """The settlement report as an Excel workbook, set up to print on A4 (landscape, one page
    wide)."""
    table = Table("Settlement report", REPORT_COLUMNS, report_rows(found))
    return to_xlsx([table], stamp, unit, landscape=True)
