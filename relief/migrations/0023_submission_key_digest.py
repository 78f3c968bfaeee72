"""The digest of the API request that used an Idempotency-Key: the same key sent with another
request is refused (422) instead of answered with the first one's result."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [('models', '0022_summary_digest')]

    initial = False

    operations = [
        ops.AddField(
            model_name='SubmissionKey',
            name='request_digest',
            field=fields.CharField(null=True, max_length=64),
        ),
    ]
