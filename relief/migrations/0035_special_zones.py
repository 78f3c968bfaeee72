"""A commune's kind may be a special zone (đặc khu), as 13 island units are since July 2025."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from relief.places.models import CommuneKind
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [('models', '0033_import_progress')]

    initial = False

    operations = [
        ops.AlterField(
            model_name='Commune',
            name='kind',
            field=fields.CharEnumField(description='XA: xa\nPHUONG: phuong\nDAC_KHU: dac_khu', enum_type=CommuneKind, max_length=10),
        ),
    ]
