"""An import being written notes when its last piece was saved: one that stops moving (its
process killed) is shown as interrupted, to resume or cancel."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0032_campaigns_receipts')]

    initial = False

    operations = [
        ops.AddField(
            model_name='ImportBatch',
            name='progress_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
    ]
