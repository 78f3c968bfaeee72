"""The digest of the figure definitions the kept summary figures were counted with: `relief
migrate` and the server's start rebuild the kept figures when the code's differs."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [('models', '0021_users_roles')]

    initial = False

    operations = [
        ops.CreateModel(
            name='SummaryDigest',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(unique=True, max_length=40)),
                ('digest', fields.CharField(max_length=64)),
                ('rebuilt_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'summary_digest', 'app': 'models', 'pk_attr': 'id', 'table_description': 'The digest of the figure definitions the kept rows were counted with'},
            bases=['Model'],
        ),
    ]
