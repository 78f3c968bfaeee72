"""The national dashboard: every province with the same kept figures as a province's dashboard,
drilled down to a province's communes (then a commune's hamlets, on its summary)."""

from __future__ import annotations

from collections import defaultdict

from relief.core.actor import Actor
from relief.core.errors import NotFound
from relief.core.formatting import local_today
from relief.core.permissions import can
from relief.core.scope import scoped
from relief.places.models import Commune, Province
from relief.reports import figures, kept, queries
from relief.reports.indicators import Filters, Indicators
from relief.reports.service import Row, Summary, sort_keys


def _readable(actor: Actor) -> None:
    if not can(actor).read_national:
        raise NotFound()


async def country(actor: Actor, filters: Filters, *, late_after_days: int) -> Summary:
    """One row per province that has communes loaded, and the country's total. The default
    view reads the kept figures summed per province in SQL; a filter counts live."""
    _readable(actor)
    as_of = local_today()
    provinces = list(await scoped(actor, Province).order_by("code"))
    communes = scoped(actor, Commune).order_by("province_id").distinct()
    loaded = set(await communes.values_list("province_id", flat=True))
    provinces = [p for p in provinces if p.id in loaded]
    per_province: dict[int, dict[str, int]]
    before = queries.threshold(as_of, late_after_days)
    if queries.reads_kept(actor, filters):
        per_province = await kept.read_provinces(late_before=before)
    else:
        of = dict(await scoped(actor, Commune).values_list("id", "province_id"))
        per_commune = await figures.count_communes(filters, None, actor)
        per_province = defaultdict(dict)
        for commune_id, named in per_commune.items():
            if commune_id not in of:
                continue
            target = per_province[of[commune_id]]
            for name, value in named.items():
                target[name] = target.get(name, 0) + value
    rows = {p.id: Row(p, queries.indicators(per_province.get(p.id, {}), before)) for p in provinces}
    total = Indicators()
    for row in rows.values():
        total.add(row.ind)
    return Summary(as_of, filters, list(rows.values()), total)


async def province(
    actor: Actor,
    code: str,
    filters: Filters,
    *,
    late_after_days: int,
    sort: str = "",
    descending: bool = False,
) -> tuple[Province, Summary]:
    """Every commune of one province, with the figures of the province dashboard."""
    _readable(actor)
    found = await scoped(actor, Province).get_or_none(code=code[:2]) if code.isdigit() else None
    if found is None:
        raise NotFound("No province with this code.")
    as_of = local_today()
    shown = list(await scoped(actor, Commune).filter(province_id=found.id).order_by("name_key"))
    ids = [c.id for c in shown]
    per = await queries.by_commune(
        actor, filters, ids, today=as_of, late_after_days=late_after_days
    )
    rows = [Row(c, per[c.id]) for c in shown]
    keys = sort_keys()
    if sort in keys:
        rows.sort(key=keys[sort], reverse=descending)
    total = Indicators()
    for row in rows:
        total.add(row.ind)
    return found, Summary(as_of, filters, rows, total)
