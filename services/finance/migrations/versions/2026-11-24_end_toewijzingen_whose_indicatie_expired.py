"""End toewijzingen whose indicatie expired: keep expired indicaties and each toewijzing's
beschikking

Revision ID: 3429ed686d3e
Revises: c11d7e216e11
Create Date: 2026-11-24 08:48:49.211888
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3429ed686d3e"
down_revision: str | None = "c11d7e216e11"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "verlopen_indicatie",
        sa.Column("indicatie_id", sa.Uuid(), nullable=False),
        sa.Column("beschikking_id", sa.Uuid(), nullable=False),
        sa.Column("einddatum", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("indicatie_id", name=op.f("pk_verlopen_indicatie")),
    )
    op.create_index(
        op.f("ix_verlopen_indicatie_beschikking_id"),
        "verlopen_indicatie",
        ["beschikking_id"],
        unique=False,
    )
    # Rows taken before this revision get their beschikking from the toewijzing's next version.
    op.add_column("toewijzing", sa.Column("beschikking_id", sa.Uuid(), nullable=True))
    op.add_column(
        "toewijzing",
        sa.Column("is_verlopen", sa.Boolean(), server_default=sa.text("false"), nullable=False),
    )
    op.create_index(
        op.f("ix_toewijzing_beschikking_id"), "toewijzing", ["beschikking_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_toewijzing_beschikking_id"), table_name="toewijzing")
    op.drop_column("toewijzing", "is_verlopen")
    op.drop_column("toewijzing", "beschikking_id")
    op.drop_index(op.f("ix_verlopen_indicatie_beschikking_id"), table_name="verlopen_indicatie")
    op.drop_table("verlopen_indicatie")
