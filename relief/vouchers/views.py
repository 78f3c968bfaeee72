"""Pages of the vouchers and the settlement: a tranche paid from the house page, a voucher
printed (and its signature recorded), the sign-for-receipt list of a commune's vouchers, the
rounds to settle, a round's report (page, A4, XLSX), a gap explained, a round closed, and the
state of the rounds per commune for the province. The house page's section (tranches,
reconciliation, dossier) is `house_section`."""

from __future__ import annotations

from datetime import date
from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Response, Template

from relief.core import audit
from relief.core.actor import Actor, CurrentActor
from relief.core.formatting import local_today
from relief.core.guards import requires
from relief.core.pages import Again, save_form
from relief.core.permissions import Can, can
from relief.core.scope import scoped
from relief.core.sections import Section
from relief.houses.models import HouseCase, Stage
from relief.houses.service import get_case
from relief.houses.views import case_page
from relief.places.models import Commune
from relief.vouchers import rounds, service, settlement
from relief.vouchers.records import CLOSING, GAP, VOUCHER

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def house_section(actor: Actor, case: HouseCase) -> Section | None:
    """The house page's tranches (due, paid by which voucher), what was paid per source
    against the contributions disbursed, and the settlement dossier."""
    payments = await service.payments_of(actor, case.id)
    dossier = await settlement.house_dossier(actor, case)
    return Section(
        "vouchers/_house.html",
        {
            "payments": payments,
            "dossier": dossier,
            "round_id": dossier.decision.beneficiary_list_id if dossier.decision else None,
            "payable": [
                t for t in payments.tranches if t.voucher is None and case.stage != Stage.CANCELLED
            ],
        },
    )


async def _voucher_page(actor: Actor, voucher_id: int, status: int = 200, **extra: Any) -> Template:
    voucher = await service.get_voucher(actor, voucher_id)
    context: dict[str, Any] = {
        "v": voucher,
        "case": voucher.house_case,
        "form": VOUCHER.form_values(voucher),
        "errors": {},
        "problem": None,
    }
    context.update(extra)
    return Template("vouchers/voucher.html", context=context, status_code=status)


async def _round_page(actor: Actor, list_id: int, status: int = 200, **extra: Any) -> Template:
    found = await settlement.round_of(actor, list_id)
    context: dict[str, Any] = {
        "r": found,
        "may_write": can(actor).write_commune(found.blist.commune_id),
        "today": local_today(),
        "form": {},
        "errors": {},
        "problem": None,
        "where": "",
    }
    context.update(extra)
    return Template("vouchers/round.html", context=context, status_code=status)


def _round_again(actor: Actor, list_id: int, where: str) -> Any:
    async def again(again: Again) -> Template:
        return await _round_page(
            actor,
            list_id,
            again.status,
            form=again.values,
            errors=again.errors,
            problem=again.problem,
            details=again.details,
            where=where,
        )

    return again


def _month_start(day: date) -> date:
    return day.replace(day=1)


class VoucherViews(Controller):
    path = "/"
    tags = ["vouchers"]
    include_in_schema = False
    guards = [requires(Can.read_records)]

    @post(
        "/houses/{house_id:int}/vouchers",
        operation_id="issueVoucherPage",
        guards=[requires(Can.write_records)],
    )
    async def issue(
        self, actor: CurrentActor, house_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Pays a tranche of the house by a voucher (its amount is the tranche's)."""
        await get_case(actor, house_id)  # 404 out of scope before any form error

        async def save(data: dict) -> Any:
            return await service.issue_voucher(actor, house_id, VOUCHER.form(data))

        async def again(again: Again) -> Template:
            return await case_page(
                actor,
                house_id,
                again.status,
                focus="payments",
                form=again.values,
                errors=again.errors,
                problem=again.problem,
            )

        return await save_form(request, actor, save, lambda v: f"/vouchers/{v.id}", again)

    @get("/vouchers/{voucher_id:int}", operation_id="voucherPage")
    async def voucher(self, actor: CurrentActor, voucher_id: FromPath[int]) -> Template:
        """A voucher on A4, and below it the receiver's signature to record."""
        return await _voucher_page(actor, voucher_id)

    @post(
        "/vouchers/{voucher_id:int}",
        operation_id="updateVoucherPage",
        guards=[requires(Can.write_records)],
    )
    async def update(
        self, actor: CurrentActor, voucher_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Records the receiver's signature (or corrects the payer, the receiver, the note)."""
        await service.get_voucher(actor, voucher_id)

        async def save(data: dict) -> Any:
            return await service.update_voucher(actor, voucher_id, VOUCHER.form_patch(data))

        async def again(again: Again) -> Template:
            return await _voucher_page(
                actor,
                voucher_id,
                again.status,
                form=again.values,
                errors=again.errors,
                problem=again.problem,
            )

        return await save_form(request, actor, save, f"/vouchers/{voucher_id}", again)

    @get("/vouchers", operation_id="voucherReceiptList")
    async def receipts(
        self,
        actor: CurrentActor,
        commune_id: FromQuery[int | None] = None,
        start: FromQuery[date | None] = None,
        end: FromQuery[date | None] = None,
    ) -> Template:
        """The sign-for-receipt list of a commune's vouchers paid in a period (this month by
        default), to print on A4."""
        today = local_today()
        start, end = start or _month_start(today), end or today
        commune_id = can(actor).home_commune or commune_id
        commune = await scoped(actor, Commune).get_or_none(id=commune_id) if commune_id else None
        vouchers = (
            await service.vouchers_of_period(actor, commune.id, start, end) if commune else []
        )
        communes = (
            []
            if can(actor).home_commune
            else list(await scoped(actor, Commune).filter(is_focus=True))
        )
        return Template(
            "vouchers/receipts.html",
            context={
                "commune": commune,
                "communes": communes,
                "vouchers": vouchers,
                "start": start,
                "end": end,
                "today": today,
            },
        )

    @get("/settlements", operation_id="settlementsPage")
    async def rounds(self, actor: CurrentActor) -> Template:
        """The decided rounds (beneficiary lists) to settle, and whether each is closed."""
        return Template(
            "vouchers/rounds.html", context={"rounds": await settlement.decided_rounds(actor)}
        )

    @get("/rounds", operation_id="roundsByCommunePage")
    async def by_commune(
        self, actor: CurrentActor, commune: FromQuery[str | None] = None
    ) -> Template:
        """The state of the rounds per commune (of one, by its code): each list's households,
        posting, complaints, decision, vouchers against the support, settlement; totals per
        state."""
        found = await rounds.overview(actor, commune)
        return Template("vouchers/by_commune.html", context={"o": found, "commune": commune})

    @get("/settlements/{list_id:int}", operation_id="settlementPage")
    async def round(self, actor: CurrentActor, list_id: FromPath[int]) -> Template:
        """A round's settlement: each house's money and dossier, the gaps, the closing."""
        return await _round_page(actor, list_id)

    @get("/settlements/{list_id:int}/print", operation_id="settlementPaper")
    async def paper(self, actor: CurrentActor, list_id: FromPath[int]) -> Template:
        """The settlement report on A4."""
        found = await settlement.round_of(actor, list_id)
        return Template("vouchers/round_paper.html", context={"r": found, "today": local_today()})

    @get("/settlements/{list_id:int}/xlsx", operation_id="settlementXlsx")
    async def xlsx(self, actor: CurrentActor, list_id: FromPath[int]) -> Response:
        """The settlement report as an Excel workbook (A4, in the reader's language)."""
        found = await settlement.round_of(actor, list_id)
        blist = found.blist
        await audit.record(
            actor,
            "export",
            "settlement_report",
            blist.id,
            commune_id=blist.commune_id,
            after={"format": "xlsx", "rows": len(found.rows)},
        )
        stamp = local_today().strftime("%d/%m/%Y")
        unit = f"{blist.commune.name} · {blist.year}/{blist.round}"
        return Response(
            settlement.report_xlsx(found, stamp, unit),
            media_type=XLSX,
            headers={"Content-Disposition": f'attachment; filename="quyet-toan-{blist.id}.xlsx"'},
        )

    @post(
        "/settlements/{list_id:int}/gaps",
        operation_id="explainSettlementGapPage",
        guards=[requires(Can.write_records)],
    )
    async def explain(
        self, actor: CurrentActor, list_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Gives the written reason an item of a house's dossier is missing."""
        await settlement.round_of(actor, list_id)

        async def save(data: dict) -> Any:
            return await settlement.explain_gap(actor, list_id, GAP.form(data))

        again = _round_again(actor, list_id, "gap")
        return await save_form(request, actor, save, f"/settlements/{list_id}#gaps", again)

    @post(
        "/settlements/{list_id:int}/close",
        operation_id="closeSettlementPage",
        guards=[requires(Can.write_records)],
    )
    async def close(
        self, actor: CurrentActor, list_id: FromPath[int], request: Request
    ) -> Template | Redirect:
        """Closes the round's settlement (every dossier complete or each gap explained)."""
        await settlement.round_of(actor, list_id)

        async def save(data: dict) -> Any:
            return await settlement.close_round(actor, list_id, CLOSING.form(data))

        return await save_form(
            request, actor, save, f"/settlements/{list_id}", _round_again(actor, list_id, "close")
        )
