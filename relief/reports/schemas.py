"""The shapes of the reports API, made from the figure catalogue (relief.reports.figures).

Each figure shown in the API is a field of its type (a count or an amount an integer, a share
a number or null, a split figure an object with one field per code), so `/schema` lists every
figure. Damage and aid figures sit at the top of a place's object; the houses and money ones in
`houses` and `money` (the houses of a campaign group repeat the `houses` object). A figure added
to the catalogue is a field here without another edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import msgspec

from relief.reports import figures
from relief.reports.figures import API, HOUSES, MONEY, Figure, Format
from relief.reports.indicators import Filters, Indicators

# Families whose figures the API groups under one key; the others are at the top.
GROUPS = {HOUSES: "houses", MONEY: "money"}
TYPES: dict[Format, Any] = {Format.COUNT: int, Format.MONEY: int, Format.PERCENT: float | None}

Fields = list[tuple[str, Any]]


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def _struct(name: str, fields: Fields) -> type[msgspec.Struct]:
    return msgspec.defstruct(name, fields, module=__name__)


@dataclass(frozen=True)
class FigureShapes:
    """The Structs of one catalogue: a split figure's, each group's, and the fields they make
    on a place's object (to follow the fields that name the place)."""

    catalogue: tuple[Figure, ...]
    splits: dict[str, type[msgspec.Struct]]
    groups: dict[str, type[msgspec.Struct]]
    group_fields: dict[str, Fields]
    fields: Fields  # the figures' fields of a place

    def struct(self, name: str, leading: Fields | None = None) -> type[msgspec.Struct]:
        """A place's object: the fields that name it, then every figure."""
        return _struct(name, [*(leading or []), *self.fields])

    def _value(self, figure: Figure, ind: Indicators) -> Any:
        value = figure.value(ind)
        return self.splits[figure.name](**value) if figure.split is not None else value

    def group_values(self, family: str, ind: Indicators) -> dict[str, Any]:
        return {f.name: self._value(f, ind) for f in self.catalogue if f.family == family}

    def values(self, ind: Indicators) -> dict[str, Any]:
        """A place's figures, as the fields of `fields` take them."""
        out: dict[str, Any] = {}
        for figure in self.catalogue:
            group = GROUPS.get(figure.family)
            if group is None:
                out[figure.name] = self._value(figure, ind)
            elif group not in out:
                out[group] = self.groups[group](**self.group_values(figure.family, ind))
        return out


def shapes(catalogue: Sequence[Figure] | None = None, prefix: str = "") -> FigureShapes:
    """The Structs of the API figures of a catalogue (the app's, or a test's), their names
    prefixed to keep two catalogues' apart."""
    shown = tuple(figures.shown_in(API, catalogue))
    splits = {
        f.name: _struct(
            prefix + _camel(f.name), [(code.value, TYPES[f.format]) for code in f.split]
        )
        for f in shown
        if f.split is not None
    }

    def field(figure: Figure) -> tuple[str, Any]:
        return figure.name, splits.get(figure.name, TYPES[figure.format])

    group_fields = {
        group: [field(f) for f in shown if f.family == family] for family, group in GROUPS.items()
    }
    groups = {
        group: _struct(prefix + _camel(group) + "Figures", fields)
        for group, fields in group_fields.items()
    }
    fields: Fields = []
    for figure in shown:
        group = GROUPS.get(figure.family)
        if group is None:
            fields.append(field(figure))
        elif (group, groups[group]) not in fields:
            fields.append((group, groups[group]))
    return FigureShapes(shown, splits, groups, group_fields, fields)


SHAPES = shapes()

PlaceFigures = SHAPES.struct("PlaceFigures")
CommuneFigures = SHAPES.struct("CommuneFigures", [("code", str), ("name", str)])
HamletFigures = SHAPES.struct("HamletFigures", [("name", str | None)])
HouseFigures = SHAPES.groups["houses"]
HousesByGroup = _struct(
    "HousesByGroup",
    [("campaign_group", str), ("kind", str), *SHAPES.group_fields["houses"]],
)


class SummaryFilters(msgspec.Struct):
    disaster_id: int | None
    programme: str | None
    date_from: date | None
    date_to: date | None

    @classmethod
    def of(cls, f: Filters) -> SummaryFilters:
        return cls(f.disaster_id, f.programme, f.date_from, f.date_to)


class Place(msgspec.Struct):
    code: str
    name: str


class LateHouseOut(msgspec.Struct):
    code: str
    stage: str
    started_on: date


class ProvinceSummaryOut(msgspec.Struct):
    as_of: date
    filters: SummaryFilters
    communes: list[CommuneFigures]  # type: ignore[valid-type]
    total: PlaceFigures  # type: ignore[valid-type]


class CommuneSummaryOut(msgspec.Struct):
    as_of: date
    filters: SummaryFilters
    commune: Place
    hamlets: list[HamletFigures]  # type: ignore[valid-type]
    total: PlaceFigures  # type: ignore[valid-type]
    houses_by_group: list[HousesByGroup]  # type: ignore[valid-type]
    late_houses: list[LateHouseOut]
