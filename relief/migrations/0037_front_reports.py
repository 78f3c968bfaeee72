"""A commune Front's report on a month's money to the province Front (issue 26)."""

import functools
from json import dumps, loads

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.indexes import Index
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [('models', '0036_household_name_order')]

    initial = False

    operations = [
        ops.CreateModel(
            name='FrontReport',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('commune', fields.ForeignKeyField('models.Commune', source_field='commune_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('year', fields.SmallIntField()),
                ('month', fields.SmallIntField()),
                ('figures', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('sent_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('sent_by', fields.CharField(default='', max_length=150)),
                ('received_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('received_by', fields.CharField(default='', max_length=150)),
                ('returned_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('returned_by', fields.CharField(default='', max_length=150)),
                ('return_comment', fields.TextField(default='', unique=False)),
                ('version', fields.IntField(default=1, db_default=1)),
            ],
            options={'table': 'front_report', 'app': 'models', 'indexes': [Index(fields=['commune_id', 'year', 'month']), Index(fields=['sent_at'])], 'pk_attr': 'id', 'table_description': "A commune Front's report to the province Front on a month."},
            bases=['Model'],
        ),
    ]
