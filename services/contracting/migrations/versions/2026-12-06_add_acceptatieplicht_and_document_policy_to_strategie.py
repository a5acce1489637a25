"""add acceptatieplicht and expired-document policy to verwervingsstrategie

Revision ID: c41e7a9d2b36
Revises: 6abc55f4905c
Create Date: 2026-12-06 18:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c41e7a9d2b36"
down_revision: str | None = "6abc55f4905c"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "verwervingsstrategie", sa.Column("acceptatieplicht_maanden", sa.Integer(), nullable=True)
    )
    op.add_column(
        "verwervingsstrategie",
        sa.Column(
            "is_verlopen_kwaliteitsdocument_blokkerend",
            sa.Boolean(),
            server_default="false",
            nullable=False,
        ),
    )


def downgrade() -> None:
    op.drop_column("verwervingsstrategie", "is_verlopen_kwaliteitsdocument_blokkerend")
    op.drop_column("verwervingsstrategie", "acceptatieplicht_maanden")
