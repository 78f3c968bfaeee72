"""A quick report's parts in words (situation, response, needs, proposals); the housing
campaign's weekly reports of a commune, locked when submitted."""

from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0030_report_sending')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CampaignWeek',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('commune', fields.ForeignKeyField('models.Commune', source_field='commune_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('week_start', fields.DateField()),
                ('figures', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('change', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('state', fields.CharField(default='submitted', max_length=10)),
                ('submitted_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('submitted_by', fields.CharField(default='', max_length=150)),
                ('answered_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('answered_by', fields.CharField(default='', max_length=150)),
                ('return_comment', fields.TextField(default='', unique=False)),
                ('version', fields.IntField(default=1, db_default=1)),
            ],
            options={'table': 'campaign_week', 'app': 'models', 'unique_together': (('commune', 'week_start'),), 'pk_attr': 'id', 'table_description': "A commune's weekly report of the housing campaign: its figures by campaign group and"},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='DisasterReport',
            name='texts',
            field=fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
    ]
