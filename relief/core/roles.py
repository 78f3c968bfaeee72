"""The roles, one row each: what a role is called, what it is bound to, where it lands, and
which permission groups it belongs to.

Everything that depends on the role reads this table: the permission groups of
`core.permissions`, the role labels (`core.labels`), the administrator's user form (its
choices and which binding field is needed), `relief user add` (its `--role` choices and its
binding checks) and the page a user lands on after logging in. A new role is one member of
`Role`, one row here, a migration (the stored choices) and the translation of its label.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from relief.core.actor import Role


class Binding(Enum):
    """What an account of a role is bound to (never shown: the roles' labels say it)."""

    NONE = "none"  # the whole country: no province, commune or sponsor
    PROVINCE = "province"  # one province, required
    COMMUNE = "commune"  # one commune, required
    SPONSOR = "sponsor"  # one sponsor, required
    # A commune when one is given (that commune's officer), else a province (required): the
    # province's officer.
    COMMUNE_OR_PROVINCE = "commune_or_province"

    @property
    def takes_commune(self) -> bool:
        return self in (Binding.COMMUNE, Binding.COMMUNE_OR_PROVINCE)

    @property
    def takes_province(self) -> bool:
        return self in (Binding.PROVINCE, Binding.COMMUNE_OR_PROVINCE)

    @property
    def takes_sponsor(self) -> bool:
        return self is Binding.SPONSOR


class Group(Enum):
    """The permission groups `core.permissions` decides with (each named there once; never
    shown)."""

    PROVINCE_WIDE = "province_wide"  # reads every commune's records (of its province, if bound)
    STAFF = "staff"  # reads the records (households, aid, houses, summaries, audit)
    WRITERS = "writers"  # writes a commune's records
    MANAGERS = "managers"  # keeps the province-wide registers: disasters and sponsors
    LEDGER_KEEPERS = "ledger_keepers"  # keeps the Fatherland Front's ledger
    ADMINS = "admins"  # administers the system
    # Approves what a commune manager approves (an override of a programme's eligibility):
    # today the administrators; a commune leader's role would be one row holding it.
    APPROVERS = "approvers"
    OFFLINE = "offline"  # keeps forms and the commune's households on the phone


@dataclass(frozen=True)
class RoleSpec:
    """One role's row."""

    role: Role
    label: str  # English message id, translated when shown (labels.po)
    bound_to: Binding
    landing: str  # the page a login lands on (when it was not sent elsewhere)
    groups: frozenset[Group]


def _spec(role: Role, label: str, bound_to: Binding, landing: str, *groups: Group) -> RoleSpec:
    return RoleSpec(role, label, bound_to, landing, frozenset(groups))


ROLES: dict[Role, RoleSpec] = {
    spec.role: spec
    for spec in (
        _spec(
            Role.ADMIN,
            "Administrator",
            Binding.NONE,
            "/",
            Group.PROVINCE_WIDE,
            Group.STAFF,
            Group.WRITERS,
            Group.MANAGERS,
            Group.LEDGER_KEEPERS,
            Group.ADMINS,
            Group.APPROVERS,
        ),
        _spec(
            Role.PROVINCE,
            "Province officer",
            Binding.PROVINCE,
            "/reports",
            Group.PROVINCE_WIDE,
            Group.STAFF,
            Group.MANAGERS,
        ),
        _spec(
            Role.COMMUNE,
            "Commune officer",
            Binding.COMMUNE,
            "/reports",  # which shows the officer's own commune summary
            Group.STAFF,
            Group.WRITERS,
            Group.OFFLINE,
        ),
        _spec(Role.SPONSOR, "Sponsor", Binding.SPONSOR, "/portal"),
        _spec(
            Role.FRONT,
            "Fatherland Front officer",
            Binding.COMMUNE_OR_PROVINCE,
            "/ledger",  # the books it keeps
            Group.STAFF,
            Group.LEDGER_KEEPERS,
        ),
        # The national readers: every province's records and figures, no writes at all.
        _spec(
            Role.MINISTRY,
            "Ministry disaster office",
            Binding.NONE,
            "/national",
            Group.PROVINCE_WIDE,
            Group.STAFF,
        ),
        _spec(
            Role.CENTRAL_FRONT,
            "Central Fatherland Front",
            Binding.NONE,
            "/national",
            Group.PROVINCE_WIDE,
            Group.STAFF,
        ),
    )
}


def spec(role: Role | str) -> RoleSpec:
    """The row of a role (a member or its stored code)."""
    return ROLES[Role(role)]


def holding(group: Group) -> frozenset[Role]:
    """The roles of a permission group."""
    return frozenset(role for role, row in ROLES.items() if group in row.groups)


def bound(*bindings: Binding) -> frozenset[Role]:
    """The roles bound to any of these."""
    return frozenset(role for role, row in ROLES.items() if row.bound_to in bindings)
