"""The rows of the quick report, in the order and groups of the circular's table.

One list serves the page, the XLSX and the province sum, so they cannot disagree. A row is
either counted from the households' damage (`source="households"`) or entered by the officer
(`source="figures"`), as the commune-level figures that no household carries.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from relief.households.models import DamageBand, HouseClass

UNKNOWN_CLASS = "unknown"


@dataclass(frozen=True)
class Line:
    key: str
    label: str  # message id
    unit: str  # message id
    source: str = "figures"  # "households" or "figures"
    decimals: int = 0  # hectares take two


@dataclass(frozen=True)
class Group:
    numeral: str
    label: str
    lines: tuple[Line, ...]


def _band_lines() -> tuple[Line, ...]:
    names = {
        DamageBand.TOTAL: "Houses totally damaged (over 70%)",
        DamageBand.VERY_HEAVY: "Houses very heavily damaged (50–70%)",
        DamageBand.HEAVY: "Houses heavily damaged (30–50%)",
        DamageBand.PARTIAL: "Houses partly damaged (under 30%)",
        DamageBand.TO_CONFIRM: "Houses with the damage band to confirm",
    }
    return tuple(
        Line(f"band:{b.value}", label, "house", "households") for b, label in names.items()
    )


GROUPS: tuple[Group, ...] = (
    Group(
        "I",
        "Damage to people",
        (
            Line("dead", "Dead", "person", "households"),
            Line("missing", "Missing", "person", "households"),
            Line("injured", "Injured", "person", "households"),
            Line("households", "Households affected", "household", "households"),
            Line("people", "People affected", "person", "households"),
            Line("relocated", "Households relocated in an emergency", "household", "households"),
            Line("relocated_people", "People relocated in an emergency", "person", "households"),
        ),
    ),
    Group(
        "II",
        "Damage to houses",
        (
            *_band_lines(),
            Line("collapsed", "of which collapsed or swept away", "house", "households"),
            Line("flooded", "Houses flooded", "house", "households"),
            Line("roof_blown_off", "Houses with the roof blown off", "house", "households"),
            Line(
                "landslide_relocation",
                "Houses to be relocated for landslides",
                "house",
                "households",
            ),
        ),
    ),
    Group(
        "III",
        "Education",
        (Line("schools", "Schools and school sites damaged", "site"),),
    ),
    Group(
        "IV",
        "Health",
        (Line("health_stations", "Health stations damaged", "site"),),
    ),
    Group(
        "V",
        "Culture",
        (
            Line("cultural_works", "Cultural works damaged", "site"),
            Line("relics", "Historical and cultural relics damaged", "site"),
        ),
    ),
    Group(
        "VI",
        "Agriculture",
        (
            Line("rice_ha", "Rice damaged", "ha", decimals=2),
            Line("crops_ha", "Vegetables and other crops damaged", "ha", decimals=2),
            Line("perennial_ha", "Perennial and fruit trees damaged", "ha", decimals=2),
            Line("cattle", "Cattle dead or swept away", "head"),
            Line("poultry", "Poultry dead or swept away", "head"),
            Line("aquaculture_ha", "Aquaculture area damaged", "ha", decimals=2),
        ),
    ),
    Group(
        "VII",
        "Irrigation, transport and power",
        (
            Line("canals_m", "Canals eroded or damaged", "m"),
            Line("roads_m", "Roads eroded or damaged", "m"),
            Line("earth_m3", "Earth and rock slid onto roads", "m³"),
            Line("bridges", "Bridges and culverts damaged", "site"),
            Line("power_poles", "Power poles broken", "pole"),
        ),
    ),
    Group(
        "VIII",
        "Estimated losses",
        (
            Line("household_loss", "Loss of the households' houses", "million đồng", "households"),
            Line("other_loss", "Other losses in the commune", "million đồng"),
        ),
    ),
)


@dataclass(frozen=True)
class Text:
    """A line of the report in words (the circular's situation, response, needs, proposals)."""

    key: str
    label: str  # message id
    hint: str = ""  # message id


# The parts of the quick report in words (Joint Circular 43/2015, form of the quick report:
# the disaster's situation, the response, needs and proposals), before and after the table.
SITUATION: tuple[Text, ...] = (
    Text("kind", "Type of disaster"),
    Text("when", "When it happened"),
    Text("extent", "Extent", "The hamlets and areas struck."),
    Text("isolated", "Areas cut off", "Hamlets or households isolated, and how many people."),
    Text("flood_depth", "Flood depth", "The deepest flooding measured, in metres."),
)
RESPONSE: tuple[Text, ...] = (
    Text("response", "Response", "What the commune has done: evacuation, rescue, relief."),
    Text("needs", "Needs", "What the commune still needs: food, water, shelter, money."),
    Text("proposals", "Proposals", "What the commune asks of the province."),
)
TEXTS = {text.key: text for text in (*SITUATION, *RESPONSE)}
LINES = {line.key: line for group in GROUPS for line in group.lines}
FIGURES = tuple(line for line in LINES.values() if line.source == "figures")
MAX_FIGURE = Decimal("1e12")
FIGURE = "Enter a number of zero or more, e.g. 12 or 3,5."


def household_value(households: dict[str, Any], key: str) -> Decimal:
    if key.startswith("band:"):
        return Decimal(sum(households.get("bands", {}).get(key[5:], {}).values()))
    if key == "household_loss":  # kept in đồng, reported in millions
        return (Decimal(households.get("estimated_loss", 0)) / 1_000_000).quantize(Decimal("0.1"))
    return Decimal(households.get(key, 0))


def value(report_households: dict, report_figures: dict, key: str) -> Decimal:
    line = LINES[key]
    if line.source == "households":
        return household_value(report_households, key)
    return Decimal(report_figures.get(key, "0"))


def class_grid(households: dict[str, Any]) -> list[tuple[str, list[int], int]]:
    """Houses by band (rows) and class before the disaster (columns), with row totals."""
    bands = households.get("bands", {})
    classes = [c.value for c in HouseClass] + [UNKNOWN_CLASS]
    rows = []
    for band in DamageBand:
        if band is DamageBand.NONE:
            continue
        cells = [int(bands.get(band.value, {}).get(c, 0)) for c in classes]
        rows.append((band.value, cells, sum(cells)))
    return rows


def add_households(total: dict[str, Any], one: dict[str, Any]) -> None:
    """Adds one commune's household sums into the province's."""
    for key, amount in one.items():
        if key == "bands":
            bands = total.setdefault("bands", {})
            for band, by_class in amount.items():
                mine = bands.setdefault(band, {})
                for cls, n in by_class.items():
                    mine[cls] = mine.get(cls, 0) + n
        elif key == "flood_depth_cm":  # the deepest, not a sum
            if amount is not None:
                total[key] = max(total.get(key) or 0, amount)
        else:
            total[key] = total.get(key, 0) + amount


def add_figures(total: dict[str, str], one: dict[str, str]) -> None:
    for key, amount in one.items():
        total[key] = str(Decimal(total.get(key, "0")) + Decimal(amount))
