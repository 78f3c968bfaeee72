"""The sponsor registry's records on their field catalogues."""

from __future__ import annotations

from relief.core.records import errors_of
from relief.sponsors.models import Pledge, Sponsor
from relief.sponsors.records import PLEDGE, SPONSOR
from tests.factories import bearer, make_sponsor, make_user


def test_every_stored_field_of_the_sponsor_catalogues_is_a_column_of_its_model():
    for catalogue, model in ((SPONSOR, Sponsor), (PLEDGE, Pledge)):
        meta = model._meta
        columns = {*meta.fields_map, *(f"{fk}_id" for fk in meta.fk_fields)}
        assert {e.name for e in catalogue.stored} <= columns, catalogue.entity


def test_an_email_without_a_domain_is_told_how_an_email_looks():
    data = SPONSOR.form({"name": "Petrolimex", "kind": "company", "email": "lan@petrolimex"})
    assert errors_of(data) == {"email": "Enter an e-mail address such as ten@example.vn."}


async def test_a_sponsor_patched_over_the_api_keeps_the_fields_left_out(client):
    sponsor = await make_sponsor()
    await Sponsor.filter(id=sponsor.id).update(phone="0912345678")
    headers = await bearer(await make_user("province"))
    changed = await client.patch(
        f"/api/v1/sponsors/{sponsor.id}",
        json={"version": sponsor.version, "contact_person": "Chị Lan"},
        headers=headers,
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["contact_person"], changed.json()["phone"]) == ("Chị Lan", "0912345678")
