"""Goods as goods: a commune's stock of each kind of goods, and aid given from it (issue 27)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0039_bank_statements')]

    initial = False

    operations = [
        ops.CreateModel(
            name='GoodsStock',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('commune', fields.ForeignKeyField('models.Commune', source_field='commune_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('key', fields.CharField(max_length=300)),
                ('name', fields.CharField(max_length=255)),
                ('unit', fields.CharField(max_length=20)),
                ('received', fields.DecimalField(default=0, max_digits=14, decimal_places=3)),
                ('distributed', fields.DecimalField(default=0, max_digits=14, decimal_places=3)),
                ('received_value', fields.BigIntField(default=0)),
                ('distributed_value', fields.BigIntField(default=0)),
            ],
            options={'table': 'goods_stock', 'app': 'models', 'unique_together': (('commune', 'key'),), 'pk_attr': 'id', 'table_description': "Kept stock of one kind of goods held by a commune (None: by the province's funds)."},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='AidGiven',
            name='quantity',
            field=fields.DecimalField(null=True, max_digits=14, decimal_places=3),
        ),
        ops.AddField(
            model_name='AidGiven',
            name='stock',
            field=fields.ForeignKeyField('models.GoodsStock', source_field='stock_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
    ]
