"""The kept summary figures, and the public books' (house counts by stage, each fund's month),
stay equal to a recount after any sequence of writes made through the services (Hypothesis
chooses the sequences), on SQLite and PostgreSQL; a broken update of the kept figures is
caught by the property and by `relief summaries check`."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from relief import cli, db
from relief.households.models import DamageAssessment, Disaster, Household
from relief.ledger import kept as ledger_kept
from relief.reports import figures, kept
from relief.reports.figures import Places
from relief.reports.indicators import Filters
from tests.reports import writes

DAMAGE_NAMES = {"affected", "relocated"}
STEPS = st.lists(
    st.tuples(st.sampled_from(sorted(writes.WRITES)), st.integers(0, 10_000)),
    min_size=1,
    max_size=12,
)


async def _apply(steps: list[tuple[str, int]], *, seed: bool = False) -> list[str]:
    """Runs the writes, then compares the kept figures with a recount."""
    if seed:
        await writes.seed()
    await writes.run(steps)
    books = await ledger_kept.differences()  # the public books: house counts, monthly cells
    return await kept.differences() + books + await _province_view_differences()


async def _province_view_differences() -> list[str]:
    """The province's live view (grouped by commune in SQL) against the per-hamlet counts
    added up, without a filter and for one disaster."""
    lines = []
    first = await Disaster.all().order_by("id").first()
    for filters in (Filters(), Filters(disaster_id=first.id if first else None)):
        per_commune = await figures.count_communes(filters, None)
        added_up = kept.rollup(await figures.count(filters, Places()))
        if per_commune != added_up:
            lines.append(f"{filters}: by commune {per_commune}, hamlets added up {added_up}")
    if first is None:
        return lines
    # One disaster's damage counted here row by row: live households, by band, relocated.
    live = set(await Household.filter(archived_at=None).values_list("id", flat=True))
    counted: dict[int, dict[str, int]] = {}
    for d in await DamageAssessment.filter(disaster_id=first.id):
        if d.household_id in live:
            place = counted.setdefault(d.commune_id, {})
            for name in ("affected", f"damage:{d.band.value}", *(["relocated"] * d.relocated)):
                place[name] = place.get(name, 0) + 1
    shown = await figures.count_communes(Filters(disaster_id=first.id), None)
    for commune in set(counted) | set(shown):
        mine = {
            k: v for k, v in shown.get(commune, {}).items() if k in DAMAGE_NAMES or "damage:" in k
        }
        if mine != counted.get(commune, {}):
            lines.append(f"disaster {first.id} commune {commune}: {mine} != {counted.get(commune)}")
    return lines


def _property(url: str, max_examples: int, *, shrink: bool = True) -> None:
    # Hypothesis calls a plain function: the examples run on one event loop of their own, with
    # the database opened once for all of them instead of once for each.
    loop = asyncio.new_event_loop()
    loop.run_until_complete(db.init_db(url))
    try:
        loop.run_until_complete(_apply([], seed=True))

        # The database carries over from one example to the next: later sequences start from
        # what earlier ones left, which is what a commune's day looks like.
        @settings(
            max_examples=max_examples,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.generate, Phase.shrink] if shrink else [Phase.generate],
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        )
        @given(steps=STEPS)
        def kept_equals_recount(steps):
            assert loop.run_until_complete(_apply(steps)) == []

        kept_equals_recount()
    finally:
        loop.run_until_complete(db.close_db())
        loop.close()


def test_kept_figures_equal_a_recount_after_any_writes(database_url):
    _property(database_url, max_examples=15)


class _Broken:
    """A counter update with a bug: every recount keeps one too many of its first figure."""

    def __init__(self, monkeypatch):
        real = kept._insert

        async def broken(fresh):
            for named in fresh.values():
                if named:
                    first = sorted(named)[0]
                    named[first] += 1
                    break
            await real(fresh)

        monkeypatch.setattr(kept, "_insert", broken)


def _check(database_url, tmp_path, monkeypatch, capsys) -> tuple[int, str]:
    monkeypatch.setenv("RELIEF_DATABASE_URL", database_url)
    monkeypatch.setenv("RELIEF_VAR_DIR", str(tmp_path / "var"))
    capsys.readouterr()
    try:
        cli.main(["summaries", "check"])
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, capsys.readouterr().out


def test_a_broken_counter_update_is_caught_by_the_property_and_the_check(
    database_url, tmp_path, monkeypatch, capsys
):
    with monkeypatch.context() as patch:
        _Broken(patch)
        with pytest.raises(AssertionError):
            _property(database_url, max_examples=8, shrink=False)
    code, out = _check(database_url, tmp_path, monkeypatch, capsys)
    assert code == 1
    assert ": kept " in out and ", recount " in out

    monkeypatch.setattr(cli, "main", cli.main)  # the real command again, for the rebuild
    cli.main(["summaries", "rebuild"])
    assert _check(database_url, tmp_path, monkeypatch, capsys)[0] == 0
