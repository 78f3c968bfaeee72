"""An import keeps the summary figures true: a chunk that creates and assesses households
recounts their damage; one that moves a family to another hamlet moves its aid and house case
figures too (the chunk's audit entry says it moved one)."""

from __future__ import annotations

from datetime import date

from relief.core.actor import SYSTEM
from relief.core.models import AuditEntry
from relief.households.models import Disaster, Household
from relief.imports import service
from relief.ledger import kept as kept_books
from relief.reports import kept
from tests.aid.factories import visit_in
from tests.imports.files import HAMLETS, person, xlsx
from tests.reports import writes


async def _import(tmp_path, rows, disaster) -> None:
    batch = await service.upload(
        SYSTEM, tmp_path, "ds.xlsx", xlsx(rows), commune_code="05725", disaster_id=disaster.id
    )
    await service.confirm(SYSTEM, tmp_path, batch.id, service.Decisions({}))


async def test_imports_that_assess_and_move_families_leave_every_figure_equal_to_a_recount(
    tmp_path, orm
):
    disaster = await Disaster.create(name="Bão số 11 (Matmo)", starts_on=date(2025, 10, 6))
    rows = [person(i) for i in range(12)]
    await _import(tmp_path, rows, disaster)
    assert await kept.differences() == []

    # The first family gets aid and a house case; then a corrected list moves it.
    moved = await Household.get(id_number=rows[0][5])
    visit_raw = {
        "commune_id": str(moved.commune_id),
        "visited_on": "11/10/2025",
        "delegation": "Đoàn xã",
        "gifts": [{"household_id": str(moved.id), "cash": "500000"}],
    }
    await writes.aid.create_visit(SYSTEM, visit_in(visit_raw))
    await writes.open_case(0)
    before = dict(await kept.read_communes([moved.commune_id]))
    rows[0][1] = HAMLETS[(HAMLETS.index(rows[0][1]) + 1) % len(HAMLETS)]
    rows[4][10] = "Hư hỏng 50-70%"  # another family's damage corrected
    await _import(tmp_path, rows, disaster)

    assert (await Household.get(id=moved.id)).hamlet_id != moved.hamlet_id
    chunks = (
        await AuditEntry.filter(action="import_chunk")
        .order_by("id")
        .values_list("after", flat=True)
    )
    assert [c["moved"] for c in chunks] == [False, True]
    assert await kept.differences() == []
    assert await kept_books.differences() == []
    after = dict(await kept.read_communes([moved.commune_id]))
    assert before and after != before  # the figures did change, and equal a recount


async def test_an_import_recounts_once_at_its_end_and_a_cancelled_one_when_cancelled(tmp_path, orm):
    from datetime import UTC, datetime, timedelta

    from tortoise.transactions import in_transaction

    from relief.imports.models import ImportBatch, ImportStatus
    from relief.imports.writer import pieces, write_chunk

    disaster = await Disaster.create(name="Bão số 11 (Matmo)", starts_on=date(2025, 10, 6))
    rows = [person(i) for i in range(6)]
    batch = await service.upload(
        SYSTEM, tmp_path, "ds.xlsx", xlsx(rows), commune_code="05725", disaster_id=disaster.id
    )
    # As a process killed after writing its pieces, before its last transaction: the pieces
    # are written, and the kept figures are not recounted yet.
    found = await ImportBatch.get(id=batch.id)
    _report, outcomes = await service._recheck(
        SYSTEM, found, tmp_path / "imports" / found.stored_name, service.Decisions({})
    )
    for piece in (p for outcome in outcomes for p in pieces(outcome)):
        async with in_transaction() as conn:
            await write_chunk(SYSTEM, piece, found, conn)
    stopped = datetime.now(UTC) - timedelta(hours=1)
    await ImportBatch.filter(id=batch.id).update(
        status=ImportStatus.WRITING, confirmed_at=stopped, progress_at=stopped
    )
    assert await Household.all().count() == 6
    assert await kept.differences() != []  # the pieces did not recount the commune
    await service.cancel(SYSTEM, tmp_path, batch.id)
    assert await kept.differences() == []  # the cancellation did
