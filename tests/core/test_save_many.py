"""`versions.save_many`: each row written over the version it was based on, with its audit
entry; the rows that lost are returned with the record's values now and the values that were
not written, and the others are written (both databases)."""

from __future__ import annotations

from relief.core import versions
from relief.core.models import AuditEntry
from relief.households import service as households
from relief.households.models import Household
from relief.households.records import HOUSEHOLD
from tests.factories import actor_for, make_household, make_user

AUDITED = households.AUDITED


async def test_a_row_saved_meanwhile_is_returned_and_the_others_are_written(orm):
    officer = actor_for(await make_user("commune"))
    first = await make_household(members=2, phone="0912000001", id_number="019070000001")
    second = await make_household(members=3, phone="0912000002", id_number="019070000002")
    await households.update_household(
        officer, second.id, HOUSEHOLD.body_patch({"members": 8, "version": 1})
    )
    edits = [
        versions.Edit(first, 1, {"members": 5}, reason="import no. 1, row 2"),
        versions.Edit(second, 1, {"members": 6}, reason="import no. 1, row 3"),
    ]
    lost = await versions.save_many(officer, edits, entity="household", audited=AUDITED)

    [missed] = lost
    assert missed.edit is edits[1]
    assert (missed.current["members"], missed.current["version"]) == (8, 2)
    assert missed.wanted == {"members": 6}
    assert missed.record is not None and missed.record.members == 8
    written = await Household.get(id=first.id)
    assert (written.members, written.version) == (5, 2)
    kept = await Household.get(id=second.id)
    assert (kept.members, kept.version) == (8, 2)
    entries = await AuditEntry.filter(entity="household", action="update").order_by("id")
    by_row = [(e.entity_id, e.before, e.after, e.reason) for e in entries]
    assert by_row == [
        (str(second.id), {"members": 3, "version": 1}, {"members": 8, "version": 2}, None),
        (
            str(first.id),
            {"members": 2, "version": 1},
            {"members": 5, "version": 2},
            "import no. 1, row 2",
        ),
    ]
