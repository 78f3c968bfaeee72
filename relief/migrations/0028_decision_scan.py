"""The People's Committee's decision keeps the scan of its signed paper (a PDF, JPEG or PNG in
the media folder, by its checksum)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0027_case_decision')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Decision',
            name='scan_checksum',
            field=fields.CharField(null=True, max_length=64),
        ),
        ops.AddField(
            model_name='Decision',
            name='scan_content_type',
            field=fields.CharField(null=True, max_length=20),
        ),
        ops.AddField(
            model_name='Decision',
            name='scan_size',
            field=fields.IntField(null=True),
        ),
    ]
