"""Indexes that let the filtered summaries (one disaster, one programme) count from indexes
alone: damage records with their household, a disaster's house cases, a case's money."""

from tortoise import migrations
from tortoise.indexes import Index
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [('models', '0017_ledger_figures')]

    initial = False

    operations = [
        ops.RemoveIndex(
            model_name='DamageAssessment',
            name=None,
            fields=['disaster_id', 'commune_id', 'band', 'relocated'],
        ),
        ops.RemoveIndex(
            model_name='DamageAssessment',
            name=None,
            fields=['commune_id', 'hamlet_id', 'band', 'relocated'],
        ),
        ops.AddIndex(
            model_name='DamageAssessment',
            index=Index(fields=['disaster_id', 'commune_id', 'band', 'relocated', 'household_id']),
        ),
        ops.AddIndex(
            model_name='DamageAssessment',
            index=Index(fields=['commune_id', 'hamlet_id', 'band', 'relocated', 'household_id']),
        ),
        ops.AddIndex(
            model_name='HouseCase',
            index=Index(fields=['disaster_id', 'commune_id', 'programme', 'kind', 'stage']),
        ),
        ops.RemoveIndex(
            model_name='Contribution',
            name=None,
            fields=['house_case_id'],
        ),
        ops.AddIndex(
            model_name='Contribution',
            index=Index(
                fields=['house_case_id', 'commune_id', 'source', 'amount_pledged', 'amount_disbursed']
            ),
        ),
    ]
