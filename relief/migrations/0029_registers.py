"""The commune's year lists: the poor and near-poor list of each year and the register of
people with revolutionary service, each import with its rows (docs/domain.md, "The year's
lists"); one list in force per commune, kind and year, in the database itself."""

from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from relief.households.models import MatchKind, MeritKind, PovertyStatus, RegisterKind, RegisterStatus
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

ONE_IN_FORCE = (
    'CREATE UNIQUE INDEX IF NOT EXISTS "uq_register_list_current" '
    'ON "register_list" ("commune_id", "kind", "year") WHERE status = \'current\''
)


async def one_in_force(apps, schema_editor) -> None:
    # A partial unique index: two confirmations of the same year's list at the same moment
    # cannot both leave theirs in force.
    await schema_editor.client.execute_query(ONE_IN_FORCE)

class Migration(migrations.Migration):
    dependencies = [('models', '0028_decision_scan')]

    initial = False

    operations = [
        ops.CreateModel(
            name='RegisterList',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('commune', fields.ForeignKeyField('models.Commune', source_field='commune_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('kind', fields.CharEnumField(description='POVERTY: poverty\nMERIT: merit', enum_type=RegisterKind, max_length=8)),
                ('year', fields.SmallIntField()),
                ('status', fields.CharEnumField(default=RegisterStatus.PREVIEWED, description='PREVIEWED: previewed\nCURRENT: current\nSUPERSEDED: superseded\nCANCELLED: cancelled', enum_type=RegisterStatus, max_length=10)),
                ('file_name', fields.CharField(max_length=255)),
                ('file_kind', fields.CharField(max_length=4)),
                ('checksum', fields.CharField(db_index=True, max_length=64)),
                ('size', fields.IntField(default=0)),
                ('sheet', fields.CharField(default='', max_length=100)),
                ('headers', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('extra_columns', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('uploaded_by', fields.ForeignKeyField('models.User', source_field='uploaded_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('username', fields.CharField(default='', max_length=150)),
                ('rows', fields.IntField(default=0)),
                ('matched', fields.IntField(default=0)),
                ('several', fields.IntField(default=0)),
                ('unmatched', fields.IntField(default=0)),
                ('errors', fields.IntField(default=0)),
                ('preview', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('report', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('confirmed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('replaced_by_id', fields.IntField(null=True)),
            ],
            options={'table': 'register_list', 'app': 'models', 'indexes': [Index(fields=['commune_id', 'kind', 'year', 'status'])], 'pk_attr': 'id', 'table_description': "One import of a commune's list of a year: its file, its preview, its entries."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='RegisterEntry',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('register_list', fields.ForeignKeyField('models.RegisterList', source_field='register_list_id', db_constraint=True, to_field='id', related_name='entries', on_delete=OnDelete.RESTRICT)),
                ('commune', fields.ForeignKeyField('models.Commune', source_field='commune_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('kind', fields.CharEnumField(description='POVERTY: poverty\nMERIT: merit', enum_type=RegisterKind, max_length=8)),
                ('year', fields.SmallIntField()),
                ('row', fields.IntField()),
                ('household', fields.ForeignKeyField('models.Household', source_field='household_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('match', fields.CharEnumField(description='ID_NUMBER: id_number\nNAME_HAMLET: name_hamlet\nCHOSEN: chosen\nLINKED: linked\nSEVERAL: several\nNONE: none', enum_type=MatchKind, max_length=12)),
                ('candidates', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('name', fields.CharField(default='', max_length=120)),
                ('name_key', fields.CharField(default='', max_length=120)),
                ('id_number', fields.CharField(default='', max_length=20)),
                ('hamlet', fields.CharField(default='', max_length=120)),
                ('birth_year', fields.SmallIntField(null=True)),
                ('poverty_status', fields.CharEnumField(null=True, description='POOR: poor\nNEAR_POOR: near_poor\nNONE: none', enum_type=PovertyStatus, max_length=10)),
                ('merit_kind', fields.CharEnumField(null=True, description='PRE_1945: pre_1945\nPRE_UPRISING: pre_uprising\nMARTYR: martyr\nHEROIC_MOTHER: heroic_mother\nARMED_FORCES_HERO: armed_forces_hero\nLABOUR_HERO: labour_hero\nWAR_INVALID: war_invalid\nSICK_SOLDIER: sick_soldier\nTOXIC_CHEMICALS: toxic_chemicals\nPRISONER: prisoner\nRESISTANCE: resistance\nHELPED_REVOLUTION: helped_revolution\nMARTYR_RELATIVE: martyr_relative\nRELATIVE: relative', enum_type=MeritKind, max_length=20)),
                ('kind_text', fields.CharField(default='', max_length=120)),
                ('extra', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('note', fields.CharField(default='', max_length=500)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('version', fields.IntField(default=1)),
            ],
            options={'table': 'register_entry', 'app': 'models', 'indexes': [Index(fields=['household_id', 'kind', 'year']), Index(fields=['register_list_id', 'row'])], 'pk_attr': 'id', 'table_description': 'A row of a confirmed list as the file gave it, and the household it is of.'},
            bases=['Model'],
        ),
        ops.RunPython(one_in_force),
    ]
