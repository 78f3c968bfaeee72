"""The first tranche of a house as a share of its support, per programme and kind of works
(70 % until the administrator says otherwise; docs/domain.md, "Support and tranches"), and the
overrides of a programme's eligibility: a written reason, a commune manager's approval, the case
they opened (docs/domain.md, "Eligibility")."""

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.indexes import Index
from tortoise.migrations import operations as ops

from relief.houses.models import Programme


class Migration(migrations.Migration):
    dependencies = [('models', '0024_beneficiary_lists')]

    initial = False

    operations = [
        ops.AddField(
            model_name='ProgrammeRule',
            name='first_tranche_percent',
            field=fields.SmallIntField(default=70, db_default=70),
        ),
        ops.CreateModel(
            name='EligibilityOverride',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('household', fields.ForeignKeyField('models.Household', source_field='household_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('commune', fields.ForeignKeyField('models.Commune', source_field='commune_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('programme', fields.CharEnumField(description='GREAT_SOLIDARITY: great_solidarity\nTEMPORARY_HOUSE: temporary_house\nREVOLUTIONARY_SERVICE: revolutionary_service\nDISASTER_RECOVERY: disaster_recovery\nNTP_POVERTY: ntp_poverty\nNTP_ETHNIC: ntp_ethnic', enum_type=Programme, max_length=24)),
                ('reason', fields.TextField(unique=False)),
                ('requested_by', fields.ForeignKeyField('models.User', source_field='requested_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('requested_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('approved_by', fields.ForeignKeyField('models.User', source_field='approved_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('approved_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('house_case', fields.ForeignKeyField('models.HouseCase', source_field='house_case_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('version', fields.IntField(default=1)),
            ],
            options={'table': 'eligibility_override', 'app': 'models', 'indexes': [Index(fields=['household_id', 'programme'])], 'pk_attr': 'id', 'table_description': "A case opened for a household that its programme's conditions do not admit: the"},
            bases=['Model'],
        ),
    ]
