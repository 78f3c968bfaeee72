"""Household rules in the service: validation, scope, duplicates, concurrency, archiving."""

import pytest

from relief.core.errors import Conflict, Forbidden, Invalid, NotFound
from relief.core.models import AuditEntry
from relief.households import service
from relief.households.models import Household
from relief.households.records import HOUSEHOLD
from tests.households.factories import (
    ADMIN,
    PROVINCE,
    VAN_LANG,
    hamlet_of,
    household_data,
    officer,
)

PROVINCE_CODE = "The first 3 digits of an ID number must be a province code (e.g. 019)."


async def test_a_household_is_stored_as_typed_with_its_search_key_commune_and_audit(orm):
    actor = await officer()
    data = await household_data(head_name="  Hoàng   Văn Hoà ", phone="+84 912 345 678")
    h = await service.create_household(actor, HOUSEHOLD.form(data))
    assert h.head_name == "Hoàng Văn Hòa" and h.head_name_key == "hoang van hoa"
    assert h.commune_id == actor.commune_id and h.hamlet_id == int(data["hamlet_id"])
    assert h.phone == "0912345678" and h.version == 1
    entry = await AuditEntry.get(entity="household", entity_id=str(h.id))
    assert entry.action == "create" and entry.commune_id == actor.commune_id


async def test_every_error_is_reported_at_once_and_nothing_is_saved(orm):
    data = await household_data(
        head_name="",
        id_number="019070",
        phone="12345",
        members="0",
        birth_year="1850",
        hamlet_id="",
    )
    with pytest.raises(Invalid) as caught:
        await service.create_household(await officer(), HOUSEHOLD.form(data))
    errors = caught.value.field_errors
    assert set(errors) >= {"head_name", "id_number", "phone", "members", "birth_year", "hamlet_id"}
    assert errors["members"] == "A household has 1 to 30 members."
    assert errors["birth_year"] == "Enter a birth year between 1900 and this year."
    assert not await Household.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("members", "31", "A household has 1 to 30 members."),
        ("members", "bốn", "Enter a whole number."),
        ("id_number", "019071001234", "This ID number does not match the birth year."),
        ("id_number", "019170001234", "This ID number does not match the gender."),
        ("id_number", "099070001234", PROVINCE_CODE),
        ("phone", "0912", "Enter a phone number of 10 digits starting with 0, or +84."),
        ("birth_year", "2999", "Enter a birth year between 1900 and this year."),
        ("poverty_year", "1800", "This number is out of range."),
    ],
)  # fmt: skip
async def test_each_bad_field_is_refused_with_its_message(orm, field, value, message):
    with pytest.raises(Invalid) as caught:
        await service.create_household(
            await officer(), HOUSEHOLD.form(await household_data(**{field: value}))
        )
    assert caught.value.field_errors == {field: message}


async def test_the_hamlet_must_be_in_the_officers_commune(orm):
    other = await hamlet_of(VAN_LANG)
    with pytest.raises(Invalid) as caught:
        await service.create_household(
            await officer(), HOUSEHOLD.form(await household_data(hamlet=other))
        )
    assert caught.value.field_errors == {"hamlet_id": "Choose a hamlet of your commune."}


async def test_an_admin_may_add_in_any_commune_but_the_province_may_not_write(orm):
    other = await hamlet_of(VAN_LANG)
    h = await service.create_household(ADMIN, HOUSEHOLD.form(await household_data(hamlet=other)))
    assert h.commune_id == other.commune_id
    with pytest.raises(Forbidden):
        await service.create_household(PROVINCE, HOUSEHOLD.form(await household_data(id_number="")))


async def test_an_id_number_used_anywhere_blocks_with_a_link_only_when_visible(orm):
    van_lang = await service.create_household(
        await officer(VAN_LANG),
        HOUSEHOLD.form(await household_data(hamlet=await hamlet_of(VAN_LANG))),
    )
    with pytest.raises(Invalid) as caught:
        await service.create_household(
            await officer(), HOUSEHOLD.form(await household_data(head_name="Lý Văn A"))
        )
    assert caught.value.field_errors["id_number"] == (
        "This ID number is already recorded for another household."
    )
    assert caught.value.details["id_number_taken_by"] == {
        "id": None,
        "head_name": None,
        "url": None,
    }
    with pytest.raises(Invalid) as caught:
        await service.create_household(
            ADMIN, HOUSEHOLD.form(await household_data(head_name="Lý Văn A"))
        )
    assert caught.value.details["id_number_taken_by"]["url"] == f"/households/{van_lang.id}"


async def test_a_likely_duplicate_needs_a_confirmation_and_a_reason_which_is_audited(orm):
    actor = await officer()
    first = await service.create_household(
        actor, HOUSEHOLD.form(await household_data(id_number="", phone=""))
    )
    twin = await household_data(head_name="hoang van thang", id_number="", phone="")
    with pytest.raises(Invalid) as caught:
        await service.create_household(actor, HOUSEHOLD.form(twin))
    assert set(caught.value.field_errors) == {"confirm_duplicate"}
    assert caught.value.details["likely_duplicates"][0]["url"] == f"/households/{first.id}"
    with pytest.raises(Invalid) as caught:
        await service.create_household(actor, HOUSEHOLD.form({**twin, "confirm_duplicate": "1"}))
    assert set(caught.value.field_errors) == {"duplicate_reason"}
    reason = "Hai anh em cùng tên, khác thôn"
    second = await service.create_household(
        actor, HOUSEHOLD.form({**twin, "confirm_duplicate": "1", "duplicate_reason": reason})
    )
    entry = await AuditEntry.get(entity="household", entity_id=str(second.id))
    assert entry.reason == reason and entry.after["likely_duplicates"] == [first.id]


async def test_the_same_phone_asks_for_a_confirmation(orm):
    actor = await officer()
    await service.create_household(actor, HOUSEHOLD.form(await household_data(id_number="")))
    other = await household_data(head_name="Nông Thị Lan", gender="female", id_number="")
    with pytest.raises(Invalid) as caught:
        await service.create_household(actor, HOUSEHOLD.form(other))
    assert set(caught.value.field_errors) == {"confirm_duplicate"}


async def test_a_twin_by_phone_in_another_commune_is_named_without_a_link(orm):
    elsewhere = await service.create_household(
        await officer(VAN_LANG),
        HOUSEHOLD.form(await household_data(hamlet=await hamlet_of(VAN_LANG), id_number="")),
    )
    other = await household_data(head_name="Nông Thị Lan", gender="female", id_number="")
    with pytest.raises(Invalid) as caught:
        await service.create_household(await officer(), HOUSEHOLD.form(other))
    assert caught.value.details["likely_duplicates"] == [
        {"id": None, "head_name": None, "url": None}
    ]
    with pytest.raises(Invalid) as caught:
        await service.create_household(ADMIN, HOUSEHOLD.form(other))
    assert caught.value.details["likely_duplicates"] == [
        {"id": elsewhere.id, "head_name": elsewhere.head_name, "url": f"/households/{elsewhere.id}"}
    ]


async def test_a_household_of_another_commune_is_not_found(orm):
    h = await service.create_household(
        ADMIN, HOUSEHOLD.form(await household_data(hamlet=await hamlet_of(VAN_LANG)))
    )
    with pytest.raises(NotFound):
        await service.get_household(await officer(), h.id)
    with pytest.raises(NotFound):
        await service.update_household(
            await officer(), h.id, HOUSEHOLD.body_patch({"version": "1"})
        )


async def test_an_edit_bumps_the_version_and_audits_only_what_changed(orm):
    actor = await officer()
    h = await service.create_household(actor, HOUSEHOLD.form(await household_data()))
    data = await household_data(members="5", version="1")
    saved = await service.update_household(actor, h.id, HOUSEHOLD.form_patch(data))
    assert saved.version == 2 and saved.members == 5
    entry = await AuditEntry.get(entity="household", entity_id=str(h.id), action="update")
    assert entry.before == {"members": 4, "version": 1}
    assert entry.after == {"members": 5, "version": 2}


async def test_a_stale_edit_is_refused_with_what_changed_and_nothing_is_overwritten(orm):
    actor = await officer()
    h = await service.create_household(actor, HOUSEHOLD.form(await household_data()))
    await service.update_household(
        actor, h.id, HOUSEHOLD.form_patch(await household_data(members="6", version="1"))
    )
    with pytest.raises(Conflict) as caught:
        await service.update_household(
            await officer(username="other"),
            h.id,
            HOUSEHOLD.form_patch(await household_data(ethnicity="Nùng", version="1")),
        )
    details = caught.value.details
    assert details["version"] == 2
    assert details["changes"] == [
        {"field": "members", "was": 4, "now": 6, "by": "thansa", "at": details["changes"][0]["at"]}
    ]
    stored = await Household.get(id=h.id)
    assert stored.members == 6 and stored.ethnicity == "Tày" and stored.version == 2


async def test_an_edit_without_version_is_refused(orm):
    actor = await officer()
    h = await service.create_household(actor, HOUSEHOLD.form(await household_data()))
    with pytest.raises(Invalid) as caught:
        await service.update_household(actor, h.id, HOUSEHOLD.body_patch({"members": "3"}))
    assert "version" in caught.value.field_errors


async def test_archiving_needs_a_reason_keeps_the_record_and_blocks_edits(orm):
    actor = await officer()
    h = await service.create_household(actor, HOUSEHOLD.form(await household_data()))
    with pytest.raises(Invalid) as caught:
        await service.set_archived(actor, h.id, {"version": "1"}, archived=True)
    assert caught.value.field_errors == {"reason": "Give the reason for archiving this household."}
    archived = await service.set_archived(
        actor, h.id, {"version": "1", "reason": "Nhập trùng"}, archived=True
    )
    assert archived.archived_at is not None and archived.version == 2
    with pytest.raises(Conflict):
        await service.update_household(
            actor, h.id, HOUSEHOLD.form_patch(await household_data(version="2"))
        )
    restored = await service.set_archived(actor, h.id, {"version": "2"}, archived=False)
    assert restored.archived_at is None
    actions = await AuditEntry.filter(entity="household").values_list("action", flat=True)
    assert sorted(actions) == ["archive", "create", "restore"]
