"""Users: the role column widened (room for the roles' table to grow, core.roles) and a version,
so that an administrator's change of a user is saved only over the version the form read."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from relief.core.actor import Role
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [('models', '0020_versions')]

    initial = False

    operations = [
        ops.AlterField(
            model_name='User',
            name='role',
            field=fields.CharEnumField(description='ADMIN: admin\nPROVINCE: province\nCOMMUNE: commune\nSPONSOR: sponsor\nFRONT: front', enum_type=Role, max_length=32),
        ),
        ops.AddField(
            model_name='User',
            name='version',
            field=fields.IntField(default=1, db_default=1),
        ),
    ]
