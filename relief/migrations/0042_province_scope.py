"""Province scope and the national roles: a user's province (a province officer and a
province's Front read only theirs, core.scope), the two national roles' stored choices, and
the communes indexed by province. Existing province accounts are Thái Nguyên's (19), the only
province Relief knew; a commune's account is of its commune's province."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from relief.core.actor import Role
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

THAI_NGUYEN = "19"


async def bind_existing_accounts(apps, schema_editor) -> None:
    client = schema_editor.client
    await client.execute_script(
        'UPDATE "user" SET province_id = (SELECT id FROM province WHERE code = '
        f"'{THAI_NGUYEN}') "
        "WHERE commune_id IS NULL AND role IN ('province', 'front')"
    )
    await client.execute_script(
        'UPDATE "user" SET province_id = (SELECT commune.province_id FROM commune '
        'WHERE commune.id = "user".commune_id) WHERE commune_id IS NOT NULL'
    )


class Migration(migrations.Migration):
    dependencies = [('models', '0040_goods_stock')]

    initial = False

    operations = [
        ops.AddIndex(
            model_name='Commune',
            index=Index(fields=['province_id', 'name_key']),
        ),
        ops.AlterField(
            model_name='User',
            name='role',
            field=fields.CharEnumField(description='ADMIN: admin\nPROVINCE: province\nCOMMUNE: commune\nSPONSOR: sponsor\nFRONT: front\nMINISTRY: ministry\nCENTRAL_FRONT: central_front', enum_type=Role, max_length=32),
        ),
        ops.AddField(
            model_name='User',
            name='province',
            field=fields.ForeignKeyField('models.Province', source_field='province_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        ops.RunPython(bind_existing_accounts),
    ]
