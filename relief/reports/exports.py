"""The summaries' figures as spreadsheet columns: the province table and a commune summary.

The columns and their values both come from the catalogue (relief.reports.figures): one column
per figure shown in the exports, or one per code of a split figure (a damage band, a funding
source), in the catalogue's order. The files themselves are written by `relief.core.sheets`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Any

from relief.core.i18n import gettext
from relief.core.labels import label
from relief.core.sheets import Column
from relief.reports import figures
from relief.reports.figures import EXPORT, Figure, Format
from relief.reports.indicators import Indicators

# The spreadsheet kind of each format (relief.core.sheets).
KINDS = {Format.COUNT: "int", Format.MONEY: "money", Format.PERCENT: "percent"}


def _part_heading(message: str, code: StrEnum) -> Callable[[], str]:
    if message == "{part}":  # the code's own label
        return lambda: label(code)
    return lambda: gettext(message, part=label(code))


def export_columns(figure: Figure) -> list[Column]:
    """Its columns: one, or one per code of its split."""
    kind = KINDS[figure.format]
    if figure.split is None:
        return [Column(figure.heading or figure.label, kind)]
    heading = figure.heading or figure.label + ": {part}"
    return [Column(code.value, kind, _part_heading(heading, code)) for code in figure.split]


def _values(figure: Figure, ind: Indicators) -> list[Any]:
    value = figure.value(ind)
    return list(value.values()) if figure.split is not None else [value]


def indicator_columns(catalogue: Sequence[Figure] | None = None) -> list[Column]:
    return [c for f in figures.shown_in(EXPORT, catalogue) for c in export_columns(f)]


def indicator_values(ind: Indicators, catalogue: Sequence[Figure] | None = None) -> list[Any]:
    return [v for f in figures.shown_in(EXPORT, catalogue) for v in _values(f, ind)]
