"""add reden_beeindiging to toewijzing

Revision ID: 4e7a1c9d2b58
Revises: 8d4c2a7e6f15
Create Date: 2026-12-06 18:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "4e7a1c9d2b58"
down_revision: str | None = "8d4c2a7e6f15"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("toewijzing", sa.Column("reden_beeindiging", sa.String(length=2), nullable=True))


def downgrade() -> None:
    op.drop_column("toewijzing", "reden_beeindiging")
