"""Beneficiary lists from draft to decision: entries, revisions, hamlet reviews, posting,
complaints (and the addresses that lodged them, to bound them), decisions."""

from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads

from relief.beneficiaries.models import ComplaintChannel, ComplaintOutcome, ListState, ReviewOutcome, RevisionAction
from relief.houses.models import Programme
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0023_submission_key_digest')]

    initial = False

    operations = [
        ops.CreateModel(
            name='BeneficiaryList',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('commune', fields.ForeignKeyField('models.Commune', source_field='commune_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('programme', fields.CharEnumField(description='GREAT_SOLIDARITY: great_solidarity\nTEMPORARY_HOUSE: temporary_house\nREVOLUTIONARY_SERVICE: revolutionary_service\nDISASTER_RECOVERY: disaster_recovery\nNTP_POVERTY: ntp_poverty\nNTP_ETHNIC: ntp_ethnic', enum_type=Programme, max_length=24)),
                ('year', fields.SmallIntField()),
                ('round', fields.SmallIntField(default=1)),
                ('disaster_id', fields.IntField(null=True)),
                ('state', fields.CharEnumField(default=ListState.DRAFT, description='DRAFT: draft\nIN_REVIEW: in_review\nPOSTED: posted\nSUBMITTED: submitted\nDECIDED: decided', enum_type=ListState, max_length=12)),
                ('note', fields.TextField(default='', unique=False)),
                ('submitted_on', fields.DateField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('version', fields.IntField(default=1)),
            ],
            options={'table': 'beneficiary_list', 'app': 'models', 'unique_together': (('commune_id', 'programme', 'year', 'round'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Complaint',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('beneficiary_list', fields.ForeignKeyField('models.BeneficiaryList', source_field='beneficiary_list_id', db_constraint=True, to_field='id', related_name='complaints', on_delete=OnDelete.CASCADE)),
                ('commune_id', fields.IntField()),
                ('receipt', fields.CharField(unique=True, max_length=20)),
                ('from_name', fields.CharField(default='', max_length=120)),
                ('received_on', fields.DateField()),
                ('channel', fields.CharEnumField(description='PUBLIC_PAGE: public_page\nLETTER: letter\nCALL: call\nIN_PERSON: in_person', enum_type=ComplaintChannel, max_length=12)),
                ('content', fields.TextField(unique=False)),
                ('answer', fields.TextField(default='', unique=False)),
                ('outcome', fields.CharEnumField(default=ComplaintOutcome.PENDING, description='PENDING: pending\nUPHELD: upheld\nPARTLY_UPHELD: partly_upheld\nREJECTED: rejected', enum_type=ComplaintOutcome, max_length=14)),
                ('answered_on', fields.DateField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('version', fields.IntField(default=1)),
            ],
            options={'table': 'list_complaint', 'app': 'models', 'indexes': [Index(fields=['beneficiary_list_id', 'id'])], 'pk_attr': 'id', 'table_description': 'A complaint about a posted list: lodged on the public page, or recorded by the officer'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ComplaintAttempt',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('ip', fields.CharField(null=True, max_length=64)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'complaint_attempt', 'app': 'models', 'indexes': [Index(fields=['ip', 'at'])], 'pk_attr': 'id', 'table_description': 'Complaints lodged without an account, counted per address to bound them.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Decision',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('beneficiary_list', fields.OneToOneField('models.BeneficiaryList', source_field='beneficiary_list_id', db_constraint=True, to_field='id', related_name='decision', on_delete=OnDelete.RESTRICT)),
                ('number', fields.CharField(max_length=40)),
                ('signed_on', fields.DateField()),
                ('signer', fields.CharField(max_length=120)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('version', fields.IntField(default=1)),
            ],
            options={'table': 'list_decision', 'app': 'models', 'pk_attr': 'id', 'table_description': "The commune People's Committee's decision approving the list (quyết định phê duyệt):"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='HamletReview',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('beneficiary_list', fields.ForeignKeyField('models.BeneficiaryList', source_field='beneficiary_list_id', db_constraint=True, to_field='id', related_name='reviews', on_delete=OnDelete.CASCADE)),
                ('hamlet', fields.ForeignKeyField('models.Hamlet', source_field='hamlet_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('held_on', fields.DateField()),
                ('chair', fields.CharField(max_length=120)),
                ('attendance', fields.SmallIntField(default=0)),
                ('note', fields.TextField(default='', unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('version', fields.IntField(default=1)),
            ],
            options={'table': 'hamlet_review', 'app': 'models', 'unique_together': (('beneficiary_list_id', 'hamlet_id'),), 'pk_attr': 'id', 'table_description': "The hamlet's review meeting of a list (biên bản họp bình xét): its minutes' facts."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ListEntry',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('beneficiary_list', fields.ForeignKeyField('models.BeneficiaryList', source_field='beneficiary_list_id', db_constraint=True, to_field='id', related_name='entries', on_delete=OnDelete.CASCADE)),
                ('household', fields.ForeignKeyField('models.Household', source_field='household_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('hamlet', fields.ForeignKeyField('models.Hamlet', source_field='hamlet_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('damage', fields.ForeignKeyField('models.DamageAssessment', source_field='damage_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('proposed_amount', fields.BigIntField(default=0)),
                ('review_outcome', fields.CharEnumField(default=ReviewOutcome.PENDING, description='PENDING: pending\nAGREED: agreed\nNOT_AGREED: not_agreed', enum_type=ReviewOutcome, max_length=12)),
                ('note', fields.TextField(default='', unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('version', fields.IntField(default=1)),
            ],
            options={'table': 'beneficiary_entry', 'app': 'models', 'unique_together': (('beneficiary_list_id', 'household_id'),), 'pk_attr': 'id', 'table_description': "A household on a list, with the support proposed for it and its hamlet's verdict."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ListRevision',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('beneficiary_list', fields.ForeignKeyField('models.BeneficiaryList', source_field='beneficiary_list_id', db_constraint=True, to_field='id', related_name='revisions', on_delete=OnDelete.CASCADE)),
                ('household_id', fields.IntField()),
                ('action', fields.CharEnumField(description='ADDED: added\nCHANGED: changed\nREMOVED: removed', enum_type=RevisionAction, max_length=10)),
                ('before', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('after', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('reason', fields.TextField(default='', unique=False)),
                ('complaint_id', fields.IntField(null=True)),
                ('username', fields.CharField(default='', max_length=150)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'beneficiary_revision', 'app': 'models', 'indexes': [Index(fields=['beneficiary_list_id', 'id'])], 'pk_attr': 'id', 'table_description': "A change of a list's entries after it was posted: append-only, readable by everyone who"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Posting',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('beneficiary_list', fields.OneToOneField('models.BeneficiaryList', source_field='beneficiary_list_id', db_constraint=True, to_field='id', related_name='posting', on_delete=OnDelete.CASCADE)),
                ('office_place', fields.CharField(max_length=200)),
                ('hamlet_place', fields.CharField(max_length=200)),
                ('starts_on', fields.DateField()),
                ('ends_on', fields.DateField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('version', fields.IntField(default=1)),
            ],
            options={'table': 'list_posting', 'app': 'models', 'pk_attr': 'id', 'table_description': "The list's public posting (niêm yết công khai): where, from when, until when."},
            bases=['Model'],
        ),
    ]
