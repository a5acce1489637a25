"""add aanmeldstop

Revision ID: 7a1e5c0b9d18
Revises: d4400b2df650
Create Date: 2026-12-06 05:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7a1e5c0b9d18"
down_revision: str | None = "d4400b2df650"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "aanmeldstop",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("aanbieder_id", sa.Uuid(), nullable=False),
        sa.Column("product_categorie", sa.String(length=2), nullable=True),
        sa.Column("product_code", sa.String(length=5), nullable=True),
        sa.Column("gebied", sa.String(length=100), nullable=True),
        sa.Column("reden", sa.String(length=1000), nullable=False),
        sa.Column("ingangsdatum", sa.Date(), nullable=False),
        sa.Column("einddatum", sa.Date(), nullable=True),
        sa.Column("beeindigingsreden", sa.String(length=1000), nullable=True),
        sa.Column("beeindigd_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["aanbieder_id"],
            ["aanbieder.id"],
            name=op.f("fk_aanmeldstop_aanbieder_id_aanbieder"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aanmeldstop")),
    )
    op.create_index(
        op.f("ix_aanmeldstop_aanbieder_id"), "aanmeldstop", ["aanbieder_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_aanmeldstop_aanbieder_id"), table_name="aanmeldstop")
    op.drop_table("aanmeldstop")
