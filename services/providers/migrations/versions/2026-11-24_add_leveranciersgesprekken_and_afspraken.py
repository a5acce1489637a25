"""add leveranciersgesprekken and afspraken

Revision ID: c3bc90ef28d1
Revises: 6330ef590d4e
Create Date: 2026-11-24 07:53:25.085257
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "c3bc90ef28d1"
down_revision: str | None = "6330ef590d4e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "leveranciersgesprek",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("aanbieder_id", sa.Uuid(), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("deelnemers", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("onderwerpen", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("verslag", sa.String(length=5000), nullable=True),
        sa.Column("vastgelegd_door", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["aanbieder_id"],
            ["aanbieder.id"],
            name=op.f("fk_leveranciersgesprek_aanbieder_id_aanbieder"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leveranciersgesprek")),
    )
    op.create_index(
        op.f("ix_leveranciersgesprek_aanbieder_id"),
        "leveranciersgesprek",
        ["aanbieder_id"],
        unique=False,
    )
    op.create_table(
        "afspraak",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("leveranciersgesprek_id", sa.Uuid(), nullable=False),
        sa.Column("omschrijving", sa.String(length=1000), nullable=False),
        sa.Column("eigenaar", sa.String(length=200), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("afgerond_date", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["leveranciersgesprek_id"],
            ["leveranciersgesprek.id"],
            name=op.f("fk_afspraak_leveranciersgesprek_id_leveranciersgesprek"),
            ondelete="CASCADE",
        ),
        sa.CheckConstraint("status IN ('open', 'afgerond')", name=op.f("ck_afspraak_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_afspraak")),
    )
    op.create_index(
        op.f("ix_afspraak_leveranciersgesprek_id"),
        "afspraak",
        ["leveranciersgesprek_id"],
        unique=False,
    )
    op.create_index(
        "ix_afspraak_open_deadline",
        "afspraak",
        ["deadline"],
        unique=False,
        postgresql_where=sa.text("status = 'open'"),
    )


def downgrade() -> None:
    op.drop_index(
        "ix_afspraak_open_deadline",
        table_name="afspraak",
        postgresql_where=sa.text("status = 'open'"),
    )
    op.drop_index(op.f("ix_afspraak_leveranciersgesprek_id"), table_name="afspraak")
    op.drop_table("afspraak")
    op.drop_index(op.f("ix_leveranciersgesprek_aanbieder_id"), table_name="leveranciersgesprek")
    op.drop_table("leveranciersgesprek")
