"""Programmes as the campaign reports them: the two national target programmes join the list,
and each programme gets its support norms and completion rules per kind of works, editable by
the administrator, with the defaults below and their sources (docs/domain.md)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from relief.houses.models import CampaignGroup, NormKind, Programme
from tortoise import fields


# The house case's programme column only gains values; its comment changes. SQLite would
# rebuild the whole table (dropping its indexes) for a comment, so the database is left alone.
class AlterChoices(ops.AlterField):
    async def database_forward(self, app_label, old_state, new_state, state_editor=None):
        return None


CAMPAIGN = (
    "Campaign to eliminate temporary and dilapidated houses (Directive 42/CT-TTg; Central "
    "Steering Committee, Decision 1243/QĐ-TTg): 60 M per new house, 30 M per repair. "
)
DECISION_55 = (
    "Completion: at least 30 m², or 18 m² for a one-person household, read from the criteria "
    "of a temporary house in Decision 55/QĐ-BXD of 20/1/2025 (under 18 m² for one person, "
    "under 30 m² for a family), with the 3 hard parts."
)
DECREE_20 = "Decree 20/2021/NĐ-CP Art. 15 (minimum support; provinces may top it up)."
# programme, kind, group, amount, min m², min m² for one person, 3 cứng, source, confirmed
DEFAULTS = [
    ("revolutionary_service", "new_build", "revolutionary_service", 60_000_000, 30, 18, True,
     "Decision 21/2024/QĐ-TTg: 60 M per new house. " + DECISION_55, True),
    ("revolutionary_service", "repair", "revolutionary_service", 30_000_000, None, None, False,
     "Decision 21/2024/QĐ-TTg: 30 M per repair.", True),
    ("ntp_poverty", "new_build", "national_target", 60_000_000, 30, 18, True,
     "National target programme for sustainable poverty reduction; amount as the campaign's "
     "(unconfirmed for this programme). " + DECISION_55, False),
    ("ntp_poverty", "repair", "national_target", 30_000_000, None, None, False,
     "National target programme for sustainable poverty reduction; amount as the campaign's "
     "(unconfirmed for this programme).", False),
    ("ntp_ethnic", "new_build", "national_target", 60_000_000, 30, 18, True,
     "National target programme for ethnic-minority and mountainous areas; amount as the "
     "campaign's (unconfirmed for this programme). " + DECISION_55, False),
    ("ntp_ethnic", "repair", "national_target", 30_000_000, None, None, False,
     "National target programme for ethnic-minority and mountainous areas; amount as the "
     "campaign's (unconfirmed for this programme).", False),
    ("temporary_house", "new_build", "emulation", 60_000_000, 30, 18, True,
     CAMPAIGN + DECISION_55, True),
    ("temporary_house", "repair", "emulation", 30_000_000, None, None, False, CAMPAIGN, True),
    ("great_solidarity", "new_build", "great_solidarity", 50_000_000, 30, None, True,
     "Great Solidarity House of the Fatherland Front's Fund for the Poor: at least 30 m² and "
     "3 hard parts (Circular 01/2022/TT-BXD), no exception for one person; 50 M as given in "
     "Phú Bình, Thái Nguyên (the amount varies by province: unconfirmed).", False),
    ("great_solidarity", "repair", "great_solidarity", 25_000_000, None, None, False,
     "Great Solidarity House repair: amount varies by province (unconfirmed).", False),
    ("disaster_recovery", "new_build", "disaster_recovery", 40_000_000, None, None, False,
     "House collapsed or swept away: 40 M. " + DECREE_20, True),
    ("disaster_recovery", "repair", "disaster_recovery", 20_000_000, None, None, False,
     "House severely damaged: 20 M. " + DECREE_20, True),
    ("disaster_recovery", "relocation", "disaster_recovery", 30_000_000, None, None, False,
     "Emergency relocation: 30 M. " + DECREE_20, True),
]


async def labour_in_days(apps, schema_editor) -> None:
    """Labour is counted in workdays: money once typed on a labour contribution moves to its
    note (there is no rate to turn it into days) and leaves the money sums."""
    client = schema_editor.client
    rows = await client.execute_query_dict(
        "SELECT id, amount_pledged, amount_disbursed, note FROM contribution "
        "WHERE source = 'labour_days' AND (amount_pledged > 0 OR amount_disbursed > 0)"
    )
    for row in rows:
        note = (row["note"] or "") + (
            f" (đã ghi bằng tiền trước đây: {row['amount_pledged']} đồng cam kết, "
            f"{row['amount_disbursed']} đồng đã giải ngân)"
        )
        await client.execute_query(
            "UPDATE contribution SET amount_pledged = 0, amount_disbursed = 0, note = '{}' "
            "WHERE id = {}".format(note.strip().replace("'", "''"), int(row["id"]))
        )


async def load_defaults(apps, schema_editor) -> None:
    await labour_in_days(apps, schema_editor)
    client = schema_editor.client
    for programme, kind, group, amount, area, one, hard, source, confirmed in DEFAULTS:
        await client.execute_query(
            "INSERT INTO programme_rule (programme, kind, campaign_group, support_amount, "
            "min_area_m2, min_area_one_person_m2, three_hard, source, confirmed, updated_at, "
            "version) VALUES ('{}', '{}', '{}', {}, {}, {}, {}, '{}', {}, CURRENT_TIMESTAMP, 1)"
            .format(
                programme, kind, group, amount,
                "NULL" if area is None else area,
                "NULL" if one is None else one,
                "TRUE" if hard else "FALSE",
                source.replace("'", "''"),
                "TRUE" if confirmed else "FALSE",
            )
        )


class Migration(migrations.Migration):
    dependencies = [('models', '0014_house_cases_over_time')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ProgrammeRule',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('programme', fields.CharEnumField(description='GREAT_SOLIDARITY: great_solidarity\nTEMPORARY_HOUSE: temporary_house\nREVOLUTIONARY_SERVICE: revolutionary_service\nDISASTER_RECOVERY: disaster_recovery\nNTP_POVERTY: ntp_poverty\nNTP_ETHNIC: ntp_ethnic', enum_type=Programme, max_length=24)),
                ('kind', fields.CharEnumField(description='NEW_BUILD: new_build\nREPAIR: repair\nRELOCATION: relocation', enum_type=NormKind, max_length=12)),
                ('campaign_group', fields.CharEnumField(description='REVOLUTIONARY_SERVICE: revolutionary_service\nNATIONAL_TARGET: national_target\nEMULATION: emulation\nGREAT_SOLIDARITY: great_solidarity\nDISASTER_RECOVERY: disaster_recovery', enum_type=CampaignGroup, max_length=24)),
                ('support_amount', fields.BigIntField(default=0)),
                ('min_area_m2', fields.SmallIntField(null=True)),
                ('min_area_one_person_m2', fields.SmallIntField(null=True)),
                ('three_hard', fields.BooleanField(default=False)),
                ('source', fields.TextField(default='', unique=False)),
                ('confirmed', fields.BooleanField(default=False)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('version', fields.IntField(default=1)),
            ],
            options={'table': 'programme_rule', 'app': 'models', 'unique_together': (('programme', 'kind'),), 'pk_attr': 'id', 'table_description': 'Support norm and completion rule of a programme for a kind of works, editable by the'},
            bases=['Model'],
        ),
        AlterChoices(
            model_name='HouseCase',
            name='programme',
            field=fields.CharEnumField(description='GREAT_SOLIDARITY: great_solidarity\nTEMPORARY_HOUSE: temporary_house\nREVOLUTIONARY_SERVICE: revolutionary_service\nDISASTER_RECOVERY: disaster_recovery\nNTP_POVERTY: ntp_poverty\nNTP_ETHNIC: ntp_ethnic', enum_type=Programme, max_length=24),
        ),
        ops.AddField(
            model_name='HouseCase',
            name='rule_override_reason',
            field=fields.TextField(null=True, unique=False),
        ),
        ops.RunPython(load_defaults),
    ]
