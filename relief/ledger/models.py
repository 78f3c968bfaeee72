"""Ledger entries: funds, donations received, allocations, and closed periods.

Entries are never edited: a mistake is corrected by a reversing entry (the same amount,
negative, pointing at the entry it reverses), so that a closed period's books never move.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from relief.core.scope import ScopeRule

if TYPE_CHECKING:
    from relief.accounts.models import User
    from relief.aid.models import AidVisit
    from relief.houses.models import Contribution, HouseCase
    from relief.places.models import Commune, Province
    from relief.sponsors.models import Sponsor


class FundLevel(StrEnum):
    CENTRAL = "central"  # Quỹ cấp Trung ương
    PROVINCE = "province"  # Quỹ cấp tỉnh
    COMMUNE = "commune"  # Quỹ cấp xã
    HOUSE = "house"  # given straight to one house (ủng hộ trực tiếp)


class Channel(StrEnum):
    BANK_TRANSFER = "bank_transfer"
    CASH = "cash"
    GOODS = "goods"  # goods, valued in đồng


class Campaign(Model):
    """A call for donations (đợt vận động): its call document, period, receiving accounts and
    published support levels; donations received in its period belong to it."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    # Short code printed in its receipts' numbers (e.g. BL2025).
    code = fields.CharField(max_length=12, unique=True)
    call_number = fields.CharField(max_length=60, default="")  # the call's document number
    call_date = fields.DateField(null=True)
    starts_on = fields.DateField()
    ends_on = fields.DateField(null=True)  # None: open-ended until closed
    # Receiving accounts: [{"bank": ..., "number": ..., "holder": ...}].
    accounts: fields.Field[list] = fields.JSONField(default=list)
    support_levels = fields.TextField(default="")  # the published levels, one per line
    closed_on = fields.DateField(null=True)
    closed_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    closed_by_id: int | None
    # The final report, kept as it stood at closing (ledger.campaigns.final_report).
    final_report: fields.Field[dict] = fields.JSONField(default=dict)
    version = fields.IntField(default=1)
    created_at = fields.DatetimeField(auto_now_add=True)

    scope_rule = ScopeRule(registry=True, public=True)

    class Meta:
        table = "ledger_campaign"


class Fund(Model):
    """A fund account: central, province, a commune, or the direct gifts of a commune."""

    id = fields.IntField(primary_key=True)
    level = fields.CharEnumField(FundLevel, max_length=10)
    # None for the central and province funds.
    commune: fields.ForeignKeyNullableRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    commune_id: int | None
    # The province whose fund it is (a commune's funds: its commune's); None only for the
    # central fund. Each province keeps its own province fund.
    province: fields.ForeignKeyNullableRelation[Province] = fields.ForeignKeyField(
        "models.Province", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    province_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)
    # Kept figures of the fund's entries to date, reversals included (a reversal is negative):
    # moved by each write of an entry under the fund's lock (relief.ledger.service), checked
    # against a recount by `relief summaries check`. What is left to allocate is read, not summed.
    received_total = fields.BigIntField(default=0, db_default=0)
    allocated_total = fields.BigIntField(default=0, db_default=0)

    # Every fund is listed to those who read the ledger (its entries are scoped), but a
    # province's officers list only their own province's (the central fund, of no province, is
    # the national roles'): another province's fund is not found, to read or to move.
    scope_rule = ScopeRule(province="province_id", registry=True, public=True)

    class Meta:
        table = "ledger_fund"
        unique_together = (("level", "commune"),)
        # Migration 0046 adds a unique (level, province_id) of the funds of no commune: one
        # province fund per province.


class Donation(Model):
    """Money or goods received by a fund (thu)."""

    id = fields.IntField(primary_key=True)
    fund: fields.ForeignKeyRelation[Fund] = fields.ForeignKeyField(
        "models.Fund", related_name=False, on_delete=fields.RESTRICT
    )
    fund_id: int
    # The commune whose books show it (None: central or province fund).
    commune: fields.ForeignKeyNullableRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    commune_id: int | None
    house_case: fields.ForeignKeyNullableRelation[HouseCase] = fields.ForeignKeyField(
        "models.HouseCase", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    house_case_id: int | None
    sponsor: fields.ForeignKeyNullableRelation[Sponsor] = fields.ForeignKeyField(
        "models.Sponsor", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    sponsor_id: int | None
    donor_name = fields.CharField(max_length=200, default="")  # "" when anonymous
    donor_key = fields.CharField(max_length=200, default="")
    named_publicly = fields.BooleanField(default=False)  # the donor consented to be named
    channel = fields.CharEnumField(Channel, max_length=16)
    amount = fields.BigIntField()  # whole đồng; negative only on a reversing entry
    goods = fields.CharField(max_length=255, default="")
    # Goods as goods: how much of what unit (4 tấn xi măng: 4, "tấn"); `amount` is their value.
    quantity = fields.DecimalField(max_digits=14, decimal_places=3, null=True)
    unit = fields.CharField(max_length=20, default="", db_default="")
    received_on = fields.DateField()
    reference = fields.CharField(max_length=100, default="")  # bank reference, receipt number
    note = fields.TextField(default="")
    campaign: fields.ForeignKeyNullableRelation[Campaign] = fields.ForeignKeyField(
        "models.Campaign", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    campaign_id: int | None
    # The receipt (biên nhận): its place in the campaign's and fund's sequence, its number,
    # and the unguessable token of its public verification page. None on a reversal.
    receipt_seq = fields.IntField(null=True)
    receipt_number = fields.CharField(max_length=40, default="", db_default="")
    receipt_token = fields.CharField(max_length=24, null=True, unique=True)
    reverses: fields.ForeignKeyNullableRelation[Donation] = fields.ForeignKeyField(
        "models.Donation", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    reverses_id: int | None
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    created_by_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)

    scope_rule = ScopeRule(
        commune="commune_id", sponsor="sponsor_id", above_communes="fund__province_id"
    )

    class Meta:
        table = "ledger_donation"
        # Each read in its index's order to its page's end (migration 0050 added the ids: on
        # PostgreSQL an index without them gives the order of the day, not of the day and id):
        # a fund's donations newest first (the province's books), a commune's or the province's
        # own statement of a year or of a campaign oldest first (the public statement).
        indexes = (
            ("fund_id", "received_on", "id"),
            ("commune_id", "received_on", "id"),
            ("commune_id", "campaign_id", "received_on", "id"),
            ("sponsor_id",),
            ("campaign_id", "received_on", "id"),
        )
        # Migration 0050 adds partial indexes of the donations of no commune by (received_on,
        # id) and (campaign_id, received_on, id): the province's own statement in its order.
        # Two receipts never share a number, whatever the race (the fund row is locked too).
        unique_together = (("campaign", "fund", "receipt_seq"),)


class Allocation(Model):
    """Money a fund assigns to a house case or an aid visit (phân bổ), by a decision."""

    id = fields.IntField(primary_key=True)
    fund: fields.ForeignKeyRelation[Fund] = fields.ForeignKeyField(
        "models.Fund", related_name=False, on_delete=fields.RESTRICT
    )
    fund_id: int
    commune: fields.ForeignKeyRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, on_delete=fields.RESTRICT
    )
    commune_id: int
    house_case: fields.ForeignKeyNullableRelation[HouseCase] = fields.ForeignKeyField(
        "models.HouseCase", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    house_case_id: int | None
    aid_visit: fields.ForeignKeyNullableRelation[AidVisit] = fields.ForeignKeyField(
        "models.AidVisit", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    aid_visit_id: int | None
    # The house's contribution this allocation funds: its disbursed amount is what is spent.
    contribution: fields.ForeignKeyNullableRelation[Contribution] = fields.ForeignKeyField(
        "models.Contribution", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    contribution_id: int | None
    made_contribution = fields.BooleanField(default=False)  # added it, rather than paid one
    # The donation the money came from, where one is named (always for a sponsor's money).
    donation: fields.ForeignKeyNullableRelation[Donation] = fields.ForeignKeyField(
        "models.Donation", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    donation_id: int | None
    amount = fields.BigIntField()  # negative only on a reversing entry
    decision_number = fields.CharField(max_length=60)
    decision_date = fields.DateField()
    allocated_on = fields.DateField()
    note = fields.TextField(default="")
    reverses: fields.ForeignKeyNullableRelation[Allocation] = fields.ForeignKeyField(
        "models.Allocation", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    reverses_id: int | None
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    created_by_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)

    scope_rule = ScopeRule(commune="commune_id")

    class Meta:
        table = "ledger_allocation"
        # The province's list of every allocation, newest first, read in this index's order.
        indexes = (
            ("fund_id", "allocated_on"),
            ("commune_id", "allocated_on"),
            ("allocated_on", "id"),
            # The few reversals, read by every count of live allocations.
            ("reverses_id",),
        )
        # Migration 0044 adds partial indexes of the allocations of a visit, a contribution and
        # a donation (`... WHERE x IS NOT NULL`: most allocations name only one of the three, and
        # a whole index's statistics, NULLs counted, lead SQLite to scan the table instead).


class ClosedPeriod(Model):
    """A closed month of the books of a fund: nothing dated in it may be added."""

    id = fields.IntField(primary_key=True)
    fund: fields.ForeignKeyRelation[Fund] = fields.ForeignKeyField(
        "models.Fund", related_name=False, on_delete=fields.RESTRICT
    )
    fund_id: int
    commune: fields.ForeignKeyNullableRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    commune_id: int | None
    year = fields.SmallIntField()
    month = fields.SmallIntField()
    closed_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    closed_by_id: int | None
    closed_at = fields.DatetimeField(auto_now_add=True)

    scope_rule = ScopeRule(commune="commune_id", above_communes="fund__province_id")

    class Meta:
        table = "ledger_closed_period"
        unique_together = (("fund", "year", "month"),)


class LedgerFigure(Model):
    """Kept figures of the public books: one fund, one commune, one month (see ledger.kept)."""

    id = fields.IntField(primary_key=True)
    fund: fields.ForeignKeyRelation[Fund] = fields.ForeignKeyField(
        "models.Fund", related_name=False, on_delete=fields.CASCADE
    )
    fund_id: int
    level = fields.CharEnumField(FundLevel, max_length=10)
    # The commune of the entries (None: money received by the central or province fund).
    commune: fields.ForeignKeyNullableRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, null=True, on_delete=fields.CASCADE
    )
    commune_id: int | None
    year = fields.SmallIntField()
    month = fields.SmallIntField()
    received = fields.BigIntField(default=0)
    allocated = fields.BigIntField(default=0)
    spent = fields.BigIntField(default=0)

    scope_rule = ScopeRule(commune="commune_id", above_communes="fund__province_id")

    class Meta:
        table = "ledger_figure"
        unique_together = (("fund", "commune", "year", "month"),)
        indexes = (("year", "level"), ("commune_id", "year"))
        # Migration 0044 adds (commune_id, year, level, received, allocated, spent): the
        # province's books by level read their communes' rows from the index alone.


class LedgerLevelChange(Model):
    """A change of a province's kept books by fund level and year: the sum of its ledger_figure
    rows (its communes' and its own funds' of no commune) moved by a write, appended and never
    updated in place, folded into one row per level and year now and then (relief.core.
    appended; relief.ledger.kept). The province's books read these rows, not its figures."""

    id = fields.IntField(primary_key=True)
    province_key = fields.IntField()  # the province; 0: the central fund's own receipts
    level = fields.CharField(max_length=10)  # a FundLevel
    year = fields.SmallIntField()
    received = fields.BigIntField(default=0)
    allocated = fields.BigIntField(default=0)
    spent = fields.BigIntField(default=0)

    # A province's officers read their province's; the national roles every one (and the
    # central fund's, of no province); a commune's none (its books read its own figures).
    scope_rule = ScopeRule(province="province_key")

    class Meta:
        table = "ledger_level_change"
        indexes = (("province_key", "year", "level"),)


class DonorTotal(Model):
    """Kept total of a donor named publicly, per fund (see ledger.kept)."""

    id = fields.IntField(primary_key=True)
    fund: fields.ForeignKeyRelation[Fund] = fields.ForeignKeyField(
        "models.Fund", related_name=False, on_delete=fields.CASCADE
    )
    fund_id: int
    commune: fields.ForeignKeyNullableRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, null=True, on_delete=fields.CASCADE
    )
    commune_id: int | None
    donor_key = fields.CharField(max_length=200)
    donor_name = fields.CharField(max_length=200)
    total = fields.BigIntField()

    scope_rule = ScopeRule(commune="commune_id", above_communes="fund__province_id")

    class Meta:
        table = "ledger_donor_total"
        unique_together = (("fund", "donor_key"),)
        indexes = (("commune_id",),)


class ProvinceDonor(Model):
    """Kept total of a donor named publicly, over every fund of the province."""

    id = fields.IntField(primary_key=True)
    donor_key = fields.CharField(max_length=200, unique=True)
    donor_name = fields.CharField(max_length=200)
    total = fields.BigIntField()

    scope_rule = ScopeRule(public=True, registry=True)

    class Meta:
        table = "ledger_province_donor"
        indexes = (("total",),)


class StatementTotal(Model):
    """Kept lines and total of the public statement (sao kê): the donations received by one
    commune's funds (commune_key 0: by the funds of no commune) in one campaign (campaign_key 0:
    in none) and one year, moved by each donation and reversal written (relief.ledger.
    statement_totals). The statement's heading reads a few of these rows, not every line."""

    id = fields.IntField(primary_key=True)
    commune_key = fields.IntField()  # the donation's commune, 0 for none (a key is never NULL)
    campaign_key = fields.IntField()  # its campaign, 0 for none
    year = fields.SmallIntField()
    lines = fields.IntField(default=0)
    amount = fields.BigIntField(default=0)

    # Public figures: the statement's heading shows them to anyone.
    scope_rule = ScopeRule(public=True, registry=True)

    class Meta:
        table = "ledger_statement_total"
        unique_together = (("commune_key", "campaign_key", "year"),)


class HouseTally(Model):
    """Kept number of house cases of a commune at one stage, for the public pages."""

    id = fields.IntField(primary_key=True)
    commune: fields.ForeignKeyRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, on_delete=fields.CASCADE
    )
    commune_id: int
    stage = fields.CharField(max_length=20)
    cases = fields.IntField()

    scope_rule = ScopeRule(commune="commune_id")

    class Meta:
        table = "ledger_house_tally"
        unique_together = (("commune", "stage"),)


class FrontReport(Model):
    """A commune Front's report to the province Front on a month.

    Each fund's received, allocated, spent and balance, copied from the kept figures when it
    is sent and never changed after (`figures`); the province receives it or returns it with
    a comment (the quick report's steps, relief.disaster_reports)."""

    id = fields.IntField(primary_key=True)
    commune: fields.ForeignKeyRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, on_delete=fields.RESTRICT
    )
    commune_id: int
    year = fields.SmallIntField()
    month = fields.SmallIntField()
    figures: fields.JSONField[list[dict[str, Any]]] = fields.JSONField(default=list)
    sent_at = fields.DatetimeField()
    sent_by = fields.CharField(max_length=150, default="")
    received_at = fields.DatetimeField(null=True)
    received_by = fields.CharField(max_length=150, default="")
    returned_at = fields.DatetimeField(null=True)
    returned_by = fields.CharField(max_length=150, default="")
    return_comment = fields.TextField(default="")
    version = fields.IntField(default=1, db_default=1)

    scope_rule = ScopeRule(commune="commune_id")

    class Meta:
        table = "front_report"
        indexes = (("commune_id", "year", "month"), ("sent_at",))


class BankLineState(StrEnum):
    """What became of a line of a bank's statement (relief.ledger.bank)."""

    MATCHED = "matched"  # a donation already in the books (by its reference, amount and date)
    PROPOSED = "proposed"  # a credit no donation matched: a donation proposed, not yet written
    RECORDED = "recorded"  # the proposal confirmed (or edited): the donation it recorded
    IGNORED = "ignored"  # a credit that is no donation (interest, a refund), with a reason
    REPEATED = "repeated"  # the same transaction imported before: counted once, there
    DEBIT = "debit"  # money out of the account (a fee): no donation


class BankStatement(Model):
    """A bank's statement of a fund's receiving account, imported from the bank's file."""

    id = fields.IntField(primary_key=True)
    fund: fields.ForeignKeyRelation[Fund] = fields.ForeignKeyField(
        "models.Fund", related_name=False, on_delete=fields.RESTRICT
    )
    fund_id: int
    commune: fields.ForeignKeyNullableRelation[Commune] = fields.ForeignKeyField(
        "models.Commune", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    commune_id: int | None
    campaign: fields.ForeignKeyNullableRelation[Campaign] = fields.ForeignKeyField(
        "models.Campaign", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    campaign_id: int | None
    bank = fields.CharField(max_length=60, default="")
    account_number = fields.CharField(max_length=30)
    account_holder = fields.CharField(max_length=200, default="")
    period_from = fields.DateField(null=True)
    period_to = fields.DateField(null=True)
    file_name = fields.CharField(max_length=255, default="")
    checksum = fields.CharField(max_length=64)
    lines_count = fields.IntField(default=0)
    credits = fields.BigIntField(default=0)  # the sum of its lines' credits
    debits = fields.BigIntField(default=0)
    # The totals its own "Tổng số" row states (None: the file has none).
    stated_credits = fields.BigIntField(null=True)
    stated_debits = fields.BigIntField(null=True)
    imported_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    imported_by_id: int | None
    imported_at = fields.DatetimeField(auto_now_add=True)

    # A commune's Front reads its commune's statements and sees the province's exist (its
    # pages then refuse it: only the Front of the fund's level reconciles them).
    scope_rule = ScopeRule(
        commune="commune_id", above_communes="fund__province_id", communes_read_above=True
    )

    class Meta:
        table = "ledger_bank_statement"
        indexes = (("fund_id", "imported_at"), ("account_number",))


class BankLine(Model):
    """One transaction of a statement, and what became of it."""

    id = fields.IntField(primary_key=True)
    statement: fields.ForeignKeyRelation[BankStatement] = fields.ForeignKeyField(
        "models.BankStatement", related_name=False, on_delete=fields.RESTRICT
    )
    statement_id: int
    row = fields.IntField()  # the row in the bank's file
    booked_on = fields.DateField()
    txn_ref = fields.CharField(max_length=60, default="")  # the bank's transaction number
    description = fields.TextField(default="")
    counterpart = fields.CharField(max_length=200, default="")
    credit = fields.BigIntField(default=0)
    debit = fields.BigIntField(default=0)
    state = fields.CharEnumField(BankLineState, max_length=10)
    # Which transaction it is, per account: its bank number, else its day, amount and
    # description. Only the first import of a transaction holds it (a repeat holds None).
    account_number = fields.CharField(max_length=30)
    repeat_key = fields.CharField(max_length=80, null=True)
    repeat_of: fields.ForeignKeyNullableRelation[BankLine] = fields.ForeignKeyField(
        "models.BankLine", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    repeat_of_id: int | None
    donation: fields.ForeignKeyNullableRelation[Donation] = fields.ForeignKeyField(
        "models.Donation", related_name=False, null=True, unique=True, on_delete=fields.RESTRICT
    )
    donation_id: int | None
    # The donation proposed for an unmatched credit: donor's name (as the bank wrote it).
    proposed_donor = fields.CharField(max_length=200, default="")
    note = fields.CharField(max_length=300, default="")  # why it was ignored
    decided_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    decided_by_id: int | None
    decided_at = fields.DatetimeField(null=True)

    scope_rule = ScopeRule(
        commune="statement__commune_id",
        above_communes="statement__fund__province_id",
        communes_read_above=True,
    )

    class Meta:
        table = "ledger_bank_line"
        unique_together = (("account_number", "repeat_key"),)
        indexes = (("statement_id", "state"),)
