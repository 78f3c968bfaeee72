"""Aid visits and what each household received: rules, scope, totals and audit."""

from __future__ import annotations

from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.functions import Count, Sum
from tortoise.transactions import in_transaction

from relief.aid import completeness
from relief.aid.models import AidGiven, AidVisit
from relief.core import audit, versions
from relief.core.actor import Actor
from relief.core.errors import Forbidden, Invalid, NotFound
from relief.core.formatting import local_today
from relief.core.forms import Form, bounded_money
from relief.core.paging import Paged
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.core.text import normalize_text
from relief.core.web import MAX_ID
from relief.households.models import Disaster, Household
from relief.places.models import Commune

VISIT = "aid_visit"
GIFT = "aid_given"
VISIT_FIELDS = ["visited_on", "delegation", "leader", "notes", "disaster_id", "version"]
GIFT_FIELDS = ["household_id", "cash", "goods", "goods_value", "version"]
ALREADY_IN_VISIT = "This household is already in this visit: correct its row instead."
PAGE_SIZE = 25


def _with_totals(qs):
    return qs.annotate(
        households=Count("gifts__id"),
        cash_total=Sum("gifts__cash"),
        goods_total=Sum("gifts__goods_value"),
    )


async def list_visits(
    actor: Actor, page: int = 1, per_page: int = PAGE_SIZE, commune_code: str | None = None
) -> Paged[AidVisit]:
    """A page of visits, newest first, each with its households, cash and goods value."""
    qs = scoped(actor, AidVisit)
    if commune_code is not None:
        qs = qs.filter(commune__code=commune_code)
    total = await qs.count()
    pages = max(1, -(-total // per_page))
    page = max(1, min(page, pages))
    visits = list(
        await _with_totals(qs)
        .group_by("id")
        .order_by("-visited_on", "-id")
        .offset((page - 1) * per_page)
        .limit(per_page)
    )
    # Fetched apart: PostgreSQL refuses joined columns beside a GROUP BY on the visit alone.
    await AidVisit.fetch_for_list(visits, "commune", "disaster")
    return Paged(items=visits, total=total, page=page, pages=pages)


async def get_visit(actor: Actor, visit_id: int) -> AidVisit:
    visit = (
        await scoped(actor, AidVisit)
        .filter(id=visit_id)
        .select_related("commune", "disaster")
        .first()
    )
    if visit is None:
        raise NotFound("No such aid visit.")
    return visit


async def visit_gifts(actor: Actor, visit: AidVisit) -> tuple[list[AidGiven], dict[str, int]]:
    """The households of a visit with what each received, and the visit's totals (in SQL)."""
    gifts = list(
        await scoped(actor, AidGiven)
        .filter(visit_id=visit.id)
        .select_related("household", "hamlet")
        .order_by("hamlet__name_key", "household__head_name_key", "id")
    )
    rows = (
        await scoped(actor, AidGiven)
        .filter(visit_id=visit.id)
        .annotate(n=Count("id"), cash_total=Sum("cash"), goods_total=Sum("goods_value"))
        .group_by("visit_id")
        .values("n", "cash_total", "goods_total")
    )
    row = rows[0] if rows else {}
    totals = {
        "households": row.get("n") or 0,
        "cash": row.get("cash_total") or 0,
        "goods_value": row.get("goods_total") or 0,
    }
    totals["total"] = totals["cash"] + totals["goods_value"]
    return gifts, totals


async def _read_visit(actor: Actor, form: Form, commune_fixed: int | None) -> dict[str, Any]:
    values: dict[str, Any] = {
        "visited_on": form.date("visited_on", required=True),
        "delegation": normalize_text(form.text("delegation", required=True)),
        "leader": normalize_text(form.text("leader", max_length=150)),
        "notes": form.text("notes", max_length=4000),
    }
    if values["visited_on"] and values["visited_on"] > local_today():
        form.errors["visited_on"] = "This date is in the future."
    disaster_id = form.integer("disaster_id", min=1, max=MAX_ID)
    if disaster_id is not None and (
        "disaster_id" in form.errors or not await Disaster.exists(id=disaster_id)
    ):
        form.errors["disaster_id"] = "Choose the disaster."
    values["disaster_id"] = disaster_id if "disaster_id" not in form.errors else None
    if commune_fixed is None:
        commune_id = can(actor).home_commune
        if can(actor).write_any_commune:
            commune_id = form.integer("commune_id", required=True, min=1, max=MAX_ID)
            if commune_id is not None and (
                "commune_id" in form.errors or not await Commune.exists(id=commune_id)
            ):
                commune_id = None
            if commune_id is None:
                form.errors["commune_id"] = "Choose the commune."
        values["commune_id"] = commune_id
    return values


def _read_gift(form: Form, prefix: str = "") -> dict[str, Any]:
    cash = bounded_money(form, prefix + "cash")
    goods = normalize_text(form.text(prefix + "goods"))
    goods_value = bounded_money(form, prefix + "goods_value")
    if goods_value and not goods:
        form.errors[prefix + "goods"] = "Describe the goods whose value is given."
    if not cash and not goods and not goods_value and prefix + "cash" not in form.errors:
        form.errors[prefix + "cash"] = "Enter the cash given, or the goods."
    return {"cash": cash or 0, "goods": goods, "goods_value": goods_value or 0}


async def _household_for(actor: Actor, commune_id: int | None, raw_id: Any) -> Household | None:
    """A household of the visit's commune, open to the actor and not archived."""
    try:
        household_id = int(str(raw_id).strip())
    except (TypeError, ValueError):
        return None
    if not 0 < household_id <= MAX_ID:
        return None
    if commune_id is None:
        return None
    return (
        await scoped(actor, Household)
        .select_related("hamlet")
        .get_or_none(id=household_id, commune_id=commune_id, archived_at=None)
    )


async def pickable(actor: Actor, visit: AidVisit, raw_id: Any) -> Household | None:
    """The household a refused "add" was for, to show its row again with the errors."""
    return await _household_for(actor, visit.commune_id, raw_id)


async def create_visit(actor: Actor, raw: dict[str, Any]) -> AidVisit:
    """A visit of the actor's commune; `raw["gifts"]` (API) may list its households at once."""
    if not can(actor).write_records:
        raise Forbidden()
    form = Form(raw)
    values = await _read_visit(actor, form, None)
    gift_rows = raw.get("gifts") or []
    if not isinstance(gift_rows, list):
        gift_rows = []
        form.errors["gifts"] = "Give the households as a list."
    if values.get("commune_id") is not None and not can(actor).write_commune(values["commune_id"]):
        raise Forbidden()
    gifts: list[tuple[Household, dict[str, Any], str]] = []
    unsaved = AidVisit(disaster_id=values.get("disaster_id"))
    seen: set[int] = set()
    for n, row in enumerate(gift_rows):
        row_form = Form(row if isinstance(row, dict) else {})
        gift = _read_gift(row_form)
        household = await _household_for(
            actor, values.get("commune_id"), (row or {}).get("household_id")
        )
        if household is None:
            row_form.errors["household_id"] = "Choose a household of the visit's commune."
        elif household.id in seen:
            row_form.errors["household_id"] = ALREADY_IN_VISIT
        else:
            seen.add(household.id)
            reason = ""
            try:
                reason = await completeness.check_repeat(
                    unsaved, household.id, gift, (row or {}).get("repeat_reason")
                )
            except Invalid as exc:
                row_form.errors.update(exc.field_errors)
            gifts.append((household, gift, reason))
        for field, message in row_form.errors.items():
            form.errors[f"gifts.{n}.{field}"] = message
    form.check()
    async with in_transaction():
        visit = await AidVisit.create(**values)
        await audit.record(
            actor,
            "create",
            VISIT,
            visit.id,
            commune_id=visit.commune_id,
            after=audit.snapshot(visit, VISIT_FIELDS),
        )
        for household, gift, reason in gifts:
            await _save_gift(actor, visit, household, gift, reason)
    return await get_visit(actor, visit.id)


async def _save_gift(
    actor: Actor, visit: AidVisit, household: Household, gift: dict[str, Any], reason: str = ""
) -> AidGiven:
    row = await AidGiven.create(
        visit_id=visit.id,
        household_id=household.id,
        commune_id=household.commune_id,
        hamlet_id=household.hamlet_id,
        **gift,
    )
    await audit.record(
        actor,
        "create",
        GIFT,
        row.id,
        commune_id=household.commune_id,
        after={"visit_id": visit.id, **audit.snapshot(row, GIFT_FIELDS)},
        reason=reason or None,  # why the same kind of aid is given twice for one disaster
    )
    return row


async def _writable_visit(actor: Actor, visit_id: int) -> AidVisit:
    visit = await get_visit(actor, visit_id)
    if not can(actor).write_commune(visit.commune_id):
        raise Forbidden()
    return visit


def visit_form_values(visit: AidVisit) -> dict[str, Any]:
    return {
        "visited_on": visit.visited_on.isoformat(),
        "delegation": visit.delegation,
        "leader": visit.leader,
        "notes": visit.notes,
        "disaster_id": "" if visit.disaster_id is None else str(visit.disaster_id),
        "version": str(visit.version),
    }


async def update_visit(
    actor: Actor, visit_id: int, raw: dict[str, Any], *, partial: bool = False
) -> AidVisit:
    visit = await _writable_visit(actor, visit_id)
    base_version = versions.required(raw.get("version"))
    await versions.check(actor, visit, base_version, entity=VISIT, audited=VISIT_FIELDS)
    if partial:
        raw = {**visit_form_values(visit), **raw}
    form = Form(raw)
    values = await _read_visit(actor, form, visit.commune_id)
    form.check()
    return await versions.save(
        actor,
        visit,
        base_version,
        values,
        entity=VISIT,
        audited=VISIT_FIELDS,
        reload=lambda: get_visit(actor, visit.id),
    )


async def add_gift(actor: Actor, visit_id: int, raw: dict[str, Any]) -> AidGiven:
    """Adds one household of the visit's commune, with the cash and goods it received."""
    visit = await _writable_visit(actor, visit_id)
    form = Form(raw)
    gift = _read_gift(form)
    household = await _household_for(actor, visit.commune_id, raw.get("household_id"))
    if household is None:
        form.errors["household_id"] = "Choose a household of the visit's commune."
    elif await AidGiven.exists(visit_id=visit.id, household_id=household.id):
        form.errors["household_id"] = ALREADY_IN_VISIT
    form.check()
    assert household is not None
    reason = await completeness.check_repeat(visit, household.id, gift, raw.get("repeat_reason"))
    try:
        async with in_transaction():
            row = await _save_gift(actor, visit, household, gift, reason)
    except IntegrityError as exc:
        raise Invalid({"household_id": ALREADY_IN_VISIT}) from exc
    return row


async def get_gift(actor: Actor, gift_id: int) -> AidGiven:
    row = (
        await scoped(actor, AidGiven)
        .filter(id=gift_id)
        .select_related("visit", "household", "hamlet")
        .first()
    )
    if row is None:
        raise NotFound("No such aid record.")
    return row


async def _writable_gift(actor: Actor, gift_id: int, raw: dict[str, Any]) -> tuple[AidGiven, int]:
    row = await get_gift(actor, gift_id)
    if not can(actor).write_commune(row.commune_id):
        raise Forbidden()
    base_version = versions.required(raw.get("version"))
    await versions.check(actor, row, base_version, entity=GIFT, audited=GIFT_FIELDS)
    return row, base_version


def gift_form_values(row: AidGiven) -> dict[str, Any]:
    return {
        "cash": str(row.cash),
        "goods": row.goods,
        "goods_value": str(row.goods_value),
        "version": str(row.version),
    }


async def update_gift(actor: Actor, gift_id: int, raw: dict[str, Any]) -> AidGiven:
    row, base_version = await _writable_gift(actor, gift_id, raw)
    raw = {**gift_form_values(row), **raw}  # amounts left out keep theirs
    form = Form(raw)
    gift = _read_gift(form)
    form.check()
    return await versions.save(
        actor,
        row,
        base_version,
        gift,
        entity=GIFT,
        audited=GIFT_FIELDS,
        reload=lambda: get_gift(actor, row.id),
    )


async def remove_gift(actor: Actor, gift_id: int, raw: dict[str, Any]) -> AidVisit:
    """Takes a household out of a visit (a row typed by mistake); audited with its amounts."""
    row, base_version = await _writable_gift(actor, gift_id, raw)
    await versions.delete(
        actor,
        row,
        base_version,
        entity=GIFT,
        audited=GIFT_FIELDS,
        also={"visit_id": row.visit_id},
    )
    return row.visit


async def commune_choices(actor: Actor) -> list[Commune]:
    """Communes an admin may record a visit for (commune officers record their own)."""
    if not can(actor).write_any_commune:
        return []
    return list(await Commune.all().order_by("-is_focus", "name_key"))
