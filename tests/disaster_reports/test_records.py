"""The quick report on its field catalogue: the API reads the figures as the page does."""

from __future__ import annotations

from relief.core.formatting import LOCAL_TZ
from relief.core.records import errors_of
from relief.disaster_reports.models import DisasterReport
from relief.disaster_reports.records import REPORT, figures_of
from tests.factories import bearer, make_user
from tests.households.factories import make_disaster

THAN_SA = "05725"


def test_the_page_form_keeps_the_hectares_typed_with_a_comma_exactly():
    data = REPORT.form(
        {
            "commune_code": THAN_SA,
            "disaster_id": "1",
            "as_of_date": "10/10/2025",
            "rice_ha": "12,25",
            "schools": "2",
            "cattle": "",
        }
    )
    assert (errors_of(data), figures_of(data)) == ({}, {"rice_ha": "12.25", "schools": "2"})


def test_a_head_count_with_decimals_is_refused_with_the_figures_message():
    data = REPORT.form(
        {"commune_code": THAN_SA, "disaster_id": "1", "as_of_date": "10/10/2025", "cattle": "1,5"}
    )
    assert errors_of(data) == {"cattle": "Enter a number of zero or more, e.g. 12 or 3,5."}


async def test_the_api_saves_a_report_with_its_figures_sent_as_numbers(client):
    disaster = await make_disaster()
    headers = await bearer(await make_user("commune", commune_code=THAN_SA))
    body = {
        "commune_code": THAN_SA,
        "disaster_id": disaster.id,
        "as_of_date": "2025-10-10",
        "rice_ha": 3.5,
        "roads_m": 450,
    }
    created = await client.post("/api/v1/disaster-reports", json=body, headers=headers)
    assert created.status_code == 201, created.text
    stored = await DisasterReport.get(id=created.json()["id"])
    local_hour = stored.as_of.astimezone(LOCAL_TZ).hour  # 17:00, the hour left out
    assert (stored.figures, local_hour) == ({"rice_ha": "3.5", "roads_m": "450"}, 17)
