"""The kept figures summed per commune and per province (issue 29): a dashboard reads one row
per commune and figure, the national dashboard a few rows per province and figure, instead of
summing every hamlet's rows on each view. Both are moved by the writes that move the hamlets'
rows (relief.reports.kept_totals); they are filled by the rebuild that `relief migrate` runs
after this, the digest of the figures having changed (the houses handed over per week are kept
now too)."""

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.indexes import Index
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0046_fund_province")]

    initial = False

    operations = [
        ops.CreateModel(
            name="SummaryCommuneFigure",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "commune",
                    fields.ForeignKeyField(
                        "models.Commune",
                        source_field="commune_id",
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("name", fields.CharField(max_length=80)),
                ("value", fields.BigIntField()),
            ],
            options={
                "table": "summary_commune_figure",
                "app": "models",
                "unique_together": (("commune", "name"),),
                "pk_attr": "id",
                "table_description": (
                    "A figure of one commune as a whole: its hamlets' kept rows summed as the "
                    "commune's total"
                ),
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="SummaryProvinceChange",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "province",
                    fields.ForeignKeyField(
                        "models.Province",
                        source_field="province_id",
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("name", fields.CharField(max_length=80)),
                ("value", fields.BigIntField()),
            ],
            options={
                "table": "summary_province_change",
                "app": "models",
                "indexes": [Index(fields=["province_id", "name"])],
                "pk_attr": "id",
                "table_description": (
                    "A change of a province's kept figures, appended by a write (never updated "
                    "in place, so"
                ),
            },
            bases=["Model"],
        ),
    ]
