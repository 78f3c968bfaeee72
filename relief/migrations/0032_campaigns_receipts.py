"""Campaigns (đợt vận động) with their call, period and receiving accounts; each donation's
campaign and receipt (its number in the campaign's and fund's sequence, the token of its
public verification page); goods received as goods (quantity and unit)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.migrations.constraints import UniqueConstraint

class Migration(migrations.Migration):
    dependencies = [('models', '0031_report_content')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Campaign',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=200)),
                ('code', fields.CharField(unique=True, max_length=12)),
                ('call_number', fields.CharField(default='', max_length=60)),
                ('call_date', fields.DateField(null=True)),
                ('starts_on', fields.DateField()),
                ('ends_on', fields.DateField(null=True)),
                ('accounts', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('support_levels', fields.TextField(default='', unique=False)),
                ('closed_on', fields.DateField(null=True)),
                ('closed_by', fields.ForeignKeyField('models.User', source_field='closed_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('final_report', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('version', fields.IntField(default=1)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'ledger_campaign', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A call for donations (đợt vận động): its call document, period, receiving accounts and'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Donation',
            name='campaign',
            field=fields.ForeignKeyField('models.Campaign', source_field='campaign_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        ops.AddField(
            model_name='Donation',
            name='quantity',
            field=fields.DecimalField(null=True, max_digits=14, decimal_places=3),
        ),
        ops.AddField(
            model_name='Donation',
            name='receipt_number',
            field=fields.CharField(default='', db_default='', max_length=40),
        ),
        ops.AddField(
            model_name='Donation',
            name='receipt_seq',
            field=fields.IntField(null=True),
        ),
        ops.AddField(
            model_name='Donation',
            name='receipt_token',
            field=fields.CharField(null=True, unique=True, max_length=24),
        ),
        ops.AddField(
            model_name='Donation',
            name='unit',
            field=fields.CharField(default='', db_default='', max_length=20),
        ),
        ops.AddConstraint(
            model_name='Donation',
            constraint=UniqueConstraint(fields=('campaign', 'fund', 'receipt_seq'), name=None),
        ),
    ]
