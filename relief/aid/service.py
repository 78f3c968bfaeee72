"""Aid visits and what each household received: rules, scope, totals and audit."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.functions import Count, Sum
from tortoise.transactions import in_transaction

from relief.aid import completeness, stock
from relief.aid.models import AidGiven, AidVisit
from relief.aid.records import (
    GIFT,
    NO_COMMUNE,
    NO_DISASTER,
    NO_HOUSEHOLD,
    VISIT,
    GiftPatch,
    GiftWrite,
    VisitPatch,
    VisitWrite,
)
from relief.core import audit, versions
from relief.core.actor import Actor
from relief.core.errors import Forbidden, Invalid, NotFound
from relief.core.paging import Paged
from relief.core.permissions import can
from relief.core.records import base_version
from relief.core.scope import scoped
from relief.core.web import MAX_ID
from relief.households.models import Disaster, Household
from relief.places.models import Commune

VISIT_ENTITY = "aid_visit"
GIFT_ENTITY = "aid_given"
VISIT_FIELDS = [*VISIT.audited, "version"]
GIFT_FIELDS = [*GIFT.audited, "version"]
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
        .select_related("household", "hamlet", "stock")
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


async def _check_disaster(data: VisitWrite, errors: dict[str, str]) -> None:
    disaster_id = data.disaster_id
    if "disaster_id" in errors or disaster_id is None:
        return
    if not await Disaster.exists(id=disaster_id):
        errors["disaster_id"] = NO_DISASTER


async def _commune_of(actor: Actor, data: VisitWrite, errors: dict[str, str]) -> int | None:
    """The commune of a new visit: an officer's own; the one an administrator names."""
    if not can(actor).write_any_commune:
        return can(actor).home_commune
    commune_id = None if "commune_id" in errors else data.commune_id
    if commune_id is not None and not await Commune.exists(id=commune_id):
        commune_id = None
    if commune_id is None:
        errors["commune_id"] = NO_COMMUNE
    return commune_id


def _gift_values(data: GiftWrite) -> dict[str, Any]:
    """The amounts of a row (its household is the visit's row's own)."""
    values = GIFT.values(data)
    del values["household_id"]
    return values


async def _from_stock(
    commune_id: int | None, amounts: dict[str, Any], errors: dict[str, str], at: str = ""
) -> None:
    """Goods drawn from the commune's stock: named as the stock names them, valued at its
    average value unless a value is given (what is left is checked when the row is saved)."""
    stock_id = amounts.get("stock_id")
    if stock_id is None or commune_id is None:
        return
    row = await stock.held(commune_id, stock_id)
    if row is None:
        errors[at + "stock_id"] = stock.NO_STOCK
        return
    amounts["goods"] = amounts.get("goods") or row.name
    if not amounts.get("goods_value"):
        amounts["goods_value"] = stock.value_of(row, amounts["quantity"])


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


async def create_visit(actor: Actor, data: VisitWrite) -> AidVisit:
    """A visit of the actor's commune; `data.gifts` (API) may list its households at once."""
    if not can(actor).write_records:
        raise Forbidden()
    data, errors = VISIT.check(data)
    await _check_disaster(data, errors)
    commune_id = await _commune_of(actor, data, errors)
    if commune_id is not None and not can(actor).write_commune(commune_id):
        raise Forbidden()
    values = VISIT.values(data)
    values["commune_id"] = commune_id
    gifts: list[tuple[Household, dict[str, Any], str]] = []
    unsaved = AidVisit(disaster_id=data.disaster_id)
    seen: set[int] = set()
    for n, gift in enumerate(data.gifts):
        at = f"gifts.{n}."
        if at + "household_id" in errors:
            continue
        household = await _household_for(actor, commune_id, gift.household_id)
        if household is None:
            errors[at + "household_id"] = NO_HOUSEHOLD
        elif household.id in seen:
            errors[at + "household_id"] = ALREADY_IN_VISIT
        else:
            seen.add(household.id)
            amounts = _gift_values(gift)
            await _from_stock(commune_id, amounts, errors, at)
            reason = ""
            try:
                reason = await completeness.check_repeat(
                    unsaved, household.id, amounts, gift.repeat_reason
                )
            except Invalid as exc:
                errors.update((at + field, message) for field, message in exc.field_errors.items())
            gifts.append((household, amounts, reason))
    if errors:
        raise Invalid(errors)
    async with in_transaction():
        # The goods first, in the order of their stock rows: every write locks stock rows
        # before the commune's kept figures (which the visit's audit entry takes), so two
        # writes never wait for each other in turn.
        assert commune_id is not None  # else errors named it
        drawn = sorted(enumerate(gifts), key=lambda g: g[1][1].get("stock_id") or 0)
        for n, (_, amounts, _) in drawn:
            await _draw(commune_id, amounts, at=f"gifts.{n}.")
        visit = await AidVisit.create(**values)
        await audit.record(
            actor,
            "create",
            VISIT_ENTITY,
            visit.id,
            commune_id=visit.commune_id,
            after=audit.snapshot(visit, VISIT_FIELDS),
        )
        for household, amounts, reason in gifts:
            await _save_gift(actor, visit, household, amounts, reason, drawn=True)
    return await get_visit(actor, visit.id)


async def _draw(commune_id: int, gift: dict[str, Any], sign: int = 1, at: str = "") -> None:
    """Moves the commune's stock by a row's goods (sign -1: gives them back)."""
    if gift.get("stock_id") is None or not gift.get("quantity"):
        return
    try:
        await stock.draw(
            commune_id,
            gift["stock_id"],
            sign * Decimal(gift["quantity"]),
            sign * int(gift.get("goods_value") or 0),
        )
    except stock.OutOfStock as exc:
        raise stock.OutOfStock({at + "quantity": stock.OUT_OF_STOCK}) from exc


async def _save_gift(
    actor: Actor,
    visit: AidVisit,
    household: Household,
    gift: dict[str, Any],
    reason: str = "",
    drawn: bool = False,
) -> AidGiven:
    if not drawn:  # goods from the stock, taken out with the row (relief.aid.stock)
        await _draw(visit.commune_id, gift)
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
        GIFT_ENTITY,
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
    return VISIT.form_values(visit)


async def update_visit(actor: Actor, visit_id: int, patch: VisitPatch) -> AidVisit:
    """Changes a visit read at `patch.version`: the fields sent over those stored."""
    visit = await _writable_visit(actor, visit_id)
    version = base_version(patch)
    await versions.check(actor, visit, version, entity=VISIT_ENTITY, audited=VISIT_FIELDS)
    data, errors = VISIT.check(VISIT.merge(visit, patch))
    await _check_disaster(data, errors)
    if errors:
        raise Invalid(errors)
    values = VISIT.values(data)
    del values["commune_id"]  # fixed when the visit was recorded
    return await versions.save(
        actor,
        visit,
        version,
        values,
        entity=VISIT_ENTITY,
        audited=VISIT_FIELDS,
        reload=lambda: get_visit(actor, visit.id),
    )


async def add_gift(actor: Actor, visit_id: int, data: GiftWrite) -> AidGiven:
    """Adds one household of the visit's commune, with the cash and goods it received."""
    visit = await _writable_visit(actor, visit_id)
    data, errors = GIFT.check(data)
    household = None
    if "household_id" not in errors:
        household = await _household_for(actor, visit.commune_id, data.household_id)
        if household is None:
            errors["household_id"] = NO_HOUSEHOLD
        elif await AidGiven.exists(visit_id=visit.id, household_id=household.id):
            errors["household_id"] = ALREADY_IN_VISIT
    if errors:
        raise Invalid(errors)
    assert household is not None
    amounts = _gift_values(data)
    await _from_stock(visit.commune_id, amounts, errors)
    if errors:
        raise Invalid(errors)
    reason = await completeness.check_repeat(visit, household.id, amounts, data.repeat_reason)
    try:
        async with in_transaction():
            row = await _save_gift(actor, visit, household, amounts, reason)
    except IntegrityError as exc:
        raise Invalid({"household_id": ALREADY_IN_VISIT}) from exc
    return row


async def get_gift(actor: Actor, gift_id: int) -> AidGiven:
    row = (
        await scoped(actor, AidGiven)
        .filter(id=gift_id)
        .select_related("visit", "household", "hamlet", "stock")
        .first()
    )
    if row is None:
        raise NotFound("No such aid record.")
    return row


async def _writable_gift(actor: Actor, gift_id: int) -> AidGiven:
    """The row, found in the actor's scope before anything sent is read (outside it: 404)."""
    row = await get_gift(actor, gift_id)
    if not can(actor).write_commune(row.commune_id):
        raise Forbidden()
    return row


async def _at_version(actor: Actor, row: AidGiven, version: int) -> None:
    await versions.check(actor, row, version, entity=GIFT_ENTITY, audited=GIFT_FIELDS)


def gift_form_values(row: AidGiven) -> dict[str, Any]:
    return GIFT.form_values(row)


async def update_gift(actor: Actor, gift_id: int, patch: GiftPatch) -> AidGiven:
    """Corrects a row read at `patch.version`; amounts left out keep theirs."""
    row = await _writable_gift(actor, gift_id)
    version = base_version(patch)
    await _at_version(actor, row, version)
    data = GIFT.validate(GIFT.merge(row, patch))
    values = _gift_values(data)
    if row.stock_id is None:
        return await versions.save(
            actor,
            row,
            version,
            values,
            entity=GIFT_ENTITY,
            audited=GIFT_FIELDS,
            reload=lambda: get_gift(actor, row.id),
        )
    # Goods from the stock: the stock moves by the difference, in the correction's transaction.
    held = await stock.held(row.commune_id, row.stock_id)
    before = Decimal(row.quantity or 0)
    after = Decimal(values["quantity"] or 0)
    if held is not None and after != before and values["goods_value"] == row.goods_value:
        values["goods_value"] = stock.value_of(held, after)
    async with in_transaction():
        await _draw(
            row.commune_id,
            {
                "stock_id": row.stock_id,
                "quantity": after - before,
                "goods_value": values["goods_value"] - row.goods_value,
            },
        )
        return await versions.save(
            actor,
            row,
            version,
            values,
            entity=GIFT_ENTITY,
            audited=GIFT_FIELDS,
            reload=lambda: get_gift(actor, row.id),
        )


async def remove_gift(actor: Actor, gift_id: int, raw: dict[str, Any]) -> AidVisit:
    """Takes a household out of a visit (a row typed by mistake); audited with its amounts."""
    row = await _writable_gift(actor, gift_id)
    version = versions.required(raw.get("version"))
    await _at_version(actor, row, version)
    async with in_transaction():
        # Goods from the stock go back to it with the row.
        gift = {"stock_id": row.stock_id, "quantity": row.quantity, "goods_value": row.goods_value}
        await _draw(row.commune_id, gift, sign=-1)
        await versions.delete(
            actor,
            row,
            version,
            entity=GIFT_ENTITY,
            audited=GIFT_FIELDS,
            also={"visit_id": row.visit_id},
        )
    return row.visit


async def commune_choices(actor: Actor) -> list[Commune]:
    """Communes an admin may record a visit for (commune officers record their own)."""
    if not can(actor).write_any_commune:
        return []
    return list(await scoped(actor, Commune).order_by("-is_focus", "name_key"))
