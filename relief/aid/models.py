"""Aid visits (đợt thăm hỏi) and the aid given to each household (hỗ trợ)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from relief.core.scope import ScopeRule

if TYPE_CHECKING:
    from relief.households.models import Disaster, Household
    from relief.places.models import Commune, Hamlet


class AidVisit(Model):
    id = fields.IntField(primary_key=True)
    commune: fields.ForeignKeyRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name="aid_visits", on_delete=fields.RESTRICT
    )
    commune_id: int
    disaster: fields.ForeignKeyNullableRelation[Disaster] = fields.ForeignKeyField(
        "models.Disaster", related_name="aid_visits", null=True, on_delete=fields.RESTRICT
    )
    disaster_id: int | None
    visited_on = fields.DateField()
    delegation = fields.CharField(max_length=255)
    leader = fields.CharField(max_length=150, default="")
    notes = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    version = fields.IntField(default=1)

    scope_rule = ScopeRule(commune="commune_id")

    class Meta:
        table = "aid_visit"
        indexes = (("commune_id", "visited_on"),)


class AidGiven(Model):
    id = fields.IntField(primary_key=True)
    visit: fields.ForeignKeyRelation[AidVisit] = fields.ForeignKeyField(
        "models.AidVisit", related_name="gifts", on_delete=fields.CASCADE
    )
    visit_id: int
    household: fields.ForeignKeyRelation[Household] = fields.ForeignKeyField(
        "models.Household", related_name="aid_received", on_delete=fields.RESTRICT
    )
    household_id: int
    commune: fields.ForeignKeyRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, on_delete=fields.RESTRICT
    )
    commune_id: int
    hamlet: fields.ForeignKeyRelation[Hamlet] = fields.ForeignKeyField(
        "models.Hamlet", related_name=False, on_delete=fields.RESTRICT
    )
    hamlet_id: int
    cash = fields.BigIntField(default=0)  # whole đồng
    goods = fields.CharField(max_length=255, default="")
    goods_value = fields.BigIntField(default=0)
    # Ticked from the signed sign-for-receipt list after the distribution.
    received_on = fields.DateField(null=True)
    version = fields.IntField(default=1, db_default=1)
    # Goods as goods: drawn from the commune's stock (relief.aid.stock), in its unit.
    stock: fields.ForeignKeyNullableRelation[GoodsStock] = fields.ForeignKeyField(
        "models.GoodsStock", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    stock_id: int | None
    quantity = fields.DecimalField(max_digits=14, decimal_places=3, null=True)

    scope_rule = ScopeRule(commune="commune_id")

    class Meta:
        table = "aid_given"
        constraints = (
            CheckConstraint(
                check="cash >= 0 AND goods_value >= 0", name="ck_aid_given_not_negative"
            ),
        )
        unique_together = (("visit", "household"),)
        indexes = (
            ("commune_id", "hamlet_id", "household_id", "cash", "goods_value"),
            # Households reached per commune: COUNT(DISTINCT household_id) read in order.
            ("commune_id", "household_id", "cash", "goods_value"),
        )


class GoodsStock(Model):
    """Kept stock of one kind of goods held by a commune (None: by the province's funds).

    What was received as goods into its funds and what aid visits gave out, in one unit.

    Moved by each write that receives or gives goods (relief.aid.stock), never recounted on
    a page; `relief summaries check` compares it with a recount of the entries."""

    id = fields.IntField(primary_key=True)
    commune: fields.ForeignKeyNullableRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    commune_id: int | None
    key = fields.CharField(max_length=300)  # the goods and unit folded: "gao|kg"
    name = fields.CharField(max_length=255)
    unit = fields.CharField(max_length=20)
    received = fields.DecimalField(max_digits=14, decimal_places=3, default=0)
    distributed = fields.DecimalField(max_digits=14, decimal_places=3, default=0)
    received_value = fields.BigIntField(default=0)  # đồng, as valued when received
    distributed_value = fields.BigIntField(default=0)

    scope_rule = ScopeRule(commune="commune_id")

    class Meta:
        table = "goods_stock"
        unique_together = (("commune", "key"),)
