"""The beneficiary lists' catalogues: every stored field is a column of its model."""

from __future__ import annotations

import pytest

from relief.beneficiaries.models import (
    BeneficiaryList,
    Complaint,
    Decision,
    HamletReview,
    ListEntry,
    Posting,
)
from relief.beneficiaries.records import (
    ANSWER,
    COMPLAINT,
    DECISION,
    ENTRY,
    LIST,
    POSTING,
    PUBLIC_COMPLAINT,
    REVIEW,
)
from relief.core.records import errors_of

pytestmark = pytest.mark.unit

PAIRS = [
    (LIST, BeneficiaryList),
    (ENTRY, ListEntry),
    (REVIEW, HamletReview),
    (POSTING, Posting),
    (COMPLAINT, Complaint),
    (PUBLIC_COMPLAINT, Complaint),
    (ANSWER, Complaint),
    (DECISION, Decision),
]


@pytest.mark.parametrize(("catalogue", "model"), PAIRS, ids=[c.entity for c, _ in PAIRS])
def test_every_stored_field_is_a_column(catalogue, model):
    meta = model._meta
    columns = {*meta.fields_map, *(f"{fk}_id" for fk in meta.fk_fields)}
    assert [e.name for e in catalogue.stored if e.name not in columns] == []


def test_a_form_reads_money_and_every_bad_field_at_once():
    data = ENTRY.form({"household_id": "", "proposed_amount": "40.000.000.000", "note": "x"})
    assert (data.proposed_amount, set(errors_of(data))) == (0, {"household_id", "proposed_amount"})
