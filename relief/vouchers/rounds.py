"""The state of the rounds per commune, for the province: each beneficiary list of the actor's
communes (a round: commune, programme, year, round) with its households, posting, complaints,
decision, the vouchers paid against the support of its houses, and its settlement (closed, or
the items its houses' dossiers lack); the totals per state.

Everything is read through the scope, one query per family of figures whatever the number of
lists and houses: the lists, their entries, postings, complaints, decisions, closings and gaps;
the houses of the decided rounds with their support, vouchers, signed minutes and photos. A
house's dossier is the settlement's own rule (`settlement.dossier_from`), given what was read.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from tortoise.expressions import Subquery
from tortoise.functions import Count, Sum

from relief.beneficiaries.models import (
    BeneficiaryList,
    Complaint,
    ComplaintOutcome,
    Decision,
    ListEntry,
    ListState,
    Posting,
    ReviewOutcome,
)
from relief.core.actor import Actor
from relief.core.scope import scoped
from relief.houses.models import (
    SUPPORT_SOURCES,
    Contribution,
    HouseCase,
    Photo,
    Stage,
    StageEvent,
)
from relief.vouchers.models import (
    DossierItem,
    SettlementClosing,
    SettlementGap,
    Voucher,
    VoucherTranche,
)
from relief.vouchers.settlement import dossier_from

MAX_ROUNDS = 500


@dataclass
class RoundRow:
    """One round as the overview shows it."""

    blist: BeneficiaryList
    households: int = 0  # on the list
    posting: Posting | None = None
    complaints: int = 0
    answered: int = 0
    decision: Decision | None = None
    houses: int = 0  # the decided round's houses (cases of its programme, not cancelled)
    vouchers: int = 0
    paid: int = 0  # by the vouchers
    support: int = 0  # pledged to its houses by the state, the Fund for the Poor and sponsors
    missing: int = 0  # items its houses' dossiers lack
    unexplained: int = 0  # of which with no reason given
    closing: SettlementClosing | None = None

    @property
    def open_complaints(self) -> int:
        return self.complaints - self.answered

    @property
    def decided(self) -> bool:
        return self.blist.state == ListState.DECIDED


@dataclass
class Totals:
    """The sums of some rounds (those of a state, or all)."""

    state: ListState | None = None
    rounds: int = 0
    households: int = 0
    open_complaints: int = 0
    vouchers: int = 0
    paid: int = 0
    support: int = 0
    closed: int = 0

    def add(self, row: RoundRow) -> None:
        self.rounds += 1
        self.households += row.households
        self.open_complaints += row.open_complaints
        self.vouchers += row.vouchers
        self.paid += row.paid
        self.support += row.support
        self.closed += row.closing is not None


@dataclass
class Overview:
    rows: list[RoundRow]
    by_state: list[Totals] = field(default_factory=list)  # every state, in the lists' order
    total: Totals = field(default_factory=Totals)


async def overview(actor: Actor, commune_code: str | None = None) -> Overview:
    """The rounds of the actor's communes (of one commune, by its code), by commune name, the
    latest year first."""
    lists_qs = scoped(actor, BeneficiaryList).select_related("commune")
    if commune_code:
        lists_qs = lists_qs.filter(commune__code=commune_code[:10])
    lists = list(
        await lists_qs.order_by("commune__name", "-year", "programme", "round", "id").limit(
            MAX_ROUNDS
        )
    )
    rows = {b.id: RoundRow(b) for b in lists}
    ids = list(rows)
    named: dict[int, set[int]] = defaultdict(set)  # the households each decision names
    for list_id, household_id, outcome in (
        await scoped(actor, ListEntry)
        .filter(beneficiary_list_id__in=ids)
        .values_list("beneficiary_list_id", "household_id", "review_outcome")
    ):
        rows[list_id].households += 1
        if outcome != ReviewOutcome.NOT_AGREED:
            named[list_id].add(household_id)
    for posting in await scoped(actor, Posting).filter(beneficiary_list_id__in=ids):
        rows[posting.beneficiary_list_id].posting = posting
    for found in (
        await scoped(actor, Complaint)
        .filter(beneficiary_list_id__in=ids)
        .annotate(n=Count("id"))
        .group_by("beneficiary_list_id", "outcome")
        .values("beneficiary_list_id", "outcome", "n")
    ):
        row = rows[found["beneficiary_list_id"]]
        row.complaints += found["n"]
        if found["outcome"] != ComplaintOutcome.PENDING:
            row.answered += found["n"]
    for decision in await scoped(actor, Decision).filter(beneficiary_list_id__in=ids):
        rows[decision.beneficiary_list_id].decision = decision
    for closing in await scoped(actor, SettlementClosing).filter(beneficiary_list_id__in=ids):
        rows[closing.beneficiary_list_id].closing = closing
    decided = [r for r in rows.values() if r.decided]
    await _houses(actor, decided, named)
    result = Overview(list(rows.values()))
    by_state = {s: Totals(state=s) for s in ListState}
    for row in result.rows:
        by_state[ListState(row.blist.state)].add(row)
        result.total.add(row)
    result.by_state = list(by_state.values())
    return result


async def _houses(actor: Actor, decided: list[RoundRow], named: dict[int, set[int]]) -> None:
    """The decided rounds' houses: the cases of the round's programme in its commune for the
    households its decision names (as the settlement counts them), their support, vouchers and
    dossiers."""
    if not decided:
        return
    ids = [r.blist.id for r in decided]
    households = Subquery(
        ListEntry.filter(beneficiary_list_id__in=ids)
        .exclude(review_outcome=ReviewOutcome.NOT_AGREED)
        .values("household_id")
    )
    cases = list(
        await scoped(actor, HouseCase)
        .filter(household_id__in=households)
        .exclude(stage=Stage.CANCELLED)
    )
    by_key = defaultdict(list)
    for case in cases:
        by_key[(case.commune_id, str(case.programme))].append(case)
    case_ids = [c.id for c in cases]
    support = {
        r["house_case_id"]: int(r["s"] or 0)
        for r in await scoped(actor, Contribution)
        .filter(house_case_id__in=case_ids, source__in=list(SUPPORT_SOURCES))
        .annotate(s=Sum("amount_pledged"))
        .group_by("house_case_id")
        .values("house_case_id", "s")
    }
    vouchers: dict[int, dict[VoucherTranche, Voucher]] = defaultdict(dict)
    for v in await scoped(actor, Voucher).filter(house_case_id__in=case_ids):
        vouchers[v.house_case_id][VoucherTranche(v.tranche)] = v
    minutes: dict[int, dict[str, tuple[str, date | None]]] = defaultdict(dict)
    for case_id, stage, number, on in (
        await scoped(actor, StageEvent)
        .filter(house_case_id__in=case_ids, minutes_number__isnull=False)
        .order_by("id")
        .values_list("house_case_id", "to_stage", "minutes_number", "minutes_on")
    ):
        minutes[case_id][str(stage)] = (number, on)
    photographed: dict[int, set[str]] = defaultdict(set)
    for case_id, stage in (
        await scoped(actor, Photo)
        .filter(house_case_id__in=case_ids)
        .distinct()
        .values_list("house_case_id", "stage")
    ):
        photographed[case_id].add(str(stage))
    gaps: dict[int, dict[tuple[int, DossierItem], SettlementGap]] = defaultdict(dict)
    for gap in await scoped(actor, SettlementGap).filter(beneficiary_list_id__in=ids):
        gaps[gap.beneficiary_list_id][(gap.house_case_id, DossierItem(gap.item))] = gap
    for row in decided:
        blist = row.blist
        for case in by_key[(blist.commune_id, str(blist.programme))]:
            if case.household_id not in named[blist.id]:
                continue
            paid = vouchers[case.id]
            dossier = dossier_from(
                case,
                minutes[case.id],
                paid,
                photographed[case.id],
                row.decision,
                gaps[blist.id],
            )
            row.houses += 1
            row.support += support.get(case.id, 0)
            row.vouchers += len(paid)
            row.paid += sum(v.amount for v in paid.values())
            row.missing += len(dossier.missing)
            row.unexplained += len(dossier.unexplained)
