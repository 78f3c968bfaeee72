"""Damage as Joint Circular 43/2015 counts it: the old one-list `level` becomes a band, the
house's class, separate facts (flooded, roof blown off, landslide) and casualties.

The mapping of the old values is documented in docs/domain.md ("Migration 0011").
"""

from tortoise import migrations
from tortoise.migrations import operations as ops
from relief.households.models import DamageBand, HouseClass
from tortoise import fields
from tortoise.indexes import Index
from tortoise.migrations.constraints import CheckConstraint

# Old level -> (band, the fact it stated). Situations said nothing of the band: "to confirm".
LEVEL_MAP = {
    "collapsed": ("total", "collapsed"),
    "over_70": ("total", None),
    "from_50_to_70": ("very_heavy", None),
    "from_30_to_50": ("heavy", None),
    "under_30": ("partial", None),
    "roof_lost": ("to_confirm", "roof_blown_off"),
    "flooded": ("to_confirm", "flooded"),
    "landslide_risk": ("to_confirm", "landslide_relocation"),
}


async def map_levels(apps, schema_editor) -> None:
    client = schema_editor.client
    for level, (band, fact) in LEVEL_MAP.items():
        extra = f", {fact} = TRUE" if fact else ""
        await client.execute_query(
            f"UPDATE damage_assessment SET band = '{band}'{extra} WHERE level = '{level}'"
        )


async def restore_sqlite_unique(apps, schema_editor) -> None:
    """SQLite rebuilt the table to drop `level` and add the checks: its unique index went too."""
    client = schema_editor.client
    if client.capabilities.dialect != "sqlite":
        return
    await client.execute_script(
        'CREATE UNIQUE INDEX IF NOT EXISTS "uid_damage_asse_househo_c3090c" '
        'ON "damage_assessment" ("household_id", "disaster_id")'
    )


class Migration(migrations.Migration):
    dependencies = [('models', '0008_ledger')]

    initial = False

    operations = [
        ops.RemoveIndex(
            model_name='DamageAssessment',
            name=None,
            fields=['disaster_id', 'commune_id', 'level', 'relocated'],
        ),
        ops.RemoveIndex(
            model_name='DamageAssessment',
            name=None,
            fields=['commune_id', 'hamlet_id', 'level', 'relocated'],
        ),
        ops.RemoveIndex(
            model_name='DamageAssessment',
            name=None,
            fields=['commune_id', 'level', 'relocated'],
        ),
        ops.AddField(
            model_name='DamageAssessment',
            name='band',
            field=fields.CharEnumField(default=DamageBand.TO_CONFIRM, db_default='to_confirm', description='TOTAL: total\nVERY_HEAVY: very_heavy\nHEAVY: heavy\nPARTIAL: partial\nNONE: none\nTO_CONFIRM: to_confirm', enum_type=DamageBand, max_length=12),
        ),
        ops.AddField(
            model_name='DamageAssessment',
            name='collapsed',
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.AddField(
            model_name='DamageAssessment',
            name='dead',
            field=fields.SmallIntField(default=0, db_default=0),
        ),
        ops.AddField(
            model_name='DamageAssessment',
            name='flood_depth_cm',
            field=fields.SmallIntField(null=True),
        ),
        ops.AddField(
            model_name='DamageAssessment',
            name='flooded',
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.AddField(
            model_name='DamageAssessment',
            name='house_class',
            field=fields.CharEnumField(null=True, description='SOLID: solid\nSEMI_SOLID: semi_solid\nLESS_SOLID: less_solid\nSIMPLE: simple', enum_type=HouseClass, max_length=12),
        ),
        ops.AddField(
            model_name='DamageAssessment',
            name='injured',
            field=fields.SmallIntField(default=0, db_default=0),
        ),
        ops.AddField(
            model_name='DamageAssessment',
            name='landslide_relocation',
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.AddField(
            model_name='DamageAssessment',
            name='missing',
            field=fields.SmallIntField(default=0, db_default=0),
        ),
        ops.AddField(
            model_name='DamageAssessment',
            name='roof_blown_off',
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.RunPython(map_levels),
        ops.RemoveField(model_name='DamageAssessment', name='level'),
        ops.AddConstraint(
            model_name='DamageAssessment',
            constraint=CheckConstraint(check='dead >= 0 AND missing >= 0 AND injured >= 0', name='ck_damage_people_not_negative'),
        ),
        ops.AddConstraint(
            model_name='DamageAssessment',
            constraint=CheckConstraint(check="collapsed = FALSE OR band = 'total'", name='ck_damage_collapsed_is_total'),
        ),
        ops.RunPython(restore_sqlite_unique),
        ops.AddIndex(
            model_name='DamageAssessment',
            index=Index(fields=['disaster_id', 'commune_id', 'band', 'relocated']),
        ),
        ops.AddIndex(
            model_name='DamageAssessment',
            index=Index(fields=['commune_id', 'hamlet_id', 'band', 'relocated']),
        ),
        ops.AddIndex(
            model_name='DamageAssessment',
            index=Index(fields=['commune_id', 'band', 'relocated']),
        ),
    ]
