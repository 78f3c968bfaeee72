"""A commune's kind may be a special zone (đặc khu), as 13 island units are since July 2025."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from relief.places.models import CommuneKind
from tortoise import fields




async def restore_sqlite_index(apps, schema_editor) -> None:
    """On SQLite the field's change rebuilds the table, which loses its name index (as 0005
    explains); PostgreSQL keeps it. Re-created with the name PostgreSQL has."""
    client = schema_editor.client
    if client.capabilities.dialect != "sqlite":
        return
    await client.execute_script(
        'CREATE INDEX IF NOT EXISTS "idx_commune_name_ke_b2d5ec" ON "commune" ("name_key")'
    )


class Migration(migrations.Migration):
    dependencies = [('models', '0033_import_progress')]

    initial = False

    operations = [
        ops.AlterField(
            model_name='Commune',
            name='kind',
            field=fields.CharEnumField(description='XA: xa\nPHUONG: phuong\nDAC_KHU: dac_khu', enum_type=CommuneKind, max_length=10),
        ),
        ops.RunPython(restore_sqlite_index),
    ]
