"""Vouchers paying a house's tranches, and the settlement of a round: the reasons of the gaps
in a dossier, the closing."""

from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from relief.vouchers.models import DossierItem, VoucherTranche
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index
from tortoise.migrations.constraints import CheckConstraint

class Migration(migrations.Migration):
    dependencies = [('models', '0025_eligibility')]

    initial = False

    operations = [
        ops.CreateModel(
            name='SettlementClosing',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('beneficiary_list', fields.OneToOneField('models.BeneficiaryList', source_field='beneficiary_list_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('commune_id', fields.IntField()),
                ('closed_on', fields.DateField()),
                ('note', fields.TextField(default='', unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'settlement_closing', 'app': 'models', 'pk_attr': 'id', 'table_description': "A round settled: closed once every house's dossier is complete or its gaps explained."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SettlementGap',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('beneficiary_list', fields.ForeignKeyField('models.BeneficiaryList', source_field='beneficiary_list_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('house_case', fields.ForeignKeyField('models.HouseCase', source_field='house_case_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('commune_id', fields.IntField()),
                ('item', fields.CharEnumField(description='DECISION: decision\nFIRST_MINUTES: first_minutes\nCOMPLETION_MINUTES: completion_minutes\nFIRST_VOUCHER: first_voucher\nSECOND_VOUCHER: second_voucher\nSTARTED_PHOTOS: started_photos\nFIRST_PHOTOS: first_photos\nCOMPLETED_PHOTOS: completed_photos\nHANDOVER_MINUTES: handover_minutes', enum_type=DossierItem, max_length=20)),
                ('reason', fields.TextField(unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('version', fields.IntField(default=1)),
            ],
            options={'table': 'settlement_gap', 'app': 'models', 'unique_together': (('beneficiary_list_id', 'house_case_id', 'item'),), 'pk_attr': 'id', 'table_description': "The written reason a house's dossier lacks an item, for the settlement of a round."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Voucher',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('house_case', fields.ForeignKeyField('models.HouseCase', source_field='house_case_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('commune', fields.ForeignKeyField('models.Commune', source_field='commune_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('tranche', fields.CharEnumField(description='FIRST: first\nSECOND: second', enum_type=VoucherTranche, max_length=8)),
                ('amount', fields.BigIntField()),
                ('split', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('year', fields.SmallIntField()),
                ('seq', fields.IntField()),
                ('number', fields.CharField(max_length=30)),
                ('paid_on', fields.DateField()),
                ('paid_by', fields.CharField(max_length=120)),
                ('receiver_name', fields.CharField(max_length=120)),
                ('signed', fields.BooleanField(default=False)),
                ('signed_on', fields.DateField(null=True)),
                ('note', fields.TextField(default='', unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('version', fields.IntField(default=1)),
            ],
            options={'table': 'voucher', 'app': 'models', 'unique_together': (('house_case_id', 'tranche'), ('commune_id', 'year', 'seq')), 'constraints': [CheckConstraint(check='amount > 0', name='ck_voucher_amount_positive')], 'indexes': [Index(fields=['commune_id', 'paid_on'])], 'pk_attr': 'id', 'table_description': "A voucher paying one tranche of a house's support: the amount is the tranche as the"},
            bases=['Model'],
        ),
    ]
