from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from relief.imports.models import ImportKind, ImportStatus
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0003_audit_append_only')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ImportBatch',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('commune', fields.ForeignKeyField('models.Commune', source_field='commune_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('disaster', fields.ForeignKeyField('models.Disaster', source_field='disaster_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('uploaded_by', fields.ForeignKeyField('models.User', source_field='uploaded_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('username', fields.CharField(default='', max_length=150)),
                ('file_name', fields.CharField(max_length=255)),
                ('stored_name', fields.CharField(max_length=80)),
                ('checksum', fields.CharField(db_index=True, max_length=64)),
                ('size', fields.IntField(default=0)),
                ('kind', fields.CharEnumField(description='XLSX: xlsx\nCSV: csv', enum_type=ImportKind, max_length=4)),
                ('encoding', fields.CharField(default='', max_length=20)),
                ('status', fields.CharEnumField(default=ImportStatus.PREVIEWED, description='PREVIEWED: previewed\nCONFIRMED: confirmed\nFAILED: failed', enum_type=ImportStatus, max_length=10)),
                ('rows', fields.IntField(default=0)),
                ('created', fields.IntField(default=0)),
                ('updated', fields.IntField(default=0)),
                ('skipped', fields.IntField(default=0)),
                ('flagged', fields.IntField(default=0)),
                ('errors', fields.IntField(default=0)),
                ('report', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('confirmed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'import_batch', 'app': 'models', 'indexes': [Index(fields=['commune_id', 'checksum', 'status'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
