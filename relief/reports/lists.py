"""The household and house lists as tables for export: scoped, and private data only for
the roles whose work needs it."""

from __future__ import annotations

from tortoise.functions import Sum

from relief.core.actor import Actor
from relief.core.i18n import current_language
from relief.core.labels import label
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.core.sheets import Column, Table
from relief.households.models import Household
from relief.households.records import HOUSEHOLD
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
# exported, edited in a spreadsheet and imported again updates those households. Between the
# place and the version come the household's exported fields, from its catalogue.
_PLACE = (("household_code", "code"), ("commune", "text"), ("hamlet", "text"))


def _heading(name: str) -> str:
    column = BY_FIELD[name]
    return column.vi if current_language.get() == "vi" else column.en


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
    fields = HOUSEHOLD.export_columns(current_language.get(), contacts=can(actor).see_any_contacts)
    columns = [
        *(Column(_heading(name), kind) for name, kind in _PLACE),
        *(Column(f.heading, f.kind) for f in fields),
        Column(_heading("version"), "int"),
    ]
    rows = []
    for h in await households:
        contacts = can(actor).see_contacts(h.commune_id)
        rows.append(
            [
                h.id,
                h.commune.name,
                h.hamlet.name,
                *(f.value(h, contacts) for f in fields),
                h.version,
            ]
        )
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
                label(c.programme),
                label(c.kind),
                label(c.stage),
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
