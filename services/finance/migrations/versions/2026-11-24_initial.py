"""create budget and the shared outbox, inbox and audit tables

Revision ID: c544137d9585
Revises:
Create Date: 2026-11-24 07:19:25.778778
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from wmo_common.migration_ops import create_shared_tables_v1, drop_shared_tables_v1

revision: str = "c544137d9585"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_shared_tables_v1()
    op.create_table(
        "budget",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("jaar", sa.Integer(), nullable=False),
        sa.Column("segment_naam", sa.String(length=200), nullable=False),
        sa.Column("gebied", sa.String(length=100), nullable=True),
        sa.Column("bedrag_cents", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("bedrag_cents >= 0", name=op.f("ck_budget_bedrag_cents_niet_negatief")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget")),
        sa.UniqueConstraint(
            "jaar",
            "segment_naam",
            "gebied",
            name=op.f("uq_budget_jaar"),
            postgresql_nulls_not_distinct=True,
        ),
    )


def downgrade() -> None:
    op.drop_table("budget")
    drop_shared_tables_v1()
