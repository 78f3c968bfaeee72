"""A household's field catalogue: one entry gives a field its every shape, and the catalogue
matches the model."""

from __future__ import annotations

import pickle
from types import SimpleNamespace
from typing import get_args

import msgspec
import pytest

from relief.core.contacts import CONTACT_FIELDS
from relief.core.errors import Invalid
from relief.core.records import Catalogue, Entry, errors_of
from relief.households.models import Gender, Household, PovertyStatus
from relief.households.records import ENTRIES, HOUSEHOLD, HouseholdPatch, HouseholdWrite
from relief.households.service import AUDITED
from relief.imports.columns import COLUMNS, record_columns

# A field someone adds: its model column and migration aside, this entry is all it takes.
PETS = Entry(
    "pets",
    int,
    "Pets",
    min=0,
    max=99,
    heading="Số vật nuôi",
    spellings=("vat nuoi",),
)
EXTENDED = Catalogue(
    "household",
    [*ENTRIES, PETS],
    write="ExtendedIn",
    partial="ExtendedPatch",
    module=__name__,
    rules=HOUSEHOLD.rules,
)
ExtendedIn, ExtendedPatch = EXTENDED.write, EXTENDED.partial


def _field(shape: type[msgspec.Struct], name: str) -> msgspec.structs.FieldInfo:
    (found,) = [f for f in msgspec.structs.fields(shape) if f.name == name]
    return found


def test_one_entry_gives_the_field_to_the_write_and_partial_shapes_with_its_limits():
    write, partial = _field(ExtendedIn, "pets"), _field(ExtendedPatch, "pets")
    checked, _none = get_args(write.type)
    assert get_args(checked)[1] == msgspec.Meta(ge=0, le=99) and write.default is None
    assert partial.default is msgspec.UNSET
    assert [f.name for f in msgspec.structs.fields(ExtendedPatch)][:1] == ["version"]


def test_one_entry_gives_the_field_to_the_answer_the_audit_the_export_and_the_import():
    assert ("pets", int | None) in EXTENDED.out_fields()
    assert "pets" in EXTENDED.audited and "pets" not in HOUSEHOLD.audited
    assert EXTENDED.labels()["pets"] == "Pets"
    vi = {c.entry.name: (c.heading, c.kind) for c in EXTENDED.export_columns("vi", contacts=False)}
    en = {c.entry.name: c.heading for c in EXTENDED.export_columns("en", contacts=False)}
    assert vi["pets"] == ("Số vật nuôi", "int") and en["pets"] == "Pets"
    (column,) = [c for c in record_columns(EXTENDED) if c.field == "pets"]
    assert (column.vi, column.en, column.aliases) == ("Số vật nuôi", "Pets", ("vat nuoi",))


def test_one_entry_is_read_from_a_form_a_body_and_a_row_with_the_forms_messages():
    form = {"hamlet_id": "3", "head_name": "Lò Văn Páo", "members": "2"}
    assert EXTENDED.form({**form, "pets": "4"}).pets == 4
    assert errors_of(EXTENDED.form({**form, "pets": "120"})) == {
        "pets": "This number is out of range."
    }
    assert errors_of(EXTENDED.form({**form, "pets": "bốn"})) == {"pets": "Enter a whole number."}
    assert EXTENDED.body_patch({"version": 2, "pets": 5}).pets == 5
    data, errors = EXTENDED.read({**form, "pets": "7"}, text=True)  # as an import row is read
    assert data.pets == 7 and errors == {}


def test_every_household_field_of_the_catalogue_is_a_column_of_the_model():
    meta = Household._meta
    columns = {**meta.fields_map, **{f"{fk}_id": meta.fields_map[fk] for fk in meta.fk_fields}}
    for entry in HOUSEHOLD.stored:
        assert entry.name in columns, entry.name
        column = columns[entry.name]
        assert column.null == entry.nullable, entry.name
        if entry.max_length is not None:
            assert entry.max_length == column.max_length, entry.name
    assert {e.name for e in HOUSEHOLD.entries if not e.stored} == {
        "confirm_duplicate",
        "duplicate_reason",
    }


def test_the_catalogue_names_the_contact_fields_the_audit_and_the_import_columns():
    assert tuple(e.name for e in HOUSEHOLD.stored if e.sees) == CONTACT_FIELDS
    assert [*(e.name for e in HOUSEHOLD.stored), "archived_at", "version"] == AUDITED
    imported = {c.field for c in COLUMNS}
    assert {e.name for e in HOUSEHOLD.stored if e.name != "hamlet_id"} <= imported


def test_a_form_row_read_keeps_every_error_and_pickles_for_the_import_worker():
    data, errors = HOUSEHOLD.read(
        {
            "hamlet_id": "",
            "head_name": "  Hoàng   Văn Hoà ",
            "members": "31",
            "poverty_year": "1800",
        },
        text=True,
    )
    assert errors == {
        "hamlet_id": "Choose the hamlet.",
        "members": "A household has 1 to 30 members.",
    }  # the poverty year goes with a poverty status, and there is none
    assert data.head_name == "Hoàng Văn Hòa" and data.poverty_year is None
    again = pickle.loads(pickle.dumps(data))
    assert isinstance(again, HouseholdWrite) and again == data


def test_a_partial_left_without_its_version_is_refused_as_the_api_always_did():
    patch = HOUSEHOLD.body_patch({"members": 3})
    assert isinstance(patch, HouseholdPatch) and errors_of(patch) == {
        "version": "This field is required."
    }
    with pytest.raises(Invalid) as caught:
        HOUSEHOLD.validate(HOUSEHOLD.form({"members": "3"}))
    assert set(caught.value.field_errors) == {"hamlet_id", "head_name"}


def test_a_patch_merged_over_the_stored_household_is_checked_as_a_whole():
    stored = SimpleNamespace(  # a household as stored (no database needed)
        hamlet_id=3,
        head_name="Lò Văn Páo",
        gender=Gender.MALE,
        birth_year=1970,
        id_number="019070001234",
        phone=None,
        members=4,
        ethnicity="Mông",
        poverty_status=PovertyStatus.POOR,
        poverty_year=2025,
        address_detail="",
        revolutionary_service=False,
        martyr_family=False,
        social_protection=False,
        especially_hard=True,
        version=2,
    )
    merged = HOUSEHOLD.merge(stored, HOUSEHOLD.body_patch({"version": 2, "birth_year": 1971}))
    _data, errors = HOUSEHOLD.check(merged)
    assert errors == {"id_number": "This ID number does not match the birth year."}
    cleared = HOUSEHOLD.merge(
        stored, HOUSEHOLD.body_patch({"version": 2, "poverty_status": "none"})
    )
    assert HOUSEHOLD.validate(cleared).poverty_year is None
