"""add aanmeldstop to the aanbieder read model

Revision ID: 3c5d8e2f41a7
Revises: 69d7a96cfbe2
Create Date: 2026-12-06 06:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3c5d8e2f41a7"
down_revision: str | None = "69d7a96cfbe2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "aanmeldstop",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("agb", sa.String(length=8), nullable=False),
        sa.Column("product_categorie", sa.String(length=2), nullable=True),
        sa.Column("product_code", sa.String(length=5), nullable=True),
        sa.Column("gebied", sa.String(length=100), nullable=True),
        sa.Column("reden", sa.String(length=1000), nullable=False),
        sa.Column("ingangsdatum", sa.Date(), nullable=False),
        sa.Column("einddatum", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aanmeldstop")),
    )
    op.create_index(op.f("ix_aanmeldstop_agb"), "aanmeldstop", ["agb"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_aanmeldstop_agb"), table_name="aanmeldstop")
    op.drop_table("aanmeldstop")
