"""The public statement's lines and total kept per commune, campaign and year (issue 27, read
targets of issue 29): its heading read from a few rows, not summed and counted over every
donation of a campaign on each view; filled here from the donations, moved afterwards by each
donation and reversal (relief.ledger.statement_totals). And the donations' indexes with their
ids, so that a page of a fund's donations (the province's books) or of a statement is read in
the index's order to its end on PostgreSQL too, not sorted; and a commune's houses by the day
they were completed (the public page's latest completed houses)."""

from tortoise import fields, migrations
from tortoise.indexes import Index
from tortoise.migrations import operations as ops

YEAR = {
    "sqlite": "CAST(strftime('%Y', received_on) AS INTEGER)",
    "postgres": "CAST(EXTRACT(YEAR FROM received_on) AS INTEGER)",
}


async def fill(apps, schema_editor) -> None:
    client = schema_editor.client
    year = YEAR["postgres" if client.capabilities.dialect == "postgres" else "sqlite"]
    await client.execute_script(
        'INSERT INTO "ledger_statement_total" '
        "(commune_key, campaign_key, year, lines, amount) "
        f"SELECT COALESCE(commune_id, 0), COALESCE(campaign_id, 0), {year}, COUNT(*), "
        f'SUM(amount) FROM "ledger_donation" GROUP BY 1, 2, 3'
    )


# The donations of no commune (the province's own statement), in the statement's order: PostgreSQL
# does not take `commune_id IS NULL` as an equality that leaves an index on (commune_id,
# received_on, id) in the order of its next columns, and sorted every donation of the year
# (7,251 rows at full bench scale for a page of 100). A partial index has the order itself.
NO_COMMUNE = [
    'CREATE INDEX IF NOT EXISTS "idx_ledger_donation_no_commune_day" ON "ledger_donation" '
    '("received_on", "id") WHERE "commune_id" IS NULL',
    'CREATE INDEX IF NOT EXISTS "idx_ledger_donation_no_commune_campaign" ON "ledger_donation" '
    '("campaign_id", "received_on", "id") WHERE "commune_id" IS NULL',
]


async def partial_indexes(apps, schema_editor) -> None:
    for sql in NO_COMMUNE:
        await schema_editor.client.execute_script(sql)


class Migration(migrations.Migration):
    dependencies = [("models", "0047_summary_totals")]

    initial = False

    operations = [
        ops.CreateModel(
            name="StatementTotal",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("commune_key", fields.IntField()),
                ("campaign_key", fields.IntField()),
                ("year", fields.SmallIntField()),
                ("lines", fields.IntField(default=0)),
                ("amount", fields.BigIntField(default=0)),
            ],
            options={
                "table": "ledger_statement_total",
                "app": "models",
                "unique_together": (("commune_key", "campaign_key", "year"),),
                "pk_attr": "id",
                "table_description": (
                    "Kept lines and total of the public statement (sao kê): the donations "
                    "received by one"
                ),
            },
            bases=["Model"],
        ),
        ops.RunPython(fill),
        ops.RemoveIndex(model_name="Donation", name=None, fields=["fund_id", "received_on"]),
        ops.RemoveIndex(model_name="Donation", name=None, fields=["commune_id", "received_on"]),
        ops.AddIndex(model_name="Donation", index=Index(fields=["fund_id", "received_on", "id"])),
        ops.AddIndex(
            model_name="Donation", index=Index(fields=["commune_id", "received_on", "id"])
        ),
        ops.AddIndex(
            model_name="Donation",
            index=Index(fields=["commune_id", "campaign_id", "received_on", "id"]),
        ),
        ops.AddIndex(
            model_name="HouseCase", index=Index(fields=["commune_id", "completed_on", "id"])
        ),
        ops.RunPython(partial_indexes),
    ]
