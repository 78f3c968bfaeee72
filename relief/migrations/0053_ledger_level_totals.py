"""The province's books by fund level kept per province, level and year (issue 27, read targets
of issue 29): appended changes summed when read and folded now and then (relief.core.appended),
so that the province's books read a few rows, not every ledger_figure row of its communes. Filled
here from the kept figures; moved afterwards by each write that moves them (relief.ledger.kept).
"""

from tortoise import fields, migrations
from tortoise.indexes import Index
from tortoise.migrations import operations as ops

FILL = (
    'INSERT INTO "ledger_level_change" '
    "(province_key, level, year, received, allocated, spent) "
    "SELECT COALESCE(c.province_id, f.province_id, 0), x.level, x.year, SUM(x.received), "
    "SUM(x.allocated), SUM(x.spent) "
    'FROM "ledger_figure" x JOIN "ledger_fund" f ON f.id = x.fund_id '
    'LEFT JOIN "commune" c ON c.id = x.commune_id '
    "GROUP BY COALESCE(c.province_id, f.province_id, 0), x.level, x.year"
)


async def fill(apps, schema_editor) -> None:
    await schema_editor.client.execute_script(FILL)


class Migration(migrations.Migration):
    dependencies = [("models", "0050_statement_totals")]

    initial = False

    operations = [
        ops.CreateModel(
            name="LedgerLevelChange",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("province_key", fields.IntField()),
                ("level", fields.CharField(max_length=10)),
                ("year", fields.SmallIntField()),
                ("received", fields.BigIntField(default=0)),
                ("allocated", fields.BigIntField(default=0)),
                ("spent", fields.BigIntField(default=0)),
            ],
            options={
                "table": "ledger_level_change",
                "app": "models",
                "indexes": [Index(fields=["province_key", "year", "level"])],
                "pk_attr": "id",
                "table_description": (
                    "A change of a province's kept books by fund level and year: the sum of its"
                ),
            },
            bases=["Model"],
        ),
        ops.RunPython(fill),
    ]
