"""The search's words of each household head's name (issue 29): the search reads a prefix
range of an index instead of an infix LIKE over every name of the scope. Filled here from the
stored names; on PostgreSQL the words compare as code points ("C"), as on SQLite, so that a
prefix's range holds exactly the words that begin with it whatever the database's collation.
And the province's list of allocations, newest first, read in the order of an index; the few
reversals of allocations found by an index instead of a scan of every allocation."""

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.indexes import Index
from tortoise.migrations import operations as ops

from relief.households.words import tails

BATCH = 5000


async def fill(apps, schema_editor) -> None:
    client = schema_editor.client
    sqlite = client.capabilities.dialect == "sqlite"
    if not sqlite:
        await client.execute_script(
            'ALTER TABLE "household_word" ALTER COLUMN "tail" TYPE VARCHAR(120) COLLATE "C"'
        )
    mark = "?" if sqlite else "$1"
    insert = (
        'INSERT INTO "household_word" (household_id, commune_id, tail) VALUES '
        + ("(?, ?, ?)" if sqlite else "($1, $2, $3)")
    )
    last = 0
    while True:
        _, rows = await client.execute_query(
            'SELECT id, commune_id, head_name_key FROM "household" '
            f"WHERE id > {mark} ORDER BY id LIMIT {BATCH}",
            [last],
        )
        if not rows:
            return
        values = [
            [row["id"], row["commune_id"], tail]
            for row in rows
            for tail in tails(row["head_name_key"] or "")
        ]
        if values:
            await client.execute_many(insert, values)
        last = rows[-1]["id"]


# PostgreSQL does not read an index in order past an `IS NULL` condition on its first column: the
# live households of a commune, or of the province, by name were sorted whole on every page.
# These partial indexes hold only the live households, in the list's order (SQLite reads the
# model's indexes in order as they are).
LIVE_NAME_ORDER = [
    'CREATE INDEX IF NOT EXISTS "idx_household_live_name" ON "household" '
    '("head_name_key", "id") WHERE "archived_at" IS NULL',
    'CREATE INDEX IF NOT EXISTS "idx_household_live_commune_name" ON "household" '
    '("commune_id", "head_name_key", "id") WHERE "archived_at" IS NULL',
]


async def live_name_order(apps, schema_editor) -> None:
    client = schema_editor.client
    if client.capabilities.dialect == "sqlite":
        return
    for sql in LIVE_NAME_ORDER:
        await client.execute_script(sql)


class Migration(migrations.Migration):
    dependencies = [('models', '0042_province_scope')]

    initial = False

    operations = [
        ops.CreateModel(
            name='HouseholdWord',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('household', fields.ForeignKeyField('models.Household', source_field='household_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('commune', fields.ForeignKeyField('models.Commune', source_field='commune_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('tail', fields.CharField(max_length=120)),
            ],
            options={'table': 'household_word', 'app': 'models', 'indexes': [Index(fields=['commune_id', 'tail', 'household_id']), Index(fields=['tail', 'household_id']), Index(fields=['household_id'])], 'pk_attr': 'id', 'table_description': 'The household head\'s folded name from one of its words on ("nguyen van thang", "van'},
            bases=['Model'],
        ),
        ops.RunPython(fill),
        ops.AddIndex(
            model_name='Allocation',
            index=Index(fields=['allocated_on', 'id']),
        ),
        ops.AddIndex(
            model_name='Allocation',
            index=Index(fields=['reverses_id']),
        ),
        ops.RunPython(live_name_order),
    ]
