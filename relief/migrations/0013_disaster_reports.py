from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0012_papers')]

    initial = False

    operations = [
        ops.CreateModel(
            name='DisasterReport',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('commune', fields.ForeignKeyField('models.Commune', source_field='commune_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('disaster', fields.ForeignKeyField('models.Disaster', source_field='disaster_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('as_of', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('number', fields.IntField()),
                ('households', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('figures', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('note', fields.TextField(default='', unique=False)),
                ('created_by', fields.CharField(default='', max_length=150)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'disaster_report', 'app': 'models', 'unique_together': (('commune', 'disaster', 'number'),), 'indexes': [Index(fields=['disaster_id', 'as_of', 'commune_id'])], 'pk_attr': 'id', 'table_description': 'A commune\'s report on a disaster as of a moment ("tính đến 17 giờ ngày …").'},
            bases=['Model'],
        ),
    ]
