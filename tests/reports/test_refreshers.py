"""The write pipeline in sight: the kept figures' refreshers are registered in one place when
the database is opened (relief.db.register_refreshers), not by importing models, and a write
in a process that registered none fails instead of leaving the figures behind."""

from __future__ import annotations

import subprocess
import sys

import pytest

from relief import PROJECT_ROOT
from relief.core import summaries
from relief.core.models import AuditEntry
from relief.households import words
from relief.households.models import Household
from relief.ledger import goods
from relief.ledger import kept as books
from relief.reports import kept
from tests.reports import writes


async def test_opening_the_database_registers_the_stock_the_figures_the_books_then_the_words(orm):
    expected = (goods.refresh, kept.refresh, books.refresh, words.refresh)
    assert summaries.registered() == expected


def test_importing_every_area_registers_nothing():
    """The app, the command and the demo import every model: none registers a refresher."""
    code = (
        "import relief.app, relief.cli, relief.demo, relief.db\n"
        "from relief.core import summaries\n"
        "print(len(summaries.registered()))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "0"


async def test_a_write_with_no_refresher_fails_and_writes_nothing(orm, monkeypatch):
    await writes.seed()
    households, entries = await Household.all().count(), await AuditEntry.all().count()
    monkeypatch.setattr(summaries, "_refreshers", [])
    with pytest.raises(summaries.NoRefresher, match="create of household"):
        await writes.create_household(9)
    assert (await Household.all().count(), await AuditEntry.all().count()) == (
        households,
        entries,
    )
