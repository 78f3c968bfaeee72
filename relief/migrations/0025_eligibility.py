"""The first tranche of a house as a share of its support, per programme and kind of works
(70 % until the administrator says otherwise; docs/domain.md, "Support and tranches")."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [('models', '0024_beneficiary_lists')]

    initial = False

    operations = [
        ops.AddField(
            model_name='ProgrammeRule',
            name='first_tranche_percent',
            field=fields.SmallIntField(default=70, db_default=70),
        ),
    ]
