"""The late houses read from the kept houses under construction per day started (each
hamlet's, commune's and province's, as of any day) equal a live count of the late cases, and a
wrong day's count is found by the check and mended by the rebuild."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from relief.core.actor import SYSTEM
from relief.houses.models import HouseCase
from relief.places.models import Commune
from relief.reports import kept, kept_totals, queries
from relief.reports.figures import COMMUNE_WIDE, STARTED_DAY, Places
from relief.reports.indicators import UNDER_CONSTRUCTION, Filters
from relief.reports.models import SummaryFigure
from tests.reports import writes

STEPS = [
    ("open_case", 1), ("open_case", 2), ("open_case", 3), ("open_case", 4), ("open_case", 5),
    *[("move_case", n) for n in (1, 2, 3, 4, 8, 9, 11, 16, 17, 18, 22)],
    ("move_household", 1), ("hand_over", 0),
]  # fmt: skip


async def _live(before) -> tuple[Counter, Counter, Counter]:
    """The late cases counted one by one: per (commune, hamlet), per commune, per province."""
    late = HouseCase.filter(stage__in=UNDER_CONSTRUCTION, started_on__lt=before)
    rows = await late.values_list("commune_id", "hamlet_id", "commune__province_id")
    return (
        Counter((c, h) for c, h, _p in rows),
        Counter(c for c, _h, _p in rows),
        Counter(p for _c, _h, p in rows),
    )


async def test_late_houses_from_the_kept_days_equal_a_live_count(orm):
    await writes.seed()
    await writes.run(STEPS)
    assert await kept.differences() == []
    started = set(
        await HouseCase.filter(stage__in=UNDER_CONSTRUCTION).values_list("started_on", flat=True)
    )
    assert len(started) >= 2  # houses started on several days: some late, some not
    ids = list(await Commune.filter(code__in=writes.COMMUNES).values_list("id", flat=True))
    thresholds = sorted({d + timedelta(days=k) for d in started for k in (0, 1)})
    for before in thresholds:
        per_hamlet, per_commune, per_province = await _live(before)
        communes = await kept.read_communes(ids, late_before=before)
        assert {c: n.get(kept_totals.LATE, 0) for c, n in communes.items()} == {
            c: per_commune.get(c, 0) for c in communes
        }
        provinces = await kept.read_provinces(late_before=before)
        assert {p: n[kept_totals.LATE] for p, n in provinces.items() if kept_totals.LATE in n} == (
            dict(per_province)
        )
        for c in ids:
            rows = await kept.read_commune(c, before)
            read = {
                place: n[kept_totals.LATE] for place, n in rows.items() if kept_totals.LATE in n
            }
            assert read == {place: n for place, n in per_hamlet.items() if place[0] == c}
            assert not any(k.startswith(STARTED_DAY) for n in rows.values() for k in n)
            hamlets, total = await queries.by_hamlet(
                SYSTEM, Filters(), c, today=before, late_after_days=0
            )
            assert total.late == per_commune.get(c, 0)
            assert {h: i.late for h, i in hamlets.items() if i.late} == {
                h: n for (cc, h), n in per_hamlet.items() if cc == c
            }
    assert sum((await _live(thresholds[-1]))[0].values()) > 0
    # The dashboard's read gives the weeks of handovers too, as their own read does.
    together = await kept.read_communes(ids, late_before=thresholds[0], weeks=True)
    assert together.get(kept_totals.WEEKS, {}) == await kept_totals.read_handover_weeks(ids)


async def test_the_live_view_counts_the_same_late_houses(orm):
    await writes.seed()
    await writes.run(STEPS)
    ids = list(await Commune.filter(code__in=writes.COMMUNES).values_list("id", flat=True))
    today = writes.TODAY + timedelta(days=1)
    kept_view = await queries.by_commune(SYSTEM, Filters(), ids, today=today, late_after_days=0)
    live_view = await queries.by_commune(
        SYSTEM, Filters(date_from=writes.CASE_DAY), ids, today=today, late_after_days=0
    )
    _h, per_commune, _p = await _live(today)
    assert {c: i.late for c, i in kept_view.items()} == {c: per_commune.get(c, 0) for c in ids}
    assert {c: i.late for c, i in live_view.items()} == {c: per_commune.get(c, 0) for c in ids}
    assert sum(per_commune.values()) > 0


async def test_a_wrong_day_started_is_found_by_the_check_and_rebuilt(orm):
    await writes.seed()
    await writes.run(STEPS)
    row = await SummaryFigure.filter(name__startswith=STARTED_DAY).order_by("id").first()
    assert row is not None and row.hamlet_id != COMMUNE_WIDE
    await SummaryFigure.filter(id=row.id).update(value=row.value + 2)
    found = await kept.differences()
    assert (
        f"commune {row.commune_id} hamlet {row.hamlet_id} {row.name}: kept {row.value + 2}, "
        f"recount {row.value}"
    ) in found
    assert (
        f"commune {row.commune_id} total {row.name}: kept {row.value}, recount {row.value}"
        not in found
    )
    await kept.rebuild()
    assert await kept.differences() == []
    assert await kept.read([row.commune_id]) == await _recount(row.commune_id)


async def _recount(commune: int):
    from relief.reports import figures

    return await figures.count(Filters(), Places.of([commune]))
