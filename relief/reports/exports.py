"""The summaries' figures as spreadsheet columns: the province table and a commune summary.

The files themselves are written by `relief.core.sheets`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from relief.core.i18n import gettext
from relief.core.labels import label
from relief.core.sheets import Column
from relief.households.models import DamageBand
from relief.houses.models import FundingSource
from relief.reports.indicators import Indicators


def _with_source(message: str, source: FundingSource) -> Callable[[], str]:
    return lambda: gettext(message, source=label(source))


def indicator_columns() -> list[Column]:
    cols = [Column("Affected households", "int")]
    cols += [Column(band.value, "int", partial(label, band)) for band in DamageBand]
    cols += [
        Column("Relocated households", "int"),
        Column("Aid visits", "int"),
        Column("Households reached", "int"),
        Column("Cash given", "money"),
        Column("Goods value", "money"),
        Column("Houses needed", "int"),
        Column("Approved", "int"),
        Column("Not started", "int"),
        Column("Under construction", "int"),
        Column("Completed", "int"),
        Column("Handed over", "int"),
        Column("Handed over of need", "percent"),
        Column("Cancelled", "int"),
        Column("Late", "int"),
        Column("Pledged", "money"),
        Column("Disbursed", "money"),
        Column("Disbursed of pledged", "percent"),
    ]
    cols += [Column(s.value, "money", _with_source("Pledged: {source}", s)) for s in FundingSource]
    cols += [
        Column(s.value, "money", _with_source("Disbursed: {source}", s)) for s in FundingSource
    ]
    return cols


def indicator_values(ind: Indicators) -> list[Any]:
    values: list[Any] = [ind.affected]
    values += [ind.damage.get(band.value, 0) for band in DamageBand]
    values += [
        ind.relocated,
        ind.visits,
        ind.households_reached,
        ind.cash,
        ind.goods_value,
        ind.need,
        ind.approved,
        ind.not_started,
        ind.under_construction,
        ind.completed,
        ind.handed_over,
        (ind.handed_over / ind.need) if ind.need else None,
        ind.cancelled,
        ind.late,
        ind.pledged_total,
        ind.disbursed_total,
        (ind.disbursed_total / ind.pledged_total) if ind.pledged_total else None,
    ]
    values += [ind.pledged.get(s.value, 0) for s in FundingSource]
    values += [ind.disbursed.get(s.value, 0) for s in FundingSource]
    return values
