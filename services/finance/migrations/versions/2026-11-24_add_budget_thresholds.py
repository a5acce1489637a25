"""add budget thresholds and budgetdrempelmelding

Revision ID: 432096ebaf4f
Revises: f02bc0e26ab7
Create Date: 2026-11-24 08:04:26.788490
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "432096ebaf4f"
down_revision: str | None = "f02bc0e26ab7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "budgetdrempelmelding",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("budget_id", sa.Uuid(), nullable=False),
        sa.Column("drempel_percentage", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("besteed_cents", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["budget_id"],
            ["budget.id"],
            name=op.f("fk_budgetdrempelmelding_budget_id_budget"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budgetdrempelmelding")),
        sa.UniqueConstraint(
            "budget_id", "drempel_percentage", name=op.f("uq_budgetdrempelmelding_budget_id")
        ),
    )
    op.add_column(
        "budget",
        sa.Column(
            "drempel_percentages",
            postgresql.ARRAY(sa.Numeric(precision=5, scale=2)),
            server_default="{90,100}",
            nullable=False,
        ),
    )


def downgrade() -> None:
    op.drop_column("budget", "drempel_percentages")
    op.drop_table("budgetdrempelmelding")
