"""add aanbiederprestatie to the aanbieder read model

Revision ID: 5e8a1c9d2b64
Revises: 9b2f6d4e7c31
Create Date: 2026-12-06 06:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5e8a1c9d2b64"
down_revision: str | None = "9b2f6d4e7c31"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "aanbiederprestatie",
        sa.Column("agb", sa.String(length=8), nullable=False),
        sa.Column("segment_id", sa.Uuid(), nullable=False),
        sa.Column("periode", sa.String(length=7), nullable=False),
        sa.Column("gemiddelde_wachttijd_dagen", sa.Numeric(precision=10, scale=2), nullable=True),
        sa.Column("treeknorm_dagen", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("agb", "segment_id", name=op.f("pk_aanbiederprestatie")),
    )


def downgrade() -> None:
    op.drop_table("aanbiederprestatie")
