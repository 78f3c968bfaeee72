from tortoise import migrations
from tortoise.migrations import operations as ops
from relief.ledger.models import FundLevel
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0016_summaries')]

    initial = False

    operations = [
        ops.CreateModel(
            name='LedgerFigure',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('fund', fields.ForeignKeyField('models.Fund', source_field='fund_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('level', fields.CharEnumField(description='CENTRAL: central\nPROVINCE: province\nCOMMUNE: commune\nHOUSE: house', enum_type=FundLevel, max_length=10)),
                ('commune', fields.ForeignKeyField('models.Commune', source_field='commune_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('year', fields.SmallIntField()),
                ('month', fields.SmallIntField()),
                ('received', fields.BigIntField(default=0)),
                ('allocated', fields.BigIntField(default=0)),
                ('spent', fields.BigIntField(default=0)),
            ],
            options={'table': 'ledger_figure', 'app': 'models', 'unique_together': (('fund', 'commune', 'year', 'month'),), 'pk_attr': 'id', 'table_description': 'Kept figures of the public books: one fund, one commune, one month (see ledger.kept).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='DonorTotal',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('fund', fields.ForeignKeyField('models.Fund', source_field='fund_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('commune', fields.ForeignKeyField('models.Commune', source_field='commune_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('donor_key', fields.CharField(max_length=200)),
                ('donor_name', fields.CharField(max_length=200)),
                ('total', fields.BigIntField()),
            ],
            options={'table': 'ledger_donor_total', 'app': 'models', 'unique_together': (('fund', 'donor_key'),), 'pk_attr': 'id', 'table_description': 'Kept total of a donor named publicly, per fund (see ledger.kept).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='HouseTally',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('commune', fields.ForeignKeyField('models.Commune', source_field='commune_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('stage', fields.CharField(max_length=20)),
                ('cases', fields.IntField()),
            ],
            options={'table': 'ledger_house_tally', 'app': 'models', 'unique_together': (('commune', 'stage'),), 'pk_attr': 'id', 'table_description': 'Kept number of house cases of a commune at one stage, for the public pages.'},
            bases=['Model'],
        ),
        ops.AddIndex(
            model_name='DonorTotal',
            index=Index(fields=['commune_id']),
        ),
        ops.AddIndex(
            model_name='LedgerFigure',
            index=Index(fields=['year', 'level']),
        ),
        ops.AddIndex(
            model_name='LedgerFigure',
            index=Index(fields=['commune_id', 'year']),
        ),
    ]
