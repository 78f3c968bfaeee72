from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0015_programme_rules')]

    initial = False

    operations = [
        ops.CreateModel(
            name='SummaryFigure',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('commune', fields.ForeignKeyField('models.Commune', source_field='commune_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('hamlet_id', fields.IntField()),
                ('name', fields.CharField(max_length=80)),
                ('value', fields.BigIntField()),
            ],
            options={'table': 'summary_figure', 'app': 'models', 'unique_together': (('commune', 'hamlet_id', 'name'),), 'pk_attr': 'id', 'table_description': 'A figure of relief.reports.figures for one hamlet (or, hamlet 0, its whole commune).'},
            bases=['Model'],
        ),
        ops.AddIndex(
            model_name='Contribution',
            index=Index(fields=['house_case_id']),
        ),
        ops.AddIndex(
            model_name='HouseCase',
            index=Index(fields=['commune_id', 'stage', 'handed_over_on']),
        ),
        ops.AddIndex(
            model_name='StageEvent',
            index=Index(fields=['house_case_id']),
        ),
    ]
