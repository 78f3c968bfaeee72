"""A conflict of an import settled row by row: the file's values taken, audited (issue 28)."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from relief.core.errors import Conflict
from relief.core.models import AuditEntry
from relief.households.models import Household
from relief.imports import conflicts, service
from tests.factories import actor_for, make_user
from tests.imports.test_round_trip import THAN_SA, _export, _households


async def test_a_conflict_settled_by_taking_the_files_values(client, tmp_path):
    await _households()
    officer = await make_user("commune", commune_code=THAN_SA)
    book = load_workbook(io.BytesIO(await _export(client, officer)))
    sheet = book.worksheets[0]
    code = sheet.cell(2, 1).value
    sheet.cell(2, 10, "Nùng")  # Dân tộc
    out = io.BytesIO()
    book.save(out)
    await Household.filter(id=code).update(members=9, version=2)  # saved meanwhile
    actor = actor_for(officer)
    batch = await service.upload(actor, tmp_path, "ds.xlsx", out.getvalue())
    done = await service.confirm(actor, tmp_path, batch.id, service.Decisions({}))
    assert done.report["conflict_count"] == 1

    settled = await conflicts.settle(actor, batch.id, 2, "file")
    assert settled.report["conflicts"][0]["settled"] == "file"
    household = await Household.get(id=code)
    assert (household.ethnicity, household.members, household.version) == ("Nùng", 4, 3)
    entry = await AuditEntry.get(entity="import_batch", action="settle_conflict")
    assert entry.after == {"row": 2, "taken": "file", "household_id": code}
    assert await AuditEntry.filter(entity="household", entity_id=str(code)).exists()
    with pytest.raises(Conflict):
        await conflicts.settle(actor, batch.id, 2, "record")
