"""the portal's news items and the public's tips

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 12:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('news_items',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('bureau', sa.String(length=3), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=False),
    sa.Column('title_en', sa.String(length=200), nullable=False),
    sa.Column('title_ja', sa.String(length=200), nullable=False),
    sa.Column('body_en', sa.Text(), nullable=False),
    sa.Column('body_ja', sa.Text(), nullable=False),
    sa.Column('countries', sa.Text(), nullable=False),
    sa.Column('notices', sa.Text(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_items'))
    )
    with op.batch_alter_table('news_items', schema=None) as batch_op:
        batch_op.create_index('ix_news_items_published', ['published_on', 'id'], unique=False)

    op.create_table('tips',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('reference', sa.String(length=32), nullable=False),
    sa.Column('bureau', sa.String(length=3), nullable=False),
    sa.Column('entity_id', sa.String(length=16), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('contact', sa.String(length=200), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tips')),
    sa.UniqueConstraint('reference', name=op.f('uq_tips_reference'))
    )
    with op.batch_alter_table('tips', schema=None) as batch_op:
        batch_op.create_index('ix_tips_bureau', ['bureau', 'received_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('tips', schema=None) as batch_op:
        batch_op.drop_index('ix_tips_bureau')
    op.drop_table('tips')
    with op.batch_alter_table('news_items', schema=None) as batch_op:
        batch_op.drop_index('ix_news_items_published')
    op.drop_table('news_items')
