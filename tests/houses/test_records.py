"""The houses' records on their field catalogues: a list field read from a form, a float area
stored as a decimal, a form that edits some fields only, a partial merged in the service."""

from __future__ import annotations

from decimal import Decimal

from relief.core.actor import SYSTEM
from relief.core.formatting import local_today
from relief.core.records import errors_of
from relief.houses import funding, programmes
from relief.houses.models import (
    Contribution,
    FundingSource,
    Handover,
    HouseCase,
    ProgrammeRule,
)
from relief.houses.records import (
    CONTRIBUTION,
    HANDOVER,
    HOUSE_CASE,
    PROGRAMME_RULE,
    ContributionIn,
)
from tests.factories import bearer, make_household, make_user
from tests.houses.factories import open_case

MODELS = {HOUSE_CASE: HouseCase, CONTRIBUTION: Contribution, HANDOVER: Handover}


def test_every_stored_field_of_the_houses_catalogues_is_a_column_of_its_model():
    for catalogue, model in {**MODELS, PROGRAMME_RULE: ProgrammeRule}.items():
        meta = model._meta
        columns = {*meta.fields_map, *(f"{fk}_id" for fk in meta.fk_fields)}
        assert {e.name for e in catalogue.stored} <= columns, catalogue.entity


def test_a_handover_form_reads_every_house_ticked():
    data = HANDOVER.form(
        {
            "held_on": "01/02/2025",
            "place": "Nhà văn hóa",
            "organisers": "UBND xã",
            "house_ids": ["3", "5", ""],
        }
    )
    assert (data.house_ids, data.sponsor_ids, errors_of(data)) == ([3, 5], [], {})


def test_a_handover_form_without_a_house_says_to_choose_them():
    data = HANDOVER.form({"held_on": "01/02/2025", "place": "x", "organisers": "y"})
    assert errors_of(data) == {"house_ids": "Choose the houses handed over."}


def test_a_floor_area_typed_with_a_comma_is_read_and_kept_to_the_hundredth():
    data = HOUSE_CASE.form({"household_id": "1", "programme": "great_solidarity", "kind": "repair"})
    typed = HOUSE_CASE.form(
        {"household_id": "1", "programme": "great_solidarity", "kind": "repair", "area_m2": "36,5"}
    )
    assert (data.area_m2, HOUSE_CASE.values(typed)["area_m2"]) == (None, Decimal("36.50"))


def test_the_partial_of_a_case_leaves_out_what_is_fixed_when_it_is_opened():
    fields = set(HOUSE_CASE.partial.__struct_fields__)
    assert {"household_id", "proposed_on"} & fields == set() and "area_m2" in fields


TODAY = local_today()


async def test_the_api_opens_a_case_with_its_area_as_sent(client):
    household = await make_household(poverty_status="poor", poverty_year=TODAY.year)
    body = {
        "household_id": household.id,
        "programme": "great_solidarity",
        "kind": "repair",
        "area_m2": 42.25,
    }
    headers = await bearer(await make_user("admin"))
    opened = await client.post("/api/v1/houses", json=body, headers=headers)
    assert opened.status_code == 201, opened.text
    stored = await HouseCase.get(id=opened.json()["id"])
    assert (stored.area_m2, opened.json()["area_m2"]) == (Decimal("42.25"), 42.25)


async def test_disbursing_on_the_page_keeps_the_note_of_the_contribution(orm):
    case = await open_case()
    made = await funding.add_contribution(
        SYSTEM,
        case.id,
        ContributionIn(source=FundingSource.STATE_BUDGET, amount_pledged=10_000_000, note="Đợt 1"),
    )
    patch = CONTRIBUTION.form_patch(
        {"amount_pledged": "10.000.000", "amount_disbursed": "0", "version": "1"},
        only=("amount_pledged", "amount_disbursed"),
    )
    await funding.update_contribution(SYSTEM, made.id, patch)
    assert (await Contribution.get(id=made.id)).note == "Đợt 1"


async def test_a_programme_rule_sent_in_part_keeps_the_rest(orm):
    rule = await ProgrammeRule.all().order_by("id").first()
    assert rule is not None
    patch = PROGRAMME_RULE.body_patch({"version": rule.version, "source": "Quyết định 5"})
    saved = await programmes.update_rule(SYSTEM, rule.id, patch)
    assert (saved.source, saved.support_amount) == ("Quyết định 5", rule.support_amount)
