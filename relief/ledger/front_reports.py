"""The Front's report to the higher Front (issue 26): a commune Front sends the province Front
its month's money per fund (received, allocated and spent in the month, and the balance at its
end), read from the kept figures (relief.ledger.kept) and stored as they were when sent; the
province receives it or returns it with a comment, as it answers the quick reports (the steps,
versions and messages of relief.disaster_reports)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tortoise.expressions import Q
from tortoise.functions import Sum
from tortoise.transactions import in_transaction

from relief.core import audit
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.disaster_reports import sending
from relief.disaster_reports.records import ReportReturn, ReportStep
from relief.ledger import books
from relief.ledger.models import FrontReport, LedgerFigure

ENTITY = "front_report"
STEPS = ("received_at", "received_by", "returned_at", "returned_by", "return_comment")
MONTH = "Choose a month."
COMMUNE = "Choose a commune."
SENT = "This month's report was already sent; it can be sent again once the province returns it."


def now() -> datetime:
    return datetime.now(UTC)


async def figures(commune_id: int, year: int, month: int) -> list[dict[str, Any]]:
    """Each fund of the commune: received, allocated and spent in the month, and its balance
    (received less spent) at the month's end, from the kept figures."""
    funds = await books.funds_of(commune_id)
    lines: dict[int, dict[str, Any]] = {
        f.id: {
            "fund_id": f.id,
            "level": str(f.level),
            "received": 0,
            "allocated": 0,
            "spent": 0,
            "balance": 0,
        }
        for f in funds
    }
    rows = (
        await LedgerFigure.filter(
            Q(year__lt=year) | Q(year=year, month__lte=month), fund_id__in=list(lines)
        )
        .group_by("fund_id", "year", "month")
        .annotate(r=Sum("received"), a=Sum("allocated"), s=Sum("spent"))
        .values("fund_id", "year", "month", "r", "a", "s")
    )
    for row in rows:
        line = lines[row["fund_id"]]
        received, allocated, spent = int(row["r"] or 0), int(row["a"] or 0), int(row["s"] or 0)
        line["balance"] += received - spent
        if (row["year"], row["month"]) == (year, month):
            line["received"] += received
            line["allocated"] += allocated
            line["spent"] += spent
    return list(lines.values())


def total(lines: list[dict[str, Any]]) -> dict[str, int]:
    names = ("received", "allocated", "spent", "balance")
    return {name: sum(int(line[name]) for line in lines) for name in names}


def _check_month(year: int | None, month: int | None) -> tuple[int, int]:
    if year is None or month is None or not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise Invalid({"month": MONTH})
    return year, month


async def pending(commune_id: int, year: int, month: int) -> bool:
    """A report of this month sent and not returned (received, or awaiting the answer)."""
    return await FrontReport.filter(
        commune_id=commune_id, year=year, month=month, returned_at__isnull=True
    ).exists()


async def send(actor: Actor, commune_id: int | None, year: int | None, month: int | None):
    """The commune's Front sends its month: the figures are copied as they stand now."""
    year, month = _check_month(year, month)
    if commune_id is None:
        raise Invalid({"commune_id": COMMUNE})
    if not can(actor).keep_ledger or not can(actor).keep_fund(commune_id):
        raise Forbidden()
    async with in_transaction():
        if await pending(commune_id, year, month):
            raise Conflict(SENT)
        lines = await figures(commune_id, year, month)
        report = await FrontReport.create(
            commune_id=commune_id,
            year=year,
            month=month,
            figures=lines,
            sent_at=now(),
            sent_by=actor.username or "",
        )
        await audit.record(
            actor,
            "send_report",
            ENTITY,
            report.id,
            commune_id=commune_id,
            after={"year": year, "month": month, "figures": lines},
        )
    return report


async def get(actor: Actor, report_id: int) -> FrontReport:
    found = await scoped(actor, FrontReport).filter(id=report_id).select_related("commune").first()
    if found is None or not can(actor).read_ledger:
        raise NotFound("No such report.")
    return found


async def listed(actor: Actor, commune_id: int | None) -> list[FrontReport]:
    """The reports sent, newest first: a commune's own, or every commune's for the province."""
    qs = scoped(actor, FrontReport)
    if commune_id is not None:
        qs = qs.filter(commune_id=commune_id)
    return list(await qs.select_related("commune").order_by("-sent_at").limit(300))


def may_answer(actor: Actor) -> bool:
    """Admins and the province's Front officers."""
    return can(actor).keep_fund(None)


def _may_answer(actor: Actor, _: FrontReport) -> bool:
    return may_answer(actor)


# How the report is answered: the quick report's steps (relief.disaster_reports.sending); it is
# sent when it is made (`send`), so it offers no sending step of its own.
FLOW = sending.Flow(
    ENTITY,
    get=lambda actor, report_id: get(actor, report_id),
    may_send=lambda actor, report: False,
    may_answer=_may_answer,
    also=lambda r: {"year": r.year, "month": r.month},
    audited=STEPS,
    clock=lambda: now(),
)


async def receive(actor: Actor, report_id: int, step: ReportStep) -> FrontReport:
    return await sending.receive(FLOW, actor, report_id, step)


async def return_(actor: Actor, report_id: int, answer: ReportReturn) -> FrontReport:
    return await sending.give_back(FLOW, actor, report_id, answer)
