from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0006_aid_index')]

    initial = False

    operations = [
        ops.CreateModel(
            name='SubmissionKey',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('key', fields.CharField(unique=True, max_length=64)),
                ('user', fields.ForeignKeyField('models.User', source_field='user_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('location', fields.CharField(default='', max_length=500)),
                ('status', fields.IntField(default=303)),
                ('body', fields.TextField(null=True, unique=False)),
                ('content_type', fields.CharField(default='', max_length=100)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'submission_key', 'app': 'models', 'pk_attr': 'id', 'table_description': "A one-time key of a create (a form's hidden field or the API's `Idempotency-Key`)."},
            bases=['Model'],
        ),
    ]
