from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.migrations.constraints import CheckConstraint

class Migration(migrations.Migration):
    dependencies = [('models', '0001_initial')]

    initial = False

    operations = [
        ops.AddConstraint(
            model_name='AidGiven',
            constraint=CheckConstraint(check='cash >= 0 AND goods_value >= 0', name='ck_aid_given_not_negative'),
        ),
        ops.AddConstraint(
            model_name='Contribution',
            constraint=CheckConstraint(check='amount_disbursed >= 0 AND amount_disbursed <= amount_pledged', name='ck_contribution_disbursed_within_pledged'),
        ),
        ops.AddConstraint(
            model_name='DamageAssessment',
            constraint=CheckConstraint(check='estimated_loss >= 0', name='ck_damage_loss_not_negative'),
        ),
        ops.AddConstraint(
            model_name='HouseCase',
            constraint=CheckConstraint(check='estimated_cost >= 0', name='ck_house_case_cost_not_negative'),
        ),
        ops.AddConstraint(
            model_name='Household',
            constraint=CheckConstraint(check='members BETWEEN 1 AND 30', name='ck_household_members'),
        ),
    ]
