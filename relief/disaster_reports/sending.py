"""Sending a report up and the higher level's answer: the one mechanism every report a commune
sends takes (the quick report, the event summary and periodic reports, the Front's monthly
report). A report is a row with `sent_at`/`sent_by`, `received_at`/`received_by`,
`returned_at`/`returned_by`, `return_comment` and `version`; its `Flow` says how it is read
(scoped, 404 outside), who sends and who answers it, and what its audit entries carry.

- send: once (409 again); a sent report never changes (a change is a new report, sent again);
- receive (who, when) or return with a comment (required, 422 on the field), once, only once
  sent (409);
- each step a versioned write (`versions.save`: a stale page is refused, 409) with its audit
  entry ("send_report", "receive_report", "return_report").

`at`: the moment of a step recorded after the fact (the demo's history); the clock's otherwise.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from msgspec import UNSET

from relief.core import versions
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, Invalid
from relief.core.records import base_version, errors_of
from relief.disaster_reports.records import RETURN, ReportReturn, ReportReturnIn, ReportStep

# What sending and the answer change on a report (its audited fields).
STEPS = (
    "sent_at",
    "sent_by",
    "received_at",
    "received_by",
    "returned_at",
    "returned_by",
    "return_comment",
)
ALREADY_SENT = "This version was already sent; save a new version to send it again."
NOT_SENT = "This version has not been sent yet."
ALREADY_ANSWERED = "The province has already received or returned this version."

R = TypeVar("R")


def now() -> datetime:
    """The moment a step is taken (one place, so that tests can set the clock)."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class Flow:
    """How one kind of report is sent and answered."""

    entity: str
    get: Callable[[Actor, int], Awaitable[Any]]  # the report in the actor's scope, else 404
    may_send: Callable[[Actor, Any], bool]
    may_answer: Callable[[Actor, Any], bool]
    also: Callable[[Any], dict[str, Any]] = lambda _: {}
    audited: Sequence[str] = field(default=STEPS)
    clock: Callable[[], datetime] | None = None  # None: this module's `now`

    def moment(self, at: datetime | None) -> datetime:
        return at or (self.clock or now)()


async def send(flow: Flow, actor: Actor, report_id: int, step: ReportStep, at=None) -> Any:
    """The commune sends the report: who and when are kept."""
    report = await flow.get(actor, report_id)
    if not flow.may_send(actor, report):
        raise Forbidden()
    version = base_version(step)
    await versions.check(actor, report, version, entity=flow.entity, audited=flow.audited)
    if report.sent_at is not None:
        raise Conflict(ALREADY_SENT)
    values = {"sent_at": flow.moment(at), "sent_by": actor.username or ""}
    return await _step(flow, actor, report, version, values, "send_report")


async def receive(flow: Flow, actor: Actor, report_id: int, step: ReportStep, at=None) -> Any:
    """The higher level receives a sent report (who, when)."""
    report, version = await _answerable(flow, actor, report_id, step)
    values = {"received_at": flow.moment(at), "received_by": actor.username or ""}
    return await _step(flow, actor, report, version, values, "receive_report")


async def give_back(flow: Flow, actor: Actor, report_id: int, answer: ReportReturn, at=None) -> Any:
    """The higher level returns a sent report with a comment (required) the commune reads."""
    report = await flow.get(actor, report_id)
    if not flow.may_answer(actor, report):
        raise Forbidden()
    version = base_version(answer)
    await versions.check(actor, report, version, entity=flow.entity, audited=flow.audited)
    comment = answer.return_comment if answer.return_comment is not UNSET else ""
    data, errors = RETURN.check(ReportReturnIn(return_comment=comment or ""))
    errors.update(errors_of(answer))
    errors.pop("version", None)
    if errors:
        raise Invalid(errors)
    _check_answerable(report)
    values = {
        "returned_at": flow.moment(at),
        "returned_by": actor.username or "",
        "return_comment": data.return_comment,
    }
    return await _step(flow, actor, report, version, values, "return_report")


def answered(report: Any) -> bool:
    return report.received_at is not None or report.returned_at is not None


async def _answerable(flow: Flow, actor: Actor, report_id: int, step: Any) -> tuple[Any, int]:
    report = await flow.get(actor, report_id)
    if not flow.may_answer(actor, report):
        raise Forbidden()
    version = base_version(step)
    await versions.check(actor, report, version, entity=flow.entity, audited=flow.audited)
    _check_answerable(report)
    return report, version


def _check_answerable(report: Any) -> None:
    if report.sent_at is None:
        raise Conflict(NOT_SENT)
    if answered(report):
        raise Conflict(ALREADY_ANSWERED)


async def _step(
    flow: Flow, actor: Actor, report: Any, version: int, values: dict[str, Any], action: str
) -> Any:
    return await versions.save(
        actor,
        report,
        version,
        values,
        entity=flow.entity,
        audited=flow.audited,
        action=action,
        commune_id=report.commune_id,
        also=flow.also(report),
        reload=lambda: flow.get(actor, report.id),
    )
