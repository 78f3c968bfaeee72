"""The housing campaign's weekly report of a commune (docs/domain.md, "The campaign's weekly
report"): the houses by campaign group and kind (started, completed, handed over) and the money
by source, as the commune summary counts them (the kept figures, `service.commune_summary`),
locked in a snapshot when the commune submits its week, with the change since the week before.

The province accepts a week (it never changes again: a later edit shows in the next week's
figures) or returns it with a comment (the commune submits the week again: counted afresh)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from tortoise.functions import Sum
from tortoise.transactions import in_transaction

from relief.core import audit, versions
from relief.core.actor import Actor
from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.formatting import local_today
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.houses.models import CampaignGroup, Contribution, Stage
from relief.places.models import Commune
from relief.reports import service
from relief.reports.indicators import Filters
from relief.reports.models import CampaignWeek
from relief.settings import Settings, active

ENTITY = "campaign_week"
SUBMITTED, ACCEPTED, RETURNED = "submitted", "accepted", "returned"
COUNTS = ("started", "completed", "handed_over")
# The campaign's three national groups first, then the programmes reported beside them.
NATIONAL = (
    CampaignGroup.REVOLUTIONARY_SERVICE.value,
    CampaignGroup.NATIONAL_TARGET.value,
    CampaignGroup.EMULATION.value,
)
AUDITED = ("state", "answered_at", "answered_by", "return_comment", "figures", "change")
ACCEPTED_STAYS = "This week was accepted by the province: it no longer changes."
ALREADY_SUBMITTED = "This week is already submitted; the province has not answered yet."
NOT_SUBMITTED = "The province has already answered this week."
COMMENT_NEEDED = "Say why the report is returned: the commune reads it."


def now() -> datetime:
    return datetime.now(UTC)


def week_of(day: date) -> date:
    """The first day of the week `day` falls in (the weekday of RELIEF_CAMPAIGN_WEEK_DAY)."""
    settings = active()
    start = settings.campaign_week_day if settings else Settings.campaign_week_day
    return day - timedelta(days=(day.weekday() - start) % 7)


async def commune_for(actor: Actor, code: str) -> Commune:
    commune = await scoped(actor, Commune).get_or_none(code=code)
    if commune is None or not can(actor).read_commune(commune.id) or not can(actor).read_records:
        raise NotFound("No commune with this code.")
    return commune


async def count(actor: Actor, commune: Commune) -> dict[str, Any]:
    """The commune's campaign figures now: {"houses": {"group:kind": {count: n}}, "money":
    {"pledged"|"disbursed": {source: đồng}}}."""
    summary = await service.commune_summary(actor, commune.code, Filters(), late_after_days=120)
    houses: dict[str, dict[str, int]] = {}
    for (group, kind), ind in summary.by_group.items():
        houses[f"{group}:{kind}"] = {
            "started": ind.started,
            "completed": ind.completed,
            "handed_over": ind.stage(Stage.HANDED_OVER),
        }
    total = summary.total
    money = {"pledged": dict(total.pledged), "disbursed": dict(total.disbursed)}
    return {"houses": houses, "money": money, "money_by_row": await money_by_row(actor, commune)}


async def money_by_row(actor: Actor, commune: Commune) -> dict[str, dict[str, int]]:
    """The money disbursed to the commune's house cases by campaign group and kind, by source
    ({"group:kind": {source: đồng}}): one GROUP BY over the contributions, each programme and
    kind put in the group the programme rules give it (as `by_group` counts the houses)."""
    groups = await service.campaign_groups()
    rows = (
        await scoped(actor, Contribution)
        .filter(commune_id=commune.id)
        .annotate(paid=Sum("amount_disbursed"))
        .group_by("house_case__programme", "house_case__kind", "source")
        .values("house_case__programme", "house_case__kind", "source", "paid")
    )
    out: dict[str, dict[str, int]] = {}
    for row in rows:
        programme, kind, source = (
            str(getattr(row[k], "value", row[k]))
            for k in ("house_case__programme", "house_case__kind", "source")
        )
        if not row["paid"]:
            continue
        key = f"{groups.get((programme, kind), programme)}:{kind}"
        mine = out.setdefault(key, {})
        mine[source] = mine.get(source, 0) + int(row["paid"])
    return out


def difference(now_: dict[str, Any], before: dict[str, Any]) -> dict[str, Any]:
    """Each figure's change since `before` (the figures of the week before; empty: none)."""
    out: dict[str, Any] = {"houses": {}, "money": {}}
    for key in set(now_.get("houses", {})) | set(before.get("houses", {})):
        mine, theirs = now_.get("houses", {}).get(key, {}), before.get("houses", {}).get(key, {})
        out["houses"][key] = {c: mine.get(c, 0) - theirs.get(c, 0) for c in COUNTS}
    for part in ("pledged", "disbursed"):
        mine, theirs = now_.get("money", {}).get(part, {}), before.get("money", {}).get(part, {})
        out["money"][part] = {s: mine.get(s, 0) - theirs.get(s, 0) for s in set(mine) | set(theirs)}
    out["money_by_row"] = {}
    now_rows, before_rows = now_.get("money_by_row", {}), before.get("money_by_row", {})
    for key in set(now_rows) | set(before_rows):
        mine, theirs = now_rows.get(key, {}), before_rows.get(key, {})
        out["money_by_row"][key] = {
            s: mine.get(s, 0) - theirs.get(s, 0) for s in set(mine) | set(theirs)
        }
    return out


@dataclass(frozen=True)
class Line:
    """A line of the week: a campaign group and kind, its counts and their change, and the
    money disbursed to its houses by source and its change."""

    group: str
    kind: str
    counts: dict[str, int]
    change: dict[str, int]
    money: dict[str, int]
    money_change: dict[str, int]

    @property
    def national(self) -> bool:
        return self.group in NATIONAL

    @property
    def money_total(self) -> int:
        return sum(self.money.values())


def rows(figures: dict[str, Any], change: dict[str, Any]) -> list[Line]:
    """The week's lines in the campaign's order: its three national groups first."""
    keys = (
        set(figures.get("houses", {}))
        | set(change.get("houses", {}))
        | set(figures.get("money_by_row", {}))
    )

    def order(key: str) -> tuple[int, str]:
        group = key.split(":")[0]
        return (NATIONAL.index(group) if group in NATIONAL else len(NATIONAL), key)

    out = []
    for key in sorted(keys, key=order):
        group, kind = key.split(":", 1)
        out.append(
            Line(
                group,
                kind,
                figures.get("houses", {}).get(key, {}),
                change.get("houses", {}).get(key, {}),
                figures.get("money_by_row", {}).get(key, {}),
                change.get("money_by_row", {}).get(key, {}),
            )
        )
    return out


async def weeks_of(actor: Actor, commune: Commune) -> list[CampaignWeek]:
    return list(
        await scoped(actor, CampaignWeek)
        .filter(commune_id=commune.id)
        .order_by("-week_start")
        .limit(104)
    )


async def submitted(actor: Actor) -> list[CampaignWeek]:
    """The weeks the communes have submitted, the latest first (the province's list)."""
    return list(
        await scoped(actor, CampaignWeek)
        .select_related("commune")
        .order_by("-week_start", "commune__name_key")
        .limit(300)
    )


async def _before(commune_id: int, week: date) -> dict[str, Any]:
    """The figures of the latest week before `week` the commune submitted (accepted first)."""
    found = (
        await CampaignWeek.filter(commune_id=commune_id, week_start__lt=week)
        .order_by("-week_start")
        .first()
    )
    return found.figures if found else {}


async def submit(actor: Actor, commune: Commune, today: date | None = None) -> CampaignWeek:
    """The commune submits this week's figures: counted now and locked. A week returned is
    submitted again (counted afresh); a week accepted or waiting for an answer is refused."""
    if not can(actor).write_commune(commune.id):
        raise Forbidden()
    week = week_of(today or local_today())
    figures = await count(actor, commune)
    async with in_transaction():
        change = difference(figures, await _before(commune.id, week))
        existing = await CampaignWeek.filter(commune_id=commune.id, week_start=week).first()
        values: dict[str, Any] = {
            "figures": figures,
            "change": change,
            "state": SUBMITTED,
            "submitted_at": now(),
            "submitted_by": actor.username or "",
        }
        if existing is None:
            created = await CampaignWeek.create(commune_id=commune.id, week_start=week, **values)
            await audit.record(
                actor,
                "create",
                ENTITY,
                created.id,
                commune_id=commune.id,
                after={"week_start": week.isoformat(), "figures": figures},
            )
            return created
    if existing.state == ACCEPTED:
        raise Conflict(ACCEPTED_STAYS)
    if existing.state == SUBMITTED:
        raise Conflict(ALREADY_SUBMITTED)
    values.update(answered_at=None, answered_by="", return_comment="")
    return await versions.save(
        actor,
        existing,
        existing.version,
        values,
        entity=ENTITY,
        audited=AUDITED,
        action="submit_week",
        commune_id=commune.id,
        reload=lambda: get(actor, existing.id),
    )


async def get(actor: Actor, week_id: int) -> CampaignWeek:
    found = await scoped(actor, CampaignWeek).filter(id=week_id).select_related("commune").first()
    if found is None or not can(actor).read_records:
        raise NotFound("No such weekly report.")
    return found


async def answer(
    actor: Actor, week_id: int, version: int | None, accept: bool, comment: str = ""
) -> CampaignWeek:
    """The province accepts a submitted week, or returns it with a comment (required)."""
    week = await get(actor, week_id)
    if not can(actor).manage_disasters:
        raise Forbidden()
    if version is None:
        raise Invalid({"version": "This field is required."})
    await versions.check(actor, week, version, entity=ENTITY, audited=AUDITED)
    if week.state != SUBMITTED:
        raise Conflict(NOT_SUBMITTED)
    comment = " ".join(comment.split())
    if not accept and not comment:
        raise Invalid({"return_comment": COMMENT_NEEDED})
    values = {
        "state": ACCEPTED if accept else RETURNED,
        "answered_at": now(),
        "answered_by": actor.username or "",
        "return_comment": "" if accept else comment[:2000],
    }
    return await versions.save(
        actor,
        week,
        version,
        values,
        entity=ENTITY,
        audited=AUDITED,
        action="accept_week" if accept else "return_week",
        commune_id=week.commune_id,
        reload=lambda: get(actor, week.id),
    )
