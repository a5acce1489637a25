"""Add budgetplafond: an aanbieder's spending ceiling per contract and year, and its signals

Revision ID: 5f67212590dc
Revises: 7b64f5ed9523
Create Date: 2026-11-24 08:14:27.362271
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "5f67212590dc"
down_revision: str | None = "7b64f5ed9523"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "budgetplafond",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("contract_id", sa.Uuid(), nullable=False),
        sa.Column("aanbieder_agb", sa.String(length=8), nullable=False),
        sa.Column("segment_id", sa.Uuid(), nullable=False),
        sa.Column("jaar", sa.Integer(), nullable=False),
        sa.Column("plafond_cents", sa.BigInteger(), nullable=False),
        sa.Column(
            "drempel_percentages",
            postgresql.ARRAY(sa.Numeric(precision=5, scale=2)),
            server_default="{70}",
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budgetplafond")),
        sa.UniqueConstraint("contract_id", "jaar", name=op.f("uq_budgetplafond_contract_id")),
    )
    op.create_index(
        op.f("ix_budgetplafond_aanbieder_agb"), "budgetplafond", ["aanbieder_agb"], unique=False
    )
    op.create_table(
        "budgetplafondmelding",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("budgetplafond_id", sa.Uuid(), nullable=False),
        sa.Column("drempel_percentage", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("besteed_cents", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["budgetplafond_id"],
            ["budgetplafond.id"],
            name=op.f("fk_budgetplafondmelding_budgetplafond_id_budgetplafond"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budgetplafondmelding")),
        sa.UniqueConstraint(
            "budgetplafond_id",
            "drempel_percentage",
            name=op.f("uq_budgetplafondmelding_budgetplafond_id"),
        ),
    )


def downgrade() -> None:
    op.drop_table("budgetplafondmelding")
    op.drop_index(op.f("ix_budgetplafond_aanbieder_agb"), table_name="budgetplafond")
    op.drop_table("budgetplafond")
