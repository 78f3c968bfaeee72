"""A quick report's version is sent by the commune, received or returned by the province."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0029_registers')]

    initial = False

    operations = [
        ops.AddField(
            model_name='DisasterReport',
            name='received_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='DisasterReport',
            name='received_by',
            field=fields.CharField(default='', max_length=150),
        ),
        ops.AddField(
            model_name='DisasterReport',
            name='return_comment',
            field=fields.TextField(default='', unique=False),
        ),
        ops.AddField(
            model_name='DisasterReport',
            name='returned_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='DisasterReport',
            name='returned_by',
            field=fields.CharField(default='', max_length=150),
        ),
        ops.AddField(
            model_name='DisasterReport',
            name='sent_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='DisasterReport',
            name='sent_by',
            field=fields.CharField(default='', max_length=150),
        ),
        ops.AddField(
            model_name='DisasterReport',
            name='version',
            field=fields.IntField(default=1, db_default=1),
        ),
    ]
