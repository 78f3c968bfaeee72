"""A commune's event summary and periodic reports, as sent (issue 26)."""

import functools
from json import dumps, loads

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.indexes import Index
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [('models', '0037_front_reports')]

    initial = False

    operations = [
        ops.CreateModel(
            name='PeriodReport',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('commune', fields.ForeignKeyField('models.Commune', source_field='commune_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('kind', fields.CharField(max_length=16)),
                ('disaster', fields.ForeignKeyField('models.Disaster', source_field='disaster_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('year', fields.SmallIntField()),
                ('starts_on', fields.DateField()),
                ('ends_on', fields.DateField()),
                ('number', fields.IntField()),
                ('figures', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('texts', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('sent_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('sent_by', fields.CharField(default='', max_length=150)),
                ('received_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('received_by', fields.CharField(default='', max_length=150)),
                ('returned_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('returned_by', fields.CharField(default='', max_length=150)),
                ('return_comment', fields.TextField(default='', unique=False)),
                ('version', fields.IntField(default=1, db_default=1)),
            ],
            options={'table': 'period_report', 'app': 'models', 'indexes': [Index(fields=['commune_id', 'kind', 'ends_on']), Index(fields=['disaster_id', 'commune_id'])], 'pk_attr': 'id', 'table_description': "A commune's event summary or periodic report, as it was sent."},
            bases=['Model'],
        ),
    ]
