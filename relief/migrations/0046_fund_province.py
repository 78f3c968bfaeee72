"""Each province keeps its own province fund (a security fix): the fund names its province
(the central fund none), and the rows above the communes - a province fund's entries, an
action on no commune in the audit trail - are read by their own province's officers only
(relief.core.scope), no longer by every province's.

Existing funds: a commune's are its commune's province's. The one province fund there was is
the province whose books Relief kept before it served several: that of the communes holding
commune funds, else that of the province-bound accounts (migration 0042 bound them), else
Thái Nguyên's (19, the demo's). A unique index keeps one province fund per province.
The audit trail is append-only (its triggers refuse an update): entries written before this
name no province, so those on no commune are read by the national roles and administrators
only; entries written from now on name their actor's province."""

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.migrations import operations as ops

THAI_NGUYEN = "19"

FILL = [
    'UPDATE "ledger_fund" SET province_id = (SELECT commune.province_id FROM commune '
    'WHERE commune.id = "ledger_fund".commune_id) WHERE commune_id IS NOT NULL',
    'UPDATE "ledger_fund" SET province_id = COALESCE('
    '(SELECT MIN(f.province_id) FROM "ledger_fund" f WHERE f.commune_id IS NOT NULL), '
    '(SELECT MIN(u.province_id) FROM "user" u WHERE u.commune_id IS NULL), '
    f"(SELECT id FROM province WHERE code = '{THAI_NGUYEN}')) "
    "WHERE level = 'province'",
    # One fund of each level above the communes per province (a unique (level, commune) lets
    # rows of no commune repeat: NULLs differ).
    'CREATE UNIQUE INDEX IF NOT EXISTS "uid_ledger_fund_province" ON "ledger_fund" '
    '("level", "province_id") WHERE "commune_id" IS NULL',
]


async def fill(apps, schema_editor) -> None:
    for sql in FILL:
        await schema_editor.client.execute_script(sql)


class Migration(migrations.Migration):
    dependencies = [('models', '0044_fund_totals')]

    initial = False

    operations = [
        ops.AddField(
            model_name='AuditEntry',
            name='province',
            field=fields.ForeignKeyField('models.Province', source_field='province_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        ops.AddField(
            model_name='Fund',
            name='province',
            field=fields.ForeignKeyField('models.Province', source_field='province_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        ops.RunPython(fill),
    ]
