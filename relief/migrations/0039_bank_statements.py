"""Bank statements of the Front's receiving accounts and their lines (issue 27)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from relief.ledger.models import BankLineState
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0038_period_reports')]

    initial = False

    operations = [
        ops.CreateModel(
            name='BankStatement',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('fund', fields.ForeignKeyField('models.Fund', source_field='fund_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('commune', fields.ForeignKeyField('models.Commune', source_field='commune_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('campaign', fields.ForeignKeyField('models.Campaign', source_field='campaign_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('bank', fields.CharField(default='', max_length=60)),
                ('account_number', fields.CharField(max_length=30)),
                ('account_holder', fields.CharField(default='', max_length=200)),
                ('period_from', fields.DateField(null=True)),
                ('period_to', fields.DateField(null=True)),
                ('file_name', fields.CharField(default='', max_length=255)),
                ('checksum', fields.CharField(max_length=64)),
                ('lines_count', fields.IntField(default=0)),
                ('credits', fields.BigIntField(default=0)),
                ('debits', fields.BigIntField(default=0)),
                ('stated_credits', fields.BigIntField(null=True)),
                ('stated_debits', fields.BigIntField(null=True)),
                ('imported_by', fields.ForeignKeyField('models.User', source_field='imported_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('imported_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'ledger_bank_statement', 'app': 'models', 'indexes': [Index(fields=['fund_id', 'imported_at']), Index(fields=['account_number'])], 'pk_attr': 'id', 'table_description': "A bank's statement of a fund's receiving account, imported from the bank's file."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='BankLine',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('statement', fields.ForeignKeyField('models.BankStatement', source_field='statement_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('row', fields.IntField()),
                ('booked_on', fields.DateField()),
                ('txn_ref', fields.CharField(default='', max_length=60)),
                ('description', fields.TextField(default='', unique=False)),
                ('counterpart', fields.CharField(default='', max_length=200)),
                ('credit', fields.BigIntField(default=0)),
                ('debit', fields.BigIntField(default=0)),
                ('state', fields.CharEnumField(description='MATCHED: matched\nPROPOSED: proposed\nRECORDED: recorded\nIGNORED: ignored\nREPEATED: repeated\nDEBIT: debit', enum_type=BankLineState, max_length=10)),
                ('account_number', fields.CharField(max_length=30)),
                ('repeat_key', fields.CharField(null=True, max_length=80)),
                ('repeat_of', fields.ForeignKeyField('models.BankLine', source_field='repeat_of_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('donation', fields.ForeignKeyField('models.Donation', source_field='donation_id', null=True, unique=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('proposed_donor', fields.CharField(default='', max_length=200)),
                ('note', fields.CharField(default='', max_length=300)),
                ('decided_by', fields.ForeignKeyField('models.User', source_field='decided_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('decided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'ledger_bank_line', 'app': 'models', 'unique_together': (('account_number', 'repeat_key'),), 'indexes': [Index(fields=['statement_id', 'state'])], 'pk_attr': 'id', 'table_description': 'One transaction of a statement, and what became of it.'},
            bases=['Model'],
        ),
    ]
