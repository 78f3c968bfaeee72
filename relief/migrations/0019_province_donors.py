from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0018_filtered_summaries')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ProvinceDonor',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('donor_key', fields.CharField(unique=True, max_length=200)),
                ('donor_name', fields.CharField(max_length=200)),
                ('total', fields.BigIntField()),
            ],
            options={'table': 'ledger_province_donor', 'app': 'models', 'pk_attr': 'id', 'table_description': 'Kept total of a donor named publicly, over every fund of the province.'},
            bases=['Model'],
        ),
        ops.AddIndex(
            model_name='ProvinceDonor',
            index=Index(fields=['total']),
        ),
    ]
