"""JSON API of the vouchers and the settlement: a house's tranches and vouchers, a tranche
paid, a signature recorded, a list's vouchers; a house's dossier, a round's settlement report,
a gap explained, a round closed (the same services as the pages)."""

from __future__ import annotations

from litestar import Controller, get, patch, post
from litestar.params import FromPath
from litestar.status_codes import HTTP_201_CREATED

from relief.beneficiaries.service import get_list
from relief.core.actor import CurrentActor
from relief.core.api import CREATE, READ_ONE, UPDATE, Body
from relief.core.guards import requires
from relief.core.permissions import Can
from relief.houses.service import get_case
from relief.vouchers import service, settlement
from relief.vouchers.records import (
    CLOSING,
    GAP,
    VOUCHER,
    ClosingIn,
    GapIn,
    GapPatch,
    VoucherIn,
    VoucherPatch,
)
from relief.vouchers.schemas import (
    ClosingOut,
    DossierOut,
    GapOut,
    PaymentsOut,
    SettlementOut,
    VoucherOut,
    closing_out,
    dossier_out,
    gap_out,
    payments_out,
    settlement_out,
    voucher_out,
)

STAFF = requires(Can.read_records)
WRITERS = requires(Can.write_records)


class VouchersApi(Controller):
    path = "/api/v1"
    tags = ["vouchers"]
    guards = [STAFF]

    @get("/houses/{house_id:int}/vouchers", operation_id="getHousePayments", responses=READ_ONE)
    async def payments(self, actor: CurrentActor, house_id: FromPath[int]) -> PaymentsOut:
        """A house's tranches (what is due, which voucher paid it) and what vouchers paid per
        funding source against what its contributions disbursed."""
        return payments_out(await service.payments_of(actor, house_id))

    @post(
        "/houses/{house_id:int}/vouchers",
        operation_id="payTranche",
        guards=[WRITERS],
        status_code=HTTP_201_CREATED,
        responses=CREATE,
    )
    async def pay(
        self, actor: CurrentActor, house_id: FromPath[int], data: Body[VoucherIn]
    ) -> VoucherOut:
        """Pays a tranche of the house by a voucher: its amount is the tranche of the support,
        computed, never sent; once the stage (and its minutes) release it."""
        await get_case(actor, house_id)
        voucher = await service.issue_voucher(actor, house_id, VOUCHER.body(data))
        return voucher_out(voucher)

    @get("/vouchers/{voucher_id:int}", operation_id="getVoucher", responses=READ_ONE)
    async def get_voucher(self, actor: CurrentActor, voucher_id: FromPath[int]) -> VoucherOut:
        """One voucher."""
        return voucher_out(await service.get_voucher(actor, voucher_id))

    @patch(
        "/vouchers/{voucher_id:int}",
        operation_id="updateVoucher",
        guards=[WRITERS],
        responses=UPDATE,
    )
    async def update_voucher(
        self, actor: CurrentActor, voucher_id: FromPath[int], data: Body[VoucherPatch]
    ) -> VoucherOut:
        """Records the receiver's signature (`signed`, `signed_on`) or corrects the payer, the
        receiver or the note; `version` must be the one read (409 if it is stale)."""
        await service.get_voucher(actor, voucher_id)
        voucher = await service.update_voucher(actor, voucher_id, VOUCHER.body_patch(data))
        return voucher_out(voucher)

    @get("/lists/{list_id:int}/vouchers", operation_id="listRoundVouchers", responses=READ_ONE)
    async def round_vouchers(self, actor: CurrentActor, list_id: FromPath[int]) -> list[VoucherOut]:
        """The vouchers paid to the houses of a decided list (none before the decision)."""
        return [voucher_out(v) for v in await settlement.round_vouchers(actor, list_id)]

    @get("/houses/{house_id:int}/dossier", operation_id="getHouseDossier", responses=READ_ONE)
    async def dossier(self, actor: CurrentActor, house_id: FromPath[int]) -> DossierOut:
        """A house's settlement dossier: each item present (with its paper's number and
        date) or missing (with the round's reason, if given)."""
        return dossier_out(await settlement.dossier_of_house(actor, house_id))

    @get("/settlements/{list_id:int}", operation_id="getSettlement", responses=READ_ONE)
    async def settlement(self, actor: CurrentActor, list_id: FromPath[int]) -> SettlementOut:
        """A round's settlement report (a decided list): each house's support by source, what
        vouchers paid, the balance and its dossier; the totals by source; the gaps' reasons."""
        return settlement_out(await settlement.round_of(actor, list_id))

    @post(
        "/settlements/{list_id:int}/gaps",
        operation_id="explainSettlementGap",
        guards=[WRITERS],
        status_code=HTTP_201_CREATED,
        responses=CREATE,
    )
    async def explain(
        self, actor: CurrentActor, list_id: FromPath[int], data: Body[GapIn]
    ) -> GapOut:
        """Gives the written reason an item of a round's house's dossier is missing."""
        await get_list(actor, list_id)
        return gap_out(await settlement.explain_gap(actor, list_id, GAP.body(data)))

    @patch(
        "/settlements/gaps/{gap_id:int}",
        operation_id="updateSettlementGap",
        guards=[WRITERS],
        responses=UPDATE,
    )
    async def correct(
        self, actor: CurrentActor, gap_id: FromPath[int], data: Body[GapPatch]
    ) -> GapOut:
        """Corrects the reason of a gap read at `version` (the round still open)."""
        await settlement.get_gap(actor, gap_id)
        return gap_out(await settlement.correct_gap(actor, gap_id, GAP.body_patch(data)))

    @post(
        "/settlements/{list_id:int}/close",
        operation_id="closeSettlement",
        guards=[WRITERS],
        status_code=HTTP_201_CREATED,
        responses=CREATE,
    )
    async def close(
        self, actor: CurrentActor, list_id: FromPath[int], data: Body[ClosingIn]
    ) -> ClosingOut:
        """Closes the round once every house's dossier is complete or each gap explained (409
        naming the gaps left otherwise)."""
        await get_list(actor, list_id)
        return closing_out(await settlement.close_round(actor, list_id, CLOSING.body(data)))
