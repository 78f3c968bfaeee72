"""Charts drawn on the server as SVG: no JavaScript, readable when printed and on a phone.

The SVGs have no viewBox: bars are placed in percentages of the width and text is sized in
pixels, so a chart fills a 360 px phone or a desktop with its labels at the same legible size.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from html import escape

from relief.core import formatting
from relief.core.i18n import current_language, gettext

# Stage groups in the order a house goes through them, with their colours.
STAGE_GROUPS = [
    ("not_started", "Not started", "#c9ced6"),
    ("under_construction", "Under construction", "#f2a93b"),
    ("completed_only", "Completed", "#5aa469"),
    ("handed_over", "Handed over", "#1b6e3a"),
]
FONT = 12  # px, at any width
MAX_AXIS_LABELS = 4  # a dd/mm/yyyy label is about 70 px: four fit on a 360 px phone


def _svg(label: str, height: int) -> str:
    return (
        f'<svg class="chart" width="100%" height="{height}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
    )


def houses_by_stage(rows) -> str:
    """Per place, its name and need above one stacked bar of its houses by stage group."""
    if not rows:
        return ""
    legend_h, row_h = 40, 34
    biggest = max((r.ind.need for r in rows), default=0) or 1
    parts = [_svg(gettext("Houses by stage"), legend_h + row_h * len(rows) + 4)]
    x: float  # a percentage in the legend, a position along the bars below
    for i, (_key, label, colour) in enumerate(STAGE_GROUPS):
        x, y = 50 * (i % 2), 4 + 18 * (i // 2)
        parts.append(f'<rect x="{x}%" y="{y}" width="12" height="12" fill="{colour}"/>')
        parts.append(
            f'<svg x="{x}%" y="{y}" overflow="visible"><text x="16" y="11" font-size="{FONT}">'
            f"{escape(gettext(label))}</text></svg>"
        )
    for i, row in enumerate(rows):
        y = legend_h + i * row_h
        name = row.place.name if row.place else gettext("Unknown hamlet")
        parts.append(
            f'<text x="0" y="{y + FONT}" font-size="{FONT}">{escape(name)}: '
            f"{formatting.number(row.ind.need, current_language.get())}</text>"
        )
        values = {
            "not_started": row.ind.not_started,
            "under_construction": row.ind.under_construction,
            "completed_only": row.ind.completed - row.ind.handed_over,
            "handed_over": row.ind.handed_over,
        }
        x = 0.0
        for key, label, colour in STAGE_GROUPS:
            width = 100 * values[key] / biggest
            if width:
                parts.append(
                    f'<rect x="{x:.2f}%" y="{y + 16}" width="{width:.2f}%" height="12" '
                    f'fill="{colour}"><title>{escape(name)}: {escape(gettext(label))} '
                    f"{values[key]}</title></rect>"
                )
            x += width
    parts.append("</svg>")
    return "".join(parts)


def _every_week(weeks: list[tuple[date, int]]) -> list[tuple[date, int]]:
    """The weeks from the first to the last, with the weeks without a handover as zero."""
    counts = dict(weeks)
    first, last = min(counts), max(counts)
    return [
        (first + timedelta(weeks=i), counts.get(first + timedelta(weeks=i), 0))
        for i in range((last - first).days // 7 + 1)
    ]


def handovers_per_week(weeks: list[tuple[date, int]]) -> str:
    """Vertical bars: houses handed over each week; the axis is every week, labelled evenly."""
    if not weeks:
        return ""
    weeks = _every_week(weeks)
    height, bottom, top = 190, 44, 18
    biggest = max(n for _, n in weeks) or 1
    step = 100 / len(weeks)
    bar = step * 0.7
    label_every = max(1, math.ceil(len(weeks) / MAX_AXIS_LABELS))
    lang = current_language.get()
    base = height - bottom
    parts = [
        _svg(gettext("Houses handed over per week"), height),
        f'<line x1="0" y1="{base}" x2="100%" y2="{base}" stroke="#888"/>',
    ]
    for i, (monday, n) in enumerate(weeks):
        h = (base - top) * n / biggest
        x = i * step
        label = formatting.day(monday, lang)
        if n:
            parts.append(
                f'<rect x="{x:.2f}%" y="{base - h:.1f}" width="{bar:.2f}%" height="{h:.1f}" '
                f'fill="#1b6e3a"><title>{escape(label)}: {n}</title></rect>'
            )
            parts.append(
                f'<text x="{x + bar / 2:.2f}%" y="{base - h - 3:.1f}" font-size="{FONT}" '
                f'text-anchor="middle">{n}</text>'
            )
        if i % label_every == 0:
            parts.append(
                f'<line x1="{x:.2f}%" y1="{base}" x2="{x:.2f}%" y2="{base + 5}" stroke="#888"/>'
            )
            anchor = "start" if i == 0 else "end" if x > 80 else "middle"
            parts.append(
                f'<text x="{x:.2f}%" y="{base + 18}" font-size="{FONT}" '
                f'text-anchor="{anchor}">{escape(label)}</text>'
            )
    parts.append(
        f'<text x="0" y="{height - 4}" font-size="{FONT}" fill="#5b6575">'
        f"{escape(gettext('Week starting (Monday)'))}</text>"
    )
    parts.append("</svg>")
    return "".join(parts)
