""" "This ID number is already recorded" is an answer about someone else's record: given only
after the scope and hamlet checks pass, audited, and limited per user."""

import pytest

from relief.core.errors import Invalid
from relief.core.models import AuditEntry
from relief.households import duplicates, service
from relief.households.records import HOUSEHOLD
from tests.factories import actor_for, make_household, make_user
from tests.households.factories import VAN_LANG, hamlet_of, household_data

ID = "019070001234"


async def _refusal(actor, **data) -> dict[str, str]:
    with pytest.raises(Invalid) as refused:
        await service.create_household(actor, HOUSEHOLD.form(await household_data(**data)))
    return refused.value.field_errors


async def test_no_answer_about_the_id_number_when_the_hamlet_is_not_the_officers(orm):
    await make_household(id_number=ID)
    outsider = actor_for(await make_user("commune", commune_code=VAN_LANG))
    errors = await _refusal(outsider, id_number=ID, head_name="Người Khác")  # Thần Sa's hamlet
    assert errors.get("hamlet_id") and "id_number" not in errors
    assert not await AuditEntry.filter(action=duplicates.TAKEN_ACTION).exists()


async def test_each_answer_is_audited_and_they_are_limited_per_user(orm):
    await make_household(id_number=ID)
    officer = actor_for(await make_user("commune"))
    for n in range(duplicates.TAKEN_ANSWERS_PER_HOUR):
        errors = await _refusal(officer, id_number=ID, head_name=f"Người {n}")
        assert errors["id_number"] == duplicates.ID_TAKEN
    entries = await AuditEntry.filter(action=duplicates.TAKEN_ACTION, user_id=officer.user_id)
    assert len(entries) == duplicates.TAKEN_ANSWERS_PER_HOUR
    assert entries[0].after == {"id_number": ID}
    errors = await _refusal(officer, id_number=ID, head_name="Người cuối")
    assert errors["id_number"] == duplicates.TOO_MANY_CHECKS
    # Another officer is not held back by the first one's answers.
    other = actor_for(await make_user("commune"))
    errors = await _refusal(other, id_number=ID, head_name="Người cuối", hamlet=await hamlet_of())
    assert errors["id_number"] == duplicates.ID_TAKEN
