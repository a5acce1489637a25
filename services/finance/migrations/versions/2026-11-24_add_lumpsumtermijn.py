"""add lumpsumtermijn

Revision ID: f02bc0e26ab7
Revises: 51d72ea6c87e
Create Date: 2026-11-24 08:02:47.429554
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "f02bc0e26ab7"
down_revision: str | None = "51d72ea6c87e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "lumpsumtermijn",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("contract_id", sa.Uuid(), nullable=False),
        sa.Column("aanbieder_agb", sa.String(length=8), nullable=False),
        sa.Column("gebied", sa.String(length=100), nullable=False),
        sa.Column("jaar", sa.Integer(), nullable=False),
        sa.Column("volgnummer", sa.Integer(), nullable=False),
        sa.Column("periode_begin", sa.Date(), nullable=False),
        sa.Column("periode_eind", sa.Date(), nullable=False),
        sa.Column("taakbudget_cents", sa.BigInteger(), nullable=False),
        sa.Column("netto_budget_cents", sa.BigInteger(), nullable=False),
        sa.Column("bedrag_cents", sa.BigInteger(), nullable=False),
        sa.Column("betaald_op", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "bedrag_cents >= 0", name=op.f("ck_lumpsumtermijn_bedrag_cents_niet_negatief")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lumpsumtermijn")),
        sa.UniqueConstraint(
            "contract_id",
            "gebied",
            "jaar",
            "volgnummer",
            name=op.f("uq_lumpsumtermijn_contract_id"),
        ),
    )


def downgrade() -> None:
    op.drop_table("lumpsumtermijn")
