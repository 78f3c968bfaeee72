"""A quick report's parts in words: the situation, the response, needs and proposals."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0030_report_sending')]

    initial = False

    operations = [
        ops.AddField(
            model_name='DisasterReport',
            name='texts',
            field=fields.JSONField(default=dict),
        ),
    ]
