"""A worked example of adding a summary figure (the checklist: docs/architecture-figures.md).

The figure: households given cash (distinct households with an aid row of some cash), a new
kept count of the aid family. Adding it is one counting (the aid family's aggregation puts one
more count) and one catalogue entry; the export columns and values, the dashboard's sort keys,
the API's typed schema and the definitions' digest follow, and the next start rebuilds the
kept figures, so the figure does not read 0 until someone runs `relief summaries rebuild`.
"""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest
from tortoise.functions import Count

from relief.core.i18n import catalogue_entries
from relief.reports import exports, figures, kept, schemas, service
from relief.reports.figures import AID, DASHBOARD, EVERYWHERE, Counter, Figure, Format
from relief.reports.indicators import Indicators
from relief.settings import Settings
from tests.apps import app_for
from tests.reports import writes

# 1. The counting: the aid family's aggregation, and one more GROUP BY for the new count.
AID_COUNTER = figures.COUNTERS[AID]


async def aid_with_cash(actor, filters, places, place, put) -> None:
    await AID_COUNTER.count(actor, filters, places, place, put)
    given = figures.gifts(actor, filters, places).filter(cash__gt=0)
    per_place = given.annotate(n=Count("household_id", distinct=True)).group_by(*place)
    for row in await per_place.values(*place, "n"):
        put(row["commune_id"], row.get("hamlet_id"), "given_cash", row["n"])


# 2. The catalogue entry: its name, family, words, format, the count it reads, where it shows.
GIVEN_CASH = Figure(
    "households_given_cash",
    AID,
    "Households given cash",
    Format.COUNT,
    reads=("given_cash",),
    sort="given_cash",
    shown=EVERYWHERE | {DASHBOARD},
)
CATALOGUE = (*figures.CATALOGUE, GIVEN_CASH)


@pytest.fixture
def added(monkeypatch):
    """The code with the figure added (what a commit adding it would change)."""
    monkeypatch.setattr(figures, "CATALOGUE", CATALOGUE)
    monkeypatch.setitem(figures.COUNTERS, AID, Counter(aid_with_cash, AID_COUNTER.records))


def test_it_is_a_column_of_the_exports_with_its_value(added):
    headers = [c.header for c in exports.indicator_columns()]
    assert headers[-1] == "Households given cash"
    ind = Indicators({"given_cash": 7, "reached": 9})
    values = exports.indicator_values(ind)
    assert len(values) == len(headers) and values[-1] == 7


def test_it_is_a_sort_key_of_the_dashboard(added):
    keys = service.sort_keys()
    rows = [service.Row(None, Indicators({"given_cash": n})) for n in (2, 5, 1)]
    rows.sort(key=keys["given_cash"])
    assert [r.ind.get("given_cash") for r in rows] == [1, 2, 5]
    assert "given_cash" not in service.sort_keys(CATALOGUE[:-1])  # the app's own


def test_it_is_in_the_typed_schema_as_an_integer(added):
    shapes = schemas.shapes(prefix="Example")
    place = shapes.struct("ExamplePlace")
    schema = msgspec.json.schema(place)
    properties = schema["$defs"]["ExamplePlace"]["properties"]
    assert properties["households_given_cash"] == {"type": "integer"}
    # The app's own schema (made from the catalogue it started with) has no such field.
    app_fields = {f.name for f in msgspec.structs.fields(schemas.PlaceFigures)}
    assert "households_given_cash" not in app_fields and "cash" in app_fields
    made = place(**shapes.values(Indicators({"given_cash": 3})))
    assert made.households_given_cash == 3  # type: ignore[attr-defined]


def test_it_changes_the_digest(monkeypatch):
    before = figures.digest()
    monkeypatch.setattr(figures, "CATALOGUE", CATALOGUE)
    assert figures.digest() != before
    monkeypatch.setitem(figures.COUNTERS, AID, Counter(aid_with_cash, AID_COUNTER.records))
    assert figures.digest() not in (before, figures.digest(CATALOGUE[:-1]))


async def test_the_next_start_keeps_it_and_writes_keep_it_true(orm, monkeypatch):
    await writes.seed()
    await writes.run([("visit", 1), ("visit", 2), ("give", 0)])
    monkeypatch.setattr(figures, "CATALOGUE", CATALOGUE)
    monkeypatch.setitem(figures.COUNTERS, AID, Counter(aid_with_cash, AID_COUNTER.records))
    # Before the start: the new count is not kept yet (it would read 0).
    missing = await kept.differences()
    assert missing and all("given_cash: kept 0" in line for line in missing)
    assert await kept.rebuild_if_changed() is True  # what `relief migrate` and the start run
    assert await kept.differences() == []
    assert sum(f.get("given_cash", 0) for f in (await kept.read()).values()) > 0
    # Later writes recount it with the rest of its family, in their transaction.
    await writes.run([("visit", 4), ("correct_gift", 3), ("move_household", 1)])
    assert await kept.differences() == []
    assert await kept.rebuild_if_changed() is False


def test_every_figure_of_the_app_has_its_vietnamese_words():
    """The checklist's translation step, for the app's catalogue (the example's words are the
    test's own)."""
    translated = {key for key, _text in catalogue_entries("vi")}
    words = {f.label for f in figures.CATALOGUE} | {
        f.heading for f in figures.CATALOGUE if f.heading and f.heading != "{part}"
    }
    assert {(None, w) for w in words} - translated == set()


def test_the_apps_schema_lists_every_figure_with_its_type():
    schema = app_for(
        Settings(
            database_url="sqlite://:memory:",
            secret_key="x" * 40,
            var_dir=Path("/nonexistent"),
            media_dir=Path("/nonexistent"),
            password_profile="CHEAPEST",
        )
    ).openapi_schema.to_schema()
    parts = schema["components"]["schemas"]
    answer = schema["paths"]["/api/v1/summary"]["get"]["responses"]["200"]["content"]
    assert answer["application/json"]["schema"]["$ref"].endswith("/ProvinceSummaryOut")
    expected = {
        Format.COUNT: {"type": "integer"},
        Format.MONEY: {"type": "integer"},
        Format.PERCENT: {"oneOf": [{"type": "number"}, {"type": "null"}]},
    }
    for figure in figures.shown_in(figures.API):
        holder = {"houses": "HousesFigures", "money": "MoneyFigures"}.get(figure.family)
        typed = parts[holder or "PlaceFigures"]["properties"][figure.name]
        if figure.split is None:
            assert typed == expected[figure.format], figure.name
        else:
            split = parts[typed["$ref"].rsplit("/", 1)[1]]["properties"]
            assert split == {code.value: expected[figure.format] for code in figure.split}
