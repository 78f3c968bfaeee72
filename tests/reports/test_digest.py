"""The digest of the figure definitions, stored beside the kept figures: `relief migrate` and
the server's start rebuild them when it is not the code's, and touch nothing when it is."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

import pytest
from asgi_lifespan import LifespanManager

from relief import cli, db
from relief.reports import figures, kept
from relief.reports.models import SummaryDigest, SummaryFigure
from tests.apps import app_for
from tests.reports import writes

STEPS = [("assess", 1), ("assess", 2), ("visit", 1), ("open_case", 0), ("fund", 0)]


def _with_db(url: str, work: Callable[[], Awaitable[Any]]) -> Any:
    async def main() -> Any:
        await db.init_db(url)
        try:
            return await work()
        finally:
            await db.close_db()

    return asyncio.run(main())


def _start(how: str, settings, monkeypatch) -> None:
    """`relief migrate`, or the app's start (its lifespan, as uvicorn runs it)."""
    if how == "migrate":
        monkeypatch.setenv("RELIEF_DATABASE_URL", settings.database_url)
        monkeypatch.setenv("RELIEF_VAR_DIR", str(settings.var_dir))
        cli.main(["migrate"])
        return

    async def start() -> None:
        async with LifespanManager(app_for(settings)):
            pass

    asyncio.run(start())


async def _seeded() -> int:
    await writes.seed()
    await writes.run(STEPS)
    return await SummaryFigure.all().count()


async def _kept_state() -> tuple[list[int], str | None, Any]:
    ids = sorted(await SummaryFigure.all().values_list("id", flat=True))
    row = await SummaryDigest.get(name=kept.DIGEST)
    return ids, row.digest, row.rebuilt_at


def test_a_fresh_database_holds_the_codes_digest(settings):
    assert _with_db(settings.database_url, kept.stored_digest) == figures.digest()


@pytest.mark.parametrize("how", ["migrate", "start"])
def test_another_digest_stored_rebuilds_the_kept_figures(how, settings, monkeypatch):
    url = settings.database_url
    kept_rows = _with_db(url, _seeded)

    async def as_an_older_code_left_them() -> None:
        # An older code did not count these figures: none kept, and its own digest stored.
        await SummaryFigure.all().delete()
        await SummaryDigest.filter(name=kept.DIGEST).update(digest="an older definition")

    _with_db(url, as_an_older_code_left_them)
    _start(how, settings, monkeypatch)

    async def after() -> tuple[list[str], int, str | None]:
        return (
            await kept.differences(),
            await SummaryFigure.all().count(),
            await kept.stored_digest(),
        )

    differences, rows, digest = _with_db(url, after)
    assert (differences, rows, digest) == ([], kept_rows, figures.digest())
    assert kept_rows > 5


@pytest.mark.parametrize("how", ["migrate", "start"])
def test_the_same_digest_rewrites_nothing(how, settings, monkeypatch):
    url = settings.database_url
    _with_db(url, _seeded)
    before = _with_db(url, _kept_state)
    _start(how, settings, monkeypatch)
    # The same rows (a rebuild deletes and inserts them: new ids) and the same rebuild time.
    assert _with_db(url, _kept_state) == before
    assert before[1] == figures.digest()


def test_a_rebuild_by_the_command_stores_the_codes_digest(settings, monkeypatch):
    url = settings.database_url
    _with_db(url, _seeded)
    _with_db(url, lambda: SummaryDigest.filter(name=kept.DIGEST).update(digest="stale"))
    monkeypatch.setenv("RELIEF_DATABASE_URL", url)
    monkeypatch.setenv("RELIEF_VAR_DIR", str(settings.var_dir))
    cli.main(["summaries", "rebuild"])
    assert _with_db(url, kept.stored_digest) == figures.digest()


def test_the_digest_follows_the_counting_not_the_words():
    """A figure's counting is in its definition: another aggregation is another digest; its
    heading on a page is not (the kept rows do not change)."""
    family = figures.COUNTERS[figures.AID]

    async def other_aid(actor, filters, places, place, put) -> None:
        await family.count(actor, filters, places, place, put)

    recounted = {**figures.COUNTERS, figures.AID: figures.Counter(other_aid, family.records)}
    renamed = tuple(
        replace(f, label="Other words") if f.name == "cash" else f for f in figures.CATALOGUE
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(figures, "COUNTERS", recounted)
        changed = figures.digest()
    assert changed != figures.digest()
    assert figures.digest(renamed) == figures.digest()
