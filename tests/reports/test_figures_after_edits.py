"""The issue's walk-through, through HTTP: archive one damaged household of Thần Sa, assess
another for a second disaster, move a third to another hamlet; then every figure of the commune
summary, the dashboard, the API and the exports equals a recount made here from the records."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from html.parser import HTMLParser

from openpyxl import load_workbook

from relief.aid.models import AidGiven, AidVisit
from relief.core.i18n import gettext
from relief.households.labels import DAMAGE_BANDS
from relief.households.models import DamageAssessment, Disaster, Household
from relief.houses.models import CampaignGroup, Contribution, HouseCase, Stage
from relief.places.models import Commune, Hamlet
from relief.reports import kept
from tests.factories import bearer, login_as, make_user
from tests.reports import writes

NEED = {s for s in Stage} - {Stage.CANCELLED}
DONE = {Stage.COMPLETED, Stage.HANDED_OVER}


async def _world() -> None:
    """Thần Sa and Võ Nhai with damage, visits, house cases and money, through the services."""
    await writes.seed()
    steps = [("create_household", n) for n in range(4, 12)]
    steps += [("assess", n) for n in range(12)]  # every household, every level
    steps += [("visit", n) for n in (1, 2, 4, 5)] + [("give", n) for n in range(8)]
    steps += [("open_case", n) for n in range(6)] + [("fund", n) for n in range(6)]
    steps += [("move_case", n) for n in (1, 2, 3, 6, 8, 11, 13)] + [("disburse", 3)]
    await writes.run(steps)


async def recount(code: str) -> tuple[dict[int, dict[str, int]], dict[str, int]]:
    """The figures per hamlet and for the commune, counted row by row in Python."""
    commune = await Commune.get(code=code)
    place = {h.id: h.hamlet_id for h in await Household.all()}
    live = {h.id for h in await Household.filter(archived_at=None)}
    per: dict[int, dict[str, set | int]] = defaultdict(
        lambda: defaultdict(int, affected=set(), relocated=set(), reached=set())
    )
    for d in await DamageAssessment.filter(household__commune_id=commune.id):
        if d.household_id in live:
            per[place[d.household_id]]["affected"].add(d.household_id)
            band = per[place[d.household_id]].setdefault(f"damage:{d.band.value}", set())
            band.add(d.household_id)
            if d.relocated:
                per[place[d.household_id]]["relocated"].add(d.household_id)
    for g in await AidGiven.filter(household__commune_id=commune.id):
        figures = per[place[g.household_id]]
        figures["reached"].add(g.household_id)
        figures.setdefault("visit_ids", set()).add(g.visit_id)
        figures["cash"] += g.cash
        figures["goods_value"] += g.goods_value
    cases = {c.id: c for c in await HouseCase.filter(commune_id=commune.id)}
    for c in cases.values():
        per[place[c.household_id]]["need"] += c.stage in NEED
        per[place[c.household_id]]["handed_over"] += c.stage is Stage.HANDED_OVER
        per[place[c.household_id]]["completed"] += c.stage in DONE
    for m in await Contribution.filter(house_case_id__in=list(cases)):
        per[place[cases[m.house_case_id].household_id]]["pledged"] += m.amount_pledged
        per[place[cases[m.house_case_id].household_id]]["disbursed"] += m.amount_disbursed
    hamlets = {
        h: {k: len(v) if isinstance(v, set) else v for k, v in f.items()} for h, f in per.items()
    }
    total: dict[str, int] = defaultdict(int)
    for figures in hamlets.values():
        figures["visits"] = figures.pop("visit_ids", 0)  # the visits that reached the hamlet
        for k, v in figures.items():
            total[k] += v
    total["visits"] = await AidVisit.filter(commune_id=commune.id).count()  # each once
    return hamlets, dict(total)


class _Tables(HTMLParser):
    """The text of every cell of every table row of a page, row by row."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self.tables:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _tables(html: str) -> list[list[list[str]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def _int(text: str) -> int:
    """A figure as the page writes it: 1.234.567 ₫ or 1.234 (the money before its progress)."""
    return int(re.sub(r"\D", "", text.split("₫")[0]) or 0)


def _columns(table: list[list[str]], names: dict[str, str]) -> dict[str, dict[str, int]]:
    """Rows by their first cell, with the figures of the columns named (header -> figure)."""
    header = table[0]
    at = {names[h]: i for i, h in enumerate(header) if h in names}
    return {row[0]: {k: _int(row[i]) for k, i in at.items()} for row in table[1:]}


def _as_api(figures: dict) -> dict[str, int]:
    return {
        "affected": figures["affected_households"],
        "relocated": figures["relocated_households"],
        "reached": figures["households_reached"],
        "cash": figures["cash"],
        "need": figures["houses"]["need"],
        "handed_over": figures["houses"]["handed_over"],
        "completed": figures["houses"]["completed"],
        "pledged": figures["money"]["pledged"],
        "disbursed": figures["money"]["disbursed"],
    }


def _same(shown: dict[str, int], counted: dict[str, int]) -> None:
    assert shown == {k: counted.get(k, 0) for k in shown}


async def test_archive_move_and_reassess_leave_every_figure_equal_to_a_recount(client):
    await _world()
    officer = await bearer(await make_user("commune"))
    than_sa = await Commune.get(code="05725")
    damaged = (
        await Household.filter(commune_id=than_sa.id, damage_assessments__id__isnull=False)
        .distinct()
        .order_by("id")
    )
    assert len(damaged) >= 3
    archived, reassessed, moved = damaged[0], damaged[1], damaged[2]
    second = await Disaster.filter(name__contains="Yagi").first()
    other_hamlet = (
        await Hamlet.filter(commune_id=than_sa.id).exclude(id=moved.hamlet_id).order_by("id")
    )[0]

    r = await client.post(
        f"/api/v1/households/{archived.id}/archive",
        json={"version": archived.version, "reason": "Chuyển đi nơi khác"},
        headers=officer,
    )
    assert r.status_code == 201, r.text
    r = await client.post(
        "/api/v1/damage-assessments",
        json={
            "household_id": reassessed.id,
            "disaster_id": second.id,
            "band": "partial",
            "flooded": True,
            "assessed_on": "2025-10-09",
        },
        headers=officer,
    )
    assert r.status_code == 201, r.text
    r = await client.patch(
        f"/api/v1/households/{moved.id}",
        json={"hamlet_id": other_hamlet.id, "version": moved.version},
        headers=officer,
    )
    assert r.status_code == 200, r.text

    assert await kept.differences() == []
    hamlets, total = await recount("05725")
    province_user = await make_user("province")
    province = await bearer(province_user)
    summary = (await client.get("/api/v1/communes/05725/summary", headers=province)).json()
    _same(_as_api(summary["total"]), total)
    assert summary["total"]["aid_visits"] == total["visits"]
    # The split by campaign group and kind adds up to the same houses.
    by_group = summary["houses_by_group"]
    assert {g["campaign_group"] for g in by_group} <= {g.value for g in CampaignGroup}
    assert sum(g["need"] for g in by_group) == total["need"] > 0
    assert sum(g["handed_over"] for g in by_group) == total.get("handed_over", 0)
    names = {h.id: h.name for h in await Hamlet.filter(commune_id=than_sa.id)}
    shown = {row["name"]: _as_api(row) for row in summary["hamlets"]}
    counted = {names[h]: {k: f.get(k, 0) for k in shown[names[h]]} for h, f in hamlets.items()}
    assert {n: f for n, f in shown.items() if any(f.values())} == counted

    dashboard = (await client.get("/api/v1/summary", headers=province)).json()
    row = next(c for c in dashboard["communes"] if c["code"] == "05725")
    _same(_as_api(row), total)
    assert row["aid_visits"] == total["visits"]
    vo_nhai = next(c for c in dashboard["communes"] if c["code"] == "05716")
    _same(_as_api(vo_nhai), (await recount("05716"))[1])

    await login_as(client, province_user)
    book = load_workbook(
        io.BytesIO((await client.get("/reports/communes/05725/export/xlsx")).content)
    )
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    total_row = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "Tổng cộng")
    exported = dict(zip(headers, total_row, strict=False))
    assert exported["Hộ bị ảnh hưởng"] == total["affected"]
    assert exported["Tiền mặt đã trao"] == total.get("cash", 0)
    assert exported["Nhu cầu nhà"] == total.get("need", 0)
    assert exported["Cam kết"] == total.get("pledged", 0)
    page = (await client.get("/reports/communes/05725")).text
    assert "một lần ở dòng tổng" in page

    # The commune page itself: every hamlet row and the total of its damage, aid and house
    # tables equal the recount (Vietnamese headers, as the officer reads them).
    expected = {names[h]: f for h, f in hamlets.items()} | {gettext("Total"): total}
    damage, aid, houses = _tables(page)[:3]
    band_headers = {gettext(label): f"damage:{band.value}" for band, label in DAMAGE_BANDS.items()}
    band_headers |= {gettext("Affected households"): "affected", gettext("Relocated"): "relocated"}
    shown_tables = [
        _columns(damage, band_headers),
        _columns(
            aid,
            {
                gettext("Aid visits"): "visits",
                gettext("Households reached"): "reached",
                gettext("Cash given"): "cash",
                gettext("Goods value"): "goods_value",
            },
        ),
        _columns(
            houses,
            {
                gettext("Houses needed"): "need",
                gettext("Completed"): "completed",
                gettext("Handed over"): "handed_over",
            },
        ),
    ]
    for shown_rows in shown_tables:
        assert shown_rows, "a table of the commune page lost its rows"
        for name, figures in shown_rows.items():
            counted = expected.get(name, {})
            assert figures == {k: counted.get(k, 0) for k in figures}, (name, figures)
    bands = shown_tables[0][gettext("Total")]
    assert sum(v for k, v in bands.items() if k.startswith("damage:")) >= total["affected"] > 0

    # The commune CSV (hamlet table) and the province's CSV and workbook.
    text = (await client.get("/reports/communes/05725/export/csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    head = next(i for i, r in enumerate(rows) if r and r[0] == gettext("Hamlet"))
    columns = {
        gettext("Affected households"): "affected",
        gettext("Households reached"): "reached",
        gettext("Cash given"): "cash",
        gettext("Goods value"): "goods_value",
        gettext("Houses needed"): "need",
        gettext("Handed over"): "handed_over",
        gettext("Pledged"): "pledged",
        gettext("Disbursed"): "disbursed",
    }
    for name, figures in _columns(rows[head:], columns).items():
        counted = expected.get(name, {})
        assert figures == {k: counted.get(k, 0) for k in figures}, (name, figures)
    province_csv = (await client.get("/reports/export/province/csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(province_csv), delimiter=";"))
    head = next(i for i, r in enumerate(rows) if r and r[0] == gettext("Commune"))
    exported_rows = _columns(rows[head:], columns | {gettext("Aid visits"): "visits"})
    for code in ("05725", "05716"):
        commune = await Commune.get(code=code)
        counted = total if code == "05725" else (await recount(code))[1]
        figures = exported_rows[commune.name]
        assert figures == {k: counted.get(k, 0) for k in figures}, (code, figures)

    # The province dashboard page: Thần Sa's row.
    dashboard_page = (await client.get("/reports")).text
    table = next(t for t in _tables(dashboard_page) if t and gettext("Affected households") in t[0])
    shown = _columns(
        table,
        {
            gettext("Affected households"): "affected",
            gettext("Relocated"): "relocated",
            gettext("Aid visits"): "visits",
            gettext("Cash given"): "cash",
            gettext("Houses needed"): "need",
            gettext("Completed"): "completed",
            gettext("Handed over"): "handed_over",
            gettext("Pledged"): "pledged",
            gettext("Disbursed"): "disbursed",
        },
    )[than_sa.name]
    assert shown == {k: total.get(k, 0) for k in shown}
