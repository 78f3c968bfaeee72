"""What an actor may do, decided in one place: services, guards and templates ask here.

The role groups are named once below, read from the roles' table (`core.roles`: each role
lists its groups and its binding); every permission is a property (or a method, when it
depends on a commune) of `Can`, built from an actor: `can(actor).write_commune(id)` in a
service, `requires(Can.write_records)` on a route (see `core.guards`), `can.write_records`
in a template (the `can` global, built from the request's actor). What an actor may *read*
is `core.scope`'s `scoped()`, which uses the same groups.
"""

from __future__ import annotations

from dataclasses import dataclass

from relief.core.actor import Actor, Role
from relief.core.roles import Binding, Group, bound, holding

# Read every commune's records (and so pick a commune in filters and summaries).
PROVINCE_WIDE = holding(Group.PROVINCE_WIDE)
# Bound to their own commune when their account names one (a Front officer without one
# keeps the province's ledger and reads every commune).
COMMUNE_BOUND = bound(Binding.COMMUNE, Binding.COMMUNE_OR_PROVINCE)
# Bound to a commune when the account names one, else province-wide (the Front).
COMMUNE_OR_PROVINCE = bound(Binding.COMMUNE_OR_PROVINCE)
# Bound to their province: the province officer, and a Front officer without a commune.
PROVINCE_BOUND = bound(Binding.PROVINCE, Binding.COMMUNE_OR_PROVINCE)
# Read the records (households, aid, houses, summaries, audit): everyone but sponsors; the Front
# reads what officers read (never contacts) and writes none of it.
STAFF = holding(Group.STAFF)
# Write a commune's records (the province only reads them).
WRITERS = holding(Group.WRITERS)
# Keep the province-wide registers: disasters and sponsors.
MANAGERS = holding(Group.MANAGERS)
# Read and keep the Fatherland Front's ledger.
LEDGER_READERS = STAFF
LEDGER_KEEPERS = holding(Group.LEDGER_KEEPERS)
# Administer the system: users, every commune, programme rules.
ADMINS = holding(Group.ADMINS)
# Approve for the commune's management: an override of a programme's eligibility.
APPROVERS = holding(Group.APPROVERS)
# Keep forms and the commune's households on the phone (when bound to a commune).
OFFLINE_WORKERS = holding(Group.OFFLINE)
# Follow what they fund through the portal.
SPONSORS = bound(Binding.SPONSOR)


@dataclass(frozen=True)
class Can:
    """The permission table of one actor."""

    actor: Actor

    def _in(self, group: frozenset[Role]) -> bool:
        return self.actor.role in group

    # Who the actor is, as far as permissions go.

    @property
    def log_in(self) -> bool:
        """A logged-in actor (anonymous requests read only public pages)."""
        return self.actor.role is not None

    @property
    def administer(self) -> bool:
        """Administers the whole system (every commune, users, programme rules)."""
        return self._in(ADMINS)

    # Reading.

    @property
    def read_every_commune(self) -> bool:
        """Reads every commune: admins, the province, and the province's Front officers."""
        if self._in(COMMUNE_BOUND):
            return self._in(COMMUNE_OR_PROVINCE) and self.actor.commune_id is None
        return self._in(PROVINCE_WIDE)

    @property
    def province_bound(self) -> bool:
        """Reads every commune of one province only: a province officer, a province's Front
        officer (an account without its province reads none)."""
        return self._in(PROVINCE_BOUND) and self.read_every_commune

    @property
    def home_province(self) -> int | None:
        """The one province the actor reads, if it is bound to one."""
        return self.actor.province_id if self.province_bound else None

    @property
    def read_every_province(self) -> bool:
        """Reads the whole country: administrators and the national roles (a ministry's
        disaster office, the central Front)."""
        return self.read_every_commune and not self.province_bound

    @property
    def read_national(self) -> bool:
        """The national dashboard: every province's kept figures, drilled down."""
        return self.read_every_province and self._in(STAFF)

    def read_province(self, province_id: int | None) -> bool:
        """May read this province's pages: the whole country, or its own province only."""
        if self.read_every_province:
            return True
        if self.province_bound:
            return province_id is not None and province_id == self.actor.province_id
        return False

    @property
    def read_one_commune(self) -> bool:
        """Reads one commune only: a commune officer, or a Front officer of a commune."""
        return self._in(COMMUNE_BOUND) and self.actor.commune_id is not None

    @property
    def home_commune(self) -> int | None:
        """The one commune the actor reads, if it is bound to one."""
        return self.actor.commune_id if self.read_one_commune else None

    def read_commune(self, commune_id: int | None) -> bool:
        """May read this commune's pages (an actor bound to a commune reads only its own);
        which rows of it are the actor's is `scoped()`'s."""
        return not self.read_one_commune or self.actor.commune_id == commune_id

    @property
    def read_records(self) -> bool:
        """Households, aid, houses, handovers, sponsors, summaries and the audit trail."""
        return self._in(STAFF)

    @property
    def read_kept_figures(self) -> bool:
        """Reads whole communes, so the summaries' default view comes from the kept figures
        (a filter, or a sponsor's partial view, is aggregated live)."""
        return self._in(STAFF)

    @property
    def use_portal(self) -> bool:
        """The sponsor's portal: the houses and money of the sponsor's own contributions."""
        return self._in(SPONSORS) and self.actor.sponsor_id is not None

    # Contact details (ID number, phone): admins and the household's own commune officers.

    def see_contacts(self, commune_id: int | None) -> bool:
        """May see the ID number and phone of a household of this commune."""
        return self.write_commune(commune_id)  # the officers who serve it, and admins

    @property
    def see_any_contacts(self) -> bool:
        """Sees contact details of some households (the columns, search by number)."""
        return self.administer or (self._in(WRITERS) and self.read_one_commune)

    # Writing.

    @property
    def write_records(self) -> bool:
        """Writes a commune's records: households, damage, aid, houses, imports, handovers."""
        return self._in(WRITERS)

    def write_commune(self, commune_id: int | None) -> bool:
        """Writes this commune's records: admins anywhere, a commune officer in their own."""
        if self.administer:
            return True
        return (
            self._in(WRITERS)
            and self.read_one_commune
            and commune_id is not None
            and self.actor.commune_id == commune_id
        )

    @property
    def write_any_commune(self) -> bool:
        """Chooses the commune a record is written for (others write for their own)."""
        return self.administer

    @property
    def import_records(self) -> bool:
        """Imports a commune's households from a workbook."""
        return self.write_records

    @property
    def work_offline(self) -> bool:
        """Keeps forms and the commune's households on the phone when the signal is gone."""
        return self._in(OFFLINE_WORKERS) and self.read_one_commune

    @property
    def manage_disasters(self) -> bool:
        """Creates and corrects disasters, and reads the province's sum of quick reports."""
        return self._in(MANAGERS)

    @property
    def manage_sponsors(self) -> bool:
        """Adds sponsors and their pledges."""
        return self._in(MANAGERS)

    @property
    def override_rules(self) -> bool:
        """Completes a house the programme's rule refuses, with a written reason (the commune's
        People's Committee, or an administrator; in their communes, see `write_commune`)."""
        return self.write_records

    def approve_overrides(self, commune_id: int | None) -> bool:
        """Approves, as the commune's manager, a house case its programme's conditions would
        refuse (always another account than the officer who asked: the service checks it)."""
        return self._in(APPROVERS) and self.write_commune(commune_id)

    @property
    def approves_overrides(self) -> bool:
        """Approves some overrides (the approval forms and routes)."""
        return self._in(APPROVERS)

    @property
    def edit_programmes(self) -> bool:
        """Corrects the programmes' norms and rules."""
        return self.administer

    @property
    def step_back(self) -> bool:
        """Moves a house case back a stage (with a reason)."""
        return self.administer

    @property
    def manage_users(self) -> bool:
        """Creates and edits user accounts, and revokes anyone's API tokens."""
        return self.administer

    def manage_tokens_of(self, user_id: int | None) -> bool:
        """Issues or revokes the API tokens of this user: their own, or anyone's for admins."""
        return self.manage_users or (user_id is not None and self.actor.user_id == user_id)

    # The Front's ledger.

    @property
    def read_ledger(self) -> bool:
        return self._in(LEDGER_READERS)

    @property
    def keep_ledger(self) -> bool:
        """Records ledger entries (of some commune, or of the province)."""
        return self._in(LEDGER_KEEPERS)

    def keep_ledger_of(self, commune_id: int | None) -> bool:
        """Admins anywhere; a Front officer of the province anywhere, of a commune in its own."""
        if self.administer:
            return True
        if not self._in(LEDGER_KEEPERS):
            return False
        return self.actor.commune_id is None or self.actor.commune_id == commune_id

    def keep_fund(self, fund_commune_id: int | None) -> bool:
        """Moves a fund's money (allocates it, reverses its entries, closes its months): admins,
        and the Front of the fund's level only: the province's Front for the funds of no commune
        (its own province's: the central fund and other provinces' are outside its scope), a
        commune's Front for that commune's funds."""
        if self.administer:
            return True
        if not self._in(LEDGER_KEEPERS):
            return False
        return self.actor.commune_id == fund_commune_id


def can(actor: Actor) -> Can:
    """The permission table of this actor."""
    return Can(actor)
