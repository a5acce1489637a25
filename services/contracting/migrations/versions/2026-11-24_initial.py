"""create segment and the shared outbox, inbox and audit tables

Revision ID: 9bfe91a84097
Revises:
Create Date: 2026-11-24 07:18:35.952183
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from wmo_common.migration_ops import create_shared_tables_v1, drop_shared_tables_v1

revision: str = "9bfe91a84097"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_shared_tables_v1()
    op.create_table(
        "segment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("wet", sa.String(length=10), nullable=False),
        sa.Column("doelgroep", sa.Text(), nullable=False),
        sa.Column("gebieden", postgresql.ARRAY(sa.String(length=100)), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("wet IN ('wmo', 'jeugdwet')", name=op.f("ck_segment_wet")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_segment")),
        sa.UniqueConstraint("naam", name=op.f("uq_segment_naam")),
    )


def downgrade() -> None:
    op.drop_table("segment")
    drop_shared_tables_v1()
