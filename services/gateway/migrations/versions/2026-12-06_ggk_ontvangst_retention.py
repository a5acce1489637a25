"""retention removes answered GGk receipts: an index on when they were answered

Revision ID: 6a3c9e1f4b52
Revises: 5e2b8c3d7f41
Create Date: 2026-12-06 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "6a3c9e1f4b52"
down_revision: str | None = "5e2b8c3d7f41"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_ggk_ontvangst_beantwoord",
        "ggk_ontvangst",
        ["beantwoord_at"],
        postgresql_where=sa.text("beantwoord_at IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_ggk_ontvangst_beantwoord", table_name="ggk_ontvangst")
