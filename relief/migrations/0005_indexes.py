from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

# On SQLite, 0002 added CHECK constraints by rebuilding five tables, and the rebuilt tables
# lost every index and unique constraint of 0001 but their primary keys and the id_number and
# code unique columns. PostgreSQL kept them (ALTER TABLE ADD CONSTRAINT). Re-create them here,
# on SQLite only, with the names PostgreSQL has.
SQLITE_LOST = [
    'CREATE INDEX IF NOT EXISTS "idx_household_phone_65488e" ON "household" ("phone")',
    'CREATE INDEX IF NOT EXISTS "idx_household_commune_80f094" ON "household" ("commune_id", "head_name_key")',
    'CREATE INDEX IF NOT EXISTS "idx_household_commune_60a78e" ON "household" ("commune_id", "hamlet_id")',
    'CREATE UNIQUE INDEX IF NOT EXISTS "uid_damage_asse_househo_c3090c" ON "damage_assessment" ("household_id", "disaster_id")',
    'CREATE INDEX IF NOT EXISTS "idx_damage_asse_disaste_36ade0" ON "damage_assessment" ("disaster_id", "commune_id", "level", "relocated")',
    'CREATE INDEX IF NOT EXISTS "idx_damage_asse_commune_a4d3b1" ON "damage_assessment" ("commune_id", "hamlet_id", "level", "relocated")',
    'CREATE UNIQUE INDEX IF NOT EXISTS "uid_house_case_commune_9c1e15" ON "house_case" ("commune_id", "year", "seq")',
    'CREATE INDEX IF NOT EXISTS "idx_house_case_commune_ab0e59" ON "house_case" ("commune_id", "programme", "kind", "stage")',
    'CREATE INDEX IF NOT EXISTS "idx_house_case_commune_beac5a" ON "house_case" ("commune_id", "hamlet_id", "stage")',
    'CREATE INDEX IF NOT EXISTS "idx_house_case_stage_afed4c" ON "house_case" ("stage", "started_on")',
    'CREATE INDEX IF NOT EXISTS "idx_contributio_commune_eb87f4" ON "contribution" ("commune_id", "source", "amount_pledged", "amount_disbursed")',
    'CREATE INDEX IF NOT EXISTS "idx_contributio_sponsor_664fa3" ON "contribution" ("sponsor_id", "house_case_id")',
    'CREATE UNIQUE INDEX IF NOT EXISTS "uid_aid_given_visit_i_415cb1" ON "aid_given" ("visit_id", "household_id")',
    'CREATE INDEX IF NOT EXISTS "idx_aid_given_commune_f21f1c" ON "aid_given" ("commune_id", "hamlet_id", "household_id", "cash", "goods_value")',
]


async def restore_sqlite_indexes(apps, schema_editor) -> None:
    client = schema_editor.client
    if client.capabilities.dialect != "sqlite":
        return
    for sql in SQLITE_LOST:
        await client.execute_script(sql)


class Migration(migrations.Migration):
    dependencies = [('models', '0004_imports')]

    initial = False

    operations = [
        ops.RunPython(restore_sqlite_indexes),
        ops.AddIndex(
            model_name='AuditEntry',
            index=Index(fields=['entity', 'entity_id']),
        ),
        ops.AddIndex(
            model_name='DamageAssessment',
            index=Index(fields=['commune_id', 'level', 'relocated']),
        ),
        ops.AddIndex(
            model_name='HouseCase',
            index=Index(fields=['commune_id', 'stage', 'started_on']),
        ),
        ops.AddIndex(
            model_name='HouseCase',
            index=Index(fields=['household_id']),
        ),
        ops.AddIndex(
            model_name='HouseCase',
            index=Index(fields=['year', 'commune_id', 'seq']),
        ),
        ops.AddIndex(
            model_name='Household',
            index=Index(fields=['commune_id', 'archived_at', 'head_name_key']),
        ),
    ]
