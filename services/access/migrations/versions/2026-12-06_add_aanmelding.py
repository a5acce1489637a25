"""add aanmelding

Revision ID: 8d4c2a7e6f15
Revises: 5e8a1c9d2b64
Create Date: 2026-12-06 06:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "8d4c2a7e6f15"
down_revision: str | None = "5e8a1c9d2b64"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "aanmelding",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("indicatie_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("segment_id", sa.Uuid(), nullable=False),
        sa.Column("aanbieder_agb", sa.String(length=8), nullable=False),
        sa.Column("product_categorie", sa.String(length=2), nullable=False),
        sa.Column("product_code", sa.String(length=5), nullable=True),
        sa.Column("gebied", sa.String(length=100), nullable=True),
        sa.Column("aanmelddatum", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("plaatsingsdatum", sa.Date(), nullable=True),
        sa.Column("weigeringsreden", sa.String(length=1000), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_aanmelding_client_id_client")
        ),
        sa.ForeignKeyConstraint(
            ["indicatie_id"], ["indicatie.id"], name=op.f("fk_aanmelding_indicatie_id_indicatie")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aanmelding")),
    )
    op.create_index(
        op.f("ix_aanmelding_aanbieder_agb"), "aanmelding", ["aanbieder_agb"], unique=False
    )
    op.create_index(op.f("ix_aanmelding_client_id"), "aanmelding", ["client_id"], unique=False)
    op.create_index(
        op.f("ix_aanmelding_indicatie_id"), "aanmelding", ["indicatie_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_aanmelding_indicatie_id"), table_name="aanmelding")
    op.drop_index(op.f("ix_aanmelding_client_id"), table_name="aanmelding")
    op.drop_index(op.f("ix_aanmelding_aanbieder_agb"), table_name="aanmelding")
    op.drop_table("aanmelding")
