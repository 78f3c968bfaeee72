"""The kept figures summed per commune and per province, moved with the hamlets' rows.

A commune's row of a figure is its hamlets' rows summed as the commune's total sums them
(`in_commune`: a visit once, on the commune's own row); a province's figure is its communes'
summed. Every write that moves the hamlets' rows (`kept.move_by`, `kept.rewrite`) hands the
difference it made to `move`, in its transaction: the commune's rows are moved in place under
the commune's lock, which the write already holds; the province's change is appended as new
rows, never updated in place, so that writes in different communes of one province never wait
for each other on a province's row. A province's rows are folded into one per figure now and
then (`fold`), by the write that appended, so that the national dashboard reads a few rows per
province and figure whatever the country's size. `relief summaries check` compares both with a
recount; `rebuild` rewrites both.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from relief.core import appended, counts
from relief.places.models import Commune
from relief.reports.figures import COMMUNE_WIDE, HANDOVERS_WEEK, STARTED_DAY, Figures
from relief.reports.models import SummaryCommuneFigure, SummaryProvinceChange

PerCommune = dict[int, dict[str, int]]
# A province's changes appended by each write, folded by one write in 16 on average.
PROVINCE_CHANGES = appended.Appended(
    SummaryProvinceChange, ("province_id", "name"), ("value",), fold_one_in=16
)


def in_commune(hamlet: int, name: str) -> bool:
    """Whether a kept row counts in its commune's total: a hamlet's figures but its visits (a
    visit that reached several hamlets counts once), and the commune's own rows (hamlet 0)
    of the visits and of the houses handed over per week."""
    if hamlet == COMMUNE_WIDE:
        return name == "visits" or name.startswith(HANDOVERS_WEEK)
    return name != "visits"


def rollup(per_place: Figures) -> PerCommune:
    """Per commune: the sum of its rows that count in its total."""
    out: PerCommune = defaultdict(dict)
    for (commune, hamlet), named in per_place.items():
        target = out[commune]
        for name, value in named.items():
            if in_commune(hamlet, name):
                target[name] = target.get(name, 0) + value
    return {c: named for c, named in out.items() if named}


async def provinces_of(communes: Iterable[int]) -> dict[int, int]:
    rows = await Commune.filter(id__in=sorted(set(communes))).values_list("id", "province_id")
    return dict(rows)


def by_province(per_commune: PerCommune, province_of: dict[int, int]) -> PerCommune:
    """The communes' figures summed per province (the weeks of handovers left out: the
    national pages show no chart)."""
    out: PerCommune = defaultdict(dict)
    for commune, named in per_commune.items():
        target = out[province_of[commune]]
        for name, value in named.items():
            if not name.startswith(HANDOVERS_WEEK):
                target[name] = target.get(name, 0) + value
    return {p: {n: v for n, v in named.items() if v} for p, named in out.items()}


async def move(change: PerCommune) -> None:
    """Adds a write's change of some communes' totals to their rows and appends the change of
    their provinces (in the write's transaction, the communes already locked by it)."""
    change = {c: {n: d for n, d in named.items() if d} for c, named in change.items()}
    change = {c: named for c, named in change.items() if named}
    if not change:
        return
    for c, named in sorted(change.items()):
        for name, d in sorted(named.items()):
            await counts.add(SummaryCommuneFigure, {"commune_id": c, "name": name}, {"value": d})
    per_province = by_province(change, await provinces_of(change))
    await PROVINCE_CHANGES.move(_keyed(per_province))


def _keyed(per_province: PerCommune) -> dict[appended.Key, dict[str, int]]:
    return {
        (p, name): {"value": v} for p, named in per_province.items() for name, v in named.items()
    }


async def fold(province: int) -> None:
    """A province's appended rows folded into one per figure (relief.core.appended)."""
    await PROVINCE_CHANGES.fold(province)


async def rewrite_all(per_commune: PerCommune) -> None:
    """Every commune's and province's rows rewritten (the rebuild, every commune locked)."""
    await SummaryCommuneFigure.all().delete()
    rows = [
        SummaryCommuneFigure(commune_id=c, name=name, value=value)
        for c, named in per_commune.items()
        for name, value in named.items()
        if value
    ]
    if rows:
        await SummaryCommuneFigure.bulk_create(rows, batch_size=500)
    per_province = by_province(per_commune, await provinces_of(per_commune))
    await PROVINCE_CHANGES.rewrite(_keyed(per_province))


def marks(values: list, first: int = 1) -> str:
    """The placeholders of these values in a statement, in the database's way (on PostgreSQL
    numbered from `first`)."""
    if SummaryCommuneFigure._meta.db.capabilities.dialect == "sqlite":
        return ", ".join("?" for _ in values)
    return ", ".join(f"${i}" for i in range(first, first + len(values)))


# The kept counts a read of a place's figures leaves out: the weeks of handovers (the chart's)
# and the houses under construction per day started (summed into LATE by the statement).
NOT_BUCKETS = f"name NOT LIKE '{HANDOVERS_WEEK}%' AND name NOT LIKE '{STARTED_DAY}%'"
LATE = "late"  # the name under which a read gives a place's late houses (no kept name)


def late_range(before: date) -> list[str]:
    """The names of the days started that are late as of `before` (from, to excluded)."""
    return [STARTED_DAY, f"{STARTED_DAY}{before.isoformat()}"]


async def select(sql: str, values: list) -> Sequence[Any]:
    """The rows of a statement as the driver gives them (no model, no conversion), each
    unpacked as a tuple (sqlite3's rows and asyncpg's records both are)."""
    _count, rows = await SummaryCommuneFigure._meta.db.execute_query(sql, values)
    return rows


WEEKS = 0  # the key under which `read_communes(weeks=True)` gives the communes' weeks summed


async def read_communes(
    communes: Iterable[int] | None = None, late_before: date | None = None, weeks: bool = False
) -> PerCommune:
    """The kept figures of these communes (None: all) as a whole, the weeks of handovers
    left out, and with `late_before` their late houses as of that threshold (LATE), summed
    from their days started in the same statement; with `weeks`, the houses handed over per
    week in all of them (`read_handover_weeks`) under the key WEEKS, in the same statement
    too (on PostgreSQL each statement is a round trip). Read as plain rows: the ORM's
    conversion of each value cost more than the SQL."""
    ids = sorted(communes) if communes is not None else None
    if ids == []:
        return {}
    where = f" AND commune_id IN ({marks(ids)})" if ids is not None else ""
    values: list = list(ids or [])
    sql = f"SELECT commune_id, name, value FROM summary_commune_figure WHERE {NOT_BUCKETS}{where}"
    if late_before is not None:
        span = late_range(late_before)
        first = len(values) + 1
        where = f" AND commune_id IN ({marks(ids, first + 2)})" if ids is not None else ""
        sql += (
            f" UNION ALL SELECT commune_id, '{LATE}', CAST(SUM(value) AS BIGINT) "
            "FROM summary_commune_figure "
            f"WHERE name >= {marks([0], first)} AND name < {marks([0], first + 1)}{where} "
            "GROUP BY commune_id"
        )
        values += [*span, *(ids or [])]
    if weeks:
        where = f" AND commune_id IN ({marks(ids, len(values) + 1)})" if ids is not None else ""
        sql += (
            f" UNION ALL SELECT {WEEKS}, name, CAST(SUM(value) AS BIGINT) "
            f"FROM summary_commune_figure WHERE name LIKE '{HANDOVERS_WEEK}%'{where} GROUP BY name"
        )
        values += ids or []
    out: PerCommune = defaultdict(dict)
    for c, name, value in await select(sql, values):
        out[c][name] = value
    return dict(out)


async def read_handover_weeks(communes: Iterable[int]) -> dict[str, int]:
    """The houses handed over in these communes per week (the name "handovers:<Monday>")."""
    ids = sorted(communes)
    if not ids:
        return {}
    sql = (
        "SELECT name, SUM(value) FROM summary_commune_figure "
        f"WHERE commune_id IN ({marks(ids)}) AND name LIKE '{HANDOVERS_WEEK}%' GROUP BY name"
    )
    return {name: int(total) for name, total in await select(sql, ids)}


async def read_provinces(late_before: date | None = None) -> PerCommune:
    """The kept figures of every province (its appended rows summed), and with `late_before`
    its late houses as of that threshold (LATE), summed from its days started."""
    sql = (
        "SELECT province_id, name, SUM(value) FROM summary_province_change "
        f"WHERE name NOT LIKE '{STARTED_DAY}%' GROUP BY 1, 2"
    )
    values: list = []
    if late_before is not None:
        values = late_range(late_before)
        sql += (
            f" UNION ALL SELECT province_id, '{LATE}', SUM(value) FROM summary_province_change "
            f"WHERE name >= {marks([0], 1)} AND name < {marks([0], 2)} GROUP BY 1"
        )
    out: PerCommune = defaultdict(dict)
    for p, name, total in await select(sql, values):
        if total:
            out[p][name] = int(total)
    return dict(out)


async def differences(recount: Figures) -> list[str]:
    """Every commune's and province's kept figure that differs from a recount."""
    truth = rollup(recount)
    kept: PerCommune = defaultdict(dict)
    rows = await SummaryCommuneFigure.all().values_list("commune_id", "name", "value")
    for c, name, value in rows:
        kept[c][name] = value
    provinces = by_province(truth, await provinces_of(truth)) if truth else {}
    sums: PerCommune = defaultdict(dict)
    for (p, name), total in (await PROVINCE_CHANGES.sums()).items():
        sums[p][name] = total["value"]
    return _unequal("commune", kept, truth) + _unequal("province", sums, provinces)


def _unequal(place: str, kept: PerCommune, truth: PerCommune) -> list[str]:
    """A line for each place's figure whose kept total is not its recount."""
    lines = []
    for key in sorted(set(truth) | set(kept)):
        mine, right = kept.get(key, {}), truth.get(key, {})
        for name in sorted(set(mine) | set(right)):
            if mine.get(name, 0) != right.get(name, 0):
                lines.append(
                    f"{place} {key} total {name}: kept {mine.get(name, 0)}, "
                    f"recount {right.get(name, 0)}"
                )
    return lines
