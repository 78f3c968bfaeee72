from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [('models', '0011_clean_text')]

    initial = False

    operations = [
        ops.AddField(
            model_name='AidGiven',
            name='received_on',
            field=fields.DateField(null=True),
        ),
        ops.AddField(
            model_name='StageEvent',
            name='minutes_number',
            field=fields.CharField(max_length=40, null=True),
        ),
        ops.AddField(
            model_name='StageEvent',
            name='minutes_on',
            field=fields.DateField(null=True),
        ),
    ]
