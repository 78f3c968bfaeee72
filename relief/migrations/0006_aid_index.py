from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0005_indexes')]

    initial = False

    operations = [
        ops.AddIndex(
            model_name='AidGiven',
            index=Index(fields=['commune_id', 'household_id', 'cash', 'goods_value']),
        ),
    ]
