"""The summary charts stay legible on a 360 px phone and their weekly axis is even."""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta

from relief.core.i18n import current_language
from relief.reports import charts


def test_the_weekly_axis_has_every_week_even_labels_and_the_year():
    current_language.set("vi")
    first = date(2025, 12, 15)  # a Monday
    weeks = [(first, 1), (first + timedelta(weeks=4), 2), (first + timedelta(weeks=11), 1)]
    svg = charts.handovers_per_week(weeks)
    assert "viewBox" not in svg  # drawn at the screen's width: text is never scaled down
    sizes = {int(s) for s in re.findall(r'font-size="(\d+)"', svg)}
    assert min(sizes) >= 11
    labels = re.findall(r">(\d\d/\d\d/\d{4})</text>", svg)
    assert labels == ["15/12/2025", "05/01/2026", "26/01/2026", "16/02/2026"]  # 12 weeks / 4
    ticks = [float(x) for x in re.findall(r'<line x1="([\d.]+)%" y1="\d+" x2="[\d.]+%"', svg)]
    steps = {round(b - a, 2) for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1  # even steps
    assert svg.count("<rect") == 3  # the empty weeks take their place without a bar
