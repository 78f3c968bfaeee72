"""The ledger's records on their field catalogues."""

from __future__ import annotations

from relief.core.records import errors_of
from relief.ledger.models import Allocation, Donation
from relief.ledger.records import ALLOCATION, DONATION


def test_every_stored_field_of_the_ledger_catalogues_is_a_column_of_its_model():
    for catalogue, model in ((DONATION, Donation), (ALLOCATION, Allocation)):
        meta = model._meta
        columns = {*meta.fields_map, *(f"{fk}_id" for fk in meta.fk_fields)}
        assert {e.name for e in catalogue.stored} <= columns, catalogue.entity


def test_an_allocation_names_a_house_or_a_visit_not_both():
    data = ALLOCATION.form(
        {
            "fund_id": "1",
            "house_case_id": "2",
            "aid_visit_id": "3",
            "amount": "1.000.000",
            "decision_number": "12/QĐ",
            "decision_date": "01/10/2025",
            "allocated_on": "01/10/2025",
        }
    )
    assert errors_of(data) == {"target": "Choose either a house case or an aid visit."}


def test_a_donation_form_left_empty_names_the_fund_and_the_channel_as_required():
    data = DONATION.form({"amount": "1.000.000", "received_on": "01/10/2025"})
    assert errors_of(data) == {
        "level": "This field is required.",
        "channel": "This field is required.",
    }
