"""add kwaliteitsdocument and verloopmelding

Revision ID: e20d2fe5d400
Revises: 85117bc5d882
Create Date: 2026-11-24 07:37:23.166240
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "e20d2fe5d400"
down_revision: str | None = "85117bc5d882"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kwaliteitsdocument",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("aanbieder_id", sa.Uuid(), nullable=False),
        sa.Column("soort", sa.String(length=40), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("afgiftedatum", sa.Date(), nullable=False),
        sa.Column("vervaldatum", sa.Date(), nullable=True),
        sa.Column("bewijs_referentie", sa.String(length=500), nullable=False),
        sa.Column("is_big_geregistreerd", sa.Boolean(), nullable=True),
        sa.Column("personeelsmix", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("gemiddelde_jaren_ervaring", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["aanbieder_id"],
            ["aanbieder.id"],
            name=op.f("fk_kwaliteitsdocument_aanbieder_id_aanbieder"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kwaliteitsdocument")),
    )
    op.create_index(
        op.f("ix_kwaliteitsdocument_aanbieder_id"),
        "kwaliteitsdocument",
        ["aanbieder_id"],
        unique=False,
    )
    op.create_table(
        "verloopmelding",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kwaliteitsdocument_id", sa.Uuid(), nullable=False),
        sa.Column("drempel_dagen", sa.Integer(), nullable=False),
        sa.Column("gemeld_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["kwaliteitsdocument_id"],
            ["kwaliteitsdocument.id"],
            name=op.f("fk_verloopmelding_kwaliteitsdocument_id_kwaliteitsdocument"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verloopmelding")),
        sa.UniqueConstraint(
            "kwaliteitsdocument_id",
            "drempel_dagen",
            name=op.f("uq_verloopmelding_kwaliteitsdocument_id"),
        ),
    )


def downgrade() -> None:
    op.drop_table("verloopmelding")
    op.drop_index(op.f("ix_kwaliteitsdocument_aanbieder_id"), table_name="kwaliteitsdocument")
    op.drop_table("kwaliteitsdocument")
