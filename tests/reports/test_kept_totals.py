"""The kept totals of each commune and province (relief.reports.kept_totals): moved by the writes
with the hamlets' rows, equal to a recount, folded without changing a province's sum, checked
and rebuilt by `relief summaries`; the dashboards' chart of handovers read from them."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from relief.core.actor import SYSTEM
from relief.core.formatting import local_today
from relief.houses.models import HouseCase, Stage
from relief.places.models import Commune
from relief.reports import kept, kept_totals, queries, service
from relief.reports.indicators import Filters
from relief.reports.models import SummaryCommuneFigure, SummaryProvinceChange
from tests.reports import writes

STEPS = [
    ("open_case", 1), ("open_case", 2), ("open_case", 3), ("assess", 1), ("assess", 2),
    ("visit", 1), ("give", 1), ("give", 2), ("fund", 1), ("disburse", 1),
    *[("move_case", n) for n in (1, 2, 3, 4, 6, 8, 9, 11, 12, 13, 16, 17, 18, 19)] * 4,
    ("hand_over", 0), ("move_household", 1), ("archive_or_restore", 2),
]  # fmt: skip


async def _written(monkeypatch, fold_one_in: int) -> None:
    folding = dataclasses.replace(kept_totals.PROVINCE_CHANGES, fold_one_in=fold_one_in)
    monkeypatch.setattr(kept_totals, "PROVINCE_CHANGES", folding)
    await writes.seed()
    await writes.run(STEPS)


async def test_the_totals_move_with_every_write_and_equal_a_recount(orm, monkeypatch):
    await _written(monkeypatch, fold_one_in=1)  # every write folds its province's rows
    assert await kept.differences() == []
    per_commune = await kept.read_communes()
    handed = sum(
        n for named in per_commune.values() for k, n in named.items() if k.endswith(":handed_over")
    )
    assert handed == await HouseCase.filter(stage=Stage.HANDED_OVER).count()
    assert handed > 0
    # Folded at each write: one row per province and figure.
    rows = await SummaryProvinceChange.all().values_list("province_id", "name")
    assert len(rows) == len(set(rows))


async def test_folding_a_province_keeps_its_sums(orm, monkeypatch):
    await _written(monkeypatch, fold_one_in=10**9)  # never folded by the writes
    before = await kept.read_provinces()
    province = (await Commune.get(code=writes.COMMUNES[0])).province_id
    appended = await SummaryProvinceChange.filter(province_id=province).count()
    assert appended > len(before[province])  # several changes of a figure
    await kept_totals.fold(province)
    assert await kept.read_provinces() == before
    names = await SummaryProvinceChange.filter(province_id=province).values_list("name", flat=True)
    assert len(names) == len(set(names))  # one row per figure (the days started among them)
    assert await kept.differences() == []


async def test_a_wrong_total_is_found_by_the_check_and_rebuilt(orm, monkeypatch):
    await _written(monkeypatch, fold_one_in=16)
    than_sa = await Commune.get(code=writes.COMMUNES[0])
    row = await SummaryCommuneFigure.filter(commune_id=than_sa.id).order_by("name").first()
    assert row is not None
    await SummaryCommuneFigure.filter(id=row.id).update(value=row.value + 3)
    await SummaryProvinceChange.create(province_id=than_sa.province_id, name="cash", value=7)
    found = await kept.differences()
    assert f"commune {than_sa.id} total {row.name}: kept {row.value + 3}, recount {row.value}" in (
        found
    )
    assert any(
        line.startswith(f"province {than_sa.province_id} total cash: kept ") for line in found
    )
    await kept.rebuild()
    assert await kept.differences() == []


async def test_the_dashboard_chart_reads_the_kept_handovers_per_week(orm, monkeypatch):
    await _written(monkeypatch, fold_one_in=16)
    ids = list(await Commune.filter(code__in=writes.COMMUNES).values_list("id", flat=True))
    live = service.weeks(await queries.handovers_per_day(SYSTEM, Filters(), ids))
    kept_weeks = service.weeks_of(await kept_totals.read_handover_weeks(ids))
    assert kept_weeks == live
    monday = local_today() - timedelta(days=local_today().weekday())
    assert [day for day, _n in kept_weeks] == [monday]
