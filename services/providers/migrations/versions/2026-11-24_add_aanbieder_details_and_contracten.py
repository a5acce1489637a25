"""add adres, capaciteit, contactpersonen and contracten of aanbieders

Revision ID: 85117bc5d882
Revises: 058273d8bf18
Create Date: 2026-11-24 07:35:01.202207
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "85117bc5d882"
down_revision: str | None = "058273d8bf18"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "contract",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("contractnummer", sa.String(length=50), nullable=True),
        sa.Column("segment_id", sa.Uuid(), nullable=True),
        sa.Column("gebieden", postgresql.ARRAY(sa.String(length=100)), nullable=False),
        sa.Column("ingangsdatum", sa.Date(), nullable=True),
        sa.Column("einddatum", sa.Date(), nullable=True),
        sa.Column("beeindigd_date", sa.Date(), nullable=True),
        sa.Column("beeindigd_reden", sa.String(length=200), nullable=True),
        sa.Column("bijgewerkt_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract")),
    )
    op.create_table(
        "contractpartij",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("contract_id", sa.Uuid(), nullable=False),
        sa.Column("aanbieder_agb", sa.String(length=8), nullable=False),
        sa.Column("rol", sa.String(length=30), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contract.id"],
            name=op.f("fk_contractpartij_contract_id_contract"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contractpartij")),
        sa.UniqueConstraint(
            "contract_id", "aanbieder_agb", name=op.f("uq_contractpartij_contract_id")
        ),
    )
    op.create_index(
        op.f("ix_contractpartij_aanbieder_agb"), "contractpartij", ["aanbieder_agb"], unique=False
    )
    op.add_column("aanbieder", sa.Column("straat", sa.String(length=200), nullable=True))
    op.add_column("aanbieder", sa.Column("huisnummer", sa.String(length=20), nullable=True))
    op.add_column("aanbieder", sa.Column("postcode", sa.String(length=6), nullable=True))
    op.add_column("aanbieder", sa.Column("plaats", sa.String(length=100), nullable=True))
    op.add_column(
        "aanbieder",
        sa.Column(
            "capaciteit",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default="[]",
            nullable=False,
        ),
    )
    op.add_column(
        "aanbieder",
        sa.Column(
            "contactpersonen",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default="[]",
            nullable=False,
        ),
    )


def downgrade() -> None:
    op.drop_column("aanbieder", "contactpersonen")
    op.drop_column("aanbieder", "capaciteit")
    op.drop_column("aanbieder", "plaats")
    op.drop_column("aanbieder", "postcode")
    op.drop_column("aanbieder", "huisnummer")
    op.drop_column("aanbieder", "straat")
    op.drop_index(op.f("ix_contractpartij_aanbieder_agb"), table_name="contractpartij")
    op.drop_table("contractpartij")
    op.drop_table("contract")
