from tortoise import migrations
from tortoise.migrations import operations as ops
from relief.core.actor import Role
from relief.ledger.models import Channel, FundLevel
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0007_submission_keys')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Fund',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('level', fields.CharEnumField(description='CENTRAL: central\nPROVINCE: province\nCOMMUNE: commune\nHOUSE: house', enum_type=FundLevel, max_length=10)),
                ('commune', fields.ForeignKeyField('models.Commune', source_field='commune_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'ledger_fund', 'app': 'models', 'unique_together': (('level', 'commune'),), 'pk_attr': 'id', 'table_description': 'A fund account: central, province, a commune, or the direct gifts of a commune.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ClosedPeriod',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('fund', fields.ForeignKeyField('models.Fund', source_field='fund_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('commune', fields.ForeignKeyField('models.Commune', source_field='commune_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('year', fields.SmallIntField()),
                ('month', fields.SmallIntField()),
                ('closed_by', fields.ForeignKeyField('models.User', source_field='closed_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('closed_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'ledger_closed_period', 'app': 'models', 'unique_together': (('fund', 'year', 'month'),), 'pk_attr': 'id', 'table_description': 'A closed month of the books of a fund: nothing dated in it may be added.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Donation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('fund', fields.ForeignKeyField('models.Fund', source_field='fund_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('commune', fields.ForeignKeyField('models.Commune', source_field='commune_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('house_case', fields.ForeignKeyField('models.HouseCase', source_field='house_case_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('sponsor', fields.ForeignKeyField('models.Sponsor', source_field='sponsor_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('donor_name', fields.CharField(default='', max_length=200)),
                ('donor_key', fields.CharField(default='', max_length=200)),
                ('named_publicly', fields.BooleanField(default=False)),
                ('channel', fields.CharEnumField(description='BANK_TRANSFER: bank_transfer\nCASH: cash\nGOODS: goods', enum_type=Channel, max_length=16)),
                ('amount', fields.BigIntField()),
                ('goods', fields.CharField(default='', max_length=255)),
                ('received_on', fields.DateField()),
                ('reference', fields.CharField(default='', max_length=100)),
                ('note', fields.TextField(default='', unique=False)),
                ('reverses', fields.ForeignKeyField('models.Donation', source_field='reverses_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('created_by', fields.ForeignKeyField('models.User', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'ledger_donation', 'app': 'models', 'indexes': [Index(fields=['fund_id', 'received_on']), Index(fields=['commune_id', 'received_on']), Index(fields=['sponsor_id'])], 'pk_attr': 'id', 'table_description': 'Money or goods received by a fund (thu).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Allocation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('fund', fields.ForeignKeyField('models.Fund', source_field='fund_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('commune', fields.ForeignKeyField('models.Commune', source_field='commune_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('house_case', fields.ForeignKeyField('models.HouseCase', source_field='house_case_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('aid_visit', fields.ForeignKeyField('models.AidVisit', source_field='aid_visit_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('contribution', fields.ForeignKeyField('models.Contribution', source_field='contribution_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('made_contribution', fields.BooleanField(default=False)),
                ('donation', fields.ForeignKeyField('models.Donation', source_field='donation_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('amount', fields.BigIntField()),
                ('decision_number', fields.CharField(max_length=60)),
                ('decision_date', fields.DateField()),
                ('allocated_on', fields.DateField()),
                ('note', fields.TextField(default='', unique=False)),
                ('reverses', fields.ForeignKeyField('models.Allocation', source_field='reverses_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('created_by', fields.ForeignKeyField('models.User', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'ledger_allocation', 'app': 'models', 'indexes': [Index(fields=['fund_id', 'allocated_on']), Index(fields=['commune_id', 'allocated_on'])], 'pk_attr': 'id', 'table_description': 'Money a fund assigns to a house case or an aid visit (phân bổ), by a decision.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Photo',
            name='is_public',
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.AlterField(
            model_name='User',
            name='role',
            field=fields.CharEnumField(description='ADMIN: admin\nPROVINCE: province\nCOMMUNE: commune\nSPONSOR: sponsor\nFRONT: front', enum_type=Role, max_length=10),
        ),
    ]
