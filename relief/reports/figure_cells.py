"""A place's cells of some figures of the catalogue, written in Python.

The dashboard writes 92 communes' rows of a dozen figures, the commune summary a row per
hamlet: written cell by cell by a Jinja macro (a call, a test and a filter per cell), they
were about a third of those pages' CPU (issue 29). `templates/reports/_figures.html`'s
`figure_cells` calls this; the cells are the same: a share is a bar and its percentage, a
figure flagged `warn` stands out when it is not 0, money and counts the vi-VN way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape

from relief.core import formatting
from relief.core.i18n import current_language
from relief.reports.figures import Figure, Format


def figure_cells(shown: list[Figure], ind: Any, row: bool = True, in_figures: bool = False):
    """The `<td>` cells of the figures `shown` for one place's `ind` (Indicators). `row`:
    a place's row (a warning shows), not a total; `in_figures`: in a `table.figures`, whose
    cells are aligned by the table itself (no class per cell)."""
    lang = current_language.get()
    num = "" if in_figures else ' class="num"'
    out = []
    for f in shown:
        if f.format is Format.PERCENT:
            assert f.ratio is not None
            part, whole = getattr(ind, f.ratio[0]), getattr(ind, f.ratio[1])
            shown_ratio = escape(formatting.ratio_percent(part, whole, lang))
            out.append(
                f'<td><progress class="bar" value="{escape(part)}" max="{escape(whole or 1)}">'
                f"{shown_ratio}</progress>\n<small>{shown_ratio}</small></td>"
            )
            continue
        value = f.value(ind)
        if f.warn and row and value:
            cell = f'<strong class="error">{escape(formatting.number(value, lang, 0))}</strong>'
        elif f.format is Format.MONEY:
            cell = str(escape(formatting.money(value, lang)))
        else:
            cell = str(escape(formatting.number(value, lang, 0)))
        out.append(f"<td{num}>{cell}</td>")
    return Markup("".join(out))  # every value escaped above


def damage_cells(ind: Any, hamlet_id: int | None, bands: Iterable[Any]) -> Markup:
    """A hamlet's cells of the commune summary's damage table: its households in each band
    (a link to them when there are some and the hamlet is known), affected, relocated. Written
    here for the reason above: a cell per band and hamlet, each a test and two lookups."""
    damage = ind.damage
    out = []
    for band in bands:
        n = damage.get(band.value)
        if hamlet_id is not None and n:
            out.append(
                f'<td><a href="/households?hamlet={hamlet_id}&band={band.value}">{n}</a></td>'
            )
        else:
            out.append(f"<td>{n or 0}</td>")
    out.append(f"<td>{int(ind.affected)}</td><td>{int(ind.relocated)}</td>")
    return Markup("".join(out))  # numbers, ids and band codes only
