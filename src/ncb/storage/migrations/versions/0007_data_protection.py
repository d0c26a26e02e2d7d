"""data-subject requests, the owner bureaus' consultations, and retention reminders

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 07:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('retention_reminders',
    sa.Column('notice_id', sa.String(length=32), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=False),
    sa.Column('bureau', sa.String(length=3), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('notice_id', 'expires_on', name=op.f('pk_retention_reminders'))
    )
    with op.batch_alter_table('retention_reminders', schema=None) as batch_op:
        batch_op.create_index('ix_retention_reminders_bureau', ['bureau'], unique=False)

    op.create_table('subject_requests',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('reference', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('requester', sa.Text(), nullable=True),
    sa.Column('details', sa.Text(), nullable=False),
    sa.Column('notice_ids', sa.Text(), server_default='', nullable=False),
    sa.Column('admitted_on', sa.Date(), nullable=True),
    sa.Column('outcome', sa.String(length=16), nullable=True),
    sa.Column('decision', sa.Text(), nullable=True),
    sa.Column('granted_notice_ids', sa.Text(), server_default='', nullable=False),
    sa.Column('decided_by', sa.String(length=200), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('carried_out_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('erased_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subject_requests')),
    sa.UniqueConstraint('reference', name=op.f('uq_subject_requests_reference'))
    )
    with op.batch_alter_table('subject_requests', schema=None) as batch_op:
        batch_op.create_index('ix_subject_requests_status', ['status', 'due_on'], unique=False)

    op.create_table('subject_request_events',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('event', sa.String(length=32), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['request_id'], ['subject_requests.id'], name=op.f('fk_subject_request_events_request_id_subject_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subject_request_events'))
    )
    with op.batch_alter_table('subject_request_events', schema=None) as batch_op:
        batch_op.create_index('ix_subject_request_events_request', ['request_id'], unique=False)

    op.create_table('subject_request_consultations',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('notice_id', sa.String(length=32), nullable=False),
    sa.Column('bureau', sa.String(length=3), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('asked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answer', sa.String(length=16), nullable=True),
    sa.Column('answer_note', sa.Text(), nullable=True),
    sa.Column('answered_by', sa.String(length=200), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['request_id'], ['subject_requests.id'], name=op.f('fk_subject_request_consultations_request_id_subject_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subject_request_consultations'))
    )
    with op.batch_alter_table('subject_request_consultations', schema=None) as batch_op:
        batch_op.create_index('ix_subject_request_consultations_bureau', ['bureau'], unique=False)
        batch_op.create_index('ix_subject_request_consultations_request', ['request_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('subject_request_consultations', schema=None) as batch_op:
        batch_op.drop_index('ix_subject_request_consultations_request')
        batch_op.drop_index('ix_subject_request_consultations_bureau')
    op.drop_table('subject_request_consultations')
    with op.batch_alter_table('subject_request_events', schema=None) as batch_op:
        batch_op.drop_index('ix_subject_request_events_request')
    op.drop_table('subject_request_events')
    with op.batch_alter_table('subject_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_subject_requests_status')
    op.drop_table('subject_requests')
    with op.batch_alter_table('retention_reminders', schema=None) as batch_op:
        batch_op.drop_index('ix_retention_reminders_bureau')
    op.drop_table('retention_reminders')
