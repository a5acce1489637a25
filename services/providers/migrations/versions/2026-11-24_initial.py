"""create aanbieder and the shared outbox, inbox and audit tables

Revision ID: 058273d8bf18
Revises:
Create Date: 2026-11-24 07:13:04.097699
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from wmo_common.migration_ops import create_shared_tables_v1, drop_shared_tables_v1

revision: str = "058273d8bf18"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_shared_tables_v1()
    op.create_table(
        "aanbieder",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("agb", sa.String(length=8), nullable=False),
        sa.Column("kvk_nummer", sa.String(length=8), nullable=True),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("gebieden", postgresql.ARRAY(sa.String(length=100)), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aanbieder")),
        sa.UniqueConstraint("agb", name=op.f("uq_aanbieder_agb")),
    )


def downgrade() -> None:
    op.drop_table("aanbieder")
    drop_shared_tables_v1()
