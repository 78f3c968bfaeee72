"""The province's household list by name reads its first page in the order of this index
instead of sorting every live household of the province (issue 29)."""

from tortoise import migrations
from tortoise.indexes import Index
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [('models', '0035_special_zones')]

    initial = False

    operations = [
        ops.AddIndex(
            model_name='Household',
            index=Index(fields=['archived_at', 'head_name_key', 'id']),
        ),
    ]
