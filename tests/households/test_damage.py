"""Damage assessments and disasters in the service."""

import pytest

from relief.core.errors import Conflict, Forbidden, Invalid
from relief.core.models import AuditEntry
from relief.households import damage, disasters
from relief.households.models import DamageAssessment, Disaster
from relief.households.records import COLLAPSED_IS_TOTAL, DEPTH, DISASTER
from tests.factories import make_household
from tests.households.factories import (
    ADMIN,
    PROVINCE,
    assessment_in,
    assessment_patch,
    damage_data,
    make_disaster,
    officer,
)


async def test_an_assessment_takes_its_commune_and_hamlet_from_the_household(orm):
    h = await make_household()
    d = await make_disaster()
    found = await damage.create_assessment(await officer(), assessment_in(h.id, damage_data(d)))
    assert (found.commune_id, found.hamlet_id) == (h.commune_id, h.hamlet_id)
    assert found.estimated_loss == 250_000_000 and found.needs == ["rebuild", "relocation"]
    assert await AuditEntry.exists(entity="damage_assessment", entity_id=str(found.id))


@pytest.mark.parametrize("loss", ["60.000.000", "60 000 000", "60000000"])
async def test_money_is_accepted_in_the_usual_spellings(orm, loss):
    h, d = await make_household(), await make_disaster()
    found = await damage.create_assessment(
        await officer(), assessment_in(h.id, damage_data(d, estimated_loss=loss))
    )
    assert found.estimated_loss == 60_000_000


@pytest.mark.parametrize("loss", ["60.000.000,5", "-5000000", "1.5", "abc"])
async def test_decimals_and_negative_amounts_are_refused(orm, loss):
    h, d = await make_household(), await make_disaster()
    with pytest.raises(Invalid) as caught:
        await damage.create_assessment(
            await officer(), assessment_in(h.id, damage_data(d, estimated_loss=loss))
        )
    assert set(caught.value.field_errors) == {"estimated_loss"}
    assert not await DamageAssessment.exists()


async def test_one_assessment_per_household_and_disaster_the_second_points_to_the_first(orm):
    h, d = await make_household(), await make_disaster()
    first = await damage.create_assessment(await officer(), assessment_in(h.id, damage_data(d)))
    with pytest.raises(Invalid) as caught:
        await damage.create_assessment(
            await officer(),
            assessment_in(h.id, damage_data(d, band="heavy", collapsed="", flooded="1")),
        )
    assert caught.value.field_errors["disaster_id"].startswith("This household already has")
    assert caught.value.details["existing"]["url"] == f"/damage/{first.id}/edit"
    assert await DamageAssessment.filter(household_id=h.id).count() == 1


async def test_relocation_needs_its_date_and_dates_must_be_sane(orm):
    h, d = await make_household(), await make_disaster()
    data = damage_data(d, relocated_on="", assessed_on="01/01/2099")
    with pytest.raises(Invalid) as caught:
        await damage.create_assessment(await officer(), assessment_in(h.id, data))
    assert caught.value.field_errors == {
        "relocated_on": "Give the date of the emergency relocation.",
        "assessed_on": "This date is in the future.",
    }
    with pytest.raises(Invalid) as caught:
        await damage.create_assessment(
            await officer(), assessment_in(h.id, damage_data(d, assessed_on="01/10/2025", band=""))
        )
    assert caught.value.field_errors == {
        "assessed_on": "The assessment cannot be before the disaster.",
        "band": "Choose one of the options.",
    }


async def test_a_correction_is_versioned_and_a_stale_one_refused(orm):
    h, d = await make_household(), await make_disaster()
    actor = await officer()
    found = await damage.create_assessment(actor, assessment_in(h.id, damage_data(d)))
    fixed = await damage.update_assessment(
        actor,
        found.id,
        assessment_patch(damage_data(d, band="very_heavy", collapsed="", version="1")),
    )
    assert fixed.band.value == "very_heavy" and fixed.version == 2
    with pytest.raises(Conflict) as caught:
        await damage.update_assessment(
            actor, found.id, assessment_patch(damage_data(d, version="1"))
        )
    assert [c["field"] for c in caught.value.details["changes"]] == ["band", "collapsed"]
    assert (await DamageAssessment.get(id=found.id)).band.value == "very_heavy"


async def test_a_flooded_house_can_also_be_heavily_damaged_with_its_depth(orm):
    h, d = await make_household(), await make_disaster()
    data = damage_data(d, band="heavy", collapsed="", flooded="1", flood_depth_m="1,5", injured="2")
    found = await damage.create_assessment(await officer(), assessment_in(h.id, data))
    assert (found.band.value, found.flooded, found.flood_depth_cm) == ("heavy", True, 150)
    assert (found.dead, found.missing, found.injured) == (0, 0, 2)
    assert damage.assessment_form_values(found)["flood_depth_m"] == "1.5"


async def test_collapsed_only_with_total_damage_and_sane_depths_and_counts(orm):
    h, d = await make_household(), await make_disaster()
    data = damage_data(d, band="heavy", flooded="1", flood_depth_m="-1", dead="x", missing="31")
    with pytest.raises(Invalid) as caught:
        await damage.create_assessment(await officer(), assessment_in(h.id, data))
    assert caught.value.field_errors == {
        "collapsed": COLLAPSED_IS_TOTAL,
        "flood_depth_m": DEPTH,
        "dead": "Enter a whole number.",
        "missing": "This number is out of range.",
    }
    # A depth is only kept for a flooded house.
    found = await damage.create_assessment(
        await officer(), assessment_in(h.id, damage_data(d, flood_depth_m="2"))
    )
    assert found.flood_depth_cm is None and found.collapsed and found.band.value == "total"


async def test_the_province_reads_damage_but_does_not_write_it(orm):
    h, d = await make_household(), await make_disaster()
    with pytest.raises(Forbidden):
        await damage.create_assessment(PROVINCE, assessment_in(h.id, damage_data(d)))


async def test_disasters_are_managed_by_province_and_admin_only(orm):
    data = {"name": "Lũ quét", "kind": "flash_flood", "starts_on": "20/10/2025"}
    created = await disasters.create_disaster(PROVINCE, DISASTER.form(data))
    assert created.name == "Lũ quét"
    with pytest.raises(Forbidden):
        await disasters.create_disaster(await officer(), DISASTER.form(data))
    with pytest.raises(Invalid) as caught:
        await disasters.create_disaster(
            ADMIN, DISASTER.form({**data, "ends_on": "01/10/2025", "kind": "x"})
        )
    assert set(caught.value.field_errors) == {"ends_on", "kind"}


async def test_a_stale_disaster_edit_is_refused_with_what_changed(orm):
    d = await make_disaster()
    token = d.version
    await disasters.update_disaster(
        ADMIN, d.id, DISASTER.body_patch({"version": token, "name": "Bão Matmo"})
    )
    with pytest.raises(Conflict) as caught:
        await disasters.update_disaster(
            PROVINCE, d.id, DISASTER.body_patch({"version": token, "description": "x"})
        )
    change = caught.value.details["changes"][0]
    assert (change["field"], change["was"], change["now"]) == (
        "name",
        "Bão số 11 (Matmo)",
        "Bão Matmo",
    )
    assert (await Disaster.get(id=d.id)).description == ""


async def test_a_disaster_in_use_cannot_be_deleted(orm):
    h, d = await make_household(), await make_disaster()
    await damage.create_assessment(await officer(), assessment_in(h.id, damage_data(d)))
    with pytest.raises(Conflict):
        await disasters.delete_disaster(ADMIN, d.id)
    unused = await make_disaster("Nhầm")
    await disasters.delete_disaster(ADMIN, unused.id)
    assert not await Disaster.exists(id=unused.id)
