"""The API's shapes of the vouchers and the settlement: a house's tranches and vouchers, its
dossier, a round's report, its gaps and closing (the records' values from their catalogues,
relief/vouchers/records.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

from relief.core.labels import label
from relief.core.records import Record
from relief.vouchers import labels as _labels  # noqa: F401 - registers the codes' words
from relief.vouchers.models import SettlementClosing, SettlementGap, Voucher
from relief.vouchers.records import CLOSING, GAP, VOUCHER
from relief.vouchers.service import HousePayments
from relief.vouchers.settlement import SUPPORT, Dossier, Round


def _shape(name: str, fields: list[Any], doc: str = "") -> Any:
    made = msgspec.defstruct(name, fields, bases=(Record,), module=__name__, kw_only=True)
    made.__doc__ = doc
    return made


_VoucherOut = _shape(
    "VoucherOut",
    [
        ("id", int),
        ("house_id", int),
        ("commune_id", int),
        ("number", str),
        ("amount", int),  # the tranche, in đồng
        ("split", dict[str, int]),  # the amount by funding source
        *VOUCHER.out_fields(),
        ("version", int),
        ("url", str),  # the voucher's page, to print on A4
    ],
    "A voucher paying one tranche of a house's support.",
)
_GapOut = _shape(
    "GapOut",
    [("id", int), ("list_id", int), *GAP.out_fields(), ("version", int)],
    "The written reason an item of a house's settlement dossier is missing.",
)
_ClosingOut = _shape(
    "ClosingOut",
    [("id", int), ("list_id", int), *CLOSING.out_fields()],
    "A round's settlement closed.",
)
if TYPE_CHECKING:

    class VoucherOut(Record): ...

    class GapOut(Record): ...

    class ClosingOut(Record): ...

else:
    VoucherOut, GapOut, ClosingOut = _VoucherOut, _GapOut, _ClosingOut


class TrancheOut(msgspec.Struct):
    """A tranche of a house: its share of the support, what is due, the stage that releases
    it, and the voucher that paid it (None: not paid yet)."""

    tranche: str
    tranche_label: str
    share: int  # % of the support
    due: int
    stage: str
    stage_label: str
    paid: int
    voucher: VoucherOut | None


class SourcePaidOut(msgspec.Struct):
    """A source of the support: pledged, disbursed on its contributions, paid by vouchers."""

    source: str
    source_label: str
    pledged: int
    disbursed: int
    paid: int
    difference: int  # disbursed on the contributions but not on a voucher (or the reverse)


class PaymentsOut(msgspec.Struct):
    """A house's tranches of its support and what vouchers paid per funding source."""

    house_id: int
    support: int
    paid: int
    balance: int  # the support not paid by a voucher yet
    tranches: list[TrancheOut]
    by_source: list[SourcePaidOut]


class DossierItemOut(msgspec.Struct):
    item: str
    item_label: str
    present: bool
    detail: str  # the paper's number and date, when present
    reason: str  # why it is missing, when explained for a round


class DossierOut(msgspec.Struct):
    """A house's settlement dossier, computed from its records."""

    house_id: int
    code: str
    complete: bool
    missing: list[str]
    items: list[DossierItemOut]
    decision_id: int | None  # the People's Committee's decision naming the household
    list_id: int | None  # and its list (the round)


class SettlementHouseOut(msgspec.Struct):
    """A house of a round: its support by source, what vouchers paid, its dossier's gaps."""

    house_id: int
    code: str
    head_name: str
    hamlet: str
    state_budget: int
    fund_for_the_poor: int
    sponsor: int
    support: int
    paid: int
    balance: int
    complete: bool
    missing: list[str]
    unexplained: list[str]


class SettlementTotals(msgspec.Struct):
    state_budget: int
    fund_for_the_poor: int
    sponsor: int
    support: int
    paid: int
    balance: int


class SettlementOut(msgspec.Struct):
    """A round's settlement report: each house's money and dossier, the totals by source,
    the gaps' reasons, and the closing (None while it is open)."""

    list_id: int
    commune_id: int
    programme: str
    programme_label: str
    year: int
    round: int
    decided: bool
    decision_id: int | None
    houses: list[SettlementHouseOut]
    totals: SettlementTotals
    gaps: list[GapOut]
    not_opened: int  # households the decision names with no case of the programme yet
    closing: ClosingOut | None


def voucher_out(v: Voucher) -> VoucherOut:
    return VoucherOut(
        id=v.id,
        house_id=v.house_case_id,
        commune_id=v.commune_id,
        number=v.number,
        amount=v.amount,
        split={k: int(x) for k, x in (v.split or {}).items()},
        **VOUCHER.out_values(v, contacts=True),
        version=v.version,
        url=f"/vouchers/{v.id}",
    )


def payments_out(p: HousePayments) -> PaymentsOut:
    return PaymentsOut(
        house_id=p.case.id,
        support=p.funding.support,
        paid=p.paid,
        balance=p.balance,
        tranches=[
            TrancheOut(
                tranche=t.tranche.value,
                tranche_label=label(t.tranche),
                share=t.share,
                due=t.due,
                stage=t.stage.value,
                stage_label=label(t.stage),
                paid=t.paid,
                voucher=voucher_out(t.voucher) if t.voucher else None,
            )
            for t in p.tranches
        ],
        by_source=[
            SourcePaidOut(
                source=s.source.value,
                source_label=label(s.source),
                pledged=s.pledged,
                disbursed=s.disbursed,
                paid=s.paid,
                difference=s.difference,
            )
            for s in p.by_source
        ],
    )


def dossier_out(d: Dossier) -> DossierOut:
    return DossierOut(
        house_id=d.case.id,
        code=d.case.code,
        complete=d.complete,
        missing=[line.item.value for line in d.missing],
        items=[
            DossierItemOut(
                item=line.item.value,
                item_label=label(line.item),
                present=line.present,
                detail=line.detail,
                reason=line.reason,
            )
            for line in d.lines
        ],
        decision_id=d.decision.id if d.decision else None,
        list_id=d.decision.beneficiary_list_id if d.decision else None,
    )


def gap_out(g: SettlementGap) -> GapOut:
    return GapOut(
        id=g.id,
        list_id=g.beneficiary_list_id,
        **GAP.out_values(g, contacts=True),
        version=g.version,
    )


def closing_out(c: SettlementClosing) -> ClosingOut:
    return ClosingOut(
        id=c.id, list_id=c.beneficiary_list_id, **CLOSING.out_values(c, contacts=True)
    )


def settlement_out(r: Round) -> SettlementOut:
    blist = r.blist
    houses = []
    for row in r.rows:
        case, money = row.dossier.case, row.payments
        houses.append(
            SettlementHouseOut(
                house_id=case.id,
                code=case.code,
                head_name=case.household.head_name,
                hamlet=case.hamlet.name,
                **{s.value: row.support(s) for s in SUPPORT},
                support=money.funding.support,
                paid=money.paid,
                balance=money.balance,
                complete=row.dossier.complete,
                missing=[line.item.value for line in row.dossier.missing],
                unexplained=[line.item.value for line in row.dossier.unexplained],
            )
        )
    return SettlementOut(
        list_id=blist.id,
        commune_id=blist.commune_id,
        programme=blist.programme.value,
        programme_label=label(blist.programme),
        year=blist.year,
        round=blist.round,
        decided=r.decided,
        decision_id=r.decision.id if r.decision else None,
        houses=houses,
        totals=SettlementTotals(**r.totals),
        gaps=[gap_out(g) for g in r.gaps],
        not_opened=r.not_opened,
        closing=closing_out(r.closing) if r.closing else None,
    )
