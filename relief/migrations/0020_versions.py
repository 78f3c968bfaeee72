from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [('models', '0019_province_donors')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Disaster',
            name='version',
            field=fields.IntField(default=1, db_default=1),
        ),
        ops.AddField(
            model_name='AidGiven',
            name='version',
            field=fields.IntField(default=1, db_default=1),
        ),
        ops.AddField(
            model_name='StageEvent',
            name='version',
            field=fields.IntField(default=1, db_default=1),
        ),
    ]
