"""Each fund's received and allocated to date kept on its row (issue 29): an allocation reads
what the fund has left instead of summing every entry of the fund. Filled here from the
entries; moved afterwards by each write under the fund's lock (relief.ledger.service).
And the indexes the ledger's reads lacked: each campaign's latest gift (the campaign the books
open on), and the allocations of a visit, a contribution or a donation (the spending of the
allocations listed, the kept figures' recount after a write)."""

from tortoise import fields, migrations
from tortoise.indexes import Index
from tortoise.migrations import operations as ops

FILL = (
    'UPDATE "ledger_fund" SET '
    'received_total = COALESCE((SELECT SUM(d.amount) FROM "ledger_donation" d '
    'WHERE d.fund_id = "ledger_fund".id), 0), '
    'allocated_total = COALESCE((SELECT SUM(a.amount) FROM "ledger_allocation" a '
    'WHERE a.fund_id = "ledger_fund".id), 0)'
)


async def fill(apps, schema_editor) -> None:
    await schema_editor.client.execute_script(FILL)


# Most allocations name only one of a visit, a contribution and a donation: indexes of the rows
# that name one (a whole index's statistics, its NULLs counted, make SQLite scan the table for
# a page's 25 visits). And the kept figures' communes with the sums, read from the index alone.
INDEXES = [
    'CREATE INDEX IF NOT EXISTS "idx_ledger_allocation_visit" ON "ledger_allocation" '
    '("aid_visit_id") WHERE "aid_visit_id" IS NOT NULL',
    'CREATE INDEX IF NOT EXISTS "idx_ledger_allocation_contribution" ON "ledger_allocation" '
    '("contribution_id") WHERE "contribution_id" IS NOT NULL',
    'CREATE INDEX IF NOT EXISTS "idx_ledger_allocation_donation" ON "ledger_allocation" '
    '("donation_id") WHERE "donation_id" IS NOT NULL',
    'CREATE INDEX IF NOT EXISTS "idx_ledger_figure_commune_sums" ON "ledger_figure" '
    '("commune_id", "year", "level", "received", "allocated", "spent")',
]


async def partial_indexes(apps, schema_editor) -> None:
    for sql in INDEXES:
        await schema_editor.client.execute_script(sql)


class Migration(migrations.Migration):
    dependencies = [('models', '0043_household_words')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Fund',
            name='received_total',
            field=fields.BigIntField(default=0, db_default=0),
        ),
        ops.AddField(
            model_name='Fund',
            name='allocated_total',
            field=fields.BigIntField(default=0, db_default=0),
        ),
        ops.RunPython(fill),
        ops.AddIndex(
            model_name='Donation',
            index=Index(fields=['campaign_id', 'received_on', 'id']),
        ),
        ops.RunPython(partial_indexes),
    ]
