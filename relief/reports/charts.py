"""Charts drawn on the server as SVG: no JavaScript, readable when printed."""

from __future__ import annotations

from datetime import date
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


def houses_by_stage(rows) -> str:
    """One horizontal stacked bar per place: not started / building / completed / handed over."""
    if not rows:
        return ""
    label_w, bar_w, row_h, top = 130, 420, 22, 28
    biggest = max((r.ind.need for r in rows), default=0) or 1
    height = top + row_h * len(rows) + 10
    parts = [
        f'<svg class="chart" viewBox="0 0 {label_w + bar_w + 60} {height}" role="img" '
        f'aria-label="{escape(gettext("Houses by stage"))}" xmlns="http://www.w3.org/2000/svg">'
    ]
    x = label_w
    for _key, label, colour in STAGE_GROUPS:
        parts.append(f'<rect x="{x}" y="4" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{x + 14}" y="13" font-size="11">{escape(gettext(label))}</text>')
        x += 20 + 7 * len(gettext(label))
    for i, row in enumerate(rows):
        y = top + i * row_h
        name = row.place.name if row.place else gettext("Unknown hamlet")
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 14}" font-size="12" text-anchor="end">'
            f"{escape(name)}</text>"
        )
        values = {
            "not_started": row.ind.not_started,
            "under_construction": row.ind.under_construction,
            "completed_only": row.ind.completed - row.ind.handed_over,
            "handed_over": row.ind.handed_over,
        }
        x = float(label_w)
        for key, label, colour in STAGE_GROUPS:
            width = bar_w * values[key] / biggest
            if width:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{width:.1f}" height="{row_h - 6}" '
                    f'fill="{colour}"><title>{escape(name)}: {escape(gettext(label))} '
                    f"{values[key]}</title></rect>"
                )
            x += width
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 14}" font-size="11">{row.ind.need}</text>')
    parts.append("</svg>")
    return "".join(parts)


def handovers_per_week(weeks: list[tuple[date, int]]) -> str:
    """Vertical bars: houses handed over each week."""
    if not weeks:
        return ""
    width, height, left, bottom = 560, 180, 30, 40
    biggest = max(n for _, n in weeks) or 1
    step = (width - left - 10) / len(weeks)
    bar = min(40.0, max(4.0, step * 0.7))
    lang = current_language.get()
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(gettext("Houses handed over per week"))}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 5}" y2="{height - bottom}" '
        'stroke="#888"/>',
    ]
    for i, (monday, n) in enumerate(weeks):
        h = (height - bottom - 20) * n / biggest
        x = left + i * step
        y = height - bottom - h
        label = formatting.day(monday, lang)[:5]
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
            f'fill="#1b6e3a"><title>{escape(label)}: {n}</title></rect>'
        )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{y - 3:.1f}" font-size="11" '
            f'text-anchor="middle">{n}</text>'
        )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 14}" font-size="10" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
