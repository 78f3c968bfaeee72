"""The household and house lists as tables for export: scoped, and private data only for
the roles whose work needs it."""

from __future__ import annotations

from tortoise.functions import Sum

from relief.core.scope import Actor, Role, scoped
from relief.households.models import DamageAssessment, Household
from relief.houses.models import Contribution, HouseCase
from relief.places.models import Commune
from relief.reports.exports import Column, Table

MAX_ROWS = 200_000


def may_see_contacts(actor: Actor) -> bool:
    """ID numbers and phones go to the people who serve the household: its commune, admins."""
    return actor.role in (Role.ADMIN, Role.COMMUNE)


async def _commune(actor: Actor, code: str | None) -> Commune | None:
    if not code:
        return None
    return await scoped(actor, Commune).get_or_none(code=code)


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
    damage_qs = scoped(actor, DamageAssessment)
    if commune_code:
        damage_qs = damage_qs.filter(commune_id=commune.id if commune else -1)
    if disaster_id:
        damage_qs = damage_qs.filter(disaster_id=disaster_id)
    bands = dict(await damage_qs.values_list("household_id", "band"))
    contacts = may_see_contacts(actor)
    columns = [
        Column("Commune"),
        Column("Hamlet"),
        Column("Head of household"),
        Column("Gender"),
        Column("Birth year", "int"),
    ]
    if contacts:
        columns += [Column("ID number"), Column("Phone")]
    columns += [
        Column("Members", "int"),
        Column("Ethnicity"),
        Column("Poverty status"),
        Column("Damage band"),
    ]
    rows = []
    for h in await households:
        row = [
            h.commune.name,
            h.hamlet.name,
            h.head_name,
            h.gender.value if h.gender else "",
            h.birth_year,
        ]
        if contacts:
            row += [h.id_number or "", h.phone or ""]
        band = bands.get(h.id)
        row += [
            h.members,
            h.ethnicity,
            h.poverty_status.value,
            getattr(band, "value", band) or "",
        ]
        rows.append(row)
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
