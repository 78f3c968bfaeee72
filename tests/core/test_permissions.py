"""The permission table, role by role, and that templates never decide by role name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from relief.core.actor import ANONYMOUS, SYSTEM, Actor, Role
from relief.core.permissions import Can, can

HOME, OTHER = 7, 8
ADMIN = Actor(role=Role.ADMIN, user_id=1)
PROVINCE = Actor(role=Role.PROVINCE, user_id=2, province_id=1)
COMMUNE = Actor(role=Role.COMMUNE, user_id=3, commune_id=HOME)
SPONSOR = Actor(role=Role.SPONSOR, user_id=4, sponsor_id=5)
FRONT_PROVINCE = Actor(role=Role.FRONT, user_id=6, province_id=1)
FRONT_COMMUNE = Actor(role=Role.FRONT, user_id=7, commune_id=HOME)
MINISTRY = Actor(role=Role.MINISTRY, user_id=10)
CENTRAL_FRONT = Actor(role=Role.CENTRAL_FRONT, user_id=11)

ACTORS = {
    "admin": ADMIN,
    "province": PROVINCE,
    "commune": COMMUNE,
    "sponsor": SPONSOR,
    "front_province": FRONT_PROVINCE,
    "front_commune": FRONT_COMMUNE,
    "ministry": MINISTRY,
    "central_front": CENTRAL_FRONT,
    "anonymous": ANONYMOUS,
}
NATIONAL = {"ministry", "central_front"}  # read every province, write nothing

# Who holds each permission that depends only on the role (and its binding).
TABLE = {
    "log_in": {"admin", "province", "commune", "sponsor", "front_province", "front_commune"}
    | NATIONAL,
    "administer": {"admin"},
    "read_every_commune": {"admin", "province", "front_province"} | NATIONAL,
    "province_bound": {"province", "front_province"},
    "read_every_province": {"admin"} | NATIONAL,
    "read_national": {"admin"} | NATIONAL,
    "read_one_commune": {"commune", "front_commune"},
    "read_records": {"admin", "province", "commune", "front_province", "front_commune"} | NATIONAL,
    "read_kept_figures": {"admin", "province", "commune", "front_province", "front_commune"}
    | NATIONAL,
    "use_portal": {"sponsor"},
    "see_any_contacts": {"admin", "commune"},
    "write_records": {"admin", "commune"},
    "write_any_commune": {"admin"},
    "import_records": {"admin", "commune"},
    "work_offline": {"commune"},
    "manage_disasters": {"admin", "province"},
    "manage_sponsors": {"admin", "province"},
    "override_rules": {"admin", "commune"},
    "approves_overrides": {"admin"},
    "edit_programmes": {"admin"},
    "step_back": {"admin"},
    "manage_users": {"admin"},
    "read_ledger": {"admin", "province", "commune", "front_province", "front_commune"} | NATIONAL,
    "keep_ledger": {"admin", "front_province", "front_commune"},
}


def _flags() -> list[str]:
    return [
        name
        for name, value in vars(Can).items()
        if isinstance(value, property) and name not in ("home_commune", "home_province")
    ]


def test_the_table_names_every_yes_or_no_permission():
    assert sorted(TABLE) == sorted(_flags())


@pytest.mark.parametrize("permission", sorted(TABLE))
def test_each_permission_is_held_by_exactly_its_roles(permission):
    holders = {name for name, actor in ACTORS.items() if getattr(can(actor), permission)}
    assert holders == TABLE[permission]


@pytest.mark.parametrize(
    ("actor", "home", "own", "other", "province"),
    [
        (ADMIN, None, True, True, True),
        (PROVINCE, None, True, True, True),
        (COMMUNE, HOME, True, False, False),
        (FRONT_COMMUNE, HOME, True, False, False),
        (FRONT_PROVINCE, None, True, True, True),
    ],
)
def test_an_actor_bound_to_a_commune_reads_only_its_own(actor, home, own, other, province):
    table = can(actor)
    assert table.home_commune == home
    assert table.read_commune(HOME) is own
    assert table.read_commune(OTHER) is other
    assert table.read_commune(None) is province  # the province-wide books


def test_a_commune_officer_writes_and_sees_contacts_only_in_their_commune():
    officer = can(COMMUNE)
    assert officer.write_commune(HOME) and officer.see_contacts(HOME)
    assert not officer.write_commune(OTHER) and not officer.see_contacts(OTHER)
    assert not officer.write_commune(None)
    unbound = can(Actor(role=Role.COMMUNE, user_id=9))
    assert not unbound.write_commune(None) and not unbound.see_any_contacts
    assert not unbound.work_offline


@pytest.mark.parametrize("actor", [PROVINCE, SPONSOR, FRONT_PROVINCE, FRONT_COMMUNE, ANONYMOUS])
def test_only_admins_and_the_communes_own_officers_write_or_see_contacts(actor):
    assert not can(actor).write_commune(HOME)
    assert not can(actor).see_contacts(HOME)


def test_admins_and_the_system_write_everywhere():
    for actor in (ADMIN, SYSTEM):
        assert can(actor).write_commune(HOME) and can(actor).write_commune(OTHER)
        assert can(actor).see_contacts(OTHER)


def test_the_fronts_ledger_is_kept_by_its_level():
    assert can(FRONT_PROVINCE).keep_ledger_of(None) and can(FRONT_PROVINCE).keep_ledger_of(OTHER)
    assert can(FRONT_COMMUNE).keep_ledger_of(HOME)
    assert not can(FRONT_COMMUNE).keep_ledger_of(OTHER)
    assert not can(FRONT_COMMUNE).keep_ledger_of(None)
    assert can(ADMIN).keep_ledger_of(OTHER)
    assert not can(COMMUNE).keep_ledger_of(HOME) and not can(PROVINCE).keep_ledger_of(None)


def test_an_override_is_approved_by_an_approver_who_may_write_the_commune():
    assert can(ADMIN).approve_overrides(HOME) and can(ADMIN).approve_overrides(OTHER)
    assert not can(COMMUNE).approve_overrides(HOME)  # the officer asks; another approves
    assert not can(PROVINCE).approve_overrides(HOME)


def test_tokens_are_managed_by_their_owner_or_an_admin():
    assert can(COMMUNE).manage_tokens_of(COMMUNE.user_id)
    assert not can(COMMUNE).manage_tokens_of(ADMIN.user_id)
    assert can(ADMIN).manage_tokens_of(COMMUNE.user_id)
    assert not can(ANONYMOUS).manage_tokens_of(None)


def test_a_province_bound_actor_reads_its_province_and_a_national_one_every_province():
    assert can(PROVINCE).home_province == 1 and can(FRONT_PROVINCE).home_province == 1
    assert can(PROVINCE).read_province(1) and not can(PROVINCE).read_province(2)
    assert not can(Actor(role=Role.PROVINCE, user_id=12)).read_province(1)  # no province
    for actor in (ADMIN, MINISTRY, CENTRAL_FRONT):
        assert can(actor).home_province is None
        assert can(actor).read_province(1) and can(actor).read_province(2)
    assert can(FRONT_COMMUNE).home_province is None and not can(COMMUNE).read_province(1)


def test_the_national_roles_write_nothing():
    for actor in (MINISTRY, CENTRAL_FRONT):
        table = can(actor)
        assert not table.write_commune(HOME) and not table.write_commune(None)
        assert not table.keep_ledger_of(None) and not table.keep_fund(None)
        assert not table.approve_overrides(HOME) and not table.see_contacts(HOME)
        assert not table.manage_tokens_of(ADMIN.user_id)


def test_a_sponsor_without_its_sponsor_has_no_portal():
    assert not can(Actor(role=Role.SPONSOR, user_id=9)).use_portal


TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
JINJA = re.compile(r"{%.*?%}|{{.*?}}", re.S)
ADMIN_FLAG = re.compile(r"\bis_admin\b|\bsees_everything\b")
ROLE = re.compile(r"\.role\b")
DECISION = re.compile(r"==|!=|\bin\b|\bis\b|\bif\b|\bnot\b|\band\b|\bor\b")


def role_decisions(text: str) -> list[str]:
    """Template expressions that decide by the actor's role (showing a role's label is fine)."""
    found = []
    for match in JINJA.finditer(text):
        expr = match.group(0)
        if ADMIN_FLAG.search(expr) or (ROLE.search(expr) and DECISION.search(expr)):
            found.append(expr)
    return found


def test_the_scan_finds_a_role_compared_in_a_template():
    assert role_decisions('{% if me.role.value in ("admin", "province") %}')
    assert role_decisions("{% if actor().role.value == 'commune' %}")
    assert role_decisions("{{ 'x' if me.role and me.role.value == 'sponsor' else '' }}")
    assert role_decisions("{% if actor().is_admin %}")
    assert role_decisions('{% if "front" == me.role.value %}')
    assert role_decisions("{% if me.role %}")
    assert not role_decisions('{% if can.write_records %}{{ select("commune", x) }}')
    assert not role_decisions('{% if c.source.value in ("sponsor", "fund_for_the_poor") %}')
    assert not role_decisions('{{ _("role:" ~ u.role.value) }}')


def test_no_template_decides_by_role_name():
    found = {
        str(path.relative_to(TEMPLATES)): hits
        for path in sorted(TEMPLATES.rglob("*.html"))
        if (hits := role_decisions(path.read_text(encoding="utf-8")))
    }
    assert found == {}, "templates ask `can.<permission>`, never the role: " + repr(found)
