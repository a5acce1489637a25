"""add debet_credit to declaratieregel_feit

Revision ID: 6330ef590d4e
Revises: 6c009d77cc7c
Create Date: 2026-11-24 07:47:13.168179
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "6330ef590d4e"
down_revision: str | None = "6c009d77cc7c"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Facts stored before the marker existed were all declared as debit lines.
    op.add_column(
        "declaratieregel_feit",
        sa.Column("debet_credit", sa.String(length=1), server_default="D", nullable=False),
    )


def downgrade() -> None:
    op.drop_column("declaratieregel_feit", "debet_credit")
