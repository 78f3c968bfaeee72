"""The roles' table (relief/core/roles.py): every role has its row, and its landing page
answers that role."""

from __future__ import annotations

import pytest

from relief.core.actor import Role
from relief.core.roles import ROLES, Binding
from tests.factories import login_as, make_user


def test_every_role_has_its_row_and_nothing_else_has_one():
    assert {role: row.role for role, row in ROLES.items()} == {role: role for role in Role}


def test_the_binding_of_each_role():
    assert {role.value: row.bound_to for role, row in ROLES.items()} == {
        "admin": Binding.NONE,
        "province": Binding.PROVINCE,
        "commune": Binding.COMMUNE,
        "sponsor": Binding.SPONSOR,
        "front": Binding.COMMUNE_OR_PROVINCE,
        "ministry": Binding.NONE,
        "central_front": Binding.NONE,
    }


# Each role, and for a role bound to a commune when the account names one (the Front), both.
ACCOUNTS = [
    (role, commune)
    for role, row in ROLES.items()
    for commune in (["05725", None] if row.bound_to is Binding.COMMUNE_OR_PROVINCE else ["05725"])
]


@pytest.mark.parametrize(
    ("role", "commune"), ACCOUNTS, ids=[f"{r.value}-{c or 'province'}" for r, c in ACCOUNTS]
)
async def test_the_landing_page_of_each_role_answers_it(client, role, commune):
    user = await make_user(role, commune_code=commune)
    await login_as(client, user)
    landing = ROLES[role].landing
    page = await client.get(landing, follow_redirects=True)
    # A commune officer's summary of the province is its own commune's.
    expected = "/reports/communes/05725" if role is Role.COMMUNE else landing
    assert (page.status_code, page.url.path) == (200, expected)
