"""The quick reports are reached by links from where each role starts: a walk over the links
of the pages (GET only, this site's pages, no downloads) from the role's landing page reaches
the commune's quick report, its calendar, and for the province the grid and the sum; and the
event summary and periodic reports: the commune's list, a summary to make and one sent, and
the province's grid of them."""

from __future__ import annotations

import re
from collections import deque
from datetime import UTC, date, datetime

import pytest

from relief.core.roles import spec
from relief.disaster_reports.models import PeriodReport
from relief.households.models import Disaster
from relief.places.models import Commune
from tests.factories import login_as, make_user

THAN_SA = "05725"
HREF = re.compile(r'href="(/[^"#?]*)(?:\?[^"#]*)?"')
# Pages the walk follows: the screens that lead to the reports (not every household's page).
FOLLOWED = re.compile(
    r"^/($|reports(/communes/\w+)?$|duty$|disasters(/\d+(/duty)?)?$"
    r"|(communes/\w+/)?period-reports$)"
)


async def _reached(client, start: str, wanted: set[str], limit: int = 60) -> set[str]:
    """The wanted paths found as links on the pages walked from `start` (breadth first)."""
    seen, found = {start}, set()
    queue = deque([start])
    while queue and len(seen) <= limit and found != wanted:
        page = await client.get(queue.popleft(), follow_redirects=True)
        if page.status_code != 200 or "text/html" not in page.headers.get("content-type", ""):
            continue
        for link in HREF.findall(page.text):
            if link in wanted:
                found.add(link)
            if link not in seen and FOLLOWED.match(link):
                seen.add(link)
                queue.append(link)
    return found


@pytest.mark.parametrize("role", ["admin", "province", "commune"])
async def test_each_role_reaches_the_quick_reports_by_links(client, role):
    disaster = await Disaster.create(
        name="Lũ sông Cầu", starts_on=date(2025, 10, 6), ends_on=date(2025, 10, 10)
    )
    commune = await Commune.get(code=THAN_SA)
    summary = await PeriodReport.create(
        commune_id=commune.id,
        kind="event",
        disaster=disaster,
        year=2025,
        starts_on=disaster.starts_on,
        ends_on=date(2025, 10, 10),
        number=1,
        sent_at=datetime(2025, 10, 12, tzinfo=UTC),
        sent_by="thansa",
    )
    user = await make_user(role, commune_code=THAN_SA if role == "commune" else None)
    await login_as(client, user)
    base = f"/disasters/{disaster.id}"
    wanted = {f"{base}/reports/{THAN_SA}", f"{base}/duty/{THAN_SA}"}
    # The event summary and periodic reports: the commune's list, the disaster's summary to
    # make, and the one sent.
    wanted |= {f"/communes/{THAN_SA}/period-reports", f"/period-reports/{summary.id}"}
    if role == "commune":
        wanted.add(f"/communes/{THAN_SA}/period-reports/event/{disaster.id}")
    else:
        wanted |= {f"{base}/province-report", f"{base}/duty", "/period-reports"}
    found = await _reached(client, spec(role).landing, wanted)
    assert found == wanted
