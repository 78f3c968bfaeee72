"""The household and house lists as tables for export: scoped, and private data only for
the roles whose work needs it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tortoise.functions import Sum

from relief.core.actor import Actor
from relief.core.contacts import CONTACT_FIELDS
from relief.core.i18n import current_language, gettext
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.core.sheets import Column, Table
from relief.households.labels import FLAGS, GENDERS, POVERTY
from relief.households.models import Household
from relief.houses.models import Contribution, HouseCase
from relief.imports.columns import BY_FIELD
from relief.places.models import Commune

MAX_ROWS = 200_000


async def _commune(actor: Actor, code: str | None) -> Commune | None:
    if not code:
        return None
    return await scoped(actor, Commune).get_or_none(code=code)


# The household list is an import file too: its headings are the importer's own (see
# docs/import.md), and each row carries the household's code and version, so that a list
# exported, edited in a spreadsheet and imported again updates those households.
_HOUSEHOLD_COLUMNS = (
    ("household_code", "int"),
    ("commune", "text"),
    ("hamlet", "text"),
    ("head_name", "text"),
    ("gender", "text"),
    ("birth_year", "year"),
    ("id_number", "text"),
    ("phone", "text"),
    ("members", "int"),
    ("ethnicity", "text"),
    ("poverty_status", "text"),
    ("poverty_year", "year"),
    *((name, "text") for name in FLAGS),
    ("address_detail", "text"),
    ("version", "int"),
)


def _heading(name: str) -> str:
    column = BY_FIELD[name]
    return column.vi if current_language.get() == "vi" else column.en


def _coded(labels: Mapping[Any, str], value: Any) -> str:
    return gettext(labels[value]) if value in labels else ""


async def household_table(actor: Actor, commune_code: str | None, disaster_id: int | None) -> Table:
    households = scoped(actor, Household).filter(archived_at=None)
    commune = await _commune(actor, commune_code)
    if commune_code:
        households = households.filter(commune_id=commune.id if commune else -1)
    households = (
        households.select_related("commune", "hamlet")
        .order_by("commune_id", "hamlet_id", "head_name_key")
        .limit(MAX_ROWS)
    )
    contacts = can(actor).see_any_contacts
    shown = [(n, k) for n, k in _HOUSEHOLD_COLUMNS if contacts or n not in CONTACT_FIELDS]
    columns = [Column(_heading(name), kind) for name, kind in shown]
    rows = []
    for h in await households:
        values = {
            "household_code": h.id,
            "commune": h.commune.name,
            "hamlet": h.hamlet.name,
            "head_name": h.head_name,
            "gender": _coded(GENDERS, h.gender),
            "birth_year": h.birth_year,
            "id_number": (h.id_number or "") if can(actor).see_contacts(h.commune_id) else "",
            "phone": (h.phone or "") if can(actor).see_contacts(h.commune_id) else "",
            "members": h.members,
            "ethnicity": h.ethnicity,
            "poverty_status": _coded(POVERTY, h.poverty_status),
            "poverty_year": h.poverty_year,
            "address_detail": h.address_detail,
            "version": h.version,
            **{name: "x" if getattr(h, name) else "" for name in FLAGS},
        }
        rows.append([values[name] for name, _ in shown])
    return Table("Households", columns, rows)


async def house_table(actor: Actor, commune_code: str | None) -> Table:
    houses = scoped(actor, HouseCase)
    money = scoped(actor, Contribution)
    if commune_code:
        commune = await _commune(actor, commune_code)
        houses = houses.filter(commune_id=commune.id if commune else -1)
        money = money.filter(commune_id=commune.id if commune else -1)
    sums = {
        row["house_case_id"]: row
        for row in await money.annotate(p=Sum("amount_pledged"), d=Sum("amount_disbursed"))
        .group_by("house_case_id")
        .values("house_case_id", "p", "d")
    }
    columns = [
        Column("House code"),
        Column("Commune"),
        Column("Hamlet"),
        Column("Head of household"),
        Column("Programme"),
        Column("Kind"),
        Column("Stage"),
        Column("Stage date", "date"),
        Column("Started", "date"),
        Column("Completed", "date"),
        Column("Handed over", "date"),
        Column("Estimated cost", "money"),
        Column("Pledged", "money"),
        Column("Disbursed", "money"),
    ]
    rows = []
    query = houses.select_related("commune", "hamlet", "household").order_by("code")
    for c in await query.limit(MAX_ROWS):
        money_row = sums.get(c.id, {})
        rows.append(
            [
                c.code,
                c.commune.name,
                c.hamlet.name,
                c.household.head_name,
                c.programme.value,
                c.kind.value,
                c.stage.value,
                c.stage_on,
                c.started_on,
                c.completed_on,
                c.handed_over_on,
                c.estimated_cost,
                int(money_row.get("p") or 0),
                int(money_row.get("d") or 0),
            ]
        )
    return Table("Houses", columns, rows)
