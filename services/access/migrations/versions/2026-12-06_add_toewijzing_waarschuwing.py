"""add toewijzing_waarschuwing

Revision ID: 9b2f6d4e7c31
Revises: 3c5d8e2f41a7
Create Date: 2026-12-06 06:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9b2f6d4e7c31"
down_revision: str | None = "3c5d8e2f41a7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "toewijzing_waarschuwing",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("toewijzing_id", sa.Uuid(), nullable=False),
        sa.Column("agb", sa.String(length=8), nullable=False),
        sa.Column("signalering_id", sa.Uuid(), nullable=False),
        sa.Column("reden", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["toewijzing_id"],
            ["toewijzing.id"],
            name=op.f("fk_toewijzing_waarschuwing_toewijzing_id_toewijzing"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_toewijzing_waarschuwing")),
    )
    op.create_index(
        op.f("ix_toewijzing_waarschuwing_agb"), "toewijzing_waarschuwing", ["agb"], unique=False
    )
    op.create_index(
        op.f("ix_toewijzing_waarschuwing_toewijzing_id"),
        "toewijzing_waarschuwing",
        ["toewijzing_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_toewijzing_waarschuwing_toewijzing_id"), table_name="toewijzing_waarschuwing"
    )
    op.drop_index(op.f("ix_toewijzing_waarschuwing_agb"), table_name="toewijzing_waarschuwing")
    op.drop_table("toewijzing_waarschuwing")
