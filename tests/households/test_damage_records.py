"""A damage assessment's catalogue: a depth entered in metres and kept in centimetres, a list
of needs, and the same audited columns and import headings as before."""

from __future__ import annotations

import pytest

from relief.aid.records import VISIT
from relief.core.records import errors_of
from relief.households import damage
from relief.households.models import DamageAssessment
from relief.households.records import DAMAGE, DEPTH
from relief.households.schemas import assessment_out
from relief.imports.columns import BY_FIELD
from tests.factories import make_household
from tests.households.factories import assessment_in, damage_data, make_disaster, officer


async def test_a_depth_typed_in_metres_is_kept_in_centimetres_and_answered_in_metres(orm):
    h, d = await make_household(), await make_disaster()
    data = damage_data(d, band="heavy", collapsed="", flooded="1", flood_depth_m="1,25 m")
    found = await damage.create_assessment(await officer(), assessment_in(h.id, data))
    stored = await DamageAssessment.get(id=found.id)
    assert stored.flood_depth_cm == 125
    assert assessment_out(stored).flood_depth_m == 1.25
    assert DAMAGE.form_values(stored)["flood_depth_m"] == "1.25"


@pytest.mark.parametrize("depth", ["0", "31", "abc", "-0,5"])
def test_a_depth_out_of_0_to_30_metres_is_refused_in_the_form_s_words(depth):
    data = DAMAGE.form({"flooded": "1", "flood_depth_m": depth})
    assert errors_of(data)["flood_depth_m"] == DEPTH


def test_needs_sent_as_repeated_fields_or_a_list_keep_each_code_once():
    form = DAMAGE.form({"needs": ["cash", "rebuild", "cash", ""]})
    body = DAMAGE.body({"needs": ["cash", "rebuild", "cash"]})
    assert form.needs == body.needs == ["cash", "rebuild"]
    assert "needs" not in errors_of(form)


def test_a_need_that_is_not_one_of_the_codes_is_refused():
    data = DAMAGE.body({"needs": ["cash", "a boat"]})
    assert errors_of(data)["needs"] == "Choose one of the options."


def test_the_audit_keeps_the_columns_of_the_model_with_the_depth_in_centimetres():
    assert damage.AUDITED == [
        "disaster_id",
        "house_class",
        "band",
        "collapsed",
        "flooded",
        "flood_depth_cm",
        "roof_blown_off",
        "landslide_relocation",
        "relocated",
        "relocated_on",
        "dead",
        "missing",
        "injured",
        "estimated_loss",
        "needs",
        "assessed_on",
        "assessed_by",
        "version",
    ]
    assert DAMAGE.labels()["flood_depth_cm"] == "Flood depth (m)"


def test_the_import_reads_the_depth_under_the_catalogue_s_headings():
    column = BY_FIELD["flood_depth_m"]
    assert (column.vi, column.en, column.aliases) == (
        "Độ sâu ngập (m)",
        "Flood depth (m)",
        ("do sau ngap", "ngap sau"),
    )


def test_a_visit_s_households_are_each_read_by_their_own_catalogue():
    body = {
        "visited_on": "2025-10-10",
        "delegation": "Đoàn xã",
        "gifts": [{"household_id": 1, "cash": 1000}, {"household_id": "x", "goods_value": 5}],
    }
    data = VISIT.body(body)
    assert errors_of(data) == {
        "gifts.1.household_id": "Choose a household of the visit's commune.",
        "gifts.1.goods": "Describe the goods whose value is given.",
    }
    assert [g.cash for g in data.gifts] == [1000, 0]
