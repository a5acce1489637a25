"""add acceptatieplicht_maanden to segment

Revision ID: 2f9c6b1e8d47
Revises: 4e7a1c9d2b58
Create Date: 2026-12-06 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2f9c6b1e8d47"
down_revision: str | None = "4e7a1c9d2b58"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("segment", sa.Column("acceptatieplicht_maanden", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("segment", "acceptatieplicht_maanden")
