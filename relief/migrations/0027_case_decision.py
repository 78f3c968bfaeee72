"""A house case names the People's Committee's decision that approved it."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0026_vouchers')]

    initial = False

    operations = [
        ops.AddField(
            model_name='HouseCase',
            name='approval_decision',
            field=fields.ForeignKeyField('models.Decision', source_field='approval_decision_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
    ]
