"""add segmentbeleid

Revision ID: 5e2b8d4f1a73
Revises: 7a1e5c0b9d18
Create Date: 2026-12-06 18:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5e2b8d4f1a73"
down_revision: str | None = "7a1e5c0b9d18"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "segmentbeleid",
        sa.Column("segment_id", sa.Uuid(), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("is_verlopen_kwaliteitsdocument_blokkerend", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("segment_id", name=op.f("pk_segmentbeleid")),
    )


def downgrade() -> None:
    op.drop_table("segmentbeleid")
