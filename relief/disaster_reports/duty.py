"""The quick report's duty calendar: for each day of a disaster, the report a commune owes,
its deadline and its state, computed from the saved versions (nothing is stored per day).

Joint Circular 43/2015 (docs/domain.md, "Sending the quick report"): the first report within
24 hours of the disaster's start (Art. 7.1), then one each day before 17:00 (Art. 9.1a) until
the disaster ends; both are settings. A disaster records the day it started, not the hour, so
its start is taken as 00:00 of that day (local time): the earliest it can have been, so that
the deadline shown is never later than the law's. The first day's report is the first report
(due 24 hours after the start); every later day's is due at the daily hour of that day.

A version reports on the day of its moment (`as_of`, local time). A day's state:
- received: the province received a version of that day;
- returned: the version sent last was returned (the commune reads why, and sends another);
- sent on time / sent late: the day's first sending, before or after the deadline;
- missing: the deadline has passed and nothing was sent; due: not yet.
Timeliness (for the province's counts) is the first sending's, whatever came after.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from relief.core.actor import Actor
from relief.core.errors import Forbidden
from relief.core.formatting import LOCAL_TZ, local_today
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.disaster_reports.models import DisasterReport
from relief.households.models import Disaster
from relief.places.models import Commune
from relief.settings import active

DUE, ON_TIME, LATE, MISSING = "due", "on_time", "late", "missing"
RETURNED, RECEIVED = "returned", "received"
STATES = (DUE, ON_TIME, LATE, MISSING, RETURNED, RECEIVED)
WEEK = 7  # days the province's grid shows at once
RECENT = 5  # disasters the landing pages list


def now() -> datetime:
    """The moment the states are computed at (one place, so that tests can set the clock)."""
    return datetime.now(UTC)


def _rules() -> tuple[int, int]:
    settings = active()
    if settings is None:
        return 24, 17
    return settings.first_report_hours, settings.commune_report_hour


@dataclass(frozen=True)
class Sent:
    """What the calendar reads of a version."""

    id: int
    commune_id: int
    number: int
    as_of: datetime
    sent_at: datetime | None
    received_at: datetime | None
    returned_at: datetime | None

    @property
    def day(self) -> date:
        return self.as_of.astimezone(LOCAL_TZ).date()


@dataclass(frozen=True)
class Slot:
    """One report owed: its day, whether it is the first, its deadline (local), its state,
    the timeliness of its first sending, and the version the state is about (if any)."""

    day: date
    first: bool
    deadline: datetime
    state: str
    timely: str
    report_id: int | None = None


def duty_days(disaster: Disaster, today: date | None = None) -> list[tuple[date, bool, datetime]]:
    """(day, first, deadline) of each report owed from the disaster's start to its end, or to
    today while it goes on (a day after today is owed later)."""
    first_hours, hour = _rules()
    today = today or local_today()
    last = today if disaster.ends_on is None else min(disaster.ends_on, today)
    start = datetime.combine(disaster.starts_on, time(0), tzinfo=LOCAL_TZ)
    days = []
    day = disaster.starts_on
    while day <= last:
        if day == disaster.starts_on:
            days.append((day, True, start + timedelta(hours=first_hours)))
        else:
            days.append((day, False, datetime.combine(day, time(hour), tzinfo=LOCAL_TZ)))
        day += timedelta(days=1)
    return days


def slot_of(day: date, first: bool, deadline: datetime, found: list[Sent], at: datetime) -> Slot:
    """The state of one day's report from the versions that report on that day."""
    sent = sorted((r for r in found if r.sent_at is not None), key=lambda r: r.sent_at or at)
    if not sent:
        state = MISSING if at > deadline else DUE
        latest = max(found, key=lambda r: r.number, default=None)
        return Slot(day, first, deadline, state, state, latest.id if latest else None)
    assert sent[0].sent_at is not None
    timely = ON_TIME if sent[0].sent_at <= deadline else LATE
    received = [r for r in sent if r.received_at is not None]
    if received:
        return Slot(day, first, deadline, RECEIVED, timely, received[-1].id)
    last = sent[-1]
    state = RETURNED if last.returned_at is not None else timely
    return Slot(day, first, deadline, state, timely, last.id)


def _slots(disaster: Disaster, found: list[Sent], at: datetime) -> list[Slot]:
    by_day: dict[date, list[Sent]] = {}
    for report in found:
        by_day.setdefault(report.day, []).append(report)
    today = at.astimezone(LOCAL_TZ).date()
    return [
        slot_of(day, first, deadline, by_day.get(day, []), at)
        for day, first, deadline in duty_days(disaster, today)
    ]


async def _sent(qs: Any) -> list[Sent]:
    rows = await qs.values(
        "id", "commune_id", "number", "as_of", "sent_at", "received_at", "returned_at"
    )
    return [Sent(**row) for row in rows]


async def calendar(actor: Actor, commune: Commune, disaster: Disaster) -> list[Slot]:
    """Every report the commune owes for the disaster, newest day first."""
    qs = scoped(actor, DisasterReport).filter(commune_id=commune.id, disaster_id=disaster.id)
    return list(reversed(_slots(disaster, await _sent(qs), now())))


def is_open(disaster: Disaster, today: date) -> bool:
    return disaster.starts_on <= today and (disaster.ends_on is None or disaster.ends_on >= today)


async def recent_disasters() -> list[Disaster]:
    """The disasters the landing pages show: those still going on, then the latest ones."""
    today = local_today()
    latest = list(await Disaster.all().order_by("-starts_on", "-id").limit(RECENT))
    going = [d for d in latest if is_open(d, today)]
    return going + [d for d in latest if d not in going]


@dataclass(frozen=True)
class Today:
    """A report owed today (or the day's state) for a disaster that is going on."""

    disaster: Disaster
    slot: Slot


async def due_today(
    actor: Actor, commune: Commune, recent: list[Disaster] | None = None
) -> list[Today]:
    """For each disaster going on, the commune's report of today and its state (`recent`: the
    recent disasters when the caller has read them already)."""
    at = now()
    today = at.astimezone(LOCAL_TZ).date()
    out = []
    for disaster in recent if recent is not None else await recent_disasters():
        if not is_open(disaster, today):
            continue
        slots = await calendar(actor, commune, disaster)
        if slots and slots[0].day == today:
            out.append(Today(disaster, slots[0]))
    return out


@dataclass
class Row:
    """A commune's line of the province's grid: its days shown, and its counts over every
    day whose report was sent or is past its deadline (`owed`): the reporting rates of
    health information systems, completeness (sent / owed) and timeliness (on time / owed)."""

    commune: Commune
    cells: list[Slot]
    owed: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def sent(self) -> int:
        return self.counts.get(ON_TIME, 0) + self.counts.get(LATE, 0)

    def rate(self, count: int) -> str:
        return f"{round(100 * count / self.owed)} %" if self.owed else "–"


@dataclass
class Grid:
    disaster: Disaster
    days: list[date]
    rows: list[Row]
    totals: dict[date, dict[str, int]]
    earlier: date | None  # the last day of the week before, if any
    later: date | None  # the last day of the week after, if any


async def grid(actor: Actor, disaster: Disaster, until: date | None = None) -> Grid:
    """Each commune's reports of one week of the disaster (ending `until`, default its last
    day owed so far), with its counts on time, late and missing over all days owed."""
    if not can(actor).manage_disasters:
        raise Forbidden()
    at = now()
    owed = duty_days(disaster, at.astimezone(LOCAL_TZ).date())
    all_days = [day for day, _, _ in owed]
    if until is None or not all_days or until not in all_days:
        until = all_days[-1] if all_days else disaster.starts_on
    end = all_days.index(until) + 1 if until in all_days else 0
    shown = all_days[max(0, end - WEEK) : end]
    found = await _sent(scoped(actor, DisasterReport).filter(disaster_id=disaster.id))
    by_commune: dict[int, list[Sent]] = {}
    for report in found:
        by_commune.setdefault(report.commune_id, []).append(report)
    rows = []
    totals: dict[date, dict[str, int]] = {day: {} for day in shown}
    for commune in await scoped(actor, Commune).order_by("-is_focus", "name_key"):
        slots = _slots(disaster, by_commune.get(commune.id, []), at)
        row = Row(commune, [s for s in slots if s.day in totals])
        row.owed = sum(1 for s in slots if s.timely != DUE)
        for slot in slots:
            row.counts[slot.timely] = row.counts.get(slot.timely, 0) + 1
        for slot in row.cells:
            totals[slot.day][slot.timely] = totals[slot.day].get(slot.timely, 0) + 1
        rows.append(row)
    start = all_days.index(shown[0]) if shown else 0
    earlier = all_days[start - 1] if start > 0 else None
    later_index = min(end - 1 + WEEK, len(all_days) - 1)
    later = all_days[later_index] if shown and end < len(all_days) else None
    return Grid(disaster, shown, rows, totals, earlier, later)
