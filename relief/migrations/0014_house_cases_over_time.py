"""A household may have several house cases over the years, one open at a time; each names its
programme year (the year proposed, for the cases before this migration)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

ONE_OPEN = (
    'CREATE UNIQUE INDEX IF NOT EXISTS "uq_house_case_one_open" ON "house_case" ("household_id") '
    "WHERE stage NOT IN ('handed_over', 'cancelled')"
)


async def fill_and_guard(apps, schema_editor) -> None:
    client = schema_editor.client
    await client.execute_query("UPDATE house_case SET programme_year = year")
    # A partial unique index: the database itself refuses a second open case of a household,
    # even when two officers open one at the same moment.
    await client.execute_query(ONE_OPEN)


class Migration(migrations.Migration):
    dependencies = [('models', '0013_disaster_reports')]

    initial = False

    operations = [
        ops.AddField(
            model_name='HouseCase',
            name='programme_year',
            field=fields.SmallIntField(null=True),
        ),
        ops.RunPython(fill_and_guard),
    ]
