from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0009_damage_bands')]

    initial = False

    operations = [
        ops.CreateModel(
            name='KeptForm',
            fields=[
                ('id', fields.CharField(primary_key=True, unique=True, db_index=True, max_length=64)),
                ('user', fields.ForeignKeyField('models.User', source_field='user_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('page', fields.CharField(max_length=1000)),
                ('action', fields.CharField(max_length=1000)),
                ('content_type', fields.CharField(max_length=255)),
                ('body', fields.BinaryField()),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'kept_form', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A form posted after its session ended, kept for its user until they log in again.'},
            bases=['Model'],
        ),
    ]
