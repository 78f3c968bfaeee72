"""The demo's rounds.

- Every demo house case past "proposed" is approved by a People's Committee decision on a
  beneficiary list of its commune and programme: one list per commune and programme, taken
  from draft to decision with nothing in the way and written in bulk, as the demo writes its
  other records.
- Thần Sa's round 1 is written through the lists', vouchers' and settlement's own services as
  its officer would write it (audited as the app audits): its houses (those the demo hands
  over) reviewed by their hamlets, posted, one complaint answered and the list revised,
  decided ("125/QĐ-UBND"), both tranches of each house paid by a signed voucher, the gaps of
  the dossiers explained and the round closed. Round 2 approves Thần Sa's other houses; round
  3, also through the services, is posted now (its dates follow the day the demo is made),
  with a complaint from the public page not answered yet.

The house cases themselves are written by relief.demo, once their decision is known.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from relief.beneficiaries import demo as lists
from relief.beneficiaries.models import BeneficiaryList, Decision
from relief.beneficiaries.service import posting_days
from relief.core.actor import Actor
from relief.core.formatting import local_today
from relief.households.models import DamageAssessment, Household
from relief.houses import demo_photos, eligibility
from relief.houses.models import HouseCase, HouseKind, Programme, Stage
from relief.places.models import Commune, Hamlet
from relief.vouchers import service, settlement
from relief.vouchers.models import DossierItem, SettlementClosing, Voucher, VoucherTranche
from relief.vouchers.records import ClosingIn, GapIn, VoucherIn

YEAR = 2025
THAN_SA = "05725"
COMPLETE, OTHERS, POSTED = 1, 2, 3  # Thần Sa's rounds of its programme
PAID_BY = "Lục Thị Hoa, thủ quỹ UBND xã Thần Sa"
# Why an item of a demo dossier is missing: the photos are the only items the demo leaves out
# (none at all without a media directory).
GAP_REASONS = {
    DossierItem.STARTED_PHOTOS: (
        "Ảnh lúc khởi công lưu trong điện thoại của Trưởng thôn bị hỏng; có xác nhận bằng văn "
        "bản của Trưởng thôn và Ban công tác Mặt trận thôn."
    ),
    DossierItem.FIRST_PHOTOS: "Ảnh giai đoạn móng (30 %) lưu trong hồ sơ giấy của xã.",
    DossierItem.COMPLETED_PHOTOS: "Ảnh nhà hoàn thành lưu trong hồ sơ giấy của xã.",
}
OTHER_GAP = "Bản chính lưu tại bộ phận Tài chính - Kế toán xã."
COMPLAINT = (
    "Hộ {name} (thôn {hamlet}) đã được Hội Chữ thập đỏ hỗ trợ sửa chữa nhà năm 2024. Đề nghị "
    "xã xem xét lại việc đưa hộ vào danh sách đợt này."
)
ANSWER = (
    "Qua xác minh tại thôn và hồ sơ của Hội Chữ thập đỏ, hộ đã được hỗ trợ sửa chữa nhà năm "
    "2024. Mỗi hộ chỉ được hỗ trợ nhà ở một lần: UBND xã đưa hộ ra khỏi danh sách."
)
PUBLIC_COMPLAINT = (
    "Nhà tôi ở thôn {hamlet} bị tốc mái, tường nứt sau bão số 11 nhưng không có tên trong "
    "danh sách đợt này. Đề nghị xã xem xét."
)


@dataclass(frozen=True)
class Candidate:
    """A demo house case to be, as the rounds see it."""

    household: Household
    programme: Programme
    approved: bool  # it goes past "proposed": a decision approves it
    finished: bool  # handed over: Thần Sa's complete round takes it
    support: int  # what its funding will pledge of support: the draft's proposed amount


@dataclass
class Rounds:
    decisions: dict[int, Decision] = field(default_factory=dict)  # by household
    complete: BeneficiaryList | None = None
    posting: BeneficiaryList | None = None


async def decide_rounds(
    officer: Actor,
    communes: Sequence[Commune],
    candidates: Sequence[Candidate],
    households: Sequence[Household],
    disaster_id: int,
) -> Rounds:
    """The lists whose decisions approve the candidates, Thần Sa's complete round and its round
    in posting; `households` are Thần Sa's (a complaint and the posted round take some that
    have no case)."""
    by_id = {c.id: c for c in communes}
    than_sa = next(c for c in communes if c.code == THAN_SA)
    mine = [c for c in candidates if c.household.commune_id == than_sa.id]
    main = next((c.programme for c in mine if c.finished), Programme.GREAT_SOLIDARITY)
    groups: dict[tuple[int, str, int], list[Candidate]] = {}
    for c in candidates:
        if c.approved:
            round_ = 1
            if c.household.commune_id == than_sa.id and c.programme is main:
                round_ = COMPLETE if c.finished else OTHERS
            groups.setdefault((c.household.commune_id, c.programme.value, round_), []).append(c)
    taken = {c.household.id for c in candidates}
    # Households of Thần Sa with no case that the programme admits: the one a neighbour
    # complains about in round 1 (of its hamlets if there is one), two more in round 3.
    finished_hamlets = {c.household.hamlet_id for c in mine if c.finished}
    free = sorted(
        (h for h in households if h.id not in taken),
        key=lambda h: (h.hamlet_id not in finished_hamlets, h.id),
    )
    admitted = await _admitted(main, free, disaster_id, 3)
    about, others = admitted[:1], admitted[1:]
    found = Rounds()
    simple: list[lists.Decided] = []
    for i, ((commune_id, programme, round_), members) in enumerate(sorted(groups.items())):
        if commune_id == than_sa.id and programme == main.value and round_ == COMPLETE:
            found.complete, decision = await _complete_list(officer, members, about, disaster_id)
            found.decisions |= dict.fromkeys((c.household.id for c in members), decision)
            continue
        simple.append(
            lists.Decided(
                commune=by_id[commune_id],
                programme=Programme(programme),
                households=[c.household for c in members],
                round=round_,
                reviewed_on=date(YEAR, 10, 22) if round_ == OTHERS else date(YEAR, 10, 14 + i % 3),
                number="147/QĐ-UBND" if round_ == OTHERS else f"{60 + 3 * i}/QĐ-UBND",
            )
        )
    found.decisions |= await lists.write_decided(simple, YEAR, disaster_id)
    waiting = [c.household for c in mine if c.programme is main and not c.approved]
    found.posting = await _list_in_posting(officer, than_sa, main, [*waiting, *others], disaster_id)
    return found


async def _admitted(
    programme: Programme, households: Sequence[Household], disaster_id: int, wanted: int
) -> list[Household]:
    """The first `wanted` of the households with damage from the disaster that the programme
    admits."""
    assessed = set(
        await DamageAssessment.filter(
            household_id__in=[h.id for h in households], disaster_id=disaster_id
        ).values_list("household_id", flat=True)
    )
    found: list[Household] = []
    for h in households:
        if len(found) == wanted:
            break
        if h.id in assessed:
            facts = await eligibility.facts_of(h, YEAR, disaster_id)
            if eligibility.judge(facts, programme).eligible:
                found.append(h)
    return found


async def _complete_list(
    officer: Actor, members: list[Candidate], extra: list[Household], disaster_id: int
) -> tuple[BeneficiaryList, Decision]:
    """Round 1 of Thần Sa: its houses' households and `extra`, taken off the list after a
    complaint; the support proposed for each house is what its funding pledges."""
    first = members[0].household
    blist = await lists.draft(
        officer,
        first.commune_id,
        members[0].programme,
        [*(c.household.id for c in members), *(h.id for h in extra)],
        year=YEAR,
        round=COMPLETE,
        disaster_id=disaster_id,
        note="Đợt 1: các hộ khó khăn về nhà ở sau bão số 11, được thôn bình xét trước.",
    )
    await lists.set_amounts(officer, blist, {c.household.id: c.support for c in members})
    blist = await lists.reviewed(officer, blist, date(YEAR, 10, 14))
    starts_on = date(YEAR, 10, 15)
    blist = await lists.posted(officer, blist, starts_on)
    for household in extra:
        hamlet = await Hamlet.get(id=household.hamlet_id)
        await lists.complaint_upheld(
            officer,
            blist,
            household.id,
            received_on=date(YEAR, 10, 17),
            answered_on=date(YEAR, 10, 20),
            from_name="Đàm Văn Khải",
            content=COMPLAINT.format(name=household.head_name, hamlet=hamlet.name),
            answer=ANSWER,
            reason="Hộ đã được hỗ trợ sửa chữa nhà năm 2024 (Hội Chữ thập đỏ): không hỗ trợ trùng.",
        )
    decision = await lists.decided(officer, blist, "125/QĐ-UBND", lists.posting_end(starts_on))
    return blist, decision


async def _list_in_posting(
    officer: Actor,
    than_sa: Commune,
    programme: Programme,
    households: list[Household],
    disaster_id: int,
) -> BeneficiaryList | None:
    """Round 3 of Thần Sa, posted now whenever the demo is made: the posting began before
    today and ends after it; a complaint came in from the public page today."""
    if not households:
        return None
    today = local_today()
    starts_on = today - timedelta(days=posting_days() // 2)
    blist = await lists.draft(
        officer,
        than_sa.id,
        programme,
        [h.id for h in households],
        year=YEAR,
        round=POSTED,
        disaster_id=disaster_id,
        note="Đợt 3: các hộ khó khăn về nhà ở còn lại sau bão số 11.",
    )
    blist = await lists.reviewed(officer, blist, starts_on - timedelta(days=2))
    blist = await lists.posted(officer, blist, starts_on)
    hamlet = await Hamlet.get(id=households[0].hamlet_id)
    await lists.public_complaint(than_sa, blist, PUBLIC_COMPLAINT.format(hamlet=hamlet.name))
    return blist


def _first_stage_on(case: HouseCase) -> date | None:
    if case.kind is HouseKind.NEW_BUILD:
        return case.foundation_done_on
    return case.thirty_percent_done_on


async def pay_tranches(actor: Actor, case: HouseCase) -> list[Voucher]:
    """Both tranches of a finished house: the first three days after its foundation (or 30 %)
    was confirmed, the second two days after completion; each signed for on the day."""
    made = []
    for tranche, reached in (
        (VoucherTranche.FIRST, _first_stage_on(case)),
        (VoucherTranche.SECOND, case.completed_on),
    ):
        assert reached is not None, (case.code, tranche)
        paid_on = reached + timedelta(days=3 if tranche is VoucherTranche.FIRST else 2)
        data = VoucherIn(
            tranche=tranche,
            paid_on=paid_on,
            paid_by=PAID_BY,
            receiver_name=case.household.head_name,
            signed=True,
            signed_on=paid_on,
        )
        made.append(await service.issue_voucher(actor, case.id, data))
    return made


async def pay_and_settle(
    officer: Actor, blist: BeneficiaryList, media_dir: Path | None
) -> SettlementClosing:
    """The complete round's houses: photos of their stages (the start of a repair was not
    photographed), both tranches paid, every gap of the dossiers explained, the round closed
    five days after its last handover."""
    found = await settlement.round_of(officer, blist.id)
    cases = [row.dossier.case for row in found.rows]
    for case in cases:
        if media_dir is not None:
            stages = (
                [Stage.STARTED, Stage.FOUNDATION_DONE]
                if case.kind is HouseKind.NEW_BUILD
                else [Stage.THIRTY_PERCENT_DONE]
            )
            for stage in stages:
                on = getattr(case, f"{stage.value}_on")
                await demo_photos.photograph_stage(media_dir, case, stage, on)
        await pay_tranches(officer, case)
    found = await settlement.round_of(officer, blist.id)
    for case, line in found.unexplained:
        reason = GAP_REASONS.get(line.item, OTHER_GAP)
        await settlement.explain_gap(
            officer, blist.id, GapIn(house_case_id=case.id, item=line.item, reason=reason)
        )
    handed_over = [c.handed_over_on for c in cases if c.handed_over_on]
    closed_on = max(handed_over, default=date(YEAR, 12, 31)) + timedelta(days=5)
    note = f"Quyết toán {len(cases)} nhà của đợt {blist.round} năm {blist.year}."
    return await settlement.close_round(
        officer, blist.id, ClosingIn(closed_on=closed_on, note=note)
    )
